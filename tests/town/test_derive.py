"""Derived figures against hand-computed values (exact half-up Decimal)."""

from decimal import Decimal as D

import pytest

from drafter.town import derive
from drafter.town.model import Settings


@pytest.mark.parametrize(
    "part, whole, digits, expected",
    [
        (359, 363, 1, "98.9"),     # seed 000: 调解成功率达98.9%
        (1, 8, 1, "12.5"),         # 12.5 exactly
        (1, 16, 2, "6.25"),        # 6.25 exactly
        (1, 40, 1, "2.5"),         # 2.5 exactly: half-up to one decimal keeps it
        (5, 8, 0, "63"),           # 62.5 -> 63 (half-up, not banker's 62)
        (45, 200, 0, "23"),        # 22.5 -> 23
        (12, 12, 1, "100.0"),
    ],
)
def test_percent_is_half_up(part, whole, digits, expected):
    assert str(derive.percent(D(part), D(whole), digits)) == expected


def test_growth_wording_follows_sign():
    up = derive.change(D("18.91"), D("16.58"), "indicators[0]", 1)
    assert (up.word, up.figure.text) == ("增长", "14.1%")  # 18.91/16.58 = 1.14053
    assert up.figure.formula == "indicators[0] 18.91 / 16.58 − 1"
    down = derive.change(D(90), D(100), "x", 1)
    assert (down.word, down.figure.text) == ("下降", "10.0%")
    flat = derive.change(D("100.04"), D(100), "x", 1)  # +0.04% rounds to 0.0 -> 持平
    assert flat.word == "持平" and flat.figure is None


def test_seed_growth_figures():
    # seed 002: 限上社会消费品零售额2532万元，同比增长55.81% -> previous 1625 gives 55.82 at 2 digits
    assert derive.change(D(2532), D(1625), "x", 2).figure.text == "55.82%"
    assert derive.change(D(2532), D(1625), "x", 1).figure.text == "55.8%"


def test_completion_of_target():
    assert derive.completion(D(35031), D(40000), "i", 1).text == "87.6%"   # 0.875775
    assert derive.completion(D(5320), D(5200), "i", 1).text == "102.3%"   # 1.023077


def test_wan_shown_as_yi_from_threshold_without_losing_digits():
    s = Settings()
    assert derive.shown(D(23450), "万元", False, "k", s).text == "2.345亿元"  # issue #9: not 2.35亿元
    assert derive.shown(D(35031), "万元", False, "k", s).text == "3.5031亿元"
    assert derive.shown(D(26800), "万元", False, "k", s).text == "2.68亿元"
    assert derive.shown(D(10000), "万元", False, "k", s).text == "1亿元"
    assert derive.shown(D(9999), "万元", False, "k", s).text == "9999万元"
    assert derive.shown(D(12345), "万元", False, "k", Settings(yi_threshold=None)).text == "12345万元"
    assert derive.shown(D(35031), "万元", False, "k", s).formula == "k 35031万元 ÷ 10000"


@pytest.mark.parametrize(
    "value, unit, approx, expected",
    [
        (D(8500), "人", True, "8500余人"),        # true keeps meaning 余
        (D(2300), "吨", "余", "2300余吨"),
        (D("3.5"), "万亩", "余", "3.5万余亩"),    # 余 after the order of magnitude, not 3.5余万亩
        (D("3.5"), "万亩", "约", "约3.5万亩"),
        (D(26800), "万元", True, "2.68亿余元"),
        (D(26800), "万元", "约", "约2.68亿元"),
        (D(420), "亩", False, "420亩"),
    ],
)
def test_approximate_values_say_yu_or_yue_where_a_clerk_does(value, unit, approx, expected):
    assert derive.shown(value, unit, approx, "k", Settings()).text == expected


def test_derived_figures_name_what_they_are():
    q = derive.quantity(D(110), "万元", False, D(100), D(200), "indicators[0]", Settings())
    assert q.value.source == "indicators[0].value"
    assert q.change.figure.source == "indicators[0].change" and q.change.figure.kind == "rate"
    assert q.completion.source == "indicators[0].completion" and q.completion.value == D(55)


def test_a_fact_with_several_figures_gives_each_its_source():
    from drafter.town.model import Fact, Part

    fact = Fact(what="纳入低保", figures=[Part(D(412), "户"), Part(D(603), "人")])
    found = derive.fact_figures(fact, "sections[0].items[0].facts[0]", Settings())
    assert [(f.text, f.source) for f in found.all()] == [
        ("412户", "sections[0].items[0].facts[0].figures[0].value"),
        ("603人", "sections[0].items[0].facts[0].figures[1].value"),
    ]


def test_a_ratio_can_show_its_count():
    from drafter.town.model import Fact

    fact = Fact(what="参保率", ratio=(D(13480), D(13769)), unit="人", count="参保")
    found = derive.fact_figures(fact, "f", Settings())
    assert (found.count.text, found.count.source) == ("13480人", "f.ratio[0]")
    assert found.rate.text == "97.9%"
