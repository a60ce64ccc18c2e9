"""Context -> the problems part (intro, list, turn to the plan) and the plan's preamble, leads and targets."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from drafter.compose.base import Context, cn_count, cn_number, gap, plan_cycle, sentence
from drafter.compose.facts import Facts
from drafter.compose.palette import Palette
from drafter.town.model import Section

if TYPE_CHECKING:
    from collections.abc import Callable

    from drafter.town.model import Town


# A targets paragraph needs at least this many plan figures.
MIN_TARGETS = 2


def requirement_slots(ctx: Context, resolve: Callable[[], str]) -> dict[str, str]:
    """The slots of the plan's overall requirements (sentences.yaml plan.requirements, frame.yaml guiding): the guiding
    idea, the deployment, the goal's clause in a verb the deployment did not use (not 紧扣 twice), the resolve (drawn
    after them), the county's share."""
    words = ctx.sentences["plan"]
    deploy = ctx.choose.pick("plan.deploy", words["deploy"]) or words["deploy"][0]
    goal = ctx.say("plan.goal", words["goal"], after=deploy) + "，" if ctx.town.goal else ""
    return {"指导": ctx.sentences["opening"]["guidance_first"], "部署": deploy, "目标句": goal, "决心": resolve(),
            "县贡献": ctx.fill(words["county"], {"简称": short_name(ctx.town.town)}) or ""}


def short_name(town: str) -> str:
    """青石镇 -> 青石 (the name a report uses in 贡献青石力量)."""
    return town[:-1] if len(town) > 2 and town[-1] in "乡镇" else town


class Plans:
    """What the report says of its shortcomings and of next year's work, around the clerk's own items."""

    def __init__(self, ctx: Context, palette: Palette, facts: Facts) -> None:
        self.ctx, self.palette, self.facts = ctx, palette, facts
        self.words = ctx.sentences

    # -- problems -------------------------------------------------------------------------------
    def problems_intro(self) -> str:
        """The sentence that turns from the year's results to its shortcomings."""
        return self.ctx.say("problems.intro", self.words["problems"]["intro"])

    def congress_turn(self) -> str:
        """The congress style's turn to the problems, ending in a colon."""
        return self.ctx.say("problems.turn", self.words["problems"]["congress_turn"])

    def problem_list(self, numbered: bool) -> str:
        """The clerk's problems: '一是…；二是…。' when there are two or more and the style numbers them."""
        problems = [p for p in (sentence(p) for p in self.ctx.town.problems) if p]
        if not problems:
            return gap("存在的问题和不足（problems）", "problems") + "。"
        if numbered and len(problems) > 1:
            problems = [f"{cn_number(i + 1)}是{p}" for i, p in enumerate(problems)]
        return "；".join(problems) + "。"

    def transition(self) -> str:
        """The sentence that closes the problems: how they will be tackled."""
        return self.ctx.say("problems.transition", self.words["problems"]["transition"])

    # -- the plan -------------------------------------------------------------------------------
    def preamble(self) -> str:
        """The plan's opening: the year's place in the five-year plan, its weight, the overall requirements."""
        words = self.words["plan"]
        _, _, place = plan_cycle(self.ctx.town.next_year)
        extra = requirement_slots(self.ctx, lambda: "、".join(self.ctx.choose.take("opening.resolve", self.resolve_words(), 2)))
        significance = self.ctx.fill(words["significance"][place - 1])
        weight = self.ctx.say("plan.weight", words["weight"])
        requirements = self.ctx.say("plan.requirements", words["requirements"], extra, after=weight)
        return f"{significance}，{weight}。{requirements}。"

    def resolve_words(self) -> list[str]:
        """Four-character idioms of resolve mined from openings (攻坚克难 …)."""
        texts = [self.ctx.fill(e["text"]) for e in self.ctx.bank.role("openings", "other")]
        return [t for t in texts if t and len(t) == 4 and not self.ctx.lexicon.rejected(t) and self.ctx.held(t)]

    def close(self) -> str:
        """'重点抓好以下几方面工作：' after the numbered style's preamble."""
        return self.ctx.say("plan.close", self.words["plan"]["numbered_close"])

    def lead(self, section: Section, heading: str = "") -> str:
        """Where next year's work on a topic is headed, in words its heading does not already say."""
        return self.palette.sentence("plan_leads", section, heading)

    def targets(self) -> str:
        """The congress style's expected targets: every figure of the plan, said once ('' with fewer than two)."""
        clauses = []
        for i, section in enumerate(self.ctx.town.plans):
            for j, item in enumerate(section.items):
                for k, fact in enumerate(item.facts):
                    if fact.text is None:
                        clauses.append(self.facts.fact(fact, f"plans[{i}].items[{j}].facts[{k}]", plan=True))
        if len(clauses) < MIN_TARGETS:
            return ""
        return (self.ctx.fill(self.words["plan"]["targets"]) or "") + "；".join(clauses) + "。"  # a list, as real reports set targets

    def congress_intro(self, projects: bool, after_targets: bool) -> str:
        """'…重点实施“五大工程”：' when every plan heading names a 工程, else '…以下五个方面工作：';
        '围绕上述目标任务' only right after the targets paragraph."""
        count = cn_count(len(self.ctx.town.plans))  # 两个方面, not 二个
        key = "congress_projects" if projects else "congress_parts"
        first, second = self.words["plan"][key]
        return self.ctx.fill(first if after_targets else second, {"数": count}) or ""


def year_formulas(town: Town) -> list[str]:
    """What every report of the year says alike, town by town: the title's 2024年工作总结和2025年工作计划 and the plan
    year's place in the five-year plan (2025年是“十四五”规划收官之年…): not copying when two towns share them."""
    from drafter.compose.wording import load_wording

    plan, following, place = plan_cycle(town.next_year)
    significance = load_wording().sentences["plan"]["significance"][place - 1]
    slots = {"次年": str(town.next_year), "规划": plan, "下个规划": following}
    return [f"{town.year}年工作总结和{town.next_year}年工作计划",
            re.sub(r"\{([^{}]+)\}", lambda m: slots.get(m.group(1), m.group(0)), significance)]
