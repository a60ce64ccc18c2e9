"""Issue #19.4: approximate figures as real reports write them — 余, 多, 约, 近, 超, 逾, each in its place."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from drafter.town import derive
from drafter.town.amounts import misplaced, with_mark
from drafter.town.model import Settings


@pytest.mark.parametrize(
    "value, unit, approx, expected",
    [
        (D(600), "万元", "余", "600余万元"),     # a round whole number: 余 before the 万 (600万余元 is another amount)
        (D(600), "万元", True, "600余万元"),     # true is 余
        (D(20), "亿元", "余", "20余亿元"),
        (D("3.5"), "万亩", "余", "3.5万余亩"),   # not whole: after the 万
        (D(5), "万元", "余", "5万余元"),         # one digit: 5余万元 is not said
        (D(15), "万元", "余", "15万余元"),       # 15余 is not said either
        (D(500), "人", "多", "500多人"),
        (D(600), "万元", "多", "600多万元"),
        (D("3.5"), "万元", "近", "近3.5万元"),
        (D(95000), "万元", "超", "超9.5亿元"),   # before the number, after the 亿元 scaling
        (D(300), "户", "逾", "逾300户"),
        (D("3.5"), "万亩", "约", "约3.5万亩"),
        (D(2300), "吨", "余", "2300余吨"),
    ],
)
def test_each_mark_stands_where_a_clerk_puts_it(value, unit, approx, expected):
    assert derive.shown(value, unit, approx, "k", Settings()).text == expected


def test_the_wrong_side_of_wan_is_named():
    assert misplaced("600", "万元", "余") == "600万余元"
    assert misplaced("3.5", "万亩", "余") == "3.5余万亩"
    assert misplaced("2300", "吨", "余") is None and misplaced("3.5", "万元", "近") is None
    assert with_mark("600", "万元", "") == "600万元"


def test_check_accepts_marks_alike_in_meaning_and_never_the_misplaced_one():
    figure = derive.shown(D(600), "万元", "余", "k", Settings())
    forms = derive.forms(figure, 1)
    assert {"600余万元", "600多万元", "超600万元", "逾600万元", "约600万元", "6000000余元"} <= forms
    assert "600万余元" not in forms and "近600万元" not in forms
    assert "600万余元" in derive.wrong_forms(figure) and "600余万元" not in derive.wrong_forms(figure)
    near = derive.shown(D("3.5"), "万元", "近", "k", Settings())
    assert "约3.5万元" in derive.forms(near, 1) and "3.5万余元" not in derive.forms(near, 1)
