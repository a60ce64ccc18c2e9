"""Issue #19.4: the forms real reports use, end to end (town file -> draft -> check)."""

from __future__ import annotations

import pytest

from drafter.compose.phrases import load_bank
from drafter.compose.render import render
from drafter.markup import parse
from drafter.town.load import load_town
from tests.conftest import write


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


# -- approx: 余, 多, 约, 近, 超, 逾 -------------------------------------------------------------------
APPROX = """town: 小溪乡
year: 2024
sections:
  - topic: 民生保障
    items:
      - title: 兜底保障有力
        facts:
          - {what: 发放各类救助资金, value: 600, unit: 万元, approx: 余}
          - {what: 走访慰问困难群众, value: 500, unit: 人, approx: 多}
          - {what: 人均救助, value: 3.5, unit: 万元, approx: 近}
          - {what: 带动消费, value: 95000, unit: 万元, approx: 超}
          - {what: 惠及群众, value: 300, unit: 户, approx: 逾}
"""


def audited(town_text: str, tmp_path, replace: dict[str, str] | None = None):
    """check's audit of a draft built from town_text, after the clerk's edits (replace)."""
    from drafter.check.audit import audit

    town = load_town(write(tmp_path, town_text))
    paragraphs = [b.text for b in parse(render(town, load_bank(), "numbered", 1))]
    for old, new in (replace or {}).items():
        assert any(old in p for p in paragraphs), old
        paragraphs = [p.replace(old, new) for p in paragraphs]
    return audit(town, paragraphs, [], "draft")


def test_approximate_marks_are_written_in_their_place_and_pass_check(tmp_path):
    text = draft(tmp_path, APPROX)
    for form in ("600余万元", "500多人", "近3.5万元", "超9.5亿元", "逾300户"):
        assert form in text
    assert "600万余元" not in text
    result = audited(APPROX, tmp_path)
    assert not (result.numbers or result.coverage), result


def test_check_accepts_a_mark_alike_in_meaning(tmp_path):
    result = audited(APPROX, tmp_path, {"600余万元": "600多万元", "逾300户": "300余户"})
    assert not (result.numbers or result.coverage), result


def test_check_flags_600_wan_yu_yuan_for_600_yu_wan_yuan(tmp_path):
    result = audited(APPROX, tmp_path, {"600余万元": "600万余元"})
    assert result.failed and [f.text for f in result.coverage] == ["600余万元"]
    assert "稿中写作“600万余元”，与“600余万元”不是同一个数" in result.coverage[0].detail
    near = audited(APPROX, tmp_path, {"近3.5万元": "3.5万余元"})  # 近 is less, 余 more: another amount
    assert [f.text for f in near.coverage] == ["近3.5万元"]
