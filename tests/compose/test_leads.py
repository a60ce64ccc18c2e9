"""A lead (drafter's framing sentence under a heading or a verdict) says no word of what stands right before it nor of
the item titles right after it, the work's own name aside: 多措并举，增强村级造血功能 / 推动村集体由输血向造血转变 and
把维护稳定作为第一责任。守牢安全稳定底线。 say a word twice in two breaths. A section with no such lead has none (a lead
is drafter's framing, never a fact)."""

from __future__ import annotations

from drafter.compose import palette
from drafter.compose.fit import words
from tests.compose.drafts import draft_every_example


def test_a_lead_says_no_word_of_the_heading_above_or_the_titles_below(monkeypatch):
    placed: list[tuple[str, frozenset[str]]] = []  # (lead, the words it must not say)
    sentence = palette.Palette.sentence

    def recorded(self, field, section, said=""):
        lead = sentence(self, field, section, said)
        if lead:
            titles = "\n".join(item.title for item in section.items if item.title)
            placed.append((lead, (words(said) | words(titles)) - words(self.label(tuple(section.topics)))))
        return lead

    monkeypatch.setattr(palette.Palette, "sentence", recorded)
    draft_every_example()
    assert len(placed) > 150  # (most sections keep a lead)
    repeats = sorted({(lead, "、".join(sorted(words(lead) & near))) for lead, near in placed if words(lead) & near})
    assert not repeats
