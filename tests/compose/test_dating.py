"""A report dated after its summary year (written in January) says neither 今年 nor 明年: its 今年 would be the plan
year. One written in the summary year may say them as before."""

from __future__ import annotations

import datetime as dt

import pytest

from drafter.build.draft import BuildOptions, draft_markup
from drafter.compose.wording import load_wording
from drafter.town.load import load_town
from drafter.town.record import replace
from tests.conftest import ROOT

STYLES = ("numbered", "topical", "congress", "report")


def lists(node: object):
    """Every list of texts in the sentence templates."""
    if isinstance(node, list) and node and all(isinstance(t, str) for t in node):
        yield node
    elif isinstance(node, list):
        for item in node:
            yield from lists(item)
    elif isinstance(node, dict):
        for value in node.values():
            yield from lists(value)


def test_every_choice_that_says_this_or_next_year_has_one_that_does_not():
    dated = [texts for texts in lists(load_wording().sentences) if any("今年" in t or "明年" in t for t in texts)]
    assert dated and all(any("今年" not in t and "明年" not in t for t in texts) for texts in dated)


@pytest.mark.parametrize("style", STYLES)
def test_a_report_written_in_the_plan_year_says_neither_this_year_nor_next(style):
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        town = load_town(path)
        january = replace(town, date=dt.date(town.year + 1, 1, 8))
        for seed in range(8):
            markup = draft_markup(january, BuildOptions(style=style, seed=seed))
            assert "今年" not in markup and "明年" not in markup, (path.name, style, seed)


def test_a_report_written_in_its_summary_year_still_may():
    town = load_town(ROOT / "examples" / "青石镇.yaml")
    assert town.date.year == town.year
    said = [draft_markup(town, BuildOptions(seed=seed)) for seed in range(8)]
    assert any("今年" in m or "明年" in m for m in said)
