"""Issue #19.4: the forms real reports use, end to end (town file -> draft -> check)."""

from __future__ import annotations

import pytest

from drafter.compose.phrases import load_bank
from drafter.compose.render import render
from drafter.markup import parse
from drafter.town.load import load_town
from tests.conftest import STYLES, write


def draft(tmp_path, text: str, style: str = "numbered", seed: int = 1) -> str:
    """The draft's text, paragraphs joined by newlines."""
    town = load_town(write(tmp_path, text))
    return "\n".join(b.text for b in parse(render(town, load_bank(), style, seed)))


def figures(tmp_path, text: str, style: str = "numbered") -> dict[str, str]:
    """{figure text: source key} of every figure the draft marks."""
    town = load_town(write(tmp_path, text))
    return {s.text: s.source for b in parse(render(town, load_bank(), style, 1)) for s in b.spans if s.kind == "fig"}


# -- settings: {yi_threshold: null} ----------------------------------------------------------------
def test_yi_threshold_null_keeps_wan_yuan(tmp_path):
    base = "town: 小溪乡\nyear: 2024\nindicators:\n  - {name: 固定资产投资, value: 69341, unit: 万元}\n"
    assert "固定资产投资完成6.9341亿元" in draft(tmp_path, base).replace("实现", "完成").replace("达到", "完成")
    kept = draft(tmp_path, base + "settings: {yi_threshold: null}\n")
    assert "69341万元" in kept and "亿元" not in kept
    town = load_town(write(tmp_path, base + "settings: {yi_threshold: null, table: true}\n"))
    assert town.settings.yi_threshold is None


def test_yi_threshold_left_out_is_ten_thousand(tmp_path):
    town = load_town(write(tmp_path, "town: 小溪乡\nyear: 2024\nsettings: {percent_digits: 2}\n"))
    assert town.settings.yi_threshold == 10000


# -- 两, never 二, before a measure word -------------------------------------------------------------
TWO_PLANS = """town: 小溪乡
year: 2024
superior: 县委、县政府
plans:
  - topic: 农业
    items: [{facts: [{what: 新建高标准农田, value: 1200, unit: 亩}]}]
  - topic: 民生保障
    items: [{facts: [{what: 新增城镇就业, value: 150, unit: 人}]}]
"""


@pytest.mark.parametrize("seed", range(1, 6))
def test_two_plan_parts_are_announced_with_liang(tmp_path, seed):
    text = draft(tmp_path, TWO_PLANS, "congress", seed)
    assert "以下两个方面" in text or "两大工程" in text
    assert "二个" not in text and "二大" not in text
