"""Context -> the clerk's facts as clauses and items: figures with verbs that fit them, ordinals, approaches."""

from __future__ import annotations

from typing import TYPE_CHECKING

from drafter.compose.base import (
    Context,
    cn_number,
    echoes,
    fig,
    gap,
    item_text,
    sentence,
)
from drafter.compose.fit import words
from drafter.compose.palette import Palette, Topics
from drafter.files.patterns import compiled
from drafter.town import derive
from drafter.town.model import Fact, Item, Section

if TYPE_CHECKING:
    from drafter.town.model import Town



# Approximate marks before the number take no verb: 超 and 逾 stand for one (超9.5亿元 = exceeded 9.5亿元), and a verb
# of attainment cannot introduce an estimate (达到近3.5万元, 实现约8亿元 read wrong; 人均可支配收入近3.5万元 reads right).
OVER = ("超", "逾", "近", "约")


class Facts:
    """Figures, facts and items as the draft writes them."""

    def __init__(self, ctx: Context, palette: Palette) -> None:
        self.ctx, self.palette = ctx, palette
        self.usage = ctx.usage

    # -- figures --------------------------------------------------------------------------------
    def verb(self, name: str, plan: bool = False) -> str:
        """A verb that fits a figure's name (收入达到, 投资完成, 产值实现); in a plan, 达到."""
        if plan:
            return "达到"
        rule = next((r for r in self.usage["verbs"] if any(m in name for m in r["match"])), None)
        verbs = rule["verbs"] if rule else self.usage["default_verbs"]
        return self.ctx.choose.pick(f"verb.{'/'.join(verbs)}", verbs) or verbs[0]

    def fact(self, fact: Fact, source: str, plan: bool = False, opener: str = "") -> str:
        """One fact -> clause markup: free text verbatim; figures with the verb their name wants (or the clerk's),
        several figures joined as a clerk joins them, a ratio with its count when asked."""
        if fact.text is not None:
            return sentence(fact.text)
        found = self.ctx.fact_figures(fact, source, self.ctx.town.settings)
        assert found is not None and fact.what is not None
        bound = fact.bound or ""
        if found.rate is not None:
            count = f"{fact.count}{fig(found.count)}，" if found.count is not None else ""
            return f"{count}{opener}{fact.what}{fact.verb or '达'}{fig(found.rate)}{bound}"
        quantities = found.quantities
        if len(quantities) == 1:
            changes = self.change(quantities[0][1])
        else:
            changes = "".join(self.change(q, label) for label, q in quantities)
        if SLOT in fact.what:  # the clerk put each figure where the phrase wants it: 某山庄等{}项目通过市项目预审
            pieces = fact.what.split(SLOT)  # the model makes sure there is a slot for each figure
            placed = pieces[0] + "".join(fig(q.value) + bound + rest for (_, q), rest in zip(quantities, pieces[1:]))
            return f"{opener}{placed}{changes}"
        fell = any(q.change is not None and q.change.word == "下降" for _, q in quantities)  # 达到 does not introduce a fall
        over = quantities[0][1].value.approx in OVER  # 茶叶综合产值超1.2亿元, not 实现超1.2亿元
        verb = fact.verb or (self.verb(fact.what, plan) if needs_verb(fact.what, self.usage) and not fell and not over else "")
        body = "".join(f"{'、' if k and label else ''}{label}{fig(q.value)}" for k, (label, q) in enumerate(quantities))
        return f"{opener}{fact.what}{verb}{body}{bound}{changes}"

    def change(self, q: derive.Quantity, label: str = "") -> str:
        """'，同比增长14.1%' and '，完成全年目标任务的87.6%' as they apply (naming the figure when there are several)."""
        out = ""
        if q.change is not None:
            out += f"，{label}{fig(q.change.phrase)}"  # 同比增长14.1% or 与上年持平, one figure the update can rewrite
        if q.completion is not None:
            out += f"，{label}完成全年目标任务的{fig(q.completion)}"
        return out

    def clauses(self, item: Item, source: str, plan: bool = False, how: str = "") -> str:
        """An item's facts as sentences the way real reports break them (see sentences()), how it was done (how)
        opening the first; in a plan the first figure gets 力争/确保 unless the item already words its resolve (a
        fact's resolve, 力争/确保, or the clerk's 拟/计划/预计, which stay as written)."""
        if not item.facts:
            return (f"{how}，" if how else "") + gap(f"{item.title or '本项工作'}的具体做法和数据", f"{source}.facts") + "。"
        opener = ""
        own = any(f.resolve is not None for f in item.facts)
        if plan and not own and not any(o in item_text(item) for o in self.usage["tentative"]):
            opener = self.ctx.choose.pick("plan.opener", self.usage["plan_openers"]) or ""
        out = []
        for i, f in enumerate(item.facts):
            mine = (f.resolve or "") if plan and f.resolve is not None else (opener if f.text is None else "")
            out.append((self.fact(f, f"{source}.facts[{i}]", plan, mine), kind(f, mine, self.usage, plan)))
            if f.text is None:
                opener = ""
        said = sentences(out)
        return (f"{how}，" if how else "") + "".join(s + "。" for s in said)

    # -- items ----------------------------------------------------------------------------------
    def approach(self, item: Item, topic: Topics, said: str = "") -> str | None:
        """How the work was done, said before its figures: an approach of the topic whose words the item has,
        in words neither the item nor what the paragraph said before it (said) already uses, and sharing no word with
        the figure it leads into (就地化解，排查化解矛盾纠纷 / 及时救助，发放各类救助资金 say a word twice in a breath)."""
        if not item.facts or item.facts[0].text is not None:
            return None
        text = item_text(item) + "\n" + said
        first = item.facts[0].what or ""  # the approach opens this figure, so it must be about it
        theirs = words(first)
        fitting = [t for t in self.palette.texts(topic, "approaches", first)
                   if not echoes(t, text) and theirs.isdisjoint(words(t)) and self.ctx.novel(t)]
        choice = self.ctx.choose.fresh("approaches", fitting)
        if choice is not None:
            self.ctx.choose.mark("approaches", choice)
            self.ctx.wrote(choice)
        return choice

    def item(self, section: Section, index: int, source: str, plan: bool = False, lead: bool = True, said: str = "") -> str:
        """One item: '一是' only when a '二是' follows; its title (a lead-in, or plain); how; its facts.
        said is what drafter wrote before it in the paragraph (an approach does not repeat its words)."""
        item = section.items[index]
        ordinal = f"{cn_number(index + 1)}是" if len(section.items) > 1 else ""
        head = f"{ordinal}{item.title}。" if item.title else ordinal
        if head and lead:
            head = f"⟦lead:{head}⟧"
        how = "，".join(sentence(m) for m in item.measures) or (None if plan else supplied(self.approach(item, tuple(section.topics), said)))
        return head + self.clauses(item, f"{source}.items[{index}]", plan, how or "")

    def items(self, section: Section, source: str, plan: bool = False, lead: bool = True, said: str = "") -> str:
        """All items of a section in one paragraph (a placeholder when there are none)."""
        if not section.items:
            return gap("本节的具体工作和数据（items）", f"{source}.items") + "。"
        return "".join(self.item(section, i, source, plan, lead, said) for i in range(len(section.items)))

    def topical(self, section: Section, index: int, verdict: str | None) -> str:
        """A topical paragraph: the verdict, how the work was done, then the items (一是… when two or more).
        A single titled item under no verdict opens the paragraph itself; without a verdict no lead is said,
        since a lead before the first title would read out of order."""
        source = f"sections[{index}]"
        items = section.items
        if verdict is None and len(items) == 1 and items[0].title:
            title = sentence(items[0].title)
            lead = "" if items[0].measures else self.lead(section, title)  # the clerk said how: no lead of drafter's
            how = "，".join(sentence(m) for m in items[0].measures) or supplied(self.approach(items[0], tuple(section.topics), title + lead))
            return f"⟦lead:{title}。⟧{lead}" + self.clauses(items[0], f"{source}.items[0]", how=how or "")
        if verdict is None:
            return self.items(section, source, False, False)
        lead = self.lead(section, verdict)
        return f"⟦lead:{verdict}。⟧{lead}" + self.items(section, source, False, False, verdict + lead)

    def lead(self, section: Section, after: str = "") -> str:
        """How a topic's work was done, as the topical style says it after the verdict (after): drafter's words,
        marked as such for the clerk to confirm."""
        said = self.palette.sentence("leads", section, after)
        return f"⟦how:{said[:-1]}⟧。" if said else ""

    # -- indicators -----------------------------------------------------------------------------
    def period(self) -> str:
        """'2024年1-10月' or the year alone."""
        town = self.ctx.town
        return f"{town.year}年{town.period}" if town.period else f"{town.year}年"

    def indicator(self, index: int) -> str:
        """One indicator clause: name, a verb that fits it, value, change, completion; the rates alone when the
        report gives no value (农村居民人均可支配收入增长6.5%)."""
        ind = self.ctx.town.indicators[index]
        q = derive.indicator(ind, f"indicators[{index}]", self.ctx.town.settings)
        if q is None:
            return f"{ind.name}{gap(f'{ind.name}本年数值', f'indicators[{index}].value')}"
        if isinstance(q, derive.Rates):
            rates = [fig(q.change.bare)] if q.change is not None else []
            rates += [f"完成全年目标任务的{fig(q.completion)}"] if q.completion is not None else []
            return ind.name + "，".join(rates)
        if q.value.approx in OVER:
            verb = ""  # 地区生产总值超8亿元, not 实现超8亿元; 人均可支配收入近3.5万元, not 达到近3.5万元
        else:
            verb = "为" if q.change is not None and q.change.word == "下降" else self.verb(ind.name)  # not 实现 a fall
        return f"{ind.name}{verb}{fig(q.value)}{self.change(q)}"

    def table(self) -> str:
        """The indicator table's @row markup after the indicator paragraph ('' when not asked for)."""
        return indicator_table(self.ctx.town)

    def indicators(self) -> str:
        """The indicator paragraph: '2024年1-10月，全镇…；…。'."""
        clauses = [self.indicator(i) for i in range(len(self.ctx.town.indicators))]
        return f"{self.period()}，全{self.ctx.town.township}" + "；".join(clauses) + "。"


