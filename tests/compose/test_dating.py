"""How the plan's year is named: a report dated after its summary year (written in January) says neither 今年 nor 明年
(its 今年 would be the plan year; one written in the summary year may say them as before), and the plan's opening does
not name the year, or say 做好, twice running."""

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


def test_the_plans_opening_does_not_say_again_what_the_weight_sentence_said():
    """做好新一年的工作，意义重大。做好全年工作，总的要求是：… and 做好明年工作，意义十分重大。明年工作的总体思路是：… read
    as a slip: the requirements' opening shares no word with the sentence before it where another choice is free."""
    repeats = []
    for path in [*sorted((ROOT / "examples").glob("*.yaml")), *sorted((ROOT / "bench" / "realistic").glob("*.yaml"))]:
        town = load_town(path)
        for style in STYLES:
            for seed in range(6):
                markup = draft_markup(town, BuildOptions(style=style, seed=seed))
                para = next((line for line in markup.splitlines() if "规划" in line and ("之年" in line)
                             and ("要求" in line or "思路" in line or "我们将" in line or "上下将" in line)), "")
                if para.count("紧扣") > 1:  # (紧扣上级部署要求，紧扣“…”目标)
                    repeats.append((path.name, style, seed, "紧扣", para[:40]))
                sentences = para.split("。")
                for first, second in zip(sentences, sentences[1:]):
                    opener = second.split("：")[0].split("，")[0]
                    for word in ("做好", "明年", "新一年", "新的一年", "全年"):
                        if word in first.split("，")[-1] + first and word in opener:
                            repeats.append((path.name, style, seed, first[-20:], opener))
    assert not repeats, repeats[:5]


def test_say_passes_over_a_choice_that_repeats_the_sentence_before():
    from drafter.compose.base import Context
    from drafter.compose.phrases import Chooser, load_bank

    town = load_town(ROOT / "examples" / "青石镇.yaml")
    ctx = Context(town, load_bank(), Chooser(1), "numbered")
    for seed in range(20):
        ctx.choose = Chooser(seed)
        said = ctx.say("test.opener", ["做好全年工作，总的要求是：", "政府工作总的要求是：", "新一年工作的总体要求是："],
                       after="做好新一年的工作，意义重大")
        assert said == "政府工作总的要求是："
