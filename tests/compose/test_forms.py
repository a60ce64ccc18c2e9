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


# -- growth and completion without last year's figure or the target --------------------------------
RATES = """town: 小溪乡
year: 2024
superior: 县委、县政府
indicators:
  - {name: 固定资产投资, value: 69341, unit: 万元, growth: 66.8}
  - {name: 农村居民人均可支配收入, growth: 6.5}
  - {name: 规上工业产值, value: 5.2, unit: 亿元, growth: -3.2, completion: 118}
  - {name: 社会消费品零售总额, growth: 0}
sections:
  - topic: 项目建设
    items:
      - facts:
          - {what: 低效用地再开发, value: 95, unit: 亩, completion: 118}
          - {what: 争取上级资金, value: 3200, unit: 万元, growth: 12.5}
          - {what: 新建, figures: [{what: 标准厂房, value: 2, unit: 栋, growth: 100}, {what: 仓储, value: 3, unit: 处}]}
settings: {table: true}
"""


@pytest.mark.parametrize("style", ["numbered", "topical", "congress"])
def test_stated_rates_are_said_as_reports_say_them(tmp_path, style):
    text = draft(tmp_path, RATES, style)
    paragraph = next(p for p in text.split("\n") if "固定资产投资" in p and "\t" not in p)
    assert "6.9341亿元，同比增长66.8%" in paragraph
    assert "；农村居民人均可支配收入增长6.5%；" in paragraph  # the rate alone, in the indicators paragraph
    assert "5.2亿元，同比下降3.2%，完成全年目标任务的118%" in paragraph
    assert "社会消费品零售总额与上年持平" in paragraph
    assert "低效用地再开发95亩，完成全年目标任务的118%" in text
    assert "3200万元，同比增长12.5%" in text and "标准厂房2栋" in text and "同比增长100%" in text


def test_the_indicator_table_shows_a_dash_for_a_value_the_report_does_not_give(tmp_path):
    rows = [line.split("\t") for line in draft(tmp_path, RATES).split("\n") if "\t" in line]
    income = next(r for r in rows if r[0] == "农村居民人均可支配收入")
    assert income[2] == "—" and income[4] == "6.5"
    assert next(r for r in rows if r[0] == "规上工业产值")[4:] == ["-3.2", "—", "118"]


def test_stated_rates_have_their_own_keys_and_pass_check(tmp_path):
    found = figures(tmp_path, RATES)
    assert found["同比增长66.8%"] == "indicators[0].growth"
    assert found["增长6.5%"] == "indicators[1].growth"
    assert found["118%"] in ("indicators[2].completion", "sections[0].items[0].facts[0].completion")
    assert found["同比增长12.5%"] == "sections[0].items[0].facts[1].growth"
    result = audited(RATES, tmp_path)
    assert not (result.numbers or result.coverage), result
    wrong = audited(RATES, tmp_path, {"增长6.5%": "增长5.6%"})
    assert [f.detail for f in wrong.coverage] == ["indicators[1].growth"] and [f.text for f in wrong.numbers] == ["5.6"]


def test_stated_growth_is_marked_and_updated_like_any_figure(tmp_path):
    from drafter.build.draft import BuildOptions, build
    from drafter.update.apply import UpdateOptions, update

    path = write(tmp_path, RATES, "小溪乡.yaml")
    build(path, BuildOptions())
    path.write_text(RATES.replace("growth: 6.5}", "growth: -1.5}").replace("growth: 66.8}", "growth: 70}"), "utf-8")
    report = update(path, path.with_suffix(".docx"), UpdateOptions())
    assert {(c.key, c.before, c.after) for c in report.changed} >= {
        ("indicators[1].growth", "增长6.5%", "下降1.5%"), ("indicators[0].growth", "同比增长66.8%", "同比增长70%")}
    assert any(t.key == "indicators[1].growth" for t in report.turned)


