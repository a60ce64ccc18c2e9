"""Issue #19.2-3: facts broken into sentences as real reports break them, each figure where its phrase puts it, no
verb said twice, and a plan's 拟 kept as the clerk wrote it."""

from __future__ import annotations

import re

import pytest

from drafter.build.draft import BuildOptions, build
from drafter.compose.facts import FIGURE, FREE, LISTED, MOST_FACTS, TAIL, sentences
from drafter.errors import TownFileError
from tests.conftest import STYLES, write

TOWN = """town: 石门乡
year: 2023
superior: 县委、县政府
sections:
  - topic: 文化旅游
    items:
      - title: 农旅融合项目落地
        facts:
          - {what: 新签约农旅项目, value: 6, unit: 个}
          - {what: 总投资, value: 18.15, unit: 亿元}
          - 云溪庄园一期建成运营，当年接待游客4.2万人次
          - {what: "山水山庄等{}项目通过市项目预审", value: 3, unit: 个}
          - {what: 完成规上工业总产值, value: 16.84, unit: 亿元}
          - {what: 新建游步道, value: 12, unit: 公里}
          - {what: 配备导览标识, value: 40, unit: 块}
          - {what: 培训民宿从业人员, value: 120, unit: 人次}
          - {what: 文旅综合收入, value: 1.2, unit: 亿元, approx: 超}
          - {what: 游客人均消费, value: 580, unit: 元, approx: 近}
plans:
  - topic: 特色产业
    items:
      - title: 扩大蔬菜基地
        facts:
          - {what: 拟新增标准化、无公害蔬菜种植面积, value: 500, unit: 亩}
"""


@pytest.mark.parametrize("style", STYLES)
def test_facts_read_as_real_sentences(tmp_path, style):
    text = build(write(tmp_path, TOWN), BuildOptions(style=style, out=tmp_path / "d.txt", fmt="txt")).path.read_text("utf-8")
    assert "新签约农旅项目6个，总投资18.15亿元" in text  # figures of one piece of work share a sentence
    assert "云溪庄园一期建成运营，当年接待游客4.2万人次。" in text  # an event stands as its own sentence
    assert "山水山庄等3个项目通过市项目预审" in text and "预审3个" not in text  # the figure where the phrase puts it
    assert "完成规上工业总产值16.84亿元" in text and "完成16.84" not in text  # no second verb
    assert "文旅综合收入超1.2亿元" in text  # 超 says what a verb would
    assert "游客人均消费近580元" in text  # no verb of attainment before an estimate
    assert "拟新增标准化、无公害蔬菜种植面积500亩" in text and "确保拟" not in text and "力争拟" not in text
    for sentence_ in re.split(r"[。；！？]", text):  # no sentence of drafter's joins four or more of the clerk's facts
        figures = re.findall(r"\d+(?:\.\d+)?(?:个|亿元|公里|块|人次|亩)(?!的)", sentence_)
        assert len(figures) <= MOST_FACTS, sentence_


def test_sentences_group_figures_and_keep_events_apart():
    facts = [("完成项目征地412.6亩", FIGURE), ("签订征迁协议63户", FIGURE), ("保障351国道拓宽工程建设，主体已基本完工", FREE),
             ("排查化解矛盾纠纷363起", FIGURE), ("调解成功率达98.9%", FIGURE), ("全年未发生赴省进京集体访", TAIL),
             ("青石村入选省级名单", FREE), ("发展党员11名", FIGURE), ("整改隐患215处", FIGURE), ("开展检查67次", FIGURE),
             ("全年未发生较大事故", TAIL)]
    assert sentences(facts) == ["完成项目征地412.6亩，签订征迁协议63户", "保障351国道拓宽工程建设，主体已基本完工",
                                "排查化解矛盾纠纷363起，调解成功率达98.9%，全年未发生赴省进京集体访",  # a result closes its sentence
                                "青石村入选省级名单", "发展党员11名，整改隐患215处，开展检查67次",
                                "全年未发生较大事故"]  # but never as a fourth fact
    five = [(f"指标{k}增长到{k}项", FIGURE) for k in range(5)]  # a long run is cut evenly, never one figure left alone
    assert [s.count("，") + 1 for s in sentences(five)] == [2, 3]
    assert [s.count("，") + 1 for s in sentences(five[:4])] == [2, 2]
    listed = [(t, LISTED) for t in ("谈话提醒63人次", "责令检查7人次", "通报批评1人次", "立案9件")]
    assert sentences(listed) == ["谈话提醒63人次、责令检查7人次、通报批评1人次、立案9件"]  # a list is not cut


def test_a_slot_for_each_figure(tmp_path):
    bad = TOWN.replace('"山水山庄等{}项目通过市项目预审"', '"山水山庄等{}项目{}通过预审"')
    with pytest.raises(TownFileError) as caught:
        build(write(tmp_path, bad), BuildOptions(out=tmp_path / "d.txt", fmt="txt"))
    assert "{}" in str(caught.value)
