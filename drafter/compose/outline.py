"""A style's parts + a town -> the outline a template walks (c.parts): each part's kind, number, title, fixed lead and,
for the town file's own parts (extra), its paragraphs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from drafter.compose.base import SLOT, Context, cn_number, gap
from drafter.compose.style import PartSpec, StyleFile

if TYPE_CHECKING:
    from drafter.compose.opening import Opening
    from drafter.town.model import Section, Town

# Kinds whose title drafter may choose among the part headings mined for the base style.
MINED = ("indicators", "review", "problems", "plan")
# Words that make a plan section the government's own building (the report style's part 三).
SELF_WORDS = ("自身建设",)


def fixed(ctx: Context, text: str) -> str:
    """A fixed title or sentence of style.yaml with its slots filled ({县} without a county: a placeholder)."""
    def value(match: object) -> str:
        name = match.group(1)  # type: ignore[attr-defined]
        known = ctx.slots.get(name)
        return known if known is not None else gap("所属县（county）", "county")

    return SLOT.sub(value, text)


def is_self(section: Section) -> bool:
    """True when a plan section is about the government's own building (topic or heading says 自身建设)."""
    return any(w in (section.topic or "") or w in (section.heading or "") for w in SELF_WORDS)


def self_plan(ctx: Context) -> int | None:
    """The index of the plan section that is the government's own building, or None."""
    return next((i for i, s in enumerate(ctx.town.plans) if is_self(s)), None)


class Part:
    """One part of the draft as a template sees it: kind, number (一、), title (chosen on first use), the fixed
    sentence under its heading (lead) and, for a part of the town file's own (extra), its paragraphs and key path."""

    def __init__(self, ctx: Context, opening: Opening, spec: PartSpec, index: int, key: str | None = None) -> None:
        self.ctx, self.opening, self.spec = ctx, opening, spec
        self.kind = spec.kind if spec.kind != "extras" else "extra"
        self.index = index                       # 1-based among the parts that have a heading (0: none)
        self.number = f"{cn_number(index)}、" if index else ""
        self.heading = spec.heading
        self.key = key or spec.key or ""
        self.lead = fixed(ctx, spec.lead) if spec.lead else ""
        extra = ctx.town.extra
        self.paragraphs: list[str] = list(extra.get(self.key, [])) if self.kind == "extra" else []
        self.source = f"extra.{self.key}" if self.kind == "extra" else ""
        self.chosen: str | None = None

    @property
    def title(self) -> str:
        """The part's title: style.yaml's, else (the first time it is asked) one drafter chooses."""
        if self.chosen is None:
            self.chosen = self.make_title()
        return self.chosen

    def make_title(self) -> str:
        """A fixed title; a self part's plan heading; an extra's key; else a mined part heading or the fallback."""
        spec = self.spec
        if spec.title:
            return fixed(self.ctx, spec.title)
        if self.kind == "self":
            index = self_plan(self.ctx)
            heading = self.ctx.town.plans[index].heading if index is not None else None
            return heading or fixed(self.ctx, spec.fallback or "加强政府自身建设")
        if self.kind == "extra":
            return self.key
        fallback = fixed(self.ctx, spec.fallback or KIND_TITLES[self.kind])
        return self.opening.part(self.kind, fallback) if self.kind in MINED else fallback

    def __repr__(self) -> str:
        return f"Part({self.kind}, {self.number}{self.chosen or ''})"


# The plain title of each kind when style.yaml gives none and nothing mined fits.
KIND_TITLES = {"indicators": "主要经济指标完成情况", "review": "{年}年工作总结", "problems": "存在的问题",
               "plan": "{次年}年工作打算", "self": "加强政府自身建设"}


def outline(ctx: Context, opening: Opening, spec: StyleFile) -> list[Part]:
    """The style's parts for this town, numbered in order: extras expanded to one part per extra of the town file
    that no part names (after the last part when the style has no extras), the self part only when a plan is about
    the government's own building."""
    named = {p.key for p in spec.parts if p.kind == "extra"}
    rest = [k for k in ctx.town.extra if k not in named]
    specs: list[tuple[PartSpec, str | None]] = []
    for part in spec.parts:
        if part.kind == "extras":
            specs += [(part, key) for key in rest]
        elif part.kind != "self" or self_plan(ctx) is not None:
            specs.append((part, None))
    if not any(p.kind == "extras" for p in spec.parts):
        specs += [(PartSpec("extras"), key) for key in rest]
    parts, number = [], 0
    for part, key in specs:
        number += part.heading
        parts.append(Part(ctx, opening, part, number if part.heading else 0, key))
    return parts


def fixed_texts(spec: StyleFile, town: Town) -> list[str]:
    """Every fixed title and sentence of a style, filled for a town: what the county asked every town to write alike,
    and so not copying when two towns' drafts share it (the county check)."""
    from drafter.compose.base import plan_cycle

    plan, following, _ = plan_cycle(town.next_year)
    slots = {"乡镇名": town.town, "乡镇": town.township, "年": str(town.year), "次年": str(town.next_year),
             "县": town.county or "", "上级": town.leaders or "", "领导": town.leadership or "", "目标": town.goal or "",
             "规划": plan, "下个规划": following}
    texts = [spec.title, spec.opening, spec.closing, *(t for p in spec.parts for t in (p.title, p.fallback, p.lead))]
    return [SLOT.sub(lambda m: slots.get(m.group(1), ""), t) for t in texts if t]
