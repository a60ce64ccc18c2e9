"""Town + draft paragraphs + corpus -> audit: unknown numbers, uncovered figures, copied spans, placeholders."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any

from drafter.check.overlap import MASK, canonical_formulas, corpus_spans, masked  # noqa: F401 (MASK, masked: check's API)
from drafter.check.reading import body_lines, document_body, read_draft  # noqa: F401 (check's API)
from drafter.town import derive
from drafter.town.model import Town
from drafter.town.record import fields, is_record

NUMBER = re.compile(r"(?<![0-9.])[0-9]+(?:\.[0-9]+)?")
# Years (2024年, 2024-), dates (12月, 5日) and ordinals (第3) are not figures.
NOT_FIGURE = re.compile(r"(?<![0-9.])(?:(?:19|20)[0-9]{2}(?=年|-|—|－)|[0-9]{1,2}(?=月|日|号)|(?<=第)[0-9]+)(?![0-9.])")
PLACEHOLDER = re.compile(r"【待补充[：:][^】]*】")
# Spans of at least this many characters shared with a corpus report are listed (a setting: --min-overlap).
MIN_OVERLAP = 20


@dataclass(frozen=True)
class Finding:
    """One thing a check found: where (paragraph, 1-based), what, and why or from where."""

    paragraph: int | None
    text: str
    detail: str


@dataclass
class Audit:
    """The four checks' findings and the longest verbatim overlap with the corpus."""

    draft: str
    numbers: list[Finding] = field(default_factory=list)
    coverage: list[Finding] = field(default_factory=list)
    originality: list[Finding] = field(default_factory=list)
    placeholders: list[Finding] = field(default_factory=list)
    promises: list[Finding] = field(default_factory=list)  # last year's plans unanswered: a reminder, not a failure
    # each figure last year's plans promised, with this year's answer (超过/达到/未达到/未提及): a reminder too
    promise_figures: list[Finding] = field(default_factory=list)
    longest: int = 0
    min_overlap: int = MIN_OVERLAP
    counted: dict[str, int] = field(default_factory=dict)

    @property
    def failed(self) -> bool:
        """True when any check found something."""
        return bool(self.numbers or self.coverage or self.originality or self.placeholders)

    def to_dict(self) -> dict:
        """JSON-ready form."""
        return dataclasses.asdict(self) | {"failed": self.failed}


def town_values(value: object) -> tuple[list[str], list[Decimal]]:
    """Every string and every number the clerk wrote in the town file, in order (one walk, no recursion; what each
    object is, is told by its type, once per type)."""
    strings: list[str] = []
    numbers: list[Decimal] = []
    stack = [value]
    while stack:
        item: Any = stack.pop()
        cls: Any = type(item)
        kind = KINDS.get(cls) or kind_of(cls)
        if kind == "str":
            strings.append(item)
        elif kind == "number":
            numbers.append(Decimal(item))
        elif kind == "list":
            stack.extend(reversed(item))
        elif kind == "dict":  # extra: each title, then its paragraphs
            stack.extend(reversed([v for pair in item.items() for v in pair]))
        elif kind == "dataclass":  # its fields' values (None holds nothing)
            stack.extend(v for name in reversed(field_names(cls)) if (v := getattr(item, name)) is not None)
    return strings, numbers


# What town_values does with an object of each type it has met.
KINDS: dict[type, str] = {}


def kind_of(cls: type) -> str:
    """str, number (Decimal or int, not bool), list (or tuple), dict, dataclass (an instance's type) or other."""
    if issubclass(cls, str):
        kind = "str"
    elif issubclass(cls, (Decimal, int)) and not issubclass(cls, bool):
        kind = "number"
    elif issubclass(cls, (list, tuple)):
        kind = "list"
    elif issubclass(cls, dict):
        kind = "dict"
    elif (is_record(cls) or dataclasses.is_dataclass(cls)) and not issubclass(cls, type):
        kind = "dataclass"
    else:
        kind = "other"
    KINDS[cls] = kind
    return kind


@cache
def field_names(cls: type) -> tuple[str, ...]:
    """A record's (or a dataclass's) field names (cached: the town walk asks once per object)."""
    return tuple(f.name for f in (fields(cls) if is_record(cls) else dataclasses.fields(cls)))


