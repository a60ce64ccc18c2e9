"""Context -> the phrases that fit a section: its topic's own (sheet and mined), then the generic ones."""

from collections.abc import Callable

from drafter.compose.base import ECHO, SIX, Context, run_set, section_text
from drafter.compose.fit import RISING, Events, fits_figures, fits_words, in_years, words, words_matter
from drafter.compose.phrases import bank_memo
from drafter.compose.wording import Entry
from drafter.town.model import Section
from drafter.tuples import NamedTuple

# Mined categories that join a topic sheet's kinds: a 举措 filler is an action, a verdict a result.
ACTION_LEN = 4
# A mined heading phrase (an action, a formula's filler) is used when at least this many reports use it:
# one report's flourish (晾晒竞速, 步入新阶段) is that town's, two make it usage.
USAGE = 2


# A lead this short (with its full stop and the two characters after it) cannot make a 20-character passage that two
# drafts of a county share; batch builds prefer such leads.
COUNTY_SAFE = 16

# A section's topic, or its topics when it covers two under one heading (项目建设 and 文化旅游).
Topics = str | tuple[str, ...]


def as_topics(topic: Topics) -> tuple[str, ...]:
    """One topic or several -> a tuple of them."""
    return (topic,) if isinstance(topic, str) else topic


def joined_labels(labels: list[str]) -> str:
    """Two topics' plain names as one: 项目建设和文化旅游 (安全生产和应急管理、平安建设 when one says 和 already)."""
    return ("、" if any("和" in label for label in labels) else "和").join(labels)


class Option(NamedTuple):
    """A fitting phrase and where it comes from (topic sheet, mined bank or generic sheet, with its source);
    a generic phrase keeps its template ({label}取得新成效), which serves once a draft whatever the label."""

    text: str
    origin: str
    template: str = ""


def owned(ctx: Context, entry: dict, topic: str) -> bool:
    """A mined phrase belongs to topic: it was mined under it and, if it names a topic itself, names this one
    first (农业产业蓬勃发展 was mined under 产业与招商 and 农业, but it speaks of 农业)."""
    if topic not in entry["topics"]:
        return False
    named = ctx.lexicon.named(entry["text"])
    return named is None or named == topic


def mined_entries(ctx: Context, topic: str, field: str) -> list[Entry]:
    """Phrases mined under this topic that serve as its actions; never another topic's. A mined verdict is not used
    as a result: nothing says which part of the topic's work it is true of (招商引资成效显著 over a section on visits
    to firms), so results come from the topic sheets, where each says when it holds."""
    if field != "actions":
        return []
    memo = bank_memo(ctx.bank)
    key = ("actions", topic)
    if key not in memo:  # the same for every town: worked out once per process
        # a flourish one report used (晾晒竞速) is that town's; two reports make it usage
        found = [e for e in ctx.bank.fillers if e["slot"] == "举措" and len(e["text"]) == ACTION_LEN and e["reports"] >= USAGE]
        memo[key] = [Entry(e["text"], e["sources"][0] if e["sources"] else "") for e in found
                     if owned(ctx, e, topic) and "“" not in e["text"] and not ctx.lexicon.rejected(e["text"])]
    return [e for e in memo[key] if ctx.held(e.text)]


def unique(options: list[Option]) -> list[Option]:
    """Options with each text once (the first origin kept)."""
    if len({option.text for option in options}) == len(options):
        return options
    seen: dict[str, Option] = {}
    for option in options:
        seen.setdefault(option.text, option)
    return list(seen.values())


