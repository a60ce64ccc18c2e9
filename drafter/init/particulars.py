"""Last year's report (its title, front matter, page metadata and body) -> the town's particulars: its name (never
a superior's, never a masked or generic word), 乡 or 镇, county, superior, issuer, and this year, read from the
title, the part headings, the opening or the occasion line, each with where it came from."""

from __future__ import annotations

import re

from drafter.init.webcopy import Cleaned
from drafter.tuples import NamedTuple

HAN = "\u4e00-\u9fff"
MASK = "xX×*＊某"
PLAN_WORD = "(?:计划|谋划|打算|思路|要点|安排|重点任务)"
REVIEW_WORD = "(?:工作回顾|工作总结|主要工作|工作推进情况|工作开展情况|工作亮点|工作任务完成情况|完成情况|工作情况)"
# Title forms: both years (2022年工作总结和2023年工作计划), a plan alone, a summary alone, a 政府工作报告.
BOTH = re.compile(rf"(\d{{4}})年?度?.{{0,8}}?总结.{{0,12}}?(\d{{4}})年?度?.{{0,8}}?{PLAN_WORD}")
PLAN_ONLY = re.compile(rf"(\d{{4}})年?度?(?:政府|镇政府|乡政府)?(?:重点)?工作{PLAN_WORD}")
SUMMARY_ONLY = re.compile(r"(\d{4})年?度?(?:政府)?工作总结")
CONGRESS = re.compile(r"(\d{4})年?度?.{0,12}?政府工作报告|政府工作报告（(\d{4})年?）")
PART_REVIEW = re.compile(rf"^(?:[一二三四五六七八九十]+、)?(?:过去的|刚刚过去的)?.{{0,8}}?(\d{{4}})年.{{0,12}}?{REVIEW_WORD}")
PART_PLAN = re.compile(rf"^(?:[一二三四五六七八九十]+、)?(\d{{4}})年.{{0,6}}?(?:工作)?{PLAN_WORD}")
FRAMING = re.compile(r"^(?:过去的|刚刚过去的)?(\d{4})年(?:，|是|以来|度)")
SESSION = re.compile(r"^——(\d{4})年\d{1,2}月\d{1,2}日|^(\d{4})年\d{1,2}月\d{1,2}日$")
SUPERIOR = re.compile(rf"在([{HAN}、，]{{2,24}}?)的(?:坚强|正确|有力)领导下")
COUNTY = re.compile(rf"为([{HAN}]{{2,6}}(?:县|市|区))[{HAN}]{{0,8}}发展")
# A name in a strong place: the title, the occasion line, a speaker, issuer or 中共…委员会 line, the page's publisher.
NAMED = [re.compile(p) for p in (
    rf"^(?:\d{{4}}年度?)?([{HAN}{MASK}]{{1,14}}?[乡镇])(?:人民政府|党委|政府)?(?:\d{{4}}|关于|工作|年度|政府工作)",
    rf"在([{HAN}{MASK}]{{1,14}}?[乡镇])第",
    rf"日([{HAN}]{{1,14}}?[乡镇])第",
    rf"中共([{HAN}{MASK}]{{1,14}}?[乡镇])委员会",
    rf"^([{HAN}{MASK}]{{1,14}}?[乡镇])(?:人民政府|党委|政府)",
    rf"^([{HAN}{MASK}]{{1,14}}?[乡镇])$",
)]
# A name in the body: a subject before its verb, or the 报送 formula's.
BODY = re.compile(rf"(?:^|[，。；：]|\d{{4}}年，?|年以来，|一年来，|现将|我们)([{HAN}{MASK}]{{1,5}}?[乡镇])"
                  rf"(?=党委|政府|人民政府|在|位于|坚持|始终|紧紧|全面|深入|上下|\d{{4}}|，是)")
PREFIX = re.compile(r"^.*[省市县区旗州盟]")
GENERIC = re.compile(r"^(?:[我全本各该每此]|乡镇|城镇|集镇|村镇|小镇|重镇|强镇|名镇|特色小镇)|[和、与及]|县委|政府|党委")


class Particulars(NamedTuple):
    """Who wrote last year's report and for which year; notes say where a value came from or why it is missing."""

    town: str  # "" when the report does not name it (or masks it)
    masked: bool  # the report names its town with a mask (××镇, *镇, x镇)
    kind: str
    county: str
    superior: str
    issuer: str
    year: int | None  # this year: the year last year's report planned for
    year_from: str