# How a clerk marks where a fact's figure goes in its phrase: 某山庄等{}项目通过市项目预审.
SLOT = "{}"
# A sentence of drafter's carries at most this many of the clerk's facts.
MOST_FACTS = 3
# How a fact joins its neighbours: the clerk's free text, a free-text result of the sentence before, a plain figure
# of at most LIST_WHAT characters that may stand in a list, any other figure clause.
FREE, TAIL, LISTED, FIGURE = "free", "tail", "listed", "figure"
LIST_WHAT = 6
PLAN_TASK = 24
# Inline markup around a figure (its source and formula are not words of the sentence).
MARKUP = compiled(r"⟦[^⟧]*⟧")


def needs_verb(what: str, usage: dict) -> bool:
    """True when what names a measure (村级集体经济总收入) rather than an action (完成项目征地, 完成规上工业总产值:
    a what that opens with its own verb gets no second one)."""
    if what.startswith(tuple(usage["verb_starts"])) or what.endswith(tuple(usage["attributes"])):
        return False
    return what.endswith(tuple(usage["measures"])) and not what.endswith(tuple(usage["verb_endings"]))


def kind(fact: Fact, opener: str, usage: dict, plan: bool = False) -> str:
    """How a fact joins its neighbours (see sentences): free text, a result tail (全年未发生……), a plain figure
    that may stand in a list (谈话提醒63人次), or a figure clause. In a plan, a short task of the clerk's words
    (确保溪东新区二期年内开工) joins the tasks beside it, as plans list them; a long one stands alone."""
    if fact.text is not None:
        if plan and len(fact.text) <= PLAN_TASK:
            return FIGURE
        return TAIL if fact.text.startswith(tuple(usage["tails"])) else FREE
    what = fact.what or ""
    plain = (fact.value is not None and not fact.figures and fact.ratio is None and fact.previous is None
             and fact.growth is None and fact.target is None and fact.completion is None and fact.verb is None)
    if plain and not opener and SLOT not in what and len(what) <= LIST_WHAT and not needs_verb(what, usage):
        return LISTED
    return FIGURE


