"""Context -> the frame of a 政府工作报告 (the report style): occasion and speaker, the mandate to report, the review's
opening, the plan's guiding idea and expected targets, the tasks' turn, and the closing call to the delegates."""

from __future__ import annotations

import re
from functools import lru_cache

import yaml

from drafter.compose.base import Context, gap, plan_cycle
from drafter.compose.facts import Facts
from drafter.compose.opening import Opening
from drafter.compose.outline import is_self, self_plan
from drafter.compose.plans import requirement_slots
from drafter.files.resources import DATA
from drafter.markup import width
from drafter.town.model import Town

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Characters in a line of the occasion (3号 type across the type area, GB/T 9704 5.2.3).
LINE = 28


@lru_cache(maxsize=1)
def frame_words() -> dict:
    """drafter/data/frame.yaml: the report style's sentences (read once, only when a report is written)."""
    return yaml.load((DATA / "frame.yaml").read_text("utf-8"), Loader=Loader)


class Frame:
    """What a report to the town's congress says around the work: who reports to whom, when, and what is asked."""

    def __init__(self, ctx: Context, opening: Opening, facts: Facts) -> None:
        self.ctx, self.opening, self.facts = ctx, opening, facts

    @property
    def words(self) -> dict:
        """The frame's sentence templates."""
        return frame_words()

    # -- the head -------------------------------------------------------------------------------
    def occasion(self) -> str:
        """'——2025年1月6日在青石镇第十八届人民代表大会第三次会议上' (each missing part a placeholder)."""
        town = self.ctx.town
        date = f"{town.date.year}年{town.date.month}月{town.date.day}日" if town.date else gap("会议日期（date）", "date")
        session = town.session or gap("会议名称（session）", "session")
        text = f"——{date}在{session}上"
        if width(text) <= LINE or not town.session:
            return text
        # too wide for one line: broken after 第X届 (or before 人民代表大会), as printed reports break it
        cut = re.search(r"第[^第届]{1,4}届", text) or re.search(r"(?=人民代表大会)", text)
        return text[: cut.end()] + "⟦br⟧" + text[cut.end() :] if cut and 0 < cut.end() < len(text) else text

    def speaker(self) -> str:
        """'镇长 张三' as the town file writes it, or a placeholder."""
        return self.ctx.town.speaker or gap("报告人（speaker）", "speaker")

    def mandate(self) -> str:
        """'现在，我代表镇人民政府向大会报告工作，请予审议，并请列席会议的同志提出意见。'"""
        return self.ctx.say("frame.mandate", self.words["mandate"])

    # -- the review -----------------------------------------------------------------------------
    def review_opening(self) -> str:
        """The year's background as the clerk gives it (else its place in the five-year plan), then who worked under
        whom, the guidance, the goal, the resolve and the result (the opening paragraph's clauses, true to the figures)."""
        plan, _, place = plan_cycle(self.ctx.town.year)
        year = self.opening.background() or (self.ctx.fill(self.words["review_year"][place - 1], {"本规划": plan}) or "") + "。"
        lead = self.ctx.say("frame.review_lead", self.words["review_lead"])
        clauses = [lead, *self.opening.guidance(), self.opening.goal(), "、".join(self.opening.resolve()), self.opening.result()]
        return year + "，".join(c for c in clauses if c) + "。"

    def review_turn(self) -> str:
        """'回顾全年，我们主要抓了以下几个方面的工作：' before the sections ('' when there are none)."""
        return self.ctx.say("frame.review_turn", self.words["review_turn"]) if self.ctx.town.sections else ""

    def thanks(self) -> str:
        """'各位代表！这些成绩来之不易，……表示衷心的感谢！' at the end of the review."""
        return self.ctx.say("frame.thanks", self.words["thanks"])

    def problems_turn(self) -> str:
        """'在肯定成绩的同时，我们也清醒地看到，……：' before the problems."""
        return self.ctx.say("frame.problems_turn", self.words["problems_turn"])

    # -- the plan -------------------------------------------------------------------------------
    def plan_opening(self) -> str:
        """The plan year's place in the five-year plan and its weight, then the overall requirements (guiding idea)."""
        sentences = self.ctx.sentences
        _, _, place = plan_cycle(self.ctx.town.next_year)
        significance = self.ctx.fill(sentences["plan"]["significance"][place - 1]) or ""
        weight = self.ctx.say("frame.plan_weight", self.words["plan_weight"])
        extra = requirement_slots(self.ctx, lambda: "、".join(self.opening.resolve()))
        guiding = self.ctx.say("frame.guiding", self.words["guiding"], extra, after=weight)
        return f"{significance}。{weight}。{guiding}。"

    def targets(self, apart: bool = True) -> str:
        """'2025年全镇经济社会发展的主要预期目标是：…' with every figure of the tasks, each said once (a placeholder
        when they have none); apart: the government's own building is a part of its own, and its figures not a target."""
        clauses = []
        for i in self.tasks(apart):
            section = self.ctx.town.plans[i]
            for j, item in enumerate(section.items):
                for k, fact in enumerate(item.facts):
                    if fact.text is None:
                        clauses.append(self.facts.fact(fact, f"plans[{i}].items[{j}].facts[{k}]", plan=True))
        lead = self.ctx.say("frame.targets", self.words["targets"])
        if not clauses:
            return lead + gap("主要预期目标（在 plans 各项的 facts 中写出数字）", "plans") + "。"
        return lead + "；".join(clauses) + "。"  # a list, as real reports set targets

    def tasks(self, apart: bool = True) -> list[int]:
        """The plan sections that are tasks, by their index in plans: all of them, or (apart: the style gives the
        government's own building a part of its own) all but that one."""
        return [i for i, s in enumerate(self.ctx.town.plans) if not (apart and is_self(s))]

    def tasks_intro(self) -> str:
        """'围绕上述目标，我们将重点抓好以下几个方面工作：'."""
        return self.ctx.say("frame.tasks", self.words["tasks"])

    def own(self) -> int | None:
        """The index of the plan section on the government's own building (None when the town file has none)."""
        return self_plan(self.ctx)

    def self_lead(self) -> str:
        """The sentence that opens the part on the government's own building."""
        return self.ctx.say("frame.self_lead", self.words["self_lead"])

    # -- the end --------------------------------------------------------------------------------
    def call(self) -> str:
        """The closing call to the delegates: the town file's closing, else drafter's."""
        if self.ctx.town.closing:
            return self.ctx.town.closing
        goal = self.ctx.town.goal
        return self.ctx.say("frame.call", self.words["call"], {"目标成": f"建设“{goal}”"} if goal else None)


def frame_formulas(town: Town) -> list[str]:
    """What every report says alike, town by town, and is not copying when two towns share it (county check): the
    review year's place in the five-year plan (2024年是实现“十四五”规划目标任务的攻坚之年), and the ritual mandate of a
    report to the congress in each of its forms (现在，我代表镇人民政府向大会报告工作，请予审议……)."""
    import itertools

    plan, _, place = plan_cycle(town.year)
    slots = {"{年}": str(town.year), "{次年}": str(town.next_year), "{本规划}": plan, "{乡镇}": town.township, "{乡镇名}": town.town}

    def filled(text: str) -> str:
        for slot, value in slots.items():
            text = text.replace(slot, value)
        return text

    mandates = ["".join(parts) for parts in itertools.product(*frame_words()["mandate"]["parts"])]
    return [filled(frame_words()["review_year"][place - 1]), *map(filled, mandates)]