def own_name(raw: str) -> tuple[str, bool] | None:
    """A candidate name -> (name without its county prefix, masked), or None for a generic word or a superior."""
    name = raw
    tail = PREFIX.sub("", name)
    if len(tail) >= 2 and tail != name:
        name = tail
    if GENERIC.search(name) or len(name) < 2:
        return None
    if any(c in MASK for c in name):
        return name, True
    return name, False


def county_of(texts: list[str], town: str) -> str:
    """The county named right before the town's name (蕉岭县三圳镇), else in 为××县…发展."""
    for text in texts:
        found = re.search(rf"((?:(?![市省县区州])[{HAN}]){{1,4}}[县区])(?={re.escape(town)})", text) if town else None
        if found:
            return found.group(1)
    body = COUNTY.search("\n".join(texts))
    return body.group(1) if body else ""


def town_of(cleaned: Cleaned, body: list[str]) -> tuple[str, bool]:
    """The town's own name from the title, the front matter, the page's publisher, else the body's opening
    paragraphs and signature; ("", True) when only a masked name is found, ("", False) when none is."""
    strong = [cleaned.title, *cleaned.front, cleaned.meta.get("publisher", ""), *body[-3:]]
    masked = False
    for text in strong:
        for pattern in NAMED:
            for found in pattern.finditer(text):
                name = own_name(found.group(1))
                if name and not name[1]:
                    return name[0], False
                masked = masked or bool(name)
    text = "\n".join(body)
    counts: dict[str, int] = {}
    for found in BODY.finditer("\n".join(body[:12])):
        name = own_name(found.group(1))
        if name and not name[1]:
            counts[name[0]] = text.count(name[0])
        masked = masked or bool(name)
    named = sorted(counts, key=lambda n: -counts[n])
    if named and counts[named[0]] >= 2:
        return named[0], False
    masked = masked or bool(re.search(rf"(?:^|[，。])[{MASK}]{{1,3}}[乡镇]", text))
    return "", masked


def year_of(cleaned: Cleaned, body: list[str], plan_only: bool) -> tuple[int | None, str]:
    """This year (the year last year's report planned for) and where it was read."""
    title = cleaned.title
    both = BOTH.search(title)
    if both:
        return int(both.group(2)), "标题"
    heads = [line for line in body if len(line) <= 40]
    for line in heads:
        found = PART_REVIEW.match(line)
        if found and "，" not in line[: found.end()]:
            return int(found.group(1)) + 1, f"“{line}”"
    for line in heads:
        found = PART_PLAN.match(line)
        if found and "，" not in line[: found.end()]:
            return int(found.group(1)), f"“{line}”"
    formula = next((m for line in body[:6] for m in [BOTH.search(line)] if m and "现将" in line), None)
    if formula:
        return int(formula.group(2)), "开头的报送语"
    plan = PLAN_ONLY.search(title)
    if plan and "总结" not in title:
        return int(plan.group(1)), "标题"
    summary = SUMMARY_ONLY.search(title)
    if summary:
        return int(summary.group(1)) + 1, "标题"
    for line in body[:4]:
        found = FRAMING.match(line)
        if found:
            return int(found.group(1)) + (0 if plan_only else 1), "开头一段"
    for line in cleaned.front:
        found = SESSION.match(line)
        if found:
            return int(found.group(1) or found.group(2)), "会议日期"
    congress = CONGRESS.search(title)
    if congress:
        return int(congress.group(1) or congress.group(2)), "标题"
    return None, ""


def kind_of(town: str, text: str) -> str:
    """乡 or 镇: the name's last character, else what the report calls itself (全镇, 镇党委 …), else ''."""
    if town.endswith(("乡", "镇")):
        return town[-1]
    towns = len(re.findall(r"[全我本]镇|镇党委|镇政府|镇人民政府|镇长", text))
    villages = len(re.findall(r"[全我本]乡|乡党委|乡政府|乡人民政府|乡长", text))
    return "镇" if towns > villages else "乡" if villages else ""


def particulars(cleaned: Cleaned, body: list[str], plan_only: bool) -> Particulars:
    """The particulars of last year's report."""
    town, masked = town_of(cleaned, body)
    text = "\n".join([cleaned.title, *cleaned.front, *body])
    superior = SUPERIOR.search(text)
    year, year_from = year_of(cleaned, body, plan_only)
    issuer = next((line for line in reversed(body[-4:]) if line.endswith("人民政府") and len(line) <= 24), "")
    issuer = issuer or (f"{town}人民政府" if town else "")
    county = county_of([cleaned.title, *cleaned.front, cleaned.meta.get("publisher", ""), *body[:3]], town)
    return Particulars(town, masked and not town, kind_of(town, text), county,
                       superior.group(1) if superior else "", issuer, year, year_from)
