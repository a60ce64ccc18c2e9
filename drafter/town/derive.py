"""Town -> derived figures (growth, completion, ratios, exact 亿元 scaling, 余/约/近…) in half-up Decimal, with sources."""

from collections.abc import Callable, Iterator
from decimal import Decimal

from drafter.town.amounts import (  # noqa: F401 (number, rounded, percent, trimmed, mark are derive's API too)
    ALIKE,
    HUNDRED,
    WAN_PER_YI,
    mark,
    misplaced,
    number,
    percent,
    rounded,
    scalings,
    trimmed,
    with_mark,
)
from drafter.town.model import Fact, Indicator, Section, Settings, Town
from drafter.town.record import Record
from drafter.tuples import NamedTuple


class Figure(NamedTuple):
    """A number as shown in the draft, with the key path it comes from and, if derived, its formula.
    value and unit are the exact amount behind the text (for check); kind is 'value' or 'rate'."""

    text: str
    source: str
    formula: str = ""
    value: Decimal | None = None
    unit: str = ""
    kind: str = "value"
    approx: str = ""  # 余, 多, 约, 近, 超 or 逾 when the value is approximate (amounts.SIGNS)


class Change(NamedTuple):
    """Year-on-year change: 增长 / 下降 / 持平 and its size (None when 持平); source and formula of the change."""

    word: str
    figure: Figure | None
    source: str = ""
    formula: str = ""

    @property
    def phrase(self) -> Figure:
        """The change as the draft says it, one run whose words follow the figure: 同比增长14.1% / 与上年持平."""
        text = "与上年持平" if self.figure is None else f"同比{self.word}{self.figure.text}"
        return Figure(text, self.source, self.formula)

    @property
    def bare(self) -> Figure:
        """The change said right after the indicator's name, when the report gives the rate alone: 增长6.5% / 与上年持平."""
        text = "与上年持平" if self.figure is None else f"{self.word}{self.figure.text}"
        return Figure(text, self.source, self.formula)


class Quantity(NamedTuple):
    """A user's value with its unit, scaled for display, plus optional change and completion."""

    value: Figure
    change: Change | None = None
    completion: Figure | None = None


class Rates(NamedTuple):
    """An indicator the report gives only the rates of (农村居民人均可支配收入增长6.5%): no value, a change, a completion."""

    change: Change | None
    completion: Figure | None


class FactFigures(Record):  # not a NamedTuple: its field would shadow tuple.count
    """The figures of one structured fact: its quantities (each with the words before it, for a fact with
    several), or a ratio's rate with, when asked, the count it is made of."""

    quantities: list[tuple[str, Quantity]]
    rate: Figure | None = None
    count: Figure | None = None

    def all(self) -> Iterator[Figure]:
        """Every figure shown: values, changes, completions, count and rate."""
        for _, q in self.quantities:
            yield q.value
            if q.change is not None and q.change.figure is not None:
                yield q.change.figure
            if q.completion is not None:
                yield q.completion
        yield from (f for f in (self.count, self.rate) if f is not None)


def shown(value: Decimal, unit: str, approx: object, source: str, settings: Settings) -> Figure:
    """A user value as shown: 万元 from the threshold up becomes 亿元 exactly (no digit lost); 余 or 约 placed
    where a clerk writes it."""
    threshold, sign = settings.yi_threshold, mark(approx)
    if unit == "万元" and threshold is not None and value >= threshold:
        yi = trimmed(value / WAN_PER_YI)
        return Figure(with_mark(yi, "亿元", sign), source, f"{source} {number(value)}万元 ÷ 10000", value, unit, "value", sign)
    return Figure(with_mark(number(value), unit, sign), source, "", value, unit, "value", sign)


def change(value: Decimal, previous: Decimal, source: str, digits: int) -> Change:
    """Growth of value over previous: wording follows the sign of the rounded rate."""
    exact = (value - previous) / previous * HUNDRED
    rate = rounded(exact, digits)
    formula = f"{source} {number(value)} / {number(previous)} − 1"
    if rate == 0:
        return Change("持平", None, f"{source}.change", formula)
    word = "增长" if rate > 0 else "下降"
    return Change(word, Figure(f"{number(abs(rate))}%", f"{source}.change", formula, abs(exact), "%", "rate"), f"{source}.change", formula)


def completion(value: Decimal, target: Decimal, source: str, digits: int) -> Figure:
    """value / target as a percentage."""
    exact = value / target * HUNDRED
    formula = f"{source} {number(value)} / {number(target)}"
    return Figure(f"{number(rounded(exact, digits))}%", f"{source}.completion", formula, exact, "%", "rate")


