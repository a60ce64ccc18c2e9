"""Last year's report, in any form it is kept (source), cleaned of a web page's furniture (webcopy) -> what this
year's town file starts from: the town's particulars, the review's sections and items (with last year's sentences
to update), last year's indicator figures (this year's previous values, never guessed), and last year's plans as
this year's promises with the figures they promised. Parsed with the parser `drafter mine` uses."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from drafter.errors import CorpusError, Problem
from drafter.init.figures import Figure, indicator_figures
from drafter.init.particulars import particulars
from drafter.init.parts import Item, Part, plan_promises, review_parts
from drafter.init.source import WHAT, read_source
from drafter.init.webcopy import Cleaned, clean
from drafter.mine.corpus import Document, Line
from drafter.mine.structure import Report, parse_report
from drafter.town.lexicon import load_lexicon
from drafter.tuples import NamedTuple

__all__ = ["Item", "LastYear", "Part", "read_last_year", "report_document"]

# A report's marks: at least one must be there (a part or section heading, a lead-in, a report's title words).
REPORT_MARKS = re.compile(r"工作总结|工作回顾|工作计划|工作报告|工作谋划|工作要点|工作打算|工作安排|各位代表|"
                          r"^[一二三四五六七八九十]+、|^[（(][一二三四五六七八九十]+[）)]|[一二三]是", re.MULTILINE)
# Words of a township's work: a text with none of the marks above is still a report when it has several of these.
WORK_WORDS = ("全镇", "全乡", "我镇", "我乡", "镇党委", "乡党委", "乡村振兴", "重点项目", "产业", "招商", "民生", "脱贫", "党建",
              "疫情防控", "安全生产", "人居环境", "集体经济", "粮食")
# Fewer Chinese characters than this is not a report (a page excerpt of one is about 300).
MIN_CHARS = 150
ECONOMY = re.compile(r"经济|综合实力|指标|总量")


class LastYear(NamedTuple):
    """What last year's report gives this year's town file."""

    path: Path
    town: str
    masked: bool
    kind: str
    county: str
    superior: str
    issuer: str
    year: int | None
    year_from: str
    style: str
    period: str
    indicators: list[Figure]
    sections: list[Part]
    promises: list[Part]
    read_as: str


def plan_only(cleaned: Cleaned) -> bool:
    """A plan without a review: its title names a plan and no summary, or its text opens on the new year's work."""
    title = cleaned.title
    if title:
        return bool(re.search(r"计划|谋划|打算|要点|安排|思路", title)) and not re.search(r"总结|回顾|报告", title)
    first = cleaned.lines[0] if cleaned.lines else ""
    return bool(re.match(r"^(?:新的一年|明年|[一二三]是)", first))


def demote_inverted(lines: list[str]) -> list[str]:
    """（一）… entries listed under an item that ends with a colon (一是…共谋划项目5个：) are that item's entries,
    not sections: they become 1. paragraphs."""
    out: list[str] = []
    inside = False
    for line in lines:
        entry = re.match(r"^[（(]([一二三四五六七八九十]+)[）)]", line)
        if entry and inside:
            out[-1] += line
            continue
        inside = line.endswith("：") and (bool(re.match(r"^[一二三四五六七八九十]+是", line)) or len(line) > 60) or (inside and bool(entry))
        out.append(line)
    return out


def looks_like_report(text: str, path: Path) -> None:
    """CorpusError when the text is too short or has none of a report's marks."""
    chinese = len(re.findall(r"[\u4e00-\u9fff]", text))
    if chinese < MIN_CHARS:
        raise CorpusError(Problem(str(path), None, "", f"{WHAT}只有 {chinese} 个汉字，不像一篇工作报告",
                                  "请确认选的是去年的报告；从网页复制时请复制全文"))
    if not REPORT_MARKS.search(text) and sum(w in text for w in WORK_WORDS) < 4:
        raise CorpusError(Problem(str(path), None, "", f"这份文字不像{WHAT}：没有“工作总结”“工作回顾”“工作计划”“一、”“（一）”“一是”这类标题或层次",
                                  "请确认选的是去年的工作总结或政府工作报告"))


def indicators_of(report: Report, opening: str) -> tuple[list[Figure], str]:
    """Last year's indicator figures and their period (1-9月): from the indicator part, else the one paragraph
    that is an indicator paragraph (two or more aggregates with figures) among the opening, the review part's own
    paragraphs and its first section's, when that section is about the economy."""
    texts = [p.text for s in report.sections() if s.kind == "indicators" for p in s.paras]
    if not texts:
        candidates = [opening] if opening else []
        review = [s for s in report.sections() if s.kind == "review"]
        candidates += [p.text for s in review if s.children or s.level == 0 for p in s.paras]
        first = next((s for s in review if s.level >= 1 and not s.children), None)
        if first is not None and ECONOMY.search(first.heading + (first.paras[0].text[:12] if first.paras else "")):
            candidates += [p.text for p in first.paras]
        scored = [(len(indicator_figures(t)), -i, t) for i, t in enumerate(candidates)]
        best = max(scored, default=(0, 0, ""))
        texts = [best[2]] if best[0] >= 2 or (best[0] == 1 and ECONOMY.search(best[2][:12])) else []
    out: list[Figure] = []
    period = ""
    for text in texts:
        found = re.search(r"\d{4}年(\d{1,2}[-—–至]\d{1,2}月)", text)
        period = period or (re.sub("[—–至]", "-", found.group(1)) if found else "")
        out += [f for f in indicator_figures(text) if f.what not in {g.what for g in out}]
    return out, period


def report_document(path: Path) -> Document:
    """Last year's report, in whatever form it is kept, as a cleaned Document (check compares this year's draft
    with it)."""
    source = read_source(path)
    cleaned = clean(source.text)
    lines = [cleaned.title, *cleaned.front, *cleaned.lines]
    digest = hashlib.sha256(source.text.encode("utf-8")).hexdigest()
    return Document(path.name, source.how, digest, tuple(Line(i, t) for i, t in enumerate(lines, start=1) if t))


def read_last_year(path: Path) -> LastYear:
    """Read last year's report (.txt, a saved page, .docx, .doc, .pdf)."""
    source = read_source(path)
    cleaned = clean(source.text)
    looks_like_report("\n".join([cleaned.title, *cleaned.front, *cleaned.lines]), path)
    only_plan = plan_only(cleaned)
    lines = (["工作计划"] if only_plan else []) + demote_inverted(cleaned.lines)
    digest = hashlib.sha256(source.text.encode("utf-8")).hexdigest()
    document = Document(path.name, source.how, digest, tuple(Line(i, t) for i, t in enumerate(lines, start=1)))
    report = parse_report(document, load_lexicon())
    facts = particulars(cleaned, cleaned.lines, only_plan)
    opening = report.opening.text if report.opening else ""
    indicators, period = indicators_of(report, opening)
    style = "congress" if cleaned.congress or "政府工作报告" in cleaned.title else report.style
    return LastYear(path, facts.town, facts.masked, facts.kind, facts.county, facts.superior, facts.issuer, facts.year,
                    facts.year_from, style, period, indicators, review_parts(report), plan_promises(report), source.how)
