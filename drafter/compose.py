"""Town + figures + bank + chooser -> the phrase-level pieces templates place (headings, openings, facts)."""

from __future__ import annotations

import re

from drafter import derive
from drafter.lexicon import load_lexicon
from drafter.markup import width
from drafter.model import Fact, Item, Section, Town
from drafter.phrases import Bank, Chooser

CN_DIGITS = "零一二三四五六七八九"
SLOT = re.compile(r"\{([^{}]+)\}")
# A guidance clause longer than this is too particular to reuse (it names a visit, a province …).
GUIDANCE_MAX = 24
# A mined clause this long or longer is never reused (the originality check flags 20-character spans).
CLAUSE_MAX = 16
# The subject that opens a clause of a mined transition (我们一定高度重视).
SUBJECT = "我们"
# A title wider than this (in full-width characters) is broken before "和".
TITLE_WIDTH = 20


def cn_number(n: int) -> str:
    """1..99 -> 一 … 九十九."""
    if n < 10:
        return CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN_DIGITS[tens]) + "十" + (CN_DIGITS[ones] if ones else "")


def fig(figure: derive.Figure) -> str:
    """Figure -> inline markup carrying its source and formula."""
    extra = f"|{figure.formula}" if figure.formula else ""
    return f"⟦fig:{figure.text}|{figure.source}{extra}⟧"


def gap(what: str, source: str) -> str:
    """A placeholder for something the town file lacks."""
    return f"⟦gap:{what}|{source}⟧"


def shares_word(a: str, b: str) -> bool:
    """True when a and b have a two-character sequence in common."""
    return any(a[i : i + 2] in b for i in range(len(a) - 1))


def sentence(text: str) -> str:
    """Strip trailing punctuation so the template decides how a clause ends."""
    return text.rstrip("。；，、 ")


