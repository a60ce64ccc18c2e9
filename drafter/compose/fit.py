"""Fit rules: whether a phrase may stand where it is put (its year, the direction of the figures, its sense)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from drafter.compose.wording import Entry
from drafter.files.patterns import compiled

# Directions under which a phrase marked `needs: rise` is true: figures rose and none fell.
RISING = ("rise", "steady")
# Two-character words too common to count as saying the same thing twice.
COMMON = {"进一", "一步", "全面", "持续", "不断", "工作", "建设", "推进"}


def trend(words: Iterable[str]) -> str | None:
    """The direction of a set of changes (增长/下降/持平): rise, steady, mixed, mostly_down, fall, flat; None if none."""
    counts = Counter(words)
    up, down, flat = counts["增长"], counts["下降"], counts["持平"]
    if not (up or down or flat):
        return None
    if up and down:
        return "mixed" if up >= down else "mostly_down"
    if down:
        return "fall"
    if up:
        return "steady" if flat else "rise"
    return "flat"


class Events:
    """Words that date a phrase (usage.yaml's events: 疫情 2020–2022 …), all of them together in one pattern to screen
    a text by (compiled once per Python and kept, files.patterns: a first draft screens some 300 phrases in a sixth of
    the time a test of each word took: 145 against 946 ns a phrase)."""

    def __init__(self, events: list[dict]) -> None:
        self.events = events
        self.words = tuple(sorted({w for e in events for w in e["words"]}))
        self.screen = compiled("|".join(map(re.escape, self.words))) if self.words else None
        self.known: dict[tuple[str, int], bool] = {}

    @classmethod
    def of(cls, events: list[dict]) -> Events:
        """The Events of a list of events, made once per process for each list (the wording's is loaded once)."""
        held = EVENTS.get(id(events))
        if held is None or held[0] is not events:
            if len(EVENTS) >= 8:
                EVENTS.clear()
            held = EVENTS[id(events)] = (events, cls(events))
        return held[1]

    def allow(self, text: str, year: int) -> bool:
        """True when every event text names (and is not excused by its unless words) spans the year (kept per text
        and year: the same phrases are tried in every town)."""
        known = self.known.get((text, year))
        if known is None:
            if len(self.known) >= 1 << 16:
                self.known.clear()
            known = self.known[(text, year)] = self.judge(text, year)
        return known

    def judge(self, text: str, year: int) -> bool:
        """allow, worked out."""
        if self.screen is None or self.screen.search(text) is None:  # (no event word in it)
            return True
        return all(e["years"][0] <= year <= e["years"][1] for e in self.events
                   if any(w in text for w in e["words"]) and not any(w in text for w in e.get("unless", ())))


# Events by the list they were made of (id), with the list kept so that its id stays its own.
EVENTS: dict[int, tuple[list[dict], Events]] = {}


def in_years(text: str, year: int, events: Events, span: tuple[int, int] | None = None) -> bool:
    """True when the phrase belongs to no period other than the summary year (疫情 only up to 2022 …)."""
    if span and not span[0] <= year <= span[1]:
        return False
    return events.allow(text, year)


def fits(entry: Entry, year: int, direction: str | None, events: Events, about: str | None = None,
         cover: tuple[str, ...] = ()) -> bool:
    """An entry fits a section of this year whose figures went this way and whose words are about
    (an entry with `when` words needs one of them there; about=None skips that test). What it claims must be true
    of the clerk's words: an act is said only where they name it, an outcome only where they show it. A phrase over
    several items (a heading, a verdict: cover holds each item's words) that is about one aspect of the work (when)
    must be true of more than half of them: 做实社会救助 heads neither a section of eight kinds of work nor one of
    低保 and 医保参保 (a heading true of one item of two misdescribes the other, a blind reader found)."""
    return fits_figures(entry, year, direction, events) and fits_words(entry, about, cover)


def fits_figures(entry: Entry, year: int, direction: str | None, events: Events) -> bool:
    """The part of fits that the year and the figures' way decide (the same for every section of a kind)."""
    if entry.needs == "rise" and direction not in RISING:
        return False
    return in_years(entry.text, year, events, entry.years)


def words_matter(entry: Entry) -> bool:
    """True when whether an entry fits can depend on the clerk's words (fits_words is not simply true of it)."""
    return bool(entry.when) or entry.claim not in ("manner", "summary")


def fits_words(entry: Entry, about: str | None, cover: tuple[str, ...] = ()) -> bool:
    """The part of fits that the clerk's words decide: its `when` words, its cover, its claim."""
    # (map over a bound __contains__: the same tests as a generator of `w in about`, without a frame per phrase)
    when = entry.when
    if when and about is not None and not any(map(about.__contains__, when)):
        return False
    if when and len(cover) > 1 and 2 * sum(1 for c in cover if any(map(c.__contains__, when))) <= len(cover):
        return False
    return claim_holds(entry, about)


def claim_holds(entry: Entry, about: str | None) -> bool:
    """True when the clerk's words (about) bear out what the entry claims: every word an act names, one word that
    shows an outcome; a phrase mined from the seeds that reads as an act or an outcome is held to the same test by the
    words in it that make it one (claims.evidence)."""
    if entry.claim in ("manner", "summary"):
        return True
    text = about or ""
    if entry.claim == "act":
        return bool(entry.names) and all(map(text.__contains__, entry.names))
    if entry.claim == "outcome":
        return not entry.shows or any(map(text.__contains__, entry.shows))
    from drafter.compose.claims import bears_out  # (a draft of audited phrases alone never imports the patterns)

    return bears_out(entry.text, text)  # mined, or not yet audited: judged by the words in it


def senses(text: str, table: dict[str, list[str]]) -> set[str]:
    """The senses (progress, improve, effect …) a result phrase carries."""
    return {sense for sense, words in table.items() if any(w in text for w in words)}


@lru_cache(maxsize=1 << 14)
def words(text: str) -> frozenset[str]:
    """Two-character sequences of text that carry meaning (common ones left out); kept per text for the process."""
    return frozenset({text[i : i + 2] for i in range(len(text) - 1)} - COMMON)


def says_again(text: str, others: Iterable[str], table: dict[str, list[str]]) -> bool:
    """True when text repeats another: a shared word, or the same sense (取得新进展 / 加速推进)."""
    mine = senses(text, table)
    return any(words(text) & words(o) or mine & senses(o, table) for o in others)


def balanced(text: str) -> bool:
    """Quotes and brackets open and close in pairs, in order."""
    depth = {"“": 0, "（": 0, "《": 0}
    closing = {"”": "“", "）": "（", "》": "《"}
    for ch in text:
        if ch in depth:
            depth[ch] += 1
        elif ch in closing:
            depth[closing[ch]] -= 1
            if depth[closing[ch]] < 0:
                return False
    return not any(depth.values())
