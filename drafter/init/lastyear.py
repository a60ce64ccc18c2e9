"""Last year's report -> what this year's town file can start from: the town's particulars, the review's sections
and items (with last year's sentences to update), last year's indicator figures (this year's previous values, never
guessed), and last year's plans as this year's promises. Read with the parser `drafter mine` uses."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

from drafter.mine.corpus import Document, read_document
from drafter.mine.structure import Report, Section, parse_report
from drafter.town.lexicon import load_lexicon

SUPERIOR = re.compile(r"在([\u4e00-\u9fa5、，]{2,24}?)的(?:坚强|正确|有力)领导下")
TOWN = re.compile(r"([\u4e00-\u9fa5*＊]{1,8}?(?:乡|镇|街道))(?:\d{4}年|人民政府|党委|在|坚持|$)")
YEAR_PLAN = re.compile(r"(\d{4})年?(?:重点)?工作(?:计划|打算|谋划|思路|要点|安排)")
YEAR_REVIEW = re.compile(r"(\d{4})年(?:以来|工作总结|主要经济指标)")
COUNTY = re.compile(r"为([\u4e00-\u9fa5]{2,6}(?:县|市|区))[\u4e00-\u9fa5]{0,8}发展")
# An indicator clause: what, an optional verb, a number (digits, or masked with *), a unit.
UNITS = "亿元|万元|元|万吨|吨|万亩|亩|万人|人|户|家|个|%"
FIGURE = re.compile(rf"([\u4e00-\u9fa5“”]{{2,20}}?)(?:累计)?(?:实现|完成|达到|达|为|共)?([0-9*＊][0-9.,*＊]*)({UNITS})")
LEADING = re.compile(r"^(?:全[乡镇]|其中|累计|实现|完成|共|全年|我[乡镇]|[\d\-月份年*]+)+")
TRAILING = re.compile(r"(?:累计|实现|完成|达到|达|为|共)+$")
NOT_INDICATOR = ("同比", "增长", "下降", "占", "任务的", "比重", "分别", "目标")
SENTENCE = re.compile(r"[^。；！？]+[。；！？]?")


class Indicator(NamedTuple):
    """A figure of last year's indicator paragraph: name, unit, value (None when the report masks it), the clause."""

    name: str
    unit: str
    value: Decimal | None
    clause: str


class Item(NamedTuple):
    """A review item: its title (None when last year had none) and last year's first sentence about it."""

    title: str | None
    said: str


class Part(NamedTuple):
    """A review section or a plan: its topic, last year's heading, and its items or its first sentence."""

    topic: str
    heading: str
    items: list[Item]
    said: str


class LastYear(NamedTuple):
    """What last year's report gives this year's town file."""

    path: Path
    town: str
    kind: str
    county: str
    superior: str
    issuer: str
    year: int
    period: str
    indicators: list[Indicator]
    sections: list[Part]
    promises: list[Part]


def first_sentence(text: str, limit: int = 60) -> str:
    """The first sentence of text, cut at limit characters."""
    match = SENTENCE.match(text.strip())
    sentence = (match.group(0) if match else text).strip().rstrip("。；！？")
    return sentence[:limit] + ("…" if len(sentence) > limit else "")


def topic_of(section: Section) -> str:
    """The section's lexicon topic: the parser's first tag, else the closest by meaning, else 改革与治理."""
    lexicon = load_lexicon()
    if section.topics:
        return section.topics[0]
    tagged = lexicon.tag(section.heading, section.body())
    return tagged[0] if tagged else (lexicon.named(section.heading) or "改革与治理")


def leaves(report: Report, kind: str) -> list[Section]:
    """The sections of one kind that hold content: a (一) under a 一、, or a 一、 with no children."""
    return [s for s in report.sections() if s.kind == kind and s.level >= 1 and not s.children and (s.paras or s.heading)]


def items_of(section: Section) -> list[Item]:
    """The items of a review section: its 一是 lead-ins, else its paragraphs' run-in sentences, else one item."""
    out = [Item(lead.title, first_sentence(lead.body)) for p in section.paras for lead in p.leadins if lead.title]
    if out:
        return out
    out = [Item(p.runin, first_sentence(p.text[len(p.runin) + 1 :])) for p in section.paras if p.runin]
    if out:
        return out
    body = section.body()
    return [Item(None, first_sentence(body))] if body else []