def sentences(facts: list[tuple[str, str]]) -> list[str]:
    """An item's facts (clause markup and kind) -> sentences as real reports write them: a free-text fact is an event
    of the clerk's and stands as its own sentence (drafter cannot tell what it belongs with), but a result (全年未发生
    赴省进京集体访) closes the sentence before it; a run of figures shares sentences (完成项目征地412.6亩，签订征迁协议
    63户), never more than MOST_FACTS to one (see cut), but a longer run of plain figures is one list, as reports list
    them (谈话提醒63人次、责令检查7人次、通报批评1人次、…), not cut in the middle."""
    out: list[tuple[str, int]] = []  # each sentence with the number of facts it joins with commas
    run: list[tuple[str, str]] = []

    def close() -> None:
        texts = [text for text, _ in run]
        if len(run) > MOST_FACTS and all(kind == LISTED for _, kind in run):
            out.append(("、".join(texts), 1))
        else:
            out.extend(("，".join(group), len(group)) for group in cut(texts))
        run.clear()

    for text, kind in facts:
        if kind in (FREE, TAIL):
            close()
            if kind == TAIL and out and out[-1][1] < MOST_FACTS:
                out[-1] = (out[-1][0] + "，" + text, out[-1][1] + 1)
            else:
                out.append((text, 1))
        else:
            run.append((text, kind))
    close()
    return [text for text, _ in out]


