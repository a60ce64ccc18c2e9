"""Issue #9: a town file that can say what a clerk means (numbers, topics, fields) and errors a clerk understands."""

from __future__ import annotations

from drafter.load import load_town
from drafter.markup import parse
from drafter.phrases import load_bank
from drafter.render import render
from tests.conftest import write


def body(tmp_path, text: str, style: str = "numbered", seed: int = 1) -> str:
    town = load_town(write(tmp_path, text))
    return "".join(b.text for b in parse(render(town, load_bank(), style, seed)))


FACTS = """town: 小溪乡
year: 2024
sections:
  - topic: 民生保障
    items:
      - title: 兜底保障有力
        facts:
          - {what: 纳入低保, figures: [{value: 412, unit: 户}, {value: 603, unit: 人}]}
          - {what: 临时救助, value: 58, unit: 人次}
          - {what: 发放临时救助金, value: 17.6, unit: 万元}
          - {what: 城乡居民医保参保率, ratio: [13480, 13769], unit: 人, count: 参保}
  - topic: 农业
    items:
      - facts:
          - {what: 培育, figures: [{what: 家庭农场, value: 11, unit: 家}, {what: 农民专业合作社, value: 19, unit: 家}]}
          - {what: 茶园面积, value: 3.5, unit: 万亩, approx: 约}
          - {what: 清理疫木, value: 2300, unit: 吨, approx: 余}
plans:
  - topic: 集体经济
    items:
      - facts:
          - {what: 村级集体经济总收入, value: 8000, unit: 万元, verb: 突破, resolve: 力争}
          - {what: 新建共富工坊, value: 15, unit: 个, bound: 以上, resolve: false}
          - {what: 医保参保率, value: 95, unit: "%", verb: 保持在, bound: 以上}
"""


def test_facts_say_several_figures_counts_and_approximations_as_a_clerk_writes_them(tmp_path):
    text = body(tmp_path, FACTS)
    assert "纳入低保412户603人" in text
    assert "临时救助58人次，发放临时救助金17.6万元" in text
    assert "参保13480人，城乡居民医保参保率达97.9%" in text
    assert "培育家庭农场11家、农民专业合作社19家" in text
    assert "茶园面积约3.5万亩" in text and "清理疫木2300余吨" in text


def test_plan_qualifiers_are_keys_not_words_in_what(tmp_path):
    text = body(tmp_path, FACTS)
    assert "力争村级集体经济总收入突破8000万元" in text
    assert "新建共富工坊15个以上" in text and "确保新建共富工坊" not in text and "力争新建共富工坊" not in text
    assert "医保参保率保持在95%以上" in text


def test_every_figure_of_a_several_figure_fact_keeps_its_source(tmp_path):
    town = load_town(write(tmp_path, FACTS))
    spans = [s for b in parse(render(town, load_bank(), "numbered", 1)) for s in b.spans if s.kind == "fig"]
    sources = {s.text: s.source for s in spans}
    assert sources["412户"] == "sections[0].items[0].facts[0].figures[0].value"
    assert sources["603人"] == "sections[0].items[0].facts[0].figures[1].value"
    assert sources["13480人"] == "sections[0].items[0].facts[3].ratio[0]"
