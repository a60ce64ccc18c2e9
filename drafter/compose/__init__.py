"""Composing: a validated Town + the phrase bank + a seeded chooser + a style -> markup text.

In: drafter.town.model.Town, the mined phrase bank (phrasebank/), the team's wording (drafter/data: topic sheets,
sentence templates, usage rules) and a style's Jinja templates (templates/<style>/). Out: markup text (drafter.markup).

render (the sandboxed Jinja environment) calls the Composer (composer), whose parts each write one part of the report:
opening (title, opening paragraph, report clause, part headings) · headings (section headings, verdicts) ·
facts (figures, items, indicators) · plans (problems, plan preamble, leads, targets) · closing (honours, thanks).
What fits where is decided by palette (topic sheets + mined bank) and fit; phrases (bank + chooser) and wording
(packaged data) are read once and cached."""