class Composer:
    """Phrase-level composition for one draft; every choice goes through one Chooser."""

    def __init__(self, town: Town, bank: Bank, chooser: Chooser, style: str) -> None:
        self.town, self.bank, self.choose, self.style = town, bank, chooser, style
        self.lexicon = load_lexicon()
        self.slots = {
            "乡镇名": town.town,
            "乡镇": town.township,
            "年": str(town.year),
            "次年": str(town.next_year),
            "上级": town.leaders or gap("上级领导机关（superior）", "superior"),
            "目标": town.goal or gap("年度目标（goal）", "goal"),
        }
        self.examples = {e for f in bank.formulas for e in f.get("examples", [])}

    # -- slot filling ---------------------------------------------------------------------------
    def fill(self, pattern: str, extra: dict[str, str] | None = None) -> str | None:
        """Replace known slots; None when a slot cannot be filled."""
        values = {**self.slots, **(extra or {})}
        missing = [s for s in SLOT.findall(pattern) if s not in values]
        return None if missing else SLOT.sub(lambda m: values[m.group(1)], pattern)

    def fillable(self, entries: list[dict], extra: dict[str, str] | None = None) -> list[str]:
        """Texts of entries whose slots can all be filled, filled."""
        out = [self.fill(e["text"], extra) for e in entries]
        return [t for t in out if t]

    def pick_role(self, category: str, role: str, key: str | None = None, keep=lambda t: True) -> str | None:
        """One filled phrase of a role."""
        options = [t for t in self.fillable(self.bank.role(category, role)) if keep(t)]
        return self.choose.pick(key or f"{category}.{role}", options)

    # -- title and opening ----------------------------------------------------------------------
    @staticmethod
    def plain_title(town: Town) -> str:
        """'X镇2024年工作总结和2025年工作计划'."""
        return f"{town.town}{town.year}年工作总结和{town.next_year}年工作计划"

    def title(self) -> str:
        """The title, broken before 和 when too wide for one line of 22 pt type."""
        text = self.plain_title(self.town)
        return text.replace("和", "⟦br⟧和", 1) if width(text) > TITLE_WIDTH else text

    def opening(self) -> str:
        """Opening paragraph: time, leadership, guidance, goal, resolve and result clauses."""
        time = self.pick_role("openings", "time") or "今年以来"
        lead = self.pick_role("openings", "leadership", keep=lambda t: "领导下" in t)
        if lead and "在" in lead:
            lead = self.town.town + lead[lead.index("在") :]
        guidance = self.choose.take("openings.guidance", self.guidance_options(), 2)
        goal = self.pick_role("openings", "goal", keep=self.is_goal) if self.town.goal else None
        resolve = self.resolve()
        result = self.pick_role("openings", "result", keep=lambda t: len(t) <= 16 and "、" not in t)
        clauses = [time, lead or f"{self.town.town}在{self.slots['上级']}的坚强领导下", *guidance, goal, *resolve, result]
        return "，".join(c for c in clauses if c) + "。"

    def part_heading(self, kind: str, fallback: str) -> str:
        """A part heading mined for this style (工作总结, 存在的问题和不足 …), not one the title already says."""
        parts = self.bank.skeletons.get(self.style, {}).get("parts", [])
        options = self.fillable([{"text": h} for p in parts if p["kind"] == kind for h in p["headings"]])
        fresh = [o for o in options if o not in self.plain_title(self.town)]
        return self.choose.pick(f"part.{kind}", fresh or options) or fallback

    def report_clause(self, verb: str) -> str:
        """'现将…今年工作总结和明年工作计划报告如下：' ('报告' or '报送'); the years are in the title already."""
        relative = {"年": "今", "次年": "明"}
        options = [t for t in self.fillable(self.bank.role("openings", "report"), relative) if verb in t and t.startswith("现")]
        text = self.choose.pick("openings.report", options) or f"现将{self.town.town}{self.town.year}年工作总结和{self.town.next_year}年工作计划{verb}如下"
        return text + "："

    # -- headings -------------------------------------------------------------------------------
    def label(self, topic: str) -> str:
        """The heading label of a topic (项目建设, 党的建设 …)."""
        found = self.lexicon.topic(topic)
        return found.label if found else topic

    def fillers(self, slot: str, topic: str, pattern: str) -> list[str]:
        """This topic's fillers of a formula's slot (成效, 领域), brand names in quotes left out."""
        return [e["text"] for e in self.bank.fillers
                if e["slot"] == slot and e.get("pattern") == pattern and topic in e["topics"] and "“" not in e["text"]]

    def action(self, topic: str) -> str:
        """A resolve phrase (举措: 聚焦重点, 凝心聚力): one mined under this topic while unused, else any."""
        pool = [e for e in self.bank.fillers if e["slot"] == "举措" and "“" not in e["text"]]
        own = [e["text"] for e in pool if topic in e["topics"]]
        return self.choose.prefer("filler.举措", own, [e["text"] for e in pool]) or "聚焦重点"

    def tail(self, topic: str | None = None) -> str:
        """A result tail (稳步推进, 取得新进展 …) for a topic's label: one mined under this topic while
        unused, else any; never one that repeats a word of the label (产业发展蓬勃发展)."""
        label = self.label(topic) if topic else ""
        tails = [e for e in self.bank.role("phrases", "tail") if not shares_word(label, e["text"])]
        own = [e["text"] for e in tails if topic in e["topics"]]
        return self.choose.prefer("phrases.tail", own, [e["text"] for e in tails]) or "取得新成效"

    def heading(self, section: Section, part: str, level: int) -> str:
        """The user's heading, or a mined formula filled for this topic (never a seed heading verbatim)."""
        if section.heading:
            return section.heading
        label = self.label(section.topic)
        formulas = [f for f in self.bank.formulas if f["style"] == self.style and f["part"] == part and f["level"] == level]
        for _ in range(len(formulas)):
            formula = self.choose.pick(f"formula.{part}.{level}", [f["pattern"] for f in formulas])
            text = self.fill_heading(formula or "", section.topic, label)
            if text and text not in self.examples:
                return text
        action = self.action(section.topic)
        if part == "review":
            return f"{action}，{label}{self.tail(section.topic)}"
        if self.style == "congress":
            return f"{action}，实施{label}提升工程"
        return f"{action}，{self.plan_verb()}{label}"

    def plan_verb(self) -> str:
        """A four-character plan opener such as 全力推进 or 扎实推进."""
        return self.pick_role("phrases", "plan", keep=lambda t: len(t) == 4 and t.endswith("推进")) or "全力推进"

    def fill_heading(self, formula: str, topic: str, label: str) -> str | None:
        """Fill a formula's slots for a topic; None when a slot has no filler for it.

        A 领域 slot with literal words around it (坚持{领域}) takes the topic label; a bare one takes
        the label plus a result tail on the right of the comma, or this topic's own filler on the left."""
        values: dict[str, str] = {}
        halves = formula.split("，")
        for slot in SLOT.findall(formula):
            half = next(h for h in halves if f"{{{slot}}}" in h)
            if slot == "领域" and half != "{领域}":
                values[slot] = label
            elif slot == "领域" and halves.index(half) > 0:
                values[slot] = f"{label}{self.tail(topic)}"
            elif slot == "举措":
                values[slot] = self.action(topic)
            else:
                choice = self.choose.pick(f"filler.{slot}", self.fillers(slot, topic, formula))
                if choice is None:
                    return None
                values[slot] = choice
        text = SLOT.sub(lambda m: values[m.group(1)], formula)
        balanced = text.count("“") == text.count("”")
        return text if balanced and len(text) >= 6 and text.count(label) <= 1 else None

    def is_basis(self, text: str) -> bool:
        """An opening clause that names the basis of a submission ('根据通知要求')."""
        return text.startswith("根据")

    def topic_verdict(self, topic: str) -> str:
        """A verdict for a topic: a mined one ('经济运行平稳有序') or its label with a result tail."""
        mined = [e["text"] for e in self.bank.verdicts if topic in e["topics"]]
        return self.choose.pick(f"verdict.{topic}", [*mined, f"{self.label(topic)}{self.tail(topic)}"]) or ""

    def verdict(self, section: Section) -> str:
        """A topical paragraph's verdict: the user's, else one for its topic."""
        return sentence(section.verdict) if section.verdict else self.topic_verdict(section.topic)

    # -- facts ----------------------------------------------------------------------------------
    def fact(self, fact: Fact, source: str, plan: bool = False) -> str:
        """One fact -> clause markup: free text verbatim; figures with change and completion."""
        if fact.text is not None:
            return sentence(fact.text)
        figures = derive.fact_figures(fact, source, self.town.settings)
        if isinstance(figures, derive.Figure):
            return f"{fact.what}达{fig(figures)}"
        assert figures is not None
        opener = self.pick_role("phrases", "plan", keep=lambda t: len(t) == 2 and t in ("力争", "确保")) if plan else ""
        text = f"{opener or ''}{fact.what}{fig(figures.value)}"
        return text + self.change(figures)

    def change(self, q: derive.Quantity) -> str:
        """'，同比增长14.1%' and '，完成全年目标任务的87.6%' as they apply."""
        out = ""
        if q.change is not None:
            out += "，与上年持平" if q.change.figure is None else f"，同比{q.change.word}{fig(q.change.figure)}"
        if q.completion is not None:
            out += f"，完成全年目标任务的{fig(q.completion)}"
        return out

    def facts(self, item: Item, source: str, plan: bool = False) -> str:
        """All facts of an item as sentences, or a placeholder when it has none."""
        if not item.facts:
            return gap(f"{item.title or '本项工作'}的具体做法和数据", f"{source}.facts") + "。"
        return "，".join(self.fact(f, f"{source}.facts[{i}]", plan) for i, f in enumerate(item.facts)) + "。"

    def indicator(self, index: int) -> str:
        """One indicator clause: name, value, change, completion."""
        ind = self.town.indicators[index]
        q = derive.indicator(ind, f"indicators[{index}]", self.town.settings)
        verb = self.choose.pick("indicator.verb", ["实现", "完成", "达到"])
        return f"{ind.name}{verb}{fig(q.value)}{self.change(q)}"

    def period(self) -> str:
        """'2024年1-10月' or the year alone."""
        return f"{self.town.year}年{self.town.period}" if self.town.period else f"{self.town.year}年"

    # -- problems, plans, closing ---------------------------------------------------------------
    def recombine(self, key: str, sentences: list[str]) -> str | None:
        """A new sentence from mined ones: an opening clause, a middle one and an ending, each from a
        different place than the clause that follows it in its source (so no long span is copied)."""
        parts = [[c for c in re.split(r"[，,]", sentence.rstrip("。：:")) if c] for sentence in sentences]
        parts = [p for p in parts if len(p) >= 2]
        if len(parts) < 2:
            return None
        picks: list[tuple[int, int]] = []
        for role, where in (("open", lambda p: [0]), ("middle", lambda p: range(1, len(p) - 1)), ("end", lambda p: [len(p) - 1])):
            options = [
                (si, ci) for si, p in enumerate(parts) for ci in where(p)
                if len(p[ci]) < CLAUSE_MAX and not (picks and si == picks[-1][0] and ci == picks[-1][1] + 1)
            ]
            if role == "middle":  # the middle clause carries the subject (我们…), or there is none
                options = [(si, ci) for si, ci in options if parts[si][ci].startswith(SUBJECT)]
            elif role == "end" and len(picks) == 1:  # no middle: the ending must carry it
                options = [(si, ci) for si, ci in options if parts[si][ci].startswith(SUBJECT)] or options
            labels = {parts[si][ci]: (si, ci) for si, ci in options}
            choice = self.choose.pick(f"{key}.{role}", sorted(labels))
            if choice is not None:
                picks.append(labels[choice])
        clauses = [parts[si][ci] for si, ci in picks]
        for i in range(2, len(clauses)):  # the subject is said once
            if clauses[i].startswith(SUBJECT) and any(c.startswith(SUBJECT) for c in clauses[1:i]):
                clauses[i] = clauses[i][len(SUBJECT) :]
        return "，".join(clauses) + "。" if len(clauses) >= 2 else None

    def problems_intro(self) -> str:
        """Sentence that turns from achievements to shortcomings."""
        sentences = self.fillable(self.bank.role("phrases", "problem_intro"))
        return self.recombine("problem_intro", sentences) or self.choose.pick("problem_intro.own", [
            f"{self.town.year}年各项工作虽然取得了一定成效，但对照上级要求和群众期盼，仍存在一些不足。",
            "在看到成绩的同时，我们也清醒地认识到，工作中还有不少短板和弱项。",
            f"回顾一年来的工作，{self.town.township}里的发展仍面临一些困难和问题。",
        ])

    def transition(self) -> str:
        """Sentence closing the problems part (对此，… / 针对这些问题，…), recombined from mined ones."""
        options = [t for t in self.fillable(self.bank.role("phrases", "transition")) if t.startswith(("对此", "针对"))]
        return self.recombine("transition", options) or "对此，我们将认真研究，采取有力措施加以解决。"

    def guidance_options(self) -> list[str]:
        """Guidance clauses without a subject and short enough to be general (no regional visit, etc.)."""
        options = self.fillable(self.bank.role("openings", "guidance"))
        return [t for t in options if not t.startswith(("我", "全乡", "全镇", self.town.town)) and len(t) <= GUIDANCE_MAX]

    def is_goal(self, text: str) -> bool:
        """A goal clause that frames one slogan as the year's aim (以打造“…”为总目标)."""
        literal = text.replace(self.slots["目标"], "")
        return text.count(self.slots["目标"]) == 1 and any(w in literal for w in ("目标", "打造", "建设"))

    def resolve(self, count: int = 2) -> list[str]:
        """Four-character resolve idioms from openings (攻坚克难, 苦干实干 …), unused ones first."""
        return self.choose.take("openings.other", [t for t in self.fillable(self.bank.role("openings", "other")) if len(t) == 4], count)

    def honours_lead(self) -> str:
        """'一年来' or a like phrase that introduces the honours."""
        return self.choose.pick("honours.lead", ["一年来", "这一年", "全年"]) or "一年来"

    def guidance(self) -> str:
        """A guidance clause for the plan introduction (a different one from the opening's when possible)."""
        return self.choose.pick("openings.guidance", self.guidance_options()) or "以习近平新时代中国特色社会主义思想为指导"

