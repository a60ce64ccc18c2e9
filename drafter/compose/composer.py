"""Town + bank + chooser + style -> the Composer a template calls: c.opening, c.heads, c.facts, c.plans, c.closing,
c.frame, and the style's outline c.parts."""


from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from drafter.compose.base import Context, cn_number, fig, gap
from drafter.compose.closing import Closing
from drafter.compose.facts import Facts
from drafter.compose.headings import Headings
from drafter.compose.opening import Opening
from drafter.compose.outline import Part, fixed, outline
from drafter.compose.palette import Palette
from drafter.compose.phrases import Bank, Chooser
from drafter.compose.plans import Plans
from drafter.compose.style import StyleFile
from drafter.town.model import Town

if TYPE_CHECKING:
    from drafter.compose.frame import Frame

__all__ = ["Composer", "cn_number", "fig", "gap"]


class Composer:
    """The parts a template calls: c.opening, c.heads, c.facts, c.plans, c.closing, c.frame; c.parts (the outline)."""

    plain_title = staticmethod(Opening.plain_title)

    def __init__(self, town: Town, bank: Bank, chooser: Chooser, style: str, spec: StyleFile | None = None) -> None:
        self.ctx = Context(town, bank, chooser, style)
        palette = Palette(self.ctx)
        self.opening = Opening(self.ctx, palette)
        self.heads = Headings(self.ctx, palette)
        self.facts = Facts(self.ctx, palette)
        self.plans = Plans(self.ctx, palette, self.facts)
        self.closing = Closing(self.ctx)
        self.spec = spec
        self.parts: list[Part] = outline(self.ctx, self.opening, spec) if spec is not None else []

    @cached_property
    def frame(self) -> Frame:
        """The 政府工作报告's frame (made, and its module read, only when a template asks for it)."""
        from drafter.compose.frame import Frame

        return Frame(self.ctx, self.opening, self.facts)

    def has(self, kind: str) -> bool:
        """True when the outline has a part of this kind (review, indicators, extra …)."""
        return any(p.kind == kind for p in self.parts)

    def title(self) -> str:
        """The document's title: style.yaml's, else 'X镇2024年工作总结和2025年工作计划' (broken when too wide)."""
        if self.spec is not None and self.spec.title:
            return fixed(self.ctx, self.spec.title)
        return self.opening.title()

    def fixed(self, name: str) -> str:
        """A fixed sentence of style.yaml (opening, closing) with its slots filled; '' when it gives none."""
        text = getattr(self.spec, name, None) if self.spec is not None and name in ("opening", "closing") else None
        return fixed(self.ctx, text) if text else ""
