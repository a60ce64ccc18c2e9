"""Context -> section headings and topical verdicts, each built only from phrases that fit its section."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING

from drafter.compose.base import ECHO, SLOT, Context, item_text, run_set, section_text, sentence
from drafter.compose.fit import balanced, says_again, words
from drafter.compose.palette import USAGE, Option, Palette, Topics
from drafter.compose.phrases import Bank, bank_memo
from drafter.town.model import Section
from drafter.tuples import NamedTuple

if TYPE_CHECKING:
    from collections.abc import Callable


# The heading level each style gives a section of the review or the plan (mined formulas are matched on it).
LEVEL = {"numbered": 2, "topical": 3, "congress": 1}
# Template slots -> the topic-sheet kind that fills them.
FIELD = {"action": "actions", "举措": "actions", "result": "results", "aim": "aims", "aim2": "aims", "gain": "gains", "project": "projects"}
MIN_HEADING = 6
# Candidates tried for one slot before a form is given up (the search stays small and quick).
TRIES = 6
# Headings of one part a form's own words may open (聚焦…，聚焦…，聚焦… down a plan reads as a template).
OPENERS = 2


def items_words(section: Section) -> tuple[str, ...]:
    """The parts a phrase standing over a section must be true of: each item's words, or for a single item each of
    its facts (with the item's title, which speaks for all of them)."""
    if len(section.items) != 1:
        return tuple(item_text(item) for item in section.items)
    item = section.items[0]
    return tuple(f"{item.title or ''}\n{fact.text or fact.what or ''}" for fact in item.facts)


@lru_cache(maxsize=1 << 14)
def triples(text: str) -> frozenset[str]:
    """Three-character runs of text, but those that touch 进一步 (every gain says it: 进一步提升, 水平进一步); kept per
    text for the process."""
    out: set[str] = set()
    for piece in text.split("进一步"):
        out |= {piece[i : i + 3] for i in range(len(piece) - 2)}
    return frozenset(out)


@lru_cache(maxsize=1 << 10)
def bare(form: str) -> str:
    """A heading form's own words: its slots taken out."""
    return SLOT.sub("", form)


@lru_cache(maxsize=1 << 10)
def slots_of(form: str) -> tuple[str, ...]:
    """A heading form's slots to fill, in order, each once ({label} is the topic's name, not filled)."""
    return tuple(slot for slot in dict.fromkeys(SLOT.findall(form)) if slot != "label")


def formula_examples(bank: Bank) -> frozenset[str]:
    """The mined formulas' example headings (a heading drafter fills is never one of them), once per bank."""
    memo = bank_memo(bank)
    if "examples" not in memo:
        memo["examples"] = frozenset(e for f in bank.formulas for e in f.get("examples", []))
    return memo["examples"]


@lru_cache(maxsize=1 << 10)
def opener(form: str) -> str:
    """A heading form's own words, its slots and punctuation left out ('聚焦' of 聚焦{label}，{aim}; '' of {action}，{aim})."""
    return bare(form).strip("，、；")


class Hopeless(Exception):
    """A heading form that cannot be filled whatever is chosen for its first slots (Headings.search)."""


class Want(NamedTuple):
    """What a heading is being filled for: its form, the section's topic, part, figures' way, words and label."""

    form: str
    topic: Topics
    part: str
    direction: str | None
    about: str
    label: str
    cover: tuple[str, ...] = ()  # each item's words: a phrase about one aspect must hold for most of them
    # the words of the clerk's item titles, which stand right under the heading (but the work's own name: 集体经济)
    titled: frozenset[str] = frozenset()


def start(want: Want) -> dict[str, str]:
    """The values a heading's search starts from: the topic's name where the form has {label}."""
    return {"label": want.label} if "{label}" in want.form else {}


class Headings:
    """Headings of the review and plan sections (computed once, in order) and topical verdicts."""

    def __init__(self, ctx: Context, palette: Palette) -> None:
        self.ctx, self.palette = ctx, palette
        self.examples = formula_examples(ctx.bank)
        self.made: dict[str, list[str]] = {}
        self.openers: Counter[tuple[str, str]] = Counter()  # (part, a form's own words): the headings they open
        # Words of the actions already given to a heading: 守牢底线 after 牢守底线 would read as a repeat.
        self.action_words: set[str] = set()
        # Three-character runs of the results and gains already given (获得感 twice in one report's headings reads as a tic).
        self.claims: set[str] = set()

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
        """The clerk's heading, or a form of the style filled for this topic with phrases that say no word of the item
        titles below but the work's name (美化村容村貌 over 村庄环境持续美化; failing that, any), or the plain label."""
        if section.heading:
            return section.heading
        direction = self.ctx.section_trend(section, source) if part == "review" else None
        memo, kind = bank_memo(self.ctx.bank), ("formulas", self.ctx.style, part)
        if kind not in memo:
            memo[kind] = [f["pattern"] for f in self.ctx.bank.formulas
                          if f["style"] == self.ctx.style and f["part"] == part and f["level"] == LEVEL[self.ctx.style]]
        label = self.palette.label(tuple(section.topics))
        titled = frozenset().union(*(words(i.title) for i in section.items if i.title)) - words(label)
        want = Want("", tuple(section.topics), part, direction, section_text(section), label, items_words(section), titled)
        forms = [*self.ctx.sentences["headings"].get(f"{self.ctx.style}.{part}", []), *memo[kind]]
        for apart in (titled, frozenset()) if titled else (titled,):
            if (made := self.first_filled(want._replace(titled=apart), list(forms))) is not None:
                text, options = made
                self.ctx.wrote(text)
                for field, option in options:
                    self.palette.mark(field, option)
                    if field == "actions":
                        self.action_words |= words(option.text)
                    elif field in ("results", "gains"):
                        self.claims |= triples(option.text)
                return text
        return label

    def first_filled(self, want: Want, forms: list[str]) -> tuple[str, list[tuple[str, Option]]] | None:
        """The first of forms, in a seeded order, that can be filled for want, filled; None when none can. A form
        whose own words already open OPENERS headings of the part comes last."""
        forms = [f for f in forms if not opener(f) or self.openers[want.part, opener(f)] < OPENERS] or forms
        while forms:
            form = self.ctx.choose.pick(f"form.{self.ctx.style}.{want.part}", forms) or forms[0]
            forms.remove(form)
            if (made := self.fill(Want(form, *want[1:]))) is not None:
                self.openers[want.part, opener(form)] += 1
                return made
        return None

    def fill(self, want: Want) -> tuple[str, list[tuple[str, Option]]] | None:
        """want's form with every slot filled by a fitting, unused phrase that shares no word with the rest of the
        heading and repeats no words of the clerk's items; the first such filling in a seeded order, else None."""
        try:
            return self.search(want, list(slots_of(want.form)), start(want), [])
        except Hopeless:
            return None

    def search(self, want: Want, slots: list[str], values: dict[str, str],
               chosen: list[tuple[str, Option]]) -> tuple[str, list[tuple[str, Option]]] | None:
        """Fill the remaining slots, trying a few candidates for each before giving up (Hopeless when a slot after
        the first has no candidate whatever went before it)."""
        if not slots:
            text = SLOT.sub(lambda m: values.get(m.group(1), want.label), want.form)
            fine = balanced(text) and len(text) >= MIN_HEADING and text not in self.examples
            return (text, chosen) if fine and text.count(want.label) <= 1 and self.ctx.novel(text) else None
        slot = slots[0]
        options = self.candidates(slot, want, self.keeper(want, slot, values))
        if not options and chosen and not self.candidates(slot, want, self.keeper(want, slot, start(want)), drawn=False):
            # The phrases already chosen only add words a candidate must not share (the heading so far is a prefix
            # of what it then is), so a slot with none kept at the start has none after any choice before it: every
            # other choice would fail here too, and trying them would draw nothing from the seeded order.
            raise Hopeless
        for option in options[:TRIES]:
            made = self.search(want, slots[1:], {**values, slot: option.text}, [*chosen, (FIELD.get(slot, f"filler.{slot}"), option)])
            if made is not None:
                return made
        return None

    def keeper(self, want: Want, slot: str, values: dict[str, str]) -> Callable[[str], bool]:
        """The test a phrase for slot passes with values in the heading: it shares no word with the heading's words
        (nor an action's with the actions already given), echoes none of the section's words, claims nothing
        already claimed."""
        taken = words(bare(want.form) + "".join(values.values())) | want.titled
        if slot in ("action", "举措"):
            taken |= self.action_words
        claims: set[str] | frozenset[str] = self.claims if slot in ("result", "gain") else frozenset()
        about = run_set(want.about, ECHO)  # (echoes, inline: run for every phrase tried)

        def keep(t: str) -> bool:  # (each set made only when the test before it passed: a cold build makes a third fewer)
            return (taken.isdisjoint(words(t)) and about.isdisjoint(run_set(t, ECHO))
                    and (not claims or claims.isdisjoint(triples(t))))

        return keep

    def candidates(self, slot: str, want: Want, keep: Callable[[str], bool], drawn: bool = True) -> list[Option]:
        """Phrases for one slot, in a seeded order: a topic-sheet kind, or this topic's filler of a mined formula
        (drawn False: in the order they come, nothing drawn from the seeded order)."""
        if slot in FIELD:  # the review's direction (plans have none) rules out every claim of a rise
            return self.palette.ranked(FIELD[slot], want.topic, want.direction, keep, want.about, want.cover, drawn)
        memo, key = bank_memo(self.ctx.bank), ("fillers", slot, want.form, self.ctx.style, want.part)
        if key not in memo:  # the same for every town: worked out once per process
            memo[key] = [e for e in self.ctx.bank.fillers
                         if e["slot"] == slot and e["pattern"] == want.form and e.get("style") == self.ctx.style
                         and e.get("part") == want.part and e["reports"] >= USAGE and "“" not in e["text"]
                         and not self.ctx.lexicon.rejected(e["text"])]
        fillers = [e for e in memo[key] if self.palette.owns(e, want.topic)]
        fitting = {e["text"]: e for e in fillers if self.palette.fits_text(e["text"]) and keep(e["text"])}
        order = (self.ctx.choose.order if drawn else self.ctx.choose.unused)(f"filler.{slot}", list(fitting))
        return [Option(t, f"mined:{(fitting[t]['sources'] or [''])[0]}") for t in order]

    # -- verdicts (topical style) ---------------------------------------------------------------
    def verdict(self, index: int) -> str | None:
        """A topical paragraph's verdict: the clerk's, else a result of its topic that fits its figures and
        does not say again what an item title says; None when nothing fits or one titled item leads itself."""
        section = self.ctx.town.sections[index]
        if section.verdict:
            return sentence(section.verdict)
        if len(section.items) == 1 and section.items[0].title:
            return None  # the clerk's own title opens a one-item paragraph; a verdict over it would say it twice
        titles = [item.title for item in section.items if item.title]
        table = self.ctx.usage["senses"]
        direction = self.ctx.section_trend(section, f"sections[{index}]")
        said = triples(section_text(section)) | self.claims  # 河长制全面落实 over 严格落实河长制 says it twice
        label = self.palette.label(tuple(section.topics))

        def keep(t: str) -> bool:  # the work's own name (a generic result's label) is not a claim said twice
            bare = t.replace(label, "")
            return not says_again(bare, titles, table) and not (triples(bare) & said)

        option = self.palette.take("results", tuple(section.topics), direction, keep, section_text(section), items_words(section))
        if option is None:
            return None
        self.claims |= triples(option.text)
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
