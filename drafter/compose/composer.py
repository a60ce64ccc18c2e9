"""Town + bank + chooser + style -> the Composer a template calls: c.opening, c.heads, c.facts, c.plans, c.closing."""


from __future__ import annotations

from drafter.compose.base import Context, cn_number, fig, gap
from drafter.compose.closing import Closing
from drafter.compose.facts import Facts
from drafter.compose.headings import Headings
from drafter.compose.opening import Opening
from drafter.compose.palette import Palette
from drafter.compose.phrases import Bank, Chooser
from drafter.compose.plans import Plans
from drafter.town.model import Town

__all__ = ["Composer", "cn_number", "fig", "gap"]


class Composer:
    """The parts a template calls: c.opening, c.heads, c.facts, c.plans, c.closing."""

    plain_title = staticmethod(Opening.plain_title)

    def __init__(self, town: Town, bank: Bank, chooser: Chooser, style: str) -> None:
        self.ctx = Context(town, bank, chooser, style)
        palette = Palette(self.ctx)
        self.opening = Opening(self.ctx, palette)
        self.heads = Headings(self.ctx, palette)
        self.facts = Facts(self.ctx, palette)
        self.plans = Plans(self.ctx, palette, self.facts)
        self.closing = Closing(self.ctx)
