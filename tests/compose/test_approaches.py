"""An approach (how the work was done, drafter's manner before a clerk's figure) says no word of the figure it leads
into: 注重抓早抓小、就地化解，排查化解矛盾纠纷363起 and 严把党员发展入口关，发展党员11名 say a word twice in one breath,
which a clerk would strike."""

from __future__ import annotations

from drafter.build.draft import BuildOptions, draft_markup, load_town
from drafter.compose import facts
from drafter.compose.fit import words
from drafter.compose.render import STYLES
from tests.conftest import ROOT


def test_no_approach_says_a_word_of_the_figure_it_leads(monkeypatch):
    placed: list[tuple[str, str]] = []
    approach = facts.Facts.approach

    def recorded(self, item, topic, said=""):
        chosen = approach(self, item, topic, said)
        if chosen:
            placed.append((chosen, item.facts[0].what or ""))
        return chosen

    monkeypatch.setattr(facts.Facts, "approach", recorded)
    towns = sorted((ROOT / "examples").glob("*.yaml")) + sorted((ROOT / "bench" / "realistic").glob("*.yaml"))
    for path in towns:
        town = load_town(path)
        for style in STYLES:
            for seed in (1, 2, 3):
                draft_markup(town, BuildOptions(style=style, seed=seed))
    assert len(placed) > 100  # (the examples' items take approaches in every style)
    twice = sorted({(a, what, "、".join(sorted(words(a) & words(what)))) for a, what in placed if words(a) & words(what)})
    assert not twice