def stated_change(growth: Decimal, source: str) -> Change:
    """A growth rate the clerk gave (66.8, -3.2, 0) as the draft says it: 增长66.8%, 下降3.2%, 持平; its key is growth."""
    key = f"{source}.growth"
    if growth == 0:
        return Change("持平", None, key)
    return Change("增长" if growth > 0 else "下降", Figure(f"{number(abs(growth))}%", key, "", abs(growth), "%", "rate"), key)


def stated_completion(rate: Decimal, source: str) -> Figure:
    """A completion rate the clerk gave (118) as the draft says it: 118%."""
    return Figure(f"{number(rate)}%", f"{source}.completion", "", rate, "%", "rate")


def quantity(value: Decimal, unit: str, approx: object, previous: Decimal | None, target: Decimal | None, source: str,
             settings: Settings, growth: Decimal | None = None, rate: Decimal | None = None) -> Quantity:
    """A value with its optional previous-year value and target -> Quantity; without them, the growth and completion
    rate the clerk stated (with them, a stated rate only confirms the one they make: the schema checks it)."""
    digits = settings.percent_digits
    said = stated_change(growth, source) if growth is not None else None
    return Quantity(
        shown(value, unit, approx, f"{source}.value", settings),
        change(value, previous, source, digits) if previous is not None else said,
        completion(value, target, source, digits) if target is not None else
        (stated_completion(rate, source) if rate is not None else None),
    )


CELL_LABELS = {"value": "本年", "previous": "上年", "target": "目标"}


def indicator(ind: Indicator, source: str, settings: Settings) -> Quantity | Rates | None:
    """An indicator -> its figures (None while neither its value nor a rate of it is known: only the rates when the
    report gives them alone); figures from the statistics sheet name their cells in their formulas."""
    if ind.value is None:
        if ind.growth is None and ind.completion is None:
            return None
        return Rates(stated_change(ind.growth, source) if ind.growth is not None else None,
                     stated_completion(ind.completion, source) if ind.completion is not None else None)
    q = quantity(ind.value, ind.unit, ind.approx, ind.previous, ind.target, source, settings, ind.growth, ind.completion)
    if not ind.cells:
        return q

    def cite(formula: str, kinds: tuple[str, ...]) -> str:
        cells = "、".join(f"{CELL_LABELS[kind]} {ind.cell(kind)}" for kind in kinds if ind.cell(kind))
        return f"{cells}；{formula}" if cells and formula else cells or formula

    def cited(figure: Figure, kinds: tuple[str, ...]) -> Figure:
        return figure._replace(formula=cite(figure.formula, kinds))

    change, completion = q.change, q.completion
    if change is not None:
        pair = ("value", "previous")
        figure = cited(change.figure, pair) if change.figure is not None else None
        change = change._replace(figure=figure, formula=cite(change.formula, pair))
    if completion is not None:
        completion = cited(completion, ("value", "target"))
    return Quantity(cited(q.value, ("value",)), change, completion)


def fact_figures(fact: Fact, source: str, settings: Settings) -> FactFigures | None:
    """A structured fact -> its figures (a value, several values, or a ratio); free text -> None."""
    if fact.ratio is not None:
        part, whole = fact.ratio
        exact = part / whole * HUNDRED
        rate = Figure(f"{number(rounded(exact, settings.percent_digits))}%", f"{source}.ratio",
                      f"{source} {number(part)} / {number(whole)}", exact, "%", "rate")
        count = shown(part, fact.unit, False, f"{source}.ratio[0]", settings) if fact.count else None
        return FactFigures(quantities=[], rate=rate, count=count)
    if fact.figures:
        return FactFigures(quantities=[
            (p.what or "", quantity(p.value, p.unit, p.approx, p.previous, p.target, f"{source}.figures[{j}]", settings,
                                    p.growth, p.completion))
            for j, p in enumerate(fact.figures)
        ])
    if fact.value is not None:
        made = quantity(fact.value, fact.unit, fact.approx, fact.previous, fact.target, source, settings, fact.growth,
                        fact.completion)
        return FactFigures(quantities=[("", made)])
    return None