class Palette:
    """What may stand in a section of a topic: fit first, then variety among what fits."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.events = Events.of(ctx.usage.get("events", []))
        # A town's own topic (茶产业) takes the phrases of the built-in one it is like (农业), under its own name.
        self.like = {t: kind for s in (*ctx.town.sections, *ctx.town.plans) if s.like
                     for t, kind in zip(s.topics, s.kinds) if len(s.topics) == 1 or t != kind}
        self.fitting: dict[tuple, tuple[list[Option], list[Option]]] = {}
        self.levels = frozenset(ctx.levels)
        self.labels: dict[Topics, str] = {}
        self.plans: dict[tuple[str | None, str, str, bool], list[tuple[Option, Entry | None]]] = {}

    def label(self, topic: Topics) -> str:
        """The plain name of a topic's work (人居环境整治), from its sheet or the lexicon; a town's own topic's name;
        two topics' names joined (项目建设和文化旅游)."""
        if topic in self.labels:
            return self.labels[topic]
        self.labels[topic] = self.name(topic)
        return self.labels[topic]

    def name(self, topic: Topics) -> str:
        """label, worked out."""
        if not isinstance(topic, str):
            return joined_labels([self.label(t) for t in topic])
        if topic in self.like:
            return topic
        sheet = self.ctx.wording.sheets.get(topic)
        if sheet and sheet.label:
            return sheet.label
        found = self.ctx.lexicon.topic(topic)
        return found.label if found else topic

    def options(self, topic: Topics, field: str, direction: str | None = None, about: str | None = None,
                cover: tuple[str, ...] = ()) -> tuple[list[Option], list[Option]]:
        """(this topic's fitting phrases, the generic fitting ones with the label filled in and their template
        not yet used), for a section whose figures went direction and whose words are about (cover: each item's
        words, for a phrase over all of them)."""
        key = (topic, field, direction, about, cover)
        if key not in self.fitting:
            self.fitting[key] = self.fit_options(topic, field, direction, about, cover)
        own, generic = self.fitting[key]
        used = self.ctx.choose.used[f"{field}.通用"]
        return own, [o for o in generic if o.template not in used] if used else generic

    def fit_options(self, topic: Topics, field: str, direction: str | None, about: str | None,
                    cover: tuple[str, ...] = ()) -> tuple[list[Option], list[Option]]:
        """Every phrase of a kind that fits (the same all through a draft, so options keeps it). A section of two
        topics takes only what fits both: the phrases both topics have, and the generic ones under the joined label;
        a phrase of one topic would speak of half the section as if it were the whole."""
        label, pools = self.label(topic), []
        for kind in (self.like.get(t, t) for t in as_topics(topic)):
            pools.append([o for o, test in self.fixed(kind, field, direction) if test is None or fits_words(test, about, cover)])
        own = pools[0]
        if len(pools) > 1:
            shared = set.intersection(*({o.text for o in pool} for pool in pools))
            own = [o for o in pools[0] if o.text in shared]
        generic = [o for o, test in self.fixed(None, field, direction, label) if test is None or fits_words(test, about, cover)]
        return unique(own), unique(generic)

    def fixed(self, kind: str | None, field: str, direction: str | None, label: str = "") -> list[tuple[Option, Entry | None]]:
        """A topic's phrases of a kind (sheet, then mined; kind None: the generic ones under label) that fit this
        draft's year, the figures' way and the levels of government the town file gives, each with its entry when
        whether it fits also depends on the section's words (fit.fits_words; else None). The same for every town of
        a year whose file names the same levels: worked out once per process."""
        mine = (kind, field, label, direction in RISING)
        if mine in self.plans:  # (this draft's: its year and levels are fixed)
            return self.plans[mine]
        self.plans[mine] = plan = self.fixed_plan(kind, field, direction, label)
        return plan

    def fixed_plan(self, kind: str | None, field: str, direction: str | None, label: str) -> list[tuple[Option, Entry | None]]:
        """fixed, from the process's plans or worked out now."""
        memo = bank_memo(self.ctx.bank).setdefault("fixed", {})
        key = (kind, field, label, self.ctx.town.year, direction in RISING, self.levels, self.ctx.late, id(self.ctx.wording),
               id(self.events))
        held = memo.get(key)
        if held is not None and held[0] is self.ctx.wording and held[1] is self.events:
            return held[2]
        year = self.ctx.town.year
        if kind is None:
            entries = [(e._replace(text=e.text.replace("{label}", label)), "通用", e.text) for e in self.ctx.wording.generic.get(field)]
        else:
            sheet = self.ctx.wording.sheets.get(kind)
            entries = [(e, kind, "") for e in (sheet.get(field) if sheet else ())]
            entries += [(e, "mined", "") for e in mined_entries(self.ctx, kind, field)]
        plan = [(Option(e.text, f"{origin}:{e.source}", template), e if words_matter(e) else None) for e, origin, template in entries
                if fits_figures(e, year, direction, self.events) and self.ctx.held(e.text)]
        if len(memo) >= 1 << 12:
            memo.clear()
        memo[key] = (self.ctx.wording, self.events, plan)
        return plan

    def ranked(self, field: str, topic: Topics, direction: str | None = None, keep: Callable[[str], bool] = lambda t: True,
               about: str | None = None, cover: tuple[str, ...] = (), drawn: bool = True) -> list[Option]:
        """Every unused fitting phrase kept by keep: the topic's own in a seeded order, then the generic ones (drawn
        False: each pool in its own order, nothing drawn from the seeded order)."""
        out, twice = [], self.ctx.twice  # (novel, inline: run for every phrase of every pool)
        for pool in self.options(topic, field, direction, about, cover):
            kept = {o.text: o for o in pool if keep(o.text) and twice.isdisjoint(run_set(o.text, SIX))}  # a pool holds each text once
            chosen = self.ctx.choose.order if drawn else self.ctx.choose.unused
            out += [kept[t] for t in chosen(field, list(kept))]
        return out

    def take(self, field: str, topic: Topics, direction: str | None = None, keep: Callable[[str], bool] = lambda t: True,
             about: str | None = None, cover: tuple[str, ...] = ()) -> Option | None:
        """An unused fitting phrase (the topic's own first, then a generic one), now marked used; None when none is left."""
        options = self.ranked(field, topic, direction, keep, about, cover)
        if not options:
            return None
        self.mark(field, options[0])
        return options[0]

    def mark(self, field: str, option: Option) -> None:
        """Count a placed phrase as used (a generic one by its template too) and its words as written."""
        self.ctx.choose.mark(field, option.text)
        if option.template:
            self.ctx.choose.mark(f"{field}.通用", option.template)
        self.ctx.wrote(option.text)

    def fits_text(self, text: str) -> bool:
        """True when a phrase belongs to no period other than the summary year and names no level of government
        the town file does not give."""
        return in_years(text, self.ctx.town.year, self.events) and self.ctx.held(text)

    def texts(self, topic: Topics, field: str, about: str) -> list[str]:
        """A topic sheet's phrases of a kind (not actions, which take mined ones too) that fit words about
        (approaches: one of their `when` words is there); of two topics, those of either (an item's own words choose)."""
        return [o.text for t in as_topics(topic) for o, test in self.fixed(self.like.get(t, t), field, None)
                if test is None or fits_words(test, about)]

    def owns(self, entry: dict, topic: Topics) -> bool:
        """A mined phrase belongs to every topic of a section (and so names none of two as if it were the whole)."""
        return all(owned(self.ctx, entry, self.like.get(t, t)) for t in as_topics(topic))

    def sentence(self, field: str, section: Section, said: str = "") -> str:
        """A topic's lead sentence (leads, plan_leads) that fits the section and repeats no words of what
        is said around it (said) or of the clerk's items, nor a word of said or of the item titles that follow it
        but the work's own name (把维护稳定作为第一责任。守牢安全稳定底线。); '' when none is left."""
        about = section_text(section)
        around = run_set(said + about, ECHO)  # (echoes, with the words around made into runs once)
        titles = [item.title for item in section.items if item.title]
        near = words("\n".join([said, *titles])) - words(self.label(tuple(section.topics)))

        def keep(t: str) -> bool:
            return around.isdisjoint(run_set(t, ECHO)) and near.isdisjoint(words(t))

        option = None
        if self.ctx.choose.rotation is not None:  # one of a county's drafts: a short lead no other draft can share
            option = self.take(field, tuple(section.topics), None, lambda t: keep(t) and len(t) <= COUNTY_SAFE, about)
        option = option or self.take(field, tuple(section.topics), None, keep, about)
        return option.text + "。" if option else ""
