"""Context -> the title, the opening paragraph, the report clause and the part headings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from drafter.compose.base import Context, sentence
from drafter.compose.palette import Palette
from drafter.markup import width
from drafter.town.model import Town

if TYPE_CHECKING:
    from collections.abc import Callable


# A mined guidance clause longer than this is too particular to reuse (it names a visit, a province …).
GUIDANCE_MAX = 24
# Mined resolve idioms (攻坚克难, 苦干实干) have this many characters.
IDIOM = 4
# A title wider than this (in full-width characters) is broken before "和".
TITLE_WIDTH = 20
SUBJECTS = ("我", "全乡", "全镇", "{乡镇名}")
# Names for the plan that the title (…工作计划) does not use: a part heading does not switch to them.
OTHER_NAMES = ("谋划", "思路")


class Opening:
    """The report's first lines: title, opening paragraph (its clauses in the order reports give them)."""

    def __init__(self, ctx: Context, palette: Palette) -> None:
        self.ctx, self.palette = ctx, palette
        self.words = ctx.sentences["opening"]

    @staticmethod
    def plain_title(town: Town) -> str:
        """'X镇2024年工作总结和2025年工作计划'."""
        return f"{town.town}{town.year}年工作总结和{town.next_year}年工作计划"

    def title(self) -> str:
        """The title, broken before 和 when too wide for one line of 22 pt type."""
        text = self.plain_title(self.ctx.town)
        return text.replace("和", "⟦br⟧和", 1) if width(text) > TITLE_WIDTH else text

    def mined(self, role: str, keep: Callable[[str], bool] = lambda t: True) -> list[str]:
        """Mined opening clauses of a role, filled for this town, of this year, and kept by keep."""
        texts = [self.ctx.fill(e["text"]) for e in self.ctx.bank.role("openings", role)]
        return [t for t in texts if t and keep(t) and self.palette.fits_text(t) and not self.ctx.lexicon.rejected(t)]

    def guidance(self) -> list[str]:
        """The guiding clauses: the canonical one first, then one about the year's line or the decisions."""
        first = self.words["guidance_first"]
        year = self.ctx.town.year
        own = [g["text"] for g in self.words["guidance"] if not g.get("years") or g["years"][0] <= year <= g["years"][1]]
        mined = self.mined("guidance", lambda t: len(t) <= GUIDANCE_MAX and not t.startswith(SUBJECTS) and first not in t)
        second = self.ctx.choose.pick("opening.guidance", [*own, *mined])
        return [first, second] if second else [first]

    def resolve(self) -> list[str]:
        """Two four-character idioms of resolve (攻坚克难, 苦干实干), unused ones first."""
        return self.ctx.choose.take("opening.resolve", self.mined("other", lambda t: len(t) == IDIOM), 2)

    def goal(self) -> str | None:
        """The clause that sets the year's slogan as its aim (以打造“…”为总目标), never as an occasion (为契机)."""
        goal = self.ctx.town.goal
        if not goal:
            return None
        mined = self.mined("goal", lambda t: "目标" in t.replace(goal, "") and t.count(goal) == 1)
        own = [filled for filled in map(self.ctx.fill, self.words["goal"]) if filled is not None]
        return self.ctx.choose.pick("opening.goal", [*own, *mined])

    def result(self) -> str:
        """The clause that sums up the year, true to the way the key indicators went."""
        direction = self.ctx.indicator_trend() or "none"
        return self.ctx.say("opening.result", self.words["result"][direction])

    def background(self) -> str:
        """The clerk's sentences on the year itself (2022年是……第一年。), verbatim, each closed by a full stop."""
        return "".join(s if s.endswith(("。", "！", "？")) else sentence(s) + "。" for s in self.ctx.town.background)

    def paragraph(self, congress: bool = False) -> str:
        """Opening paragraph: the year's background when the clerk gives it, then time, leadership, guidance, goal,
        resolve, result (after a sentence that names the year, the time clause does not name it again)."""
        before = self.background()
        if congress:
            head = ["一年来" if before else f"{self.ctx.town.year}年", self.ctx.say("opening.leadership", self.words["congress_leadership"])]
        else:
            times = [t for t in self.words["time"] if "{年}" not in t] if before else self.words["time"]
            head = [self.ctx.say("opening.time", times), self.ctx.say("opening.leadership", self.words["leadership"])]
        clauses = [*head, *self.guidance(), self.goal(), "、".join(self.resolve()), self.result()]
        return before + "，".join(c for c in clauses if c) + "。"

    def report(self) -> str:
        """'现将…报告如下：' that ends the numbered style's opening paragraph."""
        return self.ctx.say("opening.report", self.words["report"]["numbered"])

    def submission(self) -> str:
        """The topical style's single opening line: '根据…要求，现将…报送如下：' (the basis only when the file names one),
        after the clerk's sentences on the year when there are any."""
        notice = self.ctx.town.notice
        basis = self.ctx.fill(self.words["report"]["topical_basis"], {"依据": notice}) if notice else ""
        return self.background() + (basis or "") + self.ctx.say("opening.submission", self.words["report"]["topical"])

    def part(self, kind: str, fallback: str) -> str:
        """A part heading mined for this style (工作总结, 存在的问题和不足 …), not one the title already says."""
        parts = self.ctx.bank.skeletons.get(self.ctx.style, {}).get("parts", [])
        options = [t for t in (self.ctx.fill(h) for p in parts if p["kind"] == kind for h in p["headings"])
                   if t and not any(w in t for w in OTHER_NAMES) and self.ctx.held(t)]
        fresh = [o for o in options if o not in self.plain_title(self.ctx.town)]
        return self.ctx.choose.pick(f"part.{kind}", fresh or options) or fallback