def cut(run: list[str]) -> list[list[str]]:
    """A run of figure clauses -> as few sentences as MOST_FACTS allows, cut where neighbours share the fewest words
    (临时救助58人次 stays with 发放临时救助金17.6万元), as evenly as that leaves them (never one figure left alone
    when two and two would do)."""
    if len(run) <= MOST_FACTS:
        return [run] if run else []
    parts = -(-len(run) // MOST_FACTS)
    near = [len(words(MARKUP.sub("", a)) & words(MARKUP.sub("", b))) for a, b in zip(run, run[1:])]

    def splits(n: int, k: int) -> list[list[int]]:
        if k == 1:
            return [[n]] if n <= MOST_FACTS else []
        return [[first, *rest] for first in range(1, min(MOST_FACTS, n - 1) + 1) for rest in splits(n - first, k - 1)]

    def cost(sizes: list[int]) -> tuple[int, int]:
        ends = [sum(sizes[: k + 1]) - 1 for k in range(len(sizes) - 1)]
        return sum(near[e] for e in ends), max(sizes) - min(sizes)

    sizes = min(splits(len(run), parts), key=cost)
    starts = [sum(sizes[:k]) for k in range(len(sizes))]
    return [run[s : s + n] for s, n in zip(starts, sizes)]


def supplied(text: str | None) -> str | None:
    """A 做法 drafter supplied (not the clerk's), marked so --annotate asks the clerk to confirm it."""
    return f"⟦how:{text}⟧" if text else None


def indicator_table(town: Town) -> str:
    """The indicator table (settings.table): 指标 / 单位 / 本年 / 上年 / 同比 / 目标 / 完成率, every number a figure
    with its source, as @row markup lines after the indicator paragraph ('' when not asked for)."""
    if not (town.settings.table and town.indicators):
        return ""
    rows = ["指标⟦cell⟧单位⟦cell⟧本年⟦cell⟧上年⟦cell⟧同比（%）⟦cell⟧目标⟦cell⟧完成率（%）"]
    for i, ind in enumerate(town.indicators):
        row = derive.table_row(ind, f"indicators[{i}]", town.settings)
        if row is None:
            previous = fig(derive.Figure(derive.number(ind.previous), f"indicators[{i}].previous")) if ind.previous is not None else "—"
            target = fig(derive.Figure(derive.number(ind.target), f"indicators[{i}].target")) if ind.target is not None else "—"
            rows.append("⟦cell⟧".join([ind.name, ind.unit or "—", gap("本年数值", f"indicators[{i}].value"), previous, "—", target, "—"]))
            continue
        change = "—" if row.change is None else fig(row.change.figure or row.change.phrase._replace(text="持平"))
        value = fig(row.value) if row.value is not None else "—"  # the report gives only the indicator's rates
        cells = [ind.name, row.unit or "—", value, *(fig(f) if f else "—" for f in (row.previous,)), change,
                 *(fig(f) if f else "—" for f in (row.target, row.completion))]
        rows.append("⟦cell⟧".join(cells))
    return "".join(f"\n@row {row}" for row in rows)
