"""Town -> derived figures (growth, completion, ratios, 亿元 scaling) in exact half-up Decimal, with sources."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from drafter.model import Fact, Indicator, Settings

HUNDRED = Decimal(100)
WAN_PER_YI = Decimal(10000)
# Digits kept when 万元 is shown as 亿元 (trailing zeros are dropped).
YI_DIGITS = 2


class Figure(NamedTuple):
    """A number as shown in the draft, with the key path it comes from and, if derived, its formula."""

    text: str
    source: str
    formula: str = ""


class Change(NamedTuple):
    """Year-on-year change: 增长 / 下降 / 持平 and its size (None when 持平)."""

    word: str
    figure: Figure | None


class Quantity(NamedTuple):
    """A user's value with its unit, scaled for display, plus optional change and completion."""

    value: Figure
    change: Change | None = None
    completion: Figure | None = None


def number(value: Decimal) -> str:
    """Decimal -> plain digits, no exponent ('18.91', '35031')."""
    text = format(value, "f")
    return text


def rounded(value: Decimal, digits: int) -> Decimal:
    """Half-up rounding to `digits` decimals (98.89 -> 98.9 with 1)."""
    return value.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def trimmed(value: Decimal) -> str:
    """Decimal without trailing zeros after the point ('3.50' -> '3.5', '4.00' -> '4')."""
    text = number(value)
    return text.rstrip("0").rstrip(".") if "." in text else text


def percent(part: Decimal, whole: Decimal, digits: int) -> Decimal:
    """part / whole as a percentage, rounded half-up."""
    return rounded(part / whole * HUNDRED, digits)


def shown(value: Decimal, unit: str, approx: bool, source: str, settings: Settings) -> Figure:
    """A user value as shown: 万元 from the threshold up becomes 亿元; '余' before the unit.

    An approximate amount keeps its unit ('26800余万元'): '余' does not follow a scaled decimal."""
    more = "余" if approx else ""
    threshold = settings.yi_threshold
    if unit == "万元" and threshold is not None and value >= threshold and not approx:
        yi = trimmed(rounded(value / WAN_PER_YI, YI_DIGITS))
        return Figure(f"{yi}{more}亿元", source, f"{source} {number(value)}万元 ÷ 10000")
    return Figure(f"{number(value)}{more}{unit}", source)


def change(value: Decimal, previous: Decimal, source: str, digits: int) -> Change:
    """Growth of value over previous: wording follows the sign of the rounded rate."""
    rate = percent(value - previous, previous, digits)
    formula = f"{source} {number(value)} / {number(previous)} − 1"
    if rate == 0:
        return Change("持平", None)
    word = "增长" if rate > 0 else "下降"
    return Change(word, Figure(f"{number(abs(rate))}%", f"{source}.previous", formula))


def completion(value: Decimal, target: Decimal, source: str, digits: int) -> Figure:
    """value / target as a percentage."""
    rate = percent(value, target, digits)
    return Figure(f"{number(rate)}%", f"{source}.target", f"{source} {number(value)} / {number(target)}")


def quantity(value: Decimal, unit: str, approx: bool, previous, target, source: str, settings: Settings) -> Quantity:
    """A value with its optional previous-year value and target -> Quantity."""
    digits = settings.percent_digits
    return Quantity(
        shown(value, unit, approx, f"{source}.value", settings),
        change(value, previous, source, digits) if previous is not None else None,
        completion(value, target, source, digits) if target is not None else None,
    )


def indicator(ind: Indicator, source: str, settings: Settings) -> Quantity:
    """An indicator -> its figures."""
    return quantity(ind.value, ind.unit, ind.approx, ind.previous, ind.target, source, settings)


def fact_figures(fact: Fact, source: str, settings: Settings) -> Quantity | Figure | None:
    """A structured fact -> Quantity (value) or Figure (ratio); free text -> None."""
    if fact.ratio is not None:
        part, whole = fact.ratio
        rate = percent(part, whole, settings.percent_digits)
        return Figure(f"{number(rate)}%", f"{source}.ratio", f"{source} {number(part)} / {number(whole)}")
    if fact.value is not None:
        return quantity(fact.value, fact.unit, fact.approx, fact.previous, fact.target, source, settings)
    return None