def section_changes(section: Section, source: str, settings: Settings,
                    figures: Callable[[Fact, str, Settings], FactFigures | None] | None = None) -> list[str]:
    """增长/下降/持平 of every figure of a section that has a previous-year value or a stated growth (figures: where
    a fact's figures come from, fact_figures unless a caller keeps them)."""
    words, figures = [], figures or fact_figures
    for i, item in enumerate(section.items):
        for j, fact in enumerate(item.facts):
            found = figures(fact, f"{source}.items[{i}].facts[{j}]", settings)
            words += [q.change.word for _, q in (found.quantities if found else []) if q.change is not None]
    return words


def indicator_changes(town: Town) -> list[str]:
    """增长/下降/持平 of the key indicators that have a previous-year value or a stated growth."""
    quantities = [indicator(ind, f"indicators[{i}]", town.settings) for i, ind in enumerate(town.indicators)]
    return [q.change.word for q in quantities if q is not None and q.change is not None]


class TableRow(NamedTuple):
    """An indicator as a table row: the unit the row is shown in, and its figures as bare numbers in that unit."""

    unit: str
    value: Figure | None  # None for an indicator whose report gives only its rates (the table shows —)
    previous: Figure | None
    change: Change | None
    target: Figure | None
    completion: Figure | None


def table_row(ind: Indicator, source: str, settings: Settings) -> TableRow | None:
    """An indicator for the indicator table: the whole row in the value's unit (亿元 when the value is shown in
    亿元, exactly), numbers without units, rates without the % (the header says it)."""
    q = indicator(ind, source, settings)
    if q is None:
        return None
    scaled = isinstance(q, Quantity) and q.value.formula.endswith("÷ 10000")
    unit = "亿元" if scaled else ind.unit

    def bare(amount: Decimal, key: str) -> Figure:
        digits = trimmed(amount / WAN_PER_YI) if scaled else number(amount)
        formula = f"{source}.{key} {number(amount)}万元 ÷ 10000" if scaled else ""
        return Figure(digits, f"{source}.{key}", formula, amount, ind.unit)

    def rate(figure: Figure | None) -> Figure | None:
        return figure._replace(text=figure.text.rstrip("%")) if figure is not None else None

    change = q.change
    if change is not None and change.figure is not None:
        sign = "-" if change.word == "下降" else ""
        change = change._replace(figure=change.figure._replace(text=sign + change.figure.text.rstrip("%")))
    previous = bare(ind.previous, "previous") if ind.previous is not None else None
    target = bare(ind.target, "target") if ind.target is not None else None
    value = bare(ind.value, "value") if ind.value is not None else None
    return TableRow(unit, value, previous, change, target, rate(q.completion))


def town_figures(town: Town) -> list[Figure]:
    """Every figure the draft must carry: indicators' and facts' values, changes, completions, counts, rates."""
    out: list[Figure] = []
    for i, ind in enumerate(town.indicators):
        q = indicator(ind, f"indicators[{i}]", town.settings)
        if isinstance(q, Rates):
            out += [f for f in (q.change.figure if q.change else None, q.completion) if f is not None]
        elif q is not None:
            out += FactFigures(quantities=[("", q)]).all()
    for group in ("sections", "plans"):
        for si, section in enumerate(getattr(town, group)):
            for ii, item in enumerate(section.items):
                for fi, fact in enumerate(item.facts):
                    found = fact_figures(fact, f"{group}[{si}].items[{ii}].facts[{fi}]", town.settings)
                    out += found.all() if found else []
    return out


def forms(figure: Figure, digits: int) -> set[str]:
    """Every correct way to write a figure: its text; a rate rounded to fewer places; an amount in another
    unit of the same kind; an approximate amount with a mark alike in meaning, in its place (约3.5万亩 = 3.5万余亩 =
    35000余亩; 600余万元 = 超600万元, never 600万余元)."""
    if figure.value is None:
        return {figure.text}
    if figure.kind == "rate":
        return {figure.text} | {f"{number(rounded(figure.value, d))}%" for d in range(digits + 1)}
    signs = ALIKE.get(figure.approx, "") or ("",)
    return {figure.text} | {with_mark(trimmed(v), u, sign) for v, u in scalings(figure.value, figure.unit) for sign in signs}


def wrong_forms(figure: Figure) -> set[str]:
    """Forms of an approximate figure with 余 or 多 on the wrong side of 万/亿 (600万余元 for 600余万元): another amount."""
    if figure.value is None or figure.approx not in ("余", "多"):
        return set()
    found = (misplaced(trimmed(v), u, figure.approx) for v, u in scalings(figure.value, figure.unit))
    return {w for w in found if w} - forms(figure, 0)