@pytest.mark.parametrize(("line", "key", "words"), [
    ("{name: 产值, value: 18.91, unit: 亿元, previous: 16.58, growth: 15}", "indicators[0].growth",
     "growth 写的是同比增长 15%，而 value 与 previous 算出的是 14.1%（18.91 / 16.58 − 1），两者不符"),
    ("{name: 产值, value: 35031, unit: 万元, target: 40000, completion: 90}", "indicators[0].completion",
     "completion 写的是完成率 90%，而 value 与 target 算出的是 87.6%（35031 / 40000），两者不符"),
    ("{name: 产值, value: 1, growth: -120}", "indicators[0].growth", "不能小于 -100"),
])
def test_a_stated_rate_the_figures_beside_it_contradict_is_an_error(tmp_path, line, key, words):
    from drafter.errors import TownFileError

    path = write(tmp_path, f"town: 小溪乡\nyear: 2024\nindicators:\n  - {line}\n")
    with pytest.raises(TownFileError) as caught:
        load_town(path)
    [problem] = caught.value.problems
    assert (problem.line, problem.key) == (4, key) and words in problem.message


def test_a_stated_rate_that_agrees_to_the_clerks_places_is_fine(tmp_path):
    lines = ("  - {name: 产值, value: 18.91, unit: 亿元, previous: 16.58, growth: 14.1}\n"   # 14.053… to one place
             "  - {name: 投资, value: 18.91, unit: 亿元, previous: 16.58, growth: 14}\n"     # to none
             "  - {name: 收入, value: 35031, unit: 万元, target: 40000, completion: 87.58}\n")
    town = load_town(write(tmp_path, f"town: 小溪乡\nyear: 2024\nindicators:\n{lines}"))
    assert str(town.indicators[0].growth) == "14.1"
    text = draft(tmp_path, f"town: 小溪乡\nyear: 2024\nindicators:\n{lines}")
    assert "同比增长14.1%" in text and "87.6%" in text  # previous and target make the rate said, as before


def test_growth_on_a_fact_needs_its_value(tmp_path):
    from drafter.errors import TownFileError

    path = write(tmp_path, "town: 小溪乡\nyear: 2024\nsections:\n  - topic: 农业\n    items:\n      - facts:\n"
                           "          - {what: 参保率, ratio: [9, 10], growth: 3}\n")
    with pytest.raises(TownFileError) as caught:
        load_town(path)
    assert any(p.key == "sections[0].items[0].facts[0].growth" and "只和 value 一起用" in p.message
               for p in caught.value.problems)


# -- background: the year itself ----------------------------------------------------------------------
BACKGROUND = "town: 小溪乡\nyear: 2022\nsuperior: 县委、县政府\nbackground: [2022年是新一轮财政体制执行的第一年, 这一年，全乡上下经受住了多重考验。]\n"


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_background_opens_the_opening_verbatim_in_every_style(tmp_path, style, seed):
    lines = draft(tmp_path, BACKGROUND, style, seed).split("\n")
    opening = lines[{"congress": 2, "report": 6}.get(style, 1)]  # part heading first; the report's frame before it
    assert opening.startswith("2022年是新一轮财政体制执行的第一年。这一年，全乡上下经受住了多重考验。"), opening
    after = opening.split("考验。", 1)[1]
    assert not after.startswith("2022年"), after  # the year is not named twice in a row
    if style != "topical":
        assert "在县委、县政府" in after


def test_one_background_sentence_may_be_a_string_and_three_are_too_many(tmp_path):
    from drafter.errors import TownFileError

    one = draft(tmp_path, "town: 小溪乡\nyear: 2022\nbackground: 2022年是党的二十大召开之年\n")
    assert one.split("\n")[1].startswith("2022年是党的二十大召开之年。")
    path = write(tmp_path, "town: 小溪乡\nyear: 2022\nbackground: [一, 二, 三]\n")
    with pytest.raises(TownFileError) as caught:
        load_town(path)
    assert [(p.line, p.key) for p in caught.value.problems] == [(3, "background")]
    assert "最多写 2 句" in caught.value.problems[0].message


