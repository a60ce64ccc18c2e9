"""Document lines -> Report tree: title, opening, parts (level 1/2), paragraphs, run-ins, lead-ins."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from drafter.mine.corpus import Document
from drafter.town.lexicon import Lexicon

NUMERALS = "一二三四五六七八九十"
LEVEL1 = re.compile(rf"^([{NUMERALS}]+)、(.+)$")
LEVEL2 = re.compile(rf"^[（(]([{NUMERALS}]+)[）)](.+)$")
# "一是" lead-ins start a paragraph or follow a full stop, semicolon or colon.
LEADIN = re.compile(rf"(?:^|(?<=[。；：:]))([{NUMERALS}]+)是")
SENTENCE_END = re.compile(r"[。；！？]")
DIGIT = re.compile(r"[0-9０-９*％%]")

# A heading line longer than this is a heading with run-in text (split at its first full stop).
HEADING_MAX = 40
# A lead-in title ("一是X。") is at most this many characters; longer ones are plain text.
LEADIN_MAX = 30
# A paragraph-initial sentence of at most this many characters, without figures, is a run-in heading.
RUNIN_MAX = 20
# A division line ("2022年工作总结") has at most this many characters and no punctuation.
DIVISION_MAX = 20


@dataclass
class LeadIn:
    """One "一是…" segment: ordinal, its title sentence (or None) and the rest."""

    ordinal: str
    title: str | None
    body: str


@dataclass
class Para:
    """A body paragraph with its line, optional run-in sentence and lead-in segments."""

    line: int
    text: str
    runin: str | None = None
    leadins: list[LeadIn] = field(default_factory=list)


@dataclass
class Section:
    """A part of a report: level (0 division, 1 一、, 2 （一）), heading, kind, topics, content."""

    level: int
    heading: str
    line: int
    kind: str
    synthetic: bool = False
    topics: list[str] = field(default_factory=list)
    paras: list[Para] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)

    def walk(self) -> Iterator[Section]:
        """This section and all below it, in order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def body(self) -> str:
        """All paragraph text of this section and its children."""
        return "".join(p.text for s in self.walk() for p in s.paras)


@dataclass
class Report:
    """A parsed report: file name, title, opening paragraph, top-level parts and mined style."""

    name: str
    title: str | None
    opening: Para | None
    parts: list[Section]
    style: str = "numbered"

    def sections(self) -> Iterator[Section]:
        """Every section in document order."""
        for part in self.parts:
            yield from part.walk()


def split_runin(text: str) -> tuple[str, str]:
    """'Heading。body' -> (heading, body) when the line is too long to be a heading alone."""
    if len(text) <= HEADING_MAX and not SENTENCE_END.search(text[:-1]):
        return text.rstrip("。"), ""
    match = SENTENCE_END.search(text)
    if match and match.start() <= HEADING_MAX:
        return text[: match.start()], text[match.end() :]
    return text, ""


def parse_paragraph(line: int, text: str) -> Para:
    """A paragraph line -> Para with its run-in sentence and lead-in segments."""
    para = Para(line, text)
    marks = list(LEADIN.finditer(text))
    for i, mark in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        segment = text[mark.end() : end]
        stop = SENTENCE_END.search(segment)
        title = segment[: stop.start()] if stop and stop.start() <= LEADIN_MAX else None
        body = segment[stop.end() :] if title is not None and stop else segment
        para.leadins.append(LeadIn(mark.group(1), title, body))
    if not marks or marks[0].start() > 0:
        stop = SENTENCE_END.search(text)
        if stop and 2 <= stop.start() <= RUNIN_MAX and not DIGIT.search(text[: stop.start()]):
            para.runin = text[: stop.start()]
    return para


def is_title(text: str) -> bool:
    """A report title line: names 工作总结 and is short, with no sentence inside."""
    return (
        "工作总结" in text
        and len(text) <= HEADING_MAX
        and not re.search(r"[，。：:]", text)
        and not LEVEL1.match(text)
    )


def is_division(text: str, lexicon: Lexicon) -> bool:
    """A division line such as '2022年工作总结' or '2023工作计划'."""
    return len(text) <= DIVISION_MAX and not re.search(r"[，。：:、]", text) and lexicon.part_kind(text) in ("review", "plan")


def parse_report(document: Document, lexicon: Lexicon) -> Report:
    """Build the report tree of one document."""
    report = Report(document.name, None, None, [])
    division = "review"
    level1: Section | None = None
    current: Section | None = None
    for index, line in enumerate(document.lines):
        text = line.text
        if index == 0 and is_title(text):
            report.title = text
            continue
        if is_division(text, lexicon):
            division = lexicon.part_kind(text) or division
            level1 = current = Section(0, text, line.number, division)
            report.parts.append(level1)
            continue
        m1, m2 = LEVEL1.match(text), LEVEL2.match(text)
        if m1 or (m2 and level1 is None):
            heading, rest = split_runin((m1 or m2).group(2))  # type: ignore[union-attr]
            kind = lexicon.part_kind(heading) or division
            if kind in ("review", "plan"):
                division = kind
            level1 = current = Section(1, heading, line.number, kind)
            report.parts.append(level1)
        elif m2 and level1 is not None:
            heading, rest = split_runin(m2.group(2))
            current = Section(2, heading, line.number, level1.kind)
            level1.children.append(current)
        else:
            para = parse_paragraph(line.number, text)
            if report.opening is None and (current is None or (current.level == 0 and not current.paras)) and division == "review":
                report.opening = para
                continue
            first = re.split(r"[，：:。]", text, maxsplit=1)[0]
            if any(w in text[:4] for w in lexicon.parts["thanks"]):
                level1 = current = Section(1, "", line.number, "thanks", synthetic=True)
                report.parts.append(level1)
            elif current is not None and current.kind == "thanks" and lexicon.part_kind(first) == "problems":
                level1 = current = Section(1, "", line.number, "problems", synthetic=True)
                report.parts.append(level1)
            if current is None:
                level1 = current = Section(1, "", line.number, division, synthetic=True)
                report.parts.append(level1)
            current.paras.append(para)
            continue
        if rest:
            current.paras.append(parse_paragraph(line.number, rest))
    for section in report.sections():
        if section.level >= 1 and section.kind not in ("thanks",):
            section.topics = lexicon.tag(section.heading, section.body() if not section.children else "")
    report.style = classify_style(report)
    return report


def classify_style(report: Report) -> str:
    """congress (has a 各位代表 part), topical (review paragraphs open with verdicts), else numbered."""
    if any(p.kind == "thanks" for p in report.parts):
        return "congress"
    review = [p for p in report.parts if p.kind == "review" and not p.children]
    verdicts = sum(1 for part in review for para in part.paras if para.runin)
    return "topical" if verdicts >= 2 else "numbered"
