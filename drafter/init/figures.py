"""Figures in last year's words -> indicator figures (this year's previous values, from the paragraph that is an
indicator paragraph, never guessed) and the figures a plan promised (拟新增…500亩 -> 500 亩)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from drafter.tuples import NamedTuple

HAN = "\u4e00-\u9fff"
UNITS = ("亿元|万元|元|万吨|吨|万公斤|公斤|万亩|亩|公顷|万平方米|平方米|万立方米|立方米|公里|千米|万人次|人次|万人|人|户|家|个|座|所|条|"
         "处|项|场次|场|次|名|套|台|辆|头|只|万羽|羽|万株|株|棵|间|栋|幢|盏|千瓦|兆瓦|批|件|支|%")
NUMBER = r"[0-9*＊][0-9.,*＊]*"
# A clause's figure: what, an optional verb, a number (digits, or masked with *), an optional 余/多, a unit.
FIGURE = re.compile(rf"([{HAN}“”、]{{2,24}}?)(?:累计|实现|完成|达到|达|为|共|超|近|约)?({NUMBER})(?:余|多)?({UNITS})(以上)?")
LEADING = re.compile(r"^(?:[、，]|可实现|可|全[乡镇]|[乡镇]域|我[乡镇]|本[乡镇]|其中|累计|实现|完成|共|全年|年度|年|度|预计|今年|当年|同时|"
                     r"[\d\-月份年*]+)+")
TRAILING = re.compile(r"(?:累计|实现|完成|达到|达|为|共|超|近|约|分别|预计|稳定在|保持在)+$")
INDICATOR_UNITS = ("亿元", "万元", "元", "万吨", "吨", "万公斤", "公斤")
NOT_INDICATOR = ("同比", "增长", "下降", "占", "任务的", "比重", "分别", "目标", "排名", "第")
# An indicator names an economic aggregate: a figure named otherwise (内可竣工, 壬田) is not one.
AGGREGATE = re.compile(r"生产总值|总产值|工农业总值|产值|财政|预算收入|预算支出|税收|固定资产投资|投资|零售|营业收入|利润|可支配收入|纯收入|"
                       r"经济总收入|经营收入|招商引资|引资|到位资金|出口|进出口|总收入|总量|增加值|用电量")
AMOUNT = re.compile(rf"({NUMBER})(?:余|多)?({UNITS})(以上)?")
RESOLVE = re.compile(r"^(?:力争|确保|计划|拟|预计|争取|全年|年内|新的一年|明年|今年|\d{4}年)+")


class Figure(NamedTuple):
    """A figure of last year's: what it counts, its value (None when masked), unit, and the clause it was in."""

    what: str
    value: Decimal | None
    unit: str
    clause: str


def number(text: str) -> Decimal | None:
    """'1,431.5' -> Decimal; None for a masked or broken number."""
    digits = text.replace(",", "")
    if "*" in digits or "＊" in digits:
        return None
    try:
        return Decimal(digits.rstrip("."))
    except InvalidOperation:
        return None


def clauses(text: str) -> list[str]:
    """A paragraph's clauses, split at ，；。"""
    return [c.strip() for c in re.split(r"[，；。：]", text) if c.strip()]


def indicator_figures(text: str) -> list[Figure]:
    """The indicator figures of a paragraph: each clause's first absolute figure whose name is an aggregate."""
    out: list[Figure] = []
    for clause in clauses(text):
        for match in FIGURE.finditer(clause):
            if match.group(3) not in INDICATOR_UNITS or any(w in clause[: match.start(2)] for w in NOT_INDICATOR):
                break
            name = re.split(r"实现|完成|达到", match.group(1).split("、")[-1])[-1]
            name = TRAILING.sub("", LEADING.sub("", re.sub(r"^[万亿]?(?:公斤|吨|亩|元|个|人|户)", "", name)))
            if (len(name) < 4 and name != "税收") or not AGGREGATE.search(name) or name in {f.what for f in out}:
                break
            out.append(Figure(name, number(match.group(2)), match.group(3), clause))
    return out


def indicator_score(text: str) -> int:
    """How many indicator figures a paragraph gives (a paragraph with two or more is an indicator paragraph)."""
    return len(indicator_figures(text))


def promised(text: str) -> list[Figure]:
    """The figures a plan's words promise: each clause's figures with what they count; years, dates, ranks and
    ranges (1—2家) are not promises."""
    out: list[Figure] = []
    for clause in clauses(text):
        clause = re.sub(r"\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?|\d{1,2}月(?:\d{1,2}日)?|第\d+", "", clause)
        clause = re.sub(rf"\d+(?:\.\d+)?[—\-~～至]\d+(?:\.\d+)?(?:{UNITS})", "", clause)
        start = 0
        last = ""
        for match in AMOUNT.finditer(clause):
            if match.start() > 0 and re.match(r"[\d.]", clause[match.start() - 1]):
                continue
            value = number(match.group(1))
            what = RESOLVE.sub("", TRAILING.sub("", clause[start: match.start()].strip("、，")))
            what = re.sub(r"^[、，和及]", "", what)
            after = re.match(rf"[{HAN}“”]{{2,16}}", clause[match.end():])
            if after and len(what) <= 4 and not AMOUNT.search(clause[match.end():]):
                what += after.group(0)
            start = match.end()
            what = what or last
            if value is None or not re.search(f"[{HAN}]", what):
                continue
            last = what
            out.append(Figure(what[-24:], value, match.group(2), clause))
    return out