# -- no level of government the town file does not give ------------------------------------------
@pytest.mark.parametrize("style", STYLES)
def test_without_superior_or_county_the_leadership_is_a_gap_not_an_invented_county(tmp_path, style):
    for seed in range(1, 6):
        text = draft(tmp_path, "town: 小溪乡\nyear: 2024\n" + TWO_PLANS.split("year: 2024\nsuperior: 县委、县政府\n")[1],
                     style, seed)
        assert "县委" not in text and "县政府" not in text and "市委" not in text
        if style != "topical":  # the topical style's opening is the submission line alone
            assert "在【待补充：上级领导机关（superior）】" in text


def mined_guidance(tmp_path, head: str) -> list[str]:
    from drafter.compose.composer import Composer
    from drafter.compose.phrases import Chooser

    town = load_town(write(tmp_path, head + "year: 2022\n"))  # 二十大 phrases belong to 2022-2023
    return Composer(town, load_bank(), Chooser(1), "numbered").opening.mined("guidance")


def test_a_mined_phrase_naming_levels_is_used_only_where_the_town_has_them(tmp_path):
    phrase = "全面贯彻落实党的二十大精神以及省市县委全会精神"
    assert phrase not in mined_guidance(tmp_path, "town: 小溪乡\nsuperior: 市委、市政府\n")
    assert phrase not in mined_guidance(tmp_path, "town: 小溪乡\ncounty: 临溪县\n")
    assert phrase in mined_guidance(tmp_path, "town: 小溪乡\nsuperior: [省委, 市委, 县委、县政府]\n")
    for seed in range(1, 21):
        assert "省市县" not in draft(tmp_path, "town: 小溪乡\nyear: 2022\nsuperior: 市委、市政府\n", "numbered", seed)


@pytest.mark.parametrize(("text", "named"), [
    ("全面贯彻落实党的二十大精神以及省市县委全会精神", {"省", "市", "县"}),
    ("深入贯彻省、市各项决策部署", {"省", "市"}),
    ("指标排名位列全县二类乡镇第1", {"县"}),
    ("创建省级卫生乡镇", {"省"}),
    ("城市建设和超市、社区、景区、园区、市场主体、省道、县道", set()),
])
def test_levels_named_in_a_phrase(text, named):
    from drafter.compose.base import levels

    assert levels(text) == named


# -- a section of two topics --------------------------------------------------------------------------
TWO_TOPICS = """town: 小溪乡
year: 2024
superior: 县委、县政府
sections:
  - topic: [项目建设, 文化旅游]
    items:
      - title: 重点项目加快推进
        facts:
          - {what: 新签约农旅项目, value: 6, unit: 个}
          - {what: 总投资, value: 181500, unit: 万元}
      - title: 全域旅游提档升级
        facts:
          - {what: 接待游客, value: 120, unit: 万人次, previous: 100}
          - {what: 实现旅游综合收入, value: 3.2, unit: 亿元, previous: 2.8}
  - topic: [农业, 特色产业]
    items:
      - facts:
          - {what: 粮食播种面积, value: 5200, unit: 亩}
          - {what: 新建茶园, value: 860, unit: 亩}
plans:
  - topic: [项目建设, 文化旅游]
    items:
      - facts:
          - {what: 新开工项目, value: 5, unit: 个}
"""


def one_sided(wording, pair: tuple[str, str]) -> set[str]:
    """Phrases of one sheet of the pair that the other does not have (each speaks of half a two-topic section)."""
    fields = ("actions", "results", "gains", "aims", "projects", "leads", "plan_leads")
    texts = [{e.text for f in fields for e in wording.sheets[t].get(f)} for t in pair]
    return texts[0] ^ texts[1]


