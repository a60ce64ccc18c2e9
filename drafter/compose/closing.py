"""Context -> the honours paragraph and the congress style's thanks."""

from __future__ import annotations

from drafter.compose.base import Context, sentence


class Closing:
    """What the review ends with: the year's honours, and in the congress style the thanks to the deputies."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def honours(self) -> str:
        """'一年来，X镇获评…；…。' ('' when the town file lists no honours)."""
        honours = [h for h in (sentence(h) for h in self.ctx.town.honours) if h]
        if not honours:
            return ""
        lead = self.ctx.say("honours.lead", self.ctx.sentences["honours_lead"])
        return f"{lead}，{self.ctx.town.town}" + "；".join(honours) + "。"

    def thanks(self) -> str:
        """The congress style's thanks to the leadership, the deputies and the people."""
        return self.ctx.say("thanks", self.ctx.sentences["thanks"])
