"""An approach (how the work was done, drafter's manner before a clerk's figure) says no word of the figure it leads
into: 注重抓早抓小、就地化解，排查化解矛盾纠纷363起 and 严把党员发展入口关，发展党员11名 say a word twice in one breath,
which a clerk would strike."""

from __future__ import annotations

from drafter.compose import facts
from drafter.compose.fit import words
from tests.compose.drafts import draft_every_example


def test_no_approach_says_a_word_of_the_figure_it_leads(monkeypatch):
    placed: list[tuple[str, str]] = []
    approach = facts.Facts.approach

    def recorded(self, item, topic, said=""):
        chosen = approach(self, item, topic, said)
        if chosen:
            placed.append((chosen, item.facts[0].what or ""))
        return chosen

    monkeypatch.setattr(facts.Facts, "approach", recorded)
    draft_every_example()
    assert len(placed) > 100  # (the examples' items take approaches in every style)
    twice = sorted({(a, what, "、".join(sorted(words(a) & words(what)))) for a, what in placed if words(a) & words(what)})
    assert not twice