def indicators_of(report: Report) -> tuple[list[Indicator], str]:
    """Last year's indicator figures and their period (2022年1-9月): the indicator part's paragraph, else the first
    review paragraph with three or more figures and a 同比."""
    paragraphs = [p for s in report.sections() if s.kind == "indicators" for p in s.paras]
    if not paragraphs:  # the paragraph a review part opens with, before its first section (numbered style)
        paragraphs = [p for s in report.sections() if s.kind == "review" and s.children for p in s.paras
                      if "同比" in p.text and len(FIGURE.findall(p.text)) >= 3][:1]
    out: list[Indicator] = []
    period = ""
    for para in paragraphs:
        found = re.search(r"(\d{4})年(\d{1,2}[-—–至]\d{1,2}月)", para.text)
        period = period or (found.group(2).replace("—", "-").replace("–", "-").replace("至", "-") if found else "")
        for clause in re.split(r"[，；。]", para.text):
            match = FIGURE.search(clause)
            if not match or match.group(3) == "%" or any(w in clause[: match.start(2)] for w in NOT_INDICATOR):
                continue
            name = TRAILING.sub("", LEADING.sub("", match.group(1)))
            if len(name) < 2 or name in {i.name for i in out}:
                continue
            digits = match.group(2).replace(",", "")
            value = None if "*" in digits or "＊" in digits else Decimal(digits)
            out.append(Indicator(name, match.group(3), value, clause.strip()))
    return out, period


def particulars(report: Report, document: Document) -> dict:
    """Town, kind, county, superior, issuer and this year (last year's plan year) from the report's words."""
    text = "\n".join(line.text for line in document.lines)
    head = (report.title or "") + "\n" + (report.opening.text if report.opening else "") + "\n" + text[:400]
    names = [m.replace("＊", "*") for m in TOWN.findall(head)]
    town = next((n for n in names if not re.match(r"^(我|全|本|现|将|各|该|乡镇|[乡镇]$)", n) and "现将" not in n), "")
    if not town:
        own = re.search(r"[全我]([乡镇])", text)
        town = f"*{own.group(1)}" if own else ""
    kind = town[-1] if town.endswith(("乡", "镇")) else ("镇" if "全镇" in text else "乡" if "全乡" in text else "")
    superior = SUPERIOR.search(text)
    county = COUNTY.search(text)
    years = [int(y) for y in YEAR_PLAN.findall(text)]
    reviewed = [int(y) for y in YEAR_REVIEW.findall(text[:2000])]
    year = max(years) if years else (max(reviewed) + 1 if reviewed else dt.date.today().year)
    issuer = next((line.text for line in reversed(document.lines[-4:]) if line.text.endswith("人民政府")), "")
    issuer = issuer or (f"{town}人民政府" if town and "*" not in town else "")
    return {"town": town, "kind": kind, "county": county.group(1) if county else "",
            "superior": superior.group(1) if superior else "", "issuer": issuer, "year": year}


def review_parts(report: Report) -> list[Part]:
    """The review's sections; a part of topical paragraphs (each opening with its verdict) gives one per paragraph."""
    out = []
    for section in leaves(report, "review"):
        runins = [p for p in section.paras if p.runin and not p.leadins]
        if len(runins) >= 2 and len(runins) == len(section.paras):
            for para in runins:
                runin = para.runin or ""
                rest = para.text[len(runin) + 1 :]
                out.append(Part(tagged(para.text, topic_of(section)), runin, [Item(None, first_sentence(rest))], runin))
            continue
        out.append(Part(topic_of(section), section.heading, items_of(section), first_sentence(section.body())))
    return out


def tagged(text: str, fallback: str) -> str:
    """The lexicon topic of a piece of text, else fallback."""
    tags = load_lexicon().tag(text, "")
    return tags[0] if tags else fallback


def plan_promises(report: Report) -> list[Part]:
    """Last year's plans, one promise each: a plan section (its heading and first sentence), else each 一是 or
    paragraph under a plan part that has no sections."""
    lexicon = load_lexicon()
    out = []
    for section in leaves(report, "plan"):
        topic = topic_of(section)
        container = not section.heading or lexicon.part_kind(section.heading) == "plan"
        if not container:
            body = section.body()
            text = f"{section.heading}：{first_sentence(body, 40)}" if body else section.heading
            out.append(Part(topic, section.heading, [], text))
            continue
        for para in section.paras:
            titles = [lead.title for lead in para.leadins if lead.title]
            for text in titles or [para.runin or first_sentence(para.text, 40)]:
                out.append(Part(tagged(text, topic), "", [], text))
    return out


def read_last_year(path: Path) -> LastYear:
    """Read last year's report (.docx, or .txt in UTF-8 or GBK)."""
    document = read_document(path)
    report = parse_report(document, load_lexicon())
    facts = particulars(report, document)
    indicators, period = indicators_of(report)
    return LastYear(path, period=period, indicators=indicators, sections=review_parts(report),
                    promises=plan_promises(report), **facts)