def user_strings(value: object) -> list[str]:
    """Every string the clerk wrote in the town file; a what with {} where its figures go counts as the pieces
    between them (the draft has the figures there)."""
    return [piece for s in town_values(value)[0] for piece in s.split("{}") if piece]


def expected_figures(town: Town) -> list[tuple[str, str]]:
    """(text as shown, key path) of every figure the draft must carry: values, changes, completions, ratios."""
    return [(f.text, f.source) for f in derive.town_figures(town)]


def allowed_numbers(town: Town, values: tuple[list[str], list[Decimal]] | None = None,
                    figures: list[derive.Figure] | None = None, forms: Forms | None = None) -> set[str]:
    """Digit strings the draft may contain: the clerk's numbers and every figure derived from them, in any
    of the forms check accepts (another unit of the same amount, a rate rounded to fewer places)."""
    strings, numbers = values or town_values(town)
    allowed = {m.group(0) for s in strings for m in NUMBER.finditer(s)}
    digits = town.settings.percent_digits
    rows = [r for r in (derive.table_row(ind, f"indicators[{i}]", town.settings) for i, ind in enumerate(town.indicators)) if r]
    references = [f for row in rows for f in (row.value, row.previous, row.target, row.completion) if f is not None]
    references += [row.change.figure for row in rows if row.change is not None and row.change.figure is not None]
    figures = derive.town_figures(town) if figures is None else figures
    forms = Forms(digits) if forms is None else forms
    allowed |= {m.group(0) for f in [*figures, *references] for text in forms[f] for m in NUMBER.finditer(text)}
    allowed |= {derive.number(n) for n in numbers} | {str(town.year), str(town.next_year)}
    if town.date:
        allowed |= {str(town.date.year), str(town.date.month), str(town.date.day)}
    return allowed


def audit_numbers(paragraphs: list[str], allowed: set[str]) -> tuple[list[Finding], int]:
    """Numbers in the draft that are neither the clerk's figures nor derived from them."""
    findings, count = [], 0
    for index, text in enumerate(paragraphs, start=1):
        skip = {m.start() for m in NOT_FIGURE.finditer(text)}
        for match in NUMBER.finditer(text):
            if match.start() in skip:
                continue
            count += 1
            if match.group(0) not in allowed:
                context = text[max(0, match.start() - 12) : match.end() + 8]
                findings.append(Finding(index, match.group(0), f"…{context}…"))
    return findings, count


def extra_figures(town: Town) -> list[derive.Figure]:
    """The numbers of the town file's own parts (extra), as the clerk wrote them with the character after each
    (300万, 12家): a draft must show them like any other figure (years, dates and ordinals aside)."""
    out = []
    for title, paragraphs in town.extra.items():
        for i, text in enumerate(paragraphs):
            skip = {m.start() for m in NOT_FIGURE.finditer(text)}
            for match in NUMBER.finditer(text):
                if match.start() not in skip:
                    after = text[match.end() : match.end() + 1]
                    unit = after if after == "%" or "\u4e00" <= after <= "\u9fff" else ""
                    out.append(derive.Figure(match.group(0) + unit, f"extra.{title}[{i}]"))
    return out


class Forms(dict):
    """derive.forms of each figure asked for, worked out once (the number check and the coverage check both ask)."""

    def __init__(self, digits: int) -> None:
        super().__init__()
        self.digits = digits

    def __missing__(self, figure: derive.Figure) -> set[str]:
        found = self[figure] = derive.forms(figure, self.digits)
        return found


def audit_coverage(paragraphs: list[str], town: Town, figures: list[derive.Figure] | None = None,
                   forms: Forms | None = None) -> tuple[list[Finding], int]:
    """Figures of the town file that the draft does not show in any correct form."""
    numbers = NumberIndex("\n".join(paragraphs))
    figures = (derive.town_figures(town) if figures is None else figures) + extra_figures(town)
    digits = town.settings.percent_digits
    forms = Forms(digits) if forms is None else forms
    missing = [f for f in figures if not any(numbers.shown(form) for form in forms[f])]
    return [Finding(None, f.text, coverage_detail(f, numbers)) for f in missing], len(figures)


