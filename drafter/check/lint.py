"""Draft text -> prose defects a 办公室主任 would mark: lone 一是, unbalanced quotes, stray punctuation,
repeated six-character sequences, sentences stitched from halves of different corpus sentences, and
phrases placed under a topic they do not belong to. Used by bench/prose_bench.py and the tests; no jieba."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from drafter.compose.fit import Events, balanced, in_years, trend
from drafter.town import derive

if TYPE_CHECKING:
    from drafter.compose.phrases import Bank
    from drafter.compose.wording import Wording
    from drafter.markup import Block
    from drafter.town.lexicon import Lexicon
    from drafter.town.model import Section, Town


HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")
ORDINAL = re.compile(r"(?<![第])([一二三四五六七八九十]+)是")
STRAY = re.compile(r"[，。；：、！？]{2,}|^[，。；：、]|[\u4e00-\u9fff],[\u4e00-\u9fff]|“”|（）")
SENTENCE = re.compile(r"(?<=[。！？；：])")
CLAUSE = re.compile(r"[，、；：。！？,]")
MASK = "\x00"
SIX = 6
# A corpus clause shorter than this is a set phrase (今年以来, 攻坚克难), not a half of a sentence.
MIN_CLAUSE = 5


def lone_ordinals(paragraphs: Iterable[str]) -> list[str]:
    """Paragraph groups (the text under one heading) that say 一是 but never 二是."""
    groups: list[str] = []
    for text in paragraphs:
        if HEADING.match(text) or not groups:
            groups.append("")
        groups[-1] += text + "\n"
    return [g for g in groups if "一" in (numbers := set(ORDINAL.findall(g))) and "二" not in numbers]


def punctuation(paragraphs: Iterable[str]) -> list[str]:
    """Paragraphs with unbalanced quotes or brackets, doubled or leading punctuation, or an ASCII comma in Chinese."""
    return [p for p in paragraphs if not balanced(p) or STRAY.search(p)]


def repeated_sixes(text: str) -> Counter:
    """Six-character sequences (no masked or line-break character) that occur 3 or more times."""
    counts = Counter(text[i : i + SIX] for i in range(len(text) - SIX + 1))
    return Counter({k: v for k, v in counts.items() if v >= 3 and MASK not in k and "\n" not in k})


def drafter_text(blocks: list[Block], town: Town) -> str:
    """A draft's body text (title, signature and date left out), a block a line, with figures, gaps and
    every string the clerk wrote blanked out: what remains is drafter's own."""
    from drafter.check.audit import user_strings

    pieces = []
    for block in (b for b in blocks if b.kind not in ("title", "sign", "date")):
        for span in block.spans:
            pieces.append(MASK * len(span.shown) if span.kind in ("fig", "gap") else span.shown)
        pieces.append("\n")
    text = "".join(pieces)
    for s in sorted({s for s in user_strings(town) if len(s) >= 2}, key=len, reverse=True):
        text = text.replace(s, MASK * len(s))
    return text


def normal(text: str) -> str:
    """Corpus text with ASCII punctuation turned full-width, as drafts write it."""
    return text.replace(",", "，").replace(";", "；").replace(":", "：").replace("(", "（").replace(")", "）")


class ClauseIndex:
    """Where each clause of a corpus occurs: clause -> ids of the sentences that hold it."""

    def __init__(self, texts: Iterable[str], exempt: Iterable[str] = ()) -> None:
        self.where: dict[str, set[int]] = {}
        self.exempt = set(exempt)
        sid = 0
        for text in texts:
            for sentence in SENTENCE.split(normal(text)):
                for clause in CLAUSE.split(sentence):
                    if len(clause) >= MIN_CLAUSE:
                        self.where.setdefault(clause, set()).add(sid)
                sid += 1

    def stitched(self, sentence: str) -> bool:
        """True when two neighbouring clauses both come from the corpus but never from the same sentence."""
        clauses = [c for c in CLAUSE.split(sentence) if c]
        for a, b in zip(clauses, clauses[1:]):
            wa, wb = self.where.get(a), self.where.get(b)
            if wa and wb and a not in self.exempt and b not in self.exempt and not (wa & wb):
                return True
        return False

    def count(self, text: str) -> list[str]:
        """The stitched sentences of a text."""
        return [s for s in SENTENCE.split(text) if self.stitched(s.rstrip("。！？；："))]


