"""Issue #9: a town file that can say what a clerk means (numbers, topics, fields) and errors a clerk understands."""

from __future__ import annotations

import pytest

from drafter.compose.phrases import load_bank
from drafter.compose.render import render
from drafter.markup import parse
from drafter.town.load import load_town
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


# -- errors a clerk understands ---------------------------------------------------------------------
def problems(tmp_path, text: str) -> list[str]:
    from drafter.errors import TownFileError

    path = write(tmp_path, text)
    try:
        load_town(path)
    except TownFileError as exc:
        return [str(p).replace(str(path), "town.yaml") for p in exc.problems]
    return []


def test_an_unclosed_quote_is_reported_where_it_opens(tmp_path):
    found = problems(tmp_path, 'town: 青石镇\nyear: 2024\ngoal: "山水青石\nindicators:\n  - {name: 产值, value: 5}\n')
    assert found == ["town.yaml:3：YAML 格式错误：引号没有成对：这一行的引号没有结束（检查缩进、冒号后的空格和引号是否成对）"]


@pytest.mark.parametrize(("text", "line", "words"), [
    ("town: 青石镇\nyear:2024\n", 2, "冒号后缺少空格"),
    ("town: 青石镇\nyear: 2024\nindicators:\n  - {name: 产值, value: 5\n", 4, "花括号没有成对"),
    ("town: 青石镇\nyear: 2024\nsections:\n  - topic: 农业\n    items:\n    - title: x\n   - title: y\n", 7, "缩进不一致"),
])
def test_yaml_syntax_errors_are_chinese_and_at_the_line_to_fix(tmp_path, text, line, words):
    found = problems(tmp_path, text)
    assert len(found) == 1 and found[0].startswith(f"town.yaml:{line}：YAML 格式错误：") and words in found[0]


def test_a_thousands_separator_is_named_as_such(tmp_path):
    found = problems(tmp_path, "town: 青石镇\nyear: 2024\nindicators:\n  - {name: 产值, value: 23,450, unit: 万元}\n"
                               "  - name: 投资\n    value: 23,450\n")
    assert found == [
        "town.yaml:4 [indicators[0].450]：数字里不要写逗号：花括号里的逗号把 23,450 拆成了两项（写成 23450）",
        "town.yaml:6 [indicators[1].value]：数字里不要写逗号：写成 23450",
    ]


def test_a_list_item_where_a_mapping_belongs_says_what_to_write(tmp_path):
    found = problems(tmp_path, "town: 青石镇\nyear: 2024\nsections:\n  - topic: 农业\n    items:\n      - 重点工程推进\n")
    assert found == ["town.yaml:6 [sections[0].items[0]]：这一项应写成 title: 领起句 加 facts: 事实列表（每条事实以“- ”开头）"]


def test_an_unknown_topic_is_matched_by_meaning(tmp_path):
    found = problems(tmp_path, "town: 青石镇\nyear: 2024\nsections:\n  - topic: 茶产业\n")
    assert found == ["town.yaml:4 [sections[0].topic]：未知话题“茶产业”。它像是“特色产业”：可写 topic: 特色产业，"
                     "或保留自己的话题名并加一行 like: 特色产业"]


# -- fields that do what they say -------------------------------------------------------------------
def test_a_towns_own_topic_takes_the_phrases_of_the_one_it_is_like(tmp_path):
    from drafter.check.lint import PhraseIndex
    from drafter.compose.wording import load_wording
    from drafter.town.lexicon import load_lexicon

    text = ("town: 小溪乡\nyear: 2024\nsections:\n  - topic: 茶产业\n    like: 农业\n    items:\n"
            "      - facts: [{what: 新建生态茶园, value: 860, unit: 亩}, {what: 完成粮食播种面积, value: 5200, unit: 亩}]\n")
    index = PhraseIndex(load_wording(), load_bank(), load_lexicon())
    for seed in range(1, 6):
        town = load_town(write(tmp_path, text))
        blocks = parse(render(town, load_bank(), "numbered", seed))
        heading = next(b.text for b in blocks if b.kind == "h2")[3:]
        assert index.unfit(heading, "农业", 2024, None) == [], heading
        assert "茶产业" in heading or any(e.text in heading for f in ("actions", "results", "aims") for e in load_wording().sheets["农业"].get(f))


def test_superior_may_be_a_list_joined_as_reports_join_it(tmp_path):
    text = "town: 小溪乡\nyear: 2024\nsuperior: [县委、县政府, 乡党委]\n"
    opening = body(tmp_path, text, "numbered")
    assert "在县委、县政府和乡党委的" in opening
    congress = body(tmp_path, text, "congress")
    assert "县委、县政府和乡党委的坚强领导" in congress and "乡党委和乡党委" not in congress
    plain = body(tmp_path, "town: 小溪乡\nyear: 2024\nsuperior: 县委、县政府\n", "congress")
    assert "县委、县政府和乡党委的坚强领导" in plain


def test_the_county_is_named_in_the_plan_preamble(tmp_path):
    with_county = body(tmp_path, "town: 青石镇\ncounty: 临溪县\nyear: 2024\n", "numbered")
    assert "为临溪县高质量发展贡献青石力量" in with_county
    assert "贡献" not in body(tmp_path, "town: 青石镇\nsuperior: 县委、县政府\nyear: 2024\n", "numbered")


def test_the_clerks_own_measures_stand_where_seeds_say_how_the_work_was_done(tmp_path):
    text = ("town: 小溪乡\nyear: 2024\nsections:\n  - topic: 民生保障\n    items:\n      - title: 兜底保障有力\n"
            "        measures: 逐户走访核查困难家庭\n        facts: [{what: 纳入低保, value: 96, unit: 人}]\n")
    for style in ("numbered", "topical", "congress"):
        assert "兜底保障有力。逐户走访核查困难家庭，纳入低保96人。" in body(tmp_path, text, style)


def test_the_scaffold_shows_every_key_with_a_chinese_note_and_builds_as_it_is(tmp_path):
    import re

    from drafter.build.draft import BuildOptions, build
    from drafter.init.scaffold import scaffold_text

    text = scaffold_text()
    for key in ("superior", "county", "notice", "like", "heading", "verdict", "title", "measures", "figures", "count",
                "verb", "bound", "resolve", "approx", "ratio", "previous", "target"):
        lines = [ln for ln in text.splitlines() if re.search(rf"\b{key}\b", ln)]
        assert lines, key
        assert any(re.search(r"[\u4e00-\u9fff]", ln.split("#", 1)[-1]) for ln in lines if "#" in ln), key
    path = tmp_path / "town.yaml"
    path.write_text(text, "utf-8")
    result = build(path, BuildOptions(out=tmp_path / "town.docx"))
    assert result.gaps == 0
