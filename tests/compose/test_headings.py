"""The heading search's early give-up changes no heading: it only skips tries that could not succeed."""

from __future__ import annotations

import pytest

from drafter.build.draft import BuildOptions, draft_markup
from drafter.compose import headings
from drafter.town.load import load_town
from tests.conftest import EXAMPLES, STYLES


def markups(towns: list, seeds: range) -> list[str]:
    """Every example's draft in every style for each seed, as markup."""
    return [draft_markup(town, BuildOptions(style=style, seed=seed)) for town in towns for style in STYLES for seed in seeds]


def test_giving_up_on_a_form_whose_later_slot_has_nothing_changes_no_draft(monkeypatch: pytest.MonkeyPatch) -> None:
    towns = [load_town(path) for path in sorted(EXAMPLES.glob("*.yaml"))]
    original = headings.Headings.candidates
    gave_up = []

    def counted(self: headings.Headings, slot: str, want: headings.Want, keep, drawn: bool = True) -> list:
        found = original(self, slot, want, keep, drawn)
        if not drawn and not found:
            gave_up.append(want.form)
        return found

    monkeypatch.setattr(headings.Headings, "candidates", counted)
    quick = markups(towns, range(1, 4))
    assert gave_up, "no draft of the examples met a form given up early: the test would show nothing"

    def exhaustive(self: headings.Headings, slot: str, want: headings.Want, keep, drawn: bool = True) -> list:
        found = original(self, slot, want, keep, drawn)
        return found if drawn else [None]  # never empty at the start: every choice of the earlier slots is tried

    monkeypatch.setattr(headings.Headings, "candidates", exhaustive)
    assert markups(towns, range(1, 4)) == quick