@pytest.mark.parametrize("style", STYLES)
def test_a_two_topic_section_is_headed_in_words_that_fit_both(tmp_path, style):
    from drafter.check.lint import PhraseIndex, units
    from drafter.compose.wording import load_wording
    from drafter.town.lexicon import load_lexicon

    wording = load_wording()
    index = PhraseIndex(wording, load_bank(), load_lexicon())
    half = one_sided(wording, ("项目建设", "文化旅游")) | one_sided(wording, ("农业", "特色产业"))
    town = load_town(write(tmp_path, TWO_TOPICS))
    said = []
    for seed in range(1, 11):
        blocks = parse(render(town, load_bank(), style, seed))
        for part, topic, unit, way in units(blocks, style, town):
            if part != "economy":
                assert "+" in topic and index.unfit(unit, topic, 2024, way) == [], (seed, unit)
                said.append(unit)
                assert not [p for p in half if p in unit], (seed, unit)
        leads = [s.text for b in blocks for s in b.spans if s.kind in ("lead", "runin")]
        assert not [p for p in half for lead in leads if p in lead and len(p) > 4], (seed, leads)
    assert any("项目建设和文化旅游" in u for u in said), said  # the labels joined, not one of them as the whole
    assert not any(u in ("项目建设", "文化旅游") for u in said)


def test_a_two_topic_section_with_a_towns_own_topic(tmp_path):
    text = draft(tmp_path, TWO_TOPICS.replace("topic: [农业, 特色产业]", "topic: [茶产业, 文化旅游]\n    like: 农业"))
    assert "茶产业和文化旅游" in text


def test_a_two_topic_section_answers_last_years_promise_on_either(tmp_path):
    from drafter.check.promises import unkept

    town = load_town(write(tmp_path, TWO_TOPICS + "promises:\n  - {topic: 文化旅游, text: 全域旅游接待游客突破百万}\n"))
    assert unkept(town) == []


@pytest.mark.parametrize(("topic", "words"), [
    ("[项目建设, 文化旅游, 农业]", "一节写一个话题，或两个合为一节"),
    ("[农业, 农业]", "两个话题相同"),
    ("[农业, 旅游业]", "未知话题“旅游业”"),
])
def test_a_bad_topic_list_is_named_at_its_line(tmp_path, topic, words):
    from drafter.errors import TownFileError

    path = write(tmp_path, f"town: 小溪乡\nyear: 2024\nsections:\n  - topic: {topic}\n    items: []\n")
    with pytest.raises(TownFileError) as caught:
        load_town(path)
    assert [(p.line, p.key) for p in caught.value.problems] == [(4, "sections[0].topic")]
    assert words in caught.value.problems[0].message


def test_one_topic_as_a_string_is_the_sections_only_topic(tmp_path):
    town = load_town(write(tmp_path, "town: 小溪乡\nyear: 2024\nsections:\n  - topic: 农业\n  - topic: [农业]\n"))
    assert [s.topics for s in town.sections] == [["农业"], ["农业"]] and town.sections[0].topic == "农业"


# -- the scaffold and README say what each new key does and what happens without it --------------
def test_the_scaffold_and_readme_explain_each_new_form(tmp_path):
    from drafter.build.draft import BuildOptions, build
    from drafter.init.scaffold import scaffold_text
    from tests.conftest import ROOT

    text = scaffold_text()
    readme = (ROOT / "README.md").read_text("utf-8")
    for words in ("growth", "completion", "background", "topic: [项目建设, 文化旅游]", "多 写作", "近", "超", "逾", "填 null",
                  "都不填时这里留【待补充】"):
        assert words in text, words
    for words in ("`growth`", "`completion`", "`background`", "`topic` 写两个", "“600万余元”是另一个数", "`null` 始终用万元",
                  "不编造“县委、县政府”", "规范表述夹在别人的话中间时"):
        assert words in readme, words
    path = tmp_path / "town.yaml"
    path.write_text(text, "utf-8")
    result = build(path, BuildOptions(out=tmp_path / "town.md", fmt="md"))
    assert result.gaps == 0 and "农村居民人均可支配收入增长6.5%" in (tmp_path / "town.md").read_text("utf-8")


def test_an_indicator_over_a_figure_takes_no_verb_before_chao(tmp_path):
    text = draft(tmp_path, "town: 小溪乡\nyear: 2024\nindicators:\n  - {name: 地区生产总值, value: 8, unit: 亿元, approx: 超}\n"
                           "  - {name: 固定资产投资, value: 3.5, unit: 亿元, approx: 近}\n")
    assert "地区生产总值超8亿元" in text and "固定资产投资" in text and "近3.5亿元" in text
