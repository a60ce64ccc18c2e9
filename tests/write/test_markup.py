"""The markup contract: parsing, continuation lines, round trip and errors."""

import pytest

from drafter.errors import MarkupError
from drafter.markup import dump, parse

SAMPLE = """@title 青石镇2024年工作总结⟦br⟧和2025年工作计划
@h1 一、2024年工作总结
@p ⟦lead:一是重点项目。⟧完成征地⟦fig:215亩|sections[0].items[0].facts[0].value⟧，
   调解成功率达⟦fig:98.9%|sections[0].items[0].facts[1].ratio|sections[0].items[0].facts[1] 359 / 363⟧。
@p ⟦gap:成文日期（date）|date⟧
"""


def test_parse_blocks_and_spans():
    blocks = parse(SAMPLE)
    assert [b.kind for b in blocks] == ["title", "h1", "p", "p"]
    spans = blocks[2].spans
    assert [s.kind for s in spans] == ["lead", "plain", "fig", "plain", "fig", "plain"]
    assert spans[4].source == "sections[0].items[0].facts[1].ratio"
    assert spans[4].formula == "sections[0].items[0].facts[1] 359 / 363"
    assert blocks[2].text == "一是重点项目。完成征地215亩，调解成功率达98.9%。"
    assert blocks[3].text == "【待补充：成文日期（date）】"
    assert blocks[0].text == "青石镇2024年工作总结\n和2025年工作计划"


def test_round_trip():
    blocks = parse(SAMPLE)
    assert parse(dump(blocks)) == blocks


@pytest.mark.parametrize("bad", ["@x 文本", "文本在前", "@p 残缺⟦fig:1"])
def test_bad_markup_is_a_markup_error(bad):
    with pytest.raises(MarkupError):
        parse(bad)
