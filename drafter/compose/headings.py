"""Context -> section headings and topical verdicts, each built only from phrases that fit its section."""

from __future__ import annotations

from drafter.compose.base import SLOT, Context, echoes, section_text, sentence
from drafter.compose.palette import Option, Palette, owned
from drafter.fit import balanced, says_again, words
from drafter.model import Section

# The heading level each style gives a section of the review or the plan (mined formulas are matched on it).
LEVEL = {"numbered": 2, "topical": 3, "congress": 1}
# Template slots -> the topic-sheet kind that fills them.
FIELD = {"action": "actions", "result": "results", "aim": "aims", "aim2": "aims", "gain": "gains", "project": "projects"}
MIN_HEADING = 6


class Headings:
    """Headings of the review and plan sections (computed once, in order) and topical verdicts."""

    def __init__(self, ctx: Context, palette: Palette) -> None:
        self.ctx, self.palette = ctx, palette
        self.examples = {e for f in ctx.bank.formulas for e in f.get("examples", [])}
        self.made: dict[str, list[str]] = {}
        # Words of the actions already given to a heading: 守牢底线 after 牢守底线 would read as a repeat.
        self.action_words: set[str] = set()

    # -- section headings -----------------------------------------------------------------------
    def review(self, index: int) -> str:
        """The heading of review section index."""
        return self.part("review")[index]

    def plan(self, index: int) -> str:
        """The heading of plan section index."""
        return self.part("plan")[index]

    def all_projects(self) -> bool:
        """True when every plan heading names a 工程 (so the plan may be announced as 'N大工程')."""
        headings = self.part("plan")
        return bool(headings) and all(h.endswith("工程”") for h in headings)

    def part(self, part: str) -> list[str]:
        """Every heading of a part, made in order on first use."""
        if part not in self.made:
            sections = self.ctx.town.sections if part == "review" else self.ctx.town.plans
            key = "sections" if part == "review" else "plans"
            self.made[part] = [self.heading(s, part, f"{key}[{i}]") for i, s in enumerate(sections)]
        return self.made[part]

    def heading(self, section: Section, part: str, source: str) -> str:
        """The clerk's heading, or one of the style's forms filled for this topic, or the plain label."""
        if section.heading:
            return section.heading
        direction = self.ctx.section_trend(section, source) if part == "review" else None
        forms = list(self.ctx.sentences["headings"].get(f"{self.ctx.style}.{part}", []))
        forms += [f["pattern"] for f in self.ctx.bank.formulas
                  if f["style"] == self.ctx.style and f["part"] == part and f["level"] == LEVEL[self.ctx.style]]
        key = f"form.{self.ctx.style}.{part}"
        while forms:
            form = self.ctx.choose.pick(key, forms) or forms[0]
            forms.remove(form)
            made = self.fill(form, section, part, direction)
            if made is not None:
                text, options = made
                self.ctx.wrote(text)
                for field, option in options:
                    self.ctx.choose.mark(field, option.text)
                    if field == "actions":
                        self.action_words |= words(option.text)
                return text
        label = self.palette.label(section.topic)
        return label

    def fill(self, form: str, section: Section, part: str, direction: str | None) -> tuple[str, list[tuple[str, Option]]] | None:
        """A form with every slot filled by a fitting, unused phrase that shares no word with the rest of the
        heading and repeats no words of the clerk's items; else None."""
        topic, about = section.topic, section_text(section)
        label = self.palette.label(topic)
        literal = SLOT.sub("", form).replace("{label}", "")
        chosen: list[tuple[str, Option]] = []
        slots = SLOT.findall(form)
        values: dict[str, str] = {"label": label} if "label" in slots else {}
        for slot in slots:
            if slot in values:
                continue
            taken = words(literal + "".join(values.values()))
            if slot in ("action", "举措"):
                taken |= self.action_words
            keep = lambda t, taken=taken: not (words(t) & taken) and not echoes(t, about)
            option = self.slot(slot, topic, part, form, direction, keep, about)
            if option is None:
                return None
            chosen.append((FIELD.get(slot, f"filler.{slot}"), option))
            values[slot] = option.text
        values.setdefault("label", label)
        text = SLOT.sub(lambda m: values[m.group(1)], form)
        if not balanced(text) or len(text) < MIN_HEADING or text in self.examples or text.count(label) > 1 or not self.ctx.novel(text):
            return None
        return text, chosen

    def slot(self, slot: str, topic: str, part: str, form: str, direction: str | None, keep, about: str) -> Option | None:
        """A phrase for one slot: a topic-sheet kind, or (in a mined formula) this topic's filler of that formula."""
        if slot in FIELD:
            way = direction if slot in ("result", "gain") else None
            return self.palette.take(FIELD[slot], topic, way, keep, mark=False, about=about)
        if slot == "举措":
            return self.palette.take("actions", topic, None, keep, mark=False, about=about)
        fillers = [e for e in self.ctx.bank.fillers
                   if e["slot"] == slot and e["pattern"] == form and e.get("style") == self.ctx.style and e.get("part") == part
                   and owned(self.ctx, e, topic) and "“" not in e["text"] and not self.ctx.lexicon.rejected(e["text"])]
        fitting = [e for e in fillers if self.palette.fits_text(e["text"]) and keep(e["text"])]
        choice = self.ctx.choose.fresh(f"filler.{slot}", [e["text"] for e in fitting])
        if choice is None:
            return None
        source = next(e for e in fitting if e["text"] == choice)["sources"]
        return Option(choice, f"mined:{source[0] if source else ''}")

    # -- verdicts (topical style) ---------------------------------------------------------------
    def verdict(self, index: int) -> str | None:
        """A topical paragraph's verdict: the clerk's, else a result of its topic that fits its figures and
        does not say again what an item title says; None when nothing fits."""
        section = self.ctx.town.sections[index]
        if section.verdict:
            return sentence(section.verdict)
        titles = [item.title for item in section.items if item.title]
        table = self.ctx.usage["senses"]
        direction = self.ctx.section_trend(section, f"sections[{index}]")
        option = self.palette.take("results", section.topic, direction, lambda t: not says_again(t, titles, table),
                                   about=section_text(section))
        if option is None:
            return None
        return option.text

    def economy(self) -> str | None:
        """The verdict over the key indicators, by the way they went (None when it cannot be told)."""
        ways = self.ctx.sentences["economy"]
        direction = self.ctx.indicator_trend()
        if direction is None:
            done = self.ctx.completions()
            if not done or min(done) < 100:
                return None
            direction = "complete"
        text = self.ctx.choose.pick("economy", ways[direction])
        return text
