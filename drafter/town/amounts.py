"""Decimal + unit + approx -> the text a report writes for an amount: exact digits, 亿元 scaling, half-up rounding, the
marks of an approximate figure (余, 多, 约, 近, 超, 逾) where a clerk puts them; and whether a rate the clerk stated
agrees with the figures beside it."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext

HUNDRED = Decimal(100)
# Digits Decimal keeps: amounts up to 10^12 over divisors down to 10^-6, as percentages, with decimals to spare.
PRECISION = 40
WAN_PER_YI = Decimal(10000)
# Units whose first character is an order of magnitude (万元, 亿元, 千克): 余 and 多 go before or after it.
MAGNITUDES = "万亿千百"
# The marks an approximate figure may carry. 约, 近, 超, 逾 stand before the number (约3.5万亩, 近3.5万元, 超9.5亿元);
# 余 and 多 after it: before the order of magnitude after a round whole number (600余万元, 500多人: 600万余元 is
# 6,000,000 and a few yuan, another amount), after it otherwise (3.5万余亩, 5万余元, 15万多元).
SIGNS = ("余", "多", "约", "近", "超", "逾")
BEFORE = ("约", "近", "超", "逾")
# What check accepts for a figure the clerk marked so: "more than" marks for one another, 约 for any but 近,
# 近 or 约 for 近 (近3.5万 is less than 3.5万, 3.5万余 more).
ALIKE = {"余": "余多超逾约", "多": "余多超逾约", "超": "余多超逾约", "逾": "余多超逾约", "约": "约余多", "近": "近约"}


def number(value: Decimal) -> str:
    """Decimal -> plain digits, no exponent ('18.91', '35031')."""
    return format(value, "f")


def rounded(value: Decimal, digits: int) -> Decimal:
    """Half-up rounding to `digits` decimals (98.89 -> 98.9 with 1), with room for any amount the schema admits."""
    with localcontext() as context:
        context.prec = max(PRECISION, value.adjusted() + digits + 2)  # room for the digits kept, however large
        return value.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def trimmed(value: Decimal) -> str:
    """Decimal without trailing zeros after the point ('3.50' -> '3.5', '4.00' -> '4')."""
    text = number(value)
    return text.rstrip("0").rstrip(".") if "." in text else text


def percent(part: Decimal, whole: Decimal, digits: int) -> Decimal:
    """part / whole as a percentage, rounded half-up."""
    return rounded(part / whole * HUNDRED, digits)


def mark(approx: object) -> str:
    """The town file's approx (true, a sign of SIGNS, or false) -> the mark it puts on a figure ('' for none)."""
    if approx in SIGNS:
        return str(approx)
    return "余" if approx is True else ""


def round_whole(digits: str) -> bool:
    """True for a whole number a 余 or 多 may follow directly: ten or more and ending in 0 (600, 20; not 5, 15, 3.5)."""
    return "." not in digits and len(digits) > 1 and digits.endswith("0")


def with_mark(digits: str, unit: str, sign: str) -> str:
    """Digits + unit with an approximate mark where a clerk writes it: '600' + '万元' with 余 -> '600余万元';
    '3.5' + '万亩' with 余 -> '3.5万余亩'; '500' + '人' with 多 -> '500多人'; 近 -> '近3.5万元'; 约 -> '约3.5万亩'."""
    if sign in BEFORE:
        return f"{sign}{digits}{unit}"
    if sign and unit and unit[0] in MAGNITUDES and not round_whole(digits):
        return f"{digits}{unit[0]}{sign}{unit[1:]}"
    return f"{digits}{sign}{unit}"


def misplaced(digits: str, unit: str, sign: str) -> str | None:
    """The same digits and unit with 余 or 多 on the wrong side of the order of magnitude (600万余元 for 600余万元),
    which reads as another amount; None when the sign has only one place."""
    if sign not in ("余", "多") or not unit or unit[0] not in MAGNITUDES:
        return None
    right = with_mark(digits, unit, sign)
    wrong = f"{digits}{sign}{unit}" if right != f"{digits}{sign}{unit}" else f"{digits}{unit[0]}{sign}{unit[1:]}"
    return wrong if wrong != right else None


def scalings(value: Decimal, unit: str) -> list[tuple[Decimal, str]]:
    """The same amount in the units a clerk may use for it: 23450万元 = 2.345亿元, 3.5万亩 = 35000亩."""
    out = [(value, unit)]
    if len(unit) > 1 and unit[0] == "万":
        out += [(value * WAN_PER_YI, unit[1:]), (value / WAN_PER_YI, "亿" + unit[1:])]
    elif len(unit) > 1 and unit[0] == "亿":
        out += [(value * WAN_PER_YI, "万" + unit[1:])]
    elif unit and unit[0] not in MAGNITUDES and unit != "%":
        out += [(value / WAN_PER_YI, "万" + unit)]
    return out


def places(value: Decimal) -> int:
    """Decimal places a number was written with (66.8 -> 1, 14 -> 0)."""
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def disagreement(stated: Decimal, part: Decimal, whole: Decimal, growth: bool) -> Decimal | None:
    """None when a rate the clerk stated (growth over whole = last year, or completion of whole = the target) is the
    one part and whole make, rounded to the places the clerk wrote it with; else the rate they make (to those places,
    at least one)."""
    exact = ((part - whole) if growth else part) / whole * HUNDRED
    if rounded(exact, places(stated)) == stated:
        return None
    return rounded(exact, max(1, places(stated)))


# The smallest previous-year value growth is computed from (as for a ratio's whole or a target, model.DIVISOR).
SMALLEST = Decimal("0.000001")


def growth_base(value: Decimal) -> str | None:
    """A previous-year value of 0 leaves growth undefined; one below a millionth is a typing slip (a rate of 10^8 %)."""
    if value == 0:
        return "previous（上年值）为 0，无法计算同比增长率；请删除 previous 或改为非零值"
    return "previous（上年值）过小（小于 0.000001），无法计算同比增长率；请检查单位和小数点" if value < SMALLEST else None


def stated_problems(value: Decimal | None, previous: Decimal | None, growth: Decimal | None, target: Decimal | None,
                    completion: Decimal | None) -> list[tuple[str, str]]:
    """(key, message) for a stated growth or completion that the previous value or target beside it contradicts."""
    out = []
    if value is not None and previous is not None and growth is not None:
        made = disagreement(growth, value, previous, True)
        if made is not None:
            out.append(("growth", f"growth 写的是同比增长 {number(growth)}%，而 value 与 previous 算出的是 {number(made)}%"
                                  f"（{number(value)} / {number(previous)} − 1），两者不符：请改正其中一个；只知道增长率时删去 previous"))
    if value is not None and target is not None and completion is not None:
        made = disagreement(completion, value, target, False)
        if made is not None:
            out.append(("completion", f"completion 写的是完成率 {number(completion)}%，而 value 与 target 算出的是 {number(made)}%"
                                      f"（{number(value)} / {number(target)}），两者不符：请改正其中一个；只知道完成率时删去 target"))
    return out