def coverage_detail(figure: derive.Figure, numbers: NumberIndex) -> str:
    """Where a missing figure comes from (its sheet cell when it has one), and, when the draft writes it with 余 or 多 on
    the wrong side of 万/亿, that this is another amount (600万余元 for 600余万元)."""
    detail = f"{figure.source}（{figure.formula.split('；')[0]}）" if ".xlsx!" in figure.formula else figure.source
    wrong = next((w for w in sorted(derive.wrong_forms(figure)) if numbers.shown(w)), None)
    return f"{detail}：稿中写作“{wrong}”，与“{figure.text}”不是同一个数" if wrong else detail


class NumberIndex:
    """Where each whole number stands in a text, so that finding a figure costs a look-up, not a scan: a report
    of 10,000 figures is checked in linear time."""

    FORM = re.compile(r"([^0-9.]*)([0-9]+(?:\.[0-9]+)?)")

    def __init__(self, text: str) -> None:
        self.text = text
        self.at: dict[str, list[int]] = {}
        for match in NUMBER.finditer(text):
            self.at.setdefault(match.group(0), []).append(match.start())

    def shown(self, form: str) -> bool:
        """True when the text shows form as a whole number (2.345亿元 does not count inside 12.345亿元)."""
        match = self.FORM.match(form)
        if match is None:
            return shown(form, self.text)
        prefix, number = match.groups()
        for start in self.at.get(number, ()):
            begin = start - len(prefix)
            if begin >= 0 and self.text.startswith(form, begin) and (
                    begin == 0 or not (self.text[begin - 1].isdigit() or self.text[begin - 1] == ".")):
                return True
        return False


def shown(form: str, text: str) -> bool:
    """True when the draft shows this form of a figure as a whole number (2.345亿元 does not count inside 12.345亿元)."""
    start = text.find(form)
    while start != -1:
        if start == 0 or not (text[start - 1].isdigit() or text[start - 1] == "."):
            return True
        start = text.find(form, start + 1)
    return False


def audit_placeholders(paragraphs: list[str]) -> list[Finding]:
    """【待补充：…】 markers still in the draft."""
    return [Finding(i, m.group(0), "") for i, text in enumerate(paragraphs, start=1) for m in PLACEHOLDER.finditer(text)]


def audit_originality(paragraphs: list[str], corpus: list, exempt: list[str], min_len: int) -> tuple[list[Finding], int]:
    """Spans of at least min_len characters, the exempt strings inside them not counted, that the draft shares
    verbatim with a corpus report (overlap.corpus_spans); and the longest such count."""
    spans, longest = corpus_spans(paragraphs, corpus, exempt, min_len)
    return [Finding(pi + 1, text, source) for pi, text, source in spans], longest


def title_forms(town: Town) -> list[str]:
    """drafter's own title (×××2024年工作总结和2025年工作计划), whole or broken before 和, and its year formula, which
    every report of the year shares: never a copy, however short the town's name (乡 + the formula is 20 characters)."""
    formula = (f"{town.year}年工作总结", f"和{town.next_year}年工作计划")
    return [town.town + "".join(formula), town.town + "\n".join(formula), "".join(formula), "\n".join(formula)]


def audit(town: Town, paragraphs: list[str], corpus: list, name: str, min_overlap: int = MIN_OVERLAP) -> Audit:
    """Run all four checks on a draft."""
    result = Audit(name, min_overlap=min_overlap)
    values, derived, forms = town_values(town), derive.town_figures(town), Forms(town.settings.percent_digits)
    result.numbers, numbers = audit_numbers(paragraphs, allowed_numbers(town, values, derived, forms))
    result.coverage, figures = audit_coverage(paragraphs, town, derived, forms)
    exempt = values[0] + list(canonical_formulas()) + title_forms(town)
    result.originality, result.longest = audit_originality(paragraphs, corpus, exempt, min_overlap)
    result.placeholders = audit_placeholders(paragraphs)
    if town.promises:
        from drafter.check.promises import answers, unkept

        result.promises = [Finding(None, u.text, f"promises[{u.index}]") for u in unkept(town)]
        result.promise_figures = [Finding(None, a.message, f"promises[{a.index}].figures[{a.figure}]") for a in answers(town)]
    result.counted = {"paragraphs": len(paragraphs), "numbers": numbers, "figures": figures,
                      "corpus": len(corpus), "characters": sum(len(p) for p in paragraphs)}
    return result