class PhraseIndex:
    """Which topics each known phrase may stand under: topic sheets, generic phrases and mined ones
    (heading fillers, verdicts and result tails, under the topic they name or were mined under)."""

    def __init__(self, wording: Wording, bank: Bank, lexicon: Lexicon, min_len: int = 4) -> None:
        self.allowed: dict[str, set[str]] = {}
        self.rising: set[str] = set()
        self.events = Events(wording.usage.get("events", []))
        self.min_len = min_len
        kinds = ("actions", "results", "gains", "aims", "projects")
        for topic, sheet in wording.sheets.items():
            for kind in kinds:
                for e in sheet.get(kind):
                    self.add(e.text, topic)
                    if e.needs == "rise":
                        self.rising.add(e.text)
        for kind in kinds:
            for e in wording.generic.get(kind):
                for literal in re.split(r"\{label\}", e.text):
                    if len(literal) >= min_len:
                        self.add(literal, "*")
        tails = [m for m in bank.phrases if m.get("role") == "tail"]
        for mined in list(bank.fillers) + list(bank.verdicts) + tails:
            named = lexicon.named(mined["text"])
            for topic in mined["topics"]:
                if named is None or named == topic:
                    self.add(mined["text"], topic)
            if not mined["topics"]:
                self.add(mined["text"], "")

    def fits(self, phrase: str, topic: str) -> bool:
        """True when a known phrase may stand under a topic, or under every one of a section's topics (A+B)."""
        allowed = self.allowed[phrase]
        return "*" in allowed or all(t in allowed for t in topic.split("+"))

    def add(self, text: str, topic: str) -> None:
        """Allow text under topic."""
        if len(text) >= self.min_len:
            self.allowed.setdefault(text, set()).add(topic)

    def unfit(self, text: str, topic: str, year: int, direction: str | None) -> list[str]:
        """Known phrases in text that may not stand under topic (a section of two topics, 项目建设+文化旅游: under
        both), belong to another period, or claim a rise the figures do not show."""
        found = [p for p in self.allowed if p in text]
        fitting = [p for p in found if self.fits(p, topic)]
        out = []
        for phrase in found:
            topics = self.allowed[phrase]
            if any(phrase in longer and phrase != longer for longer in fitting):
                continue  # part of a longer phrase that belongs here (不断优化 in 营商环境不断优化)
            if not self.fits(phrase, topic):
                out.append(f"{phrase}（属于{'、'.join(sorted(t or '无话题' for t in topics))}）")
            elif phrase in self.rising and direction not in ("rise", "steady"):
                out.append(f"{phrase}（数字未见增长）")
        if not in_years(text, year, self.events):
            out.append(f"{text}（不属于{year}年）")
        return out


def direction(section: Section, source: str, town: Town) -> str | None:
    """Which way a section's figures went, computed from the town file."""
    return trend(derive.section_changes(section, source, town.settings))


def first_span(block: Block, kind: str) -> str | None:
    """The text of a block's opening span of a kind (lead or runin), without its full stop."""
    span = block.spans[0] if block.spans else None
    return span.text.rstrip("。") if span is not None and span.kind == kind else None


def units(blocks: list[Block], style: str, town: Town) -> list[tuple[str, str, str, str | None]]:
    """(part, topic, text, direction) of every heading and verdict drafter wrote, read off the draft itself:
    the sections' headings (or topical verdicts) and the plans' headings, in order, and the economic verdict."""
    body = [b for b in blocks if b.kind not in ("title", "sub", "salute", "sign", "date")]
    marks = [i for i, b in enumerate(body) if b.kind == ("division" if style == "congress" else "h1")]
    parts = [body[a + 1 : b] for a, b in zip(marks, marks[1:] + [len(body)])]
    if style in ("numbered", "report"):  # report: 一、工作回顾 (its problems unheaded), 二、工作安排
        plans = parts[2] if style == "numbered" else parts[1]
        review, plan = [b.text for b in parts[0] if b.kind == "h2"], [b.text for b in plans if b.kind == "h2"]
    elif style == "congress":
        review = [b.text for b in parts[0] if b.kind == "h1"]
        plan = [b.text for b in parts[1] if b.kind == "h1"]
    else:
        review = [first_span(b, "lead") or "" for b in parts[1] if b.kind == "p"][: len(town.sections)]
        plan = [first_span(b, "runin") or "" for b in parts[3] if b.kind == "p"]
    out = []
    for i, (section, text) in enumerate(zip(town.sections, review)):
        titles = {item.title for item in section.items}
        if not section.heading and not section.verdict and text not in titles:  # a title leading its paragraph is the clerk's
            out.append(("review", "+".join(section.kinds), HEADING.sub("", text), direction(section, f"sections[{i}]", town)))
    for section, text in zip(town.plans, plan):
        if not section.heading:
            out.append(("plan", "+".join(section.kinds), HEADING.sub("", text), None))
    if style == "topical" and parts[0]:
        out.append(("economy", "经济指标", first_span(parts[0][0], "lead") or "", None))
    return out


# An economic verdict over figures that fell must say so; one over figures that did not fall must not.
FALLING = ("fall", "mostly_down", "mixed")
SAYS_FALL = ("回落", "下降", "下滑", "压力", "承压")


def economy_unfit(verdict: str, town: Town) -> list[str]:
    """The economic verdict, when it says the figures went another way than they did."""
    way = trend(derive.indicator_changes(town))
    if verdict and (way in FALLING) != any(w in verdict for w in SAYS_FALL):
        return [f"{verdict}（与指标走向 {way} 不符）"]
    return []
