"""Town + bank + chooser -> the pieces of a draft, one part of the report per module:

opening (title, opening paragraph, report clause, part headings) · headings (section headings, verdicts) ·
facts (figures, items, indicators) · plans (problems, plan preamble, leads, targets) · closing (honours, thanks).
What fits where is decided by palette (topic sheets + mined bank) and drafter.fit."""

from __future__ import annotations

from drafter.compose.base import Context, cn_number, fig, gap
from drafter.compose.closing import Closing
from drafter.compose.facts import Facts
from drafter.compose.headings import Headings
from drafter.compose.opening import Opening
from drafter.compose.palette import Palette
from drafter.compose.plans import Plans
from drafter.model import Town
from drafter.phrases import Bank, Chooser

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
