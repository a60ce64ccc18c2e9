"""Shared pieces of composition: inline markup helpers and the Context (town, bank, chooser, data) of one draft."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from functools import lru_cache

from drafter.compose.fit import trend, words
from drafter.compose.phrases import Bank, Chooser
from drafter.compose.wording import Wording, load_wording
from drafter.files.patterns import compiled
from drafter.town import derive
from drafter.town.lexicon import load_lexicon
from drafter.town.model import Fact, Item, Section, Settings, Town

CN_DIGITS = "零一二三四五六七八九"
SLOT = compiled(r"\{([^{}]+)\}")
# A level of government named as such: a run of levels (省市县委全会, 省、市各项决策部署), one level's bodies or rank
# (县委, 市政府, 省级, 县里), or the whole of one (全县). Not 城市, 超市, 社区, 景区 … (the character before rules them out).
# Read by hand (levels): as patterns, r"[省市县](?:、?[省市县])+", r"(?<![城都…库])([省市县区州旗])(?=委|政府|人大|政协|级|里)"
# and r"全([县市])" (tests/compose/test_levels.py holds levels to them), whose character sets re compiled on every
# cold start in 1.5 ms.
LEVEL_CHARS = "省市县区州旗"
LEVEL_SET = frozenset(LEVEL_CHARS)
RUN_CHARS = frozenset("省市县")
BODY_AFTER = ("委", "政府", "人大", "政协", "级", "里")
BODY_NOT_AFTER = frozenset("城都超集门社园景小片辖街夜菜花灯坊校矿库")
NO_LEVELS: frozenset[str] = frozenset()


def cn_number(n: int) -> str:
    """1..99 -> 一 … 九十九."""
    if n < 10:
        return CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN_DIGITS[tens]) + "十" + (CN_DIGITS[ones] if ones else "")


def cn_count(n: int) -> str:
    """A count before a measure word: 两 for 2 (两个方面, 两大工程), never 二; else as cn_number (十二个)."""
    return "两" if n == 2 else cn_number(n)


def fig(figure: derive.Figure) -> str:
    """Figure -> inline markup carrying its source and formula."""
    extra = f"|{figure.formula}" if figure.formula else ""
    return f"⟦fig:{figure.text}|{figure.source}{extra}⟧"


def gap(what: str, source: str) -> str:
    """A placeholder for something the town file lacks."""
    return f"⟦gap:{what}|{source}⟧"


def sentence(text: str) -> str:
    """Strip trailing punctuation so the composer decides how a clause ends."""
    return text.rstrip("。；，、 ")


# Two texts that share a run of this many characters say the same words.
ECHO = 4
# A run of this many characters used three times in one draft reads as a verbal tic.
SIX = 6


# Per-text results kept for the process: the topic sheets' and the bank's phrases are tried again and again, in
# every section and every town of a county (a clerk's own texts come and go; the caches are bounded).
CACHED = 1 << 14


def runs(text: str, length: int) -> list[str]:
    """Every run of length characters of text, in order (repeats kept)."""
    return [text[i : i + length] for i in range(len(text) - length + 1)]


@lru_cache(maxsize=CACHED)
def run_set(text: str, length: int) -> frozenset[str]:
    """The distinct runs of length characters of text (kept per text for the process; the runs themselves are not:
    a first draft kept 4,500 tuples of them, 0.4 MB that only their count was read from)."""
    return frozenset([text[i : i + length] for i in range(len(text) - length + 1)])


def echoes(text: str, other: str) -> bool:
    """True when text and other share a run of ECHO characters (a run of text is in other just when it is one of
    other's runs of that length: both sets are kept per text for the process)."""
    return not run_set(text, ECHO).isdisjoint(run_set(other, ECHO))


def item_text(item: Item) -> str:
    """All the clerk's words of an item: its title, how it was done and the words of its facts, a line each (so that no word
    is made of the end of one and the start of the next)."""
    return "\n".join([item.title or "", *item.measures, *(f.text or f.what or "" for f in item.facts)])


def section_text(section: Section) -> str:
    """All the clerk's words in a section: heading, verdict, item titles and facts."""
    return "\n".join([section.heading or "", section.verdict or "", *(item_text(i) for i in section.items)])


@lru_cache(maxsize=CACHED)
def slot_parts(pattern: str) -> tuple[str, ...]:
    """A pattern split at its slots: text, slot name, text, … (a pattern without slots: itself alone)."""
    return tuple(SLOT.split(pattern))


@lru_cache(maxsize=CACHED)
def levels(text: str) -> frozenset[str]:
    """The levels of government text names (省, 市, 县 …): 省市县委全会精神 -> {省, 市, 县}; 城市建设 -> none."""
    if LEVEL_SET.isdisjoint(text):  # most phrases: no pattern can match without one of these characters
        return NO_LEVELS
    found: set[str] = set()
    chain: list[str] = []  # the run of 省市县 being read (one 、 may stand between two)
    last = -3  # where its last level stands
    for i, c in enumerate(text):
        if c not in LEVEL_SET:
            continue
        if c in RUN_CHARS:
            if last == i - 1 or (last == i - 2 and text[i - 1] == "、"):
                chain.append(c)
            else:
                if len(chain) > 1:
                    found.update(chain)
                chain = [c]
            last = i
        if (i == 0 or text[i - 1] not in BODY_NOT_AFTER) and text.startswith(BODY_AFTER, i + 1):
            found.add(c)
        elif c in "县市" and i > 0 and text[i - 1] == "全":
            found.add(c)
    if len(chain) > 1:
        found.update(chain)
    return frozenset(found)




def town_levels(town: Town) -> set[str]:
    """The levels of government the town file gives: those its superior bodies name, and its county's (临溪县: 县)."""
    named = {c for s in town.superior for c in levels(s)}
    return named | ({town.county[-1]} if town.county and town.county[-1] in LEVEL_CHARS else set())


def plan_cycle(year: int) -> tuple[str, str, int]:
    """The five-year plan a year falls in ('十四五'), the next one ('十五五'), and the year's place in it (1-5)."""
    number = (year - 2016) // 5 + 13  # the 13th plan ran 2016-2020
    place = (year - 2016) % 5 + 1
    return f"{cn_number(number)}五", f"{cn_number(number + 1)}五", place


class Context:
    """What every part of one draft draws on; every phrase choice goes through its one Chooser."""

    def __init__(self, town: Town, bank: Bank, chooser: Chooser, style: str, wording: Wording | None = None) -> None:
        self.town, self.bank, self.choose, self.style = town, bank, chooser, style
        self.wording = wording or load_wording()
        self.sentences, self.usage = self.wording.sentences, self.wording.usage
        self.lexicon = load_lexicon()
        plan, following, _ = plan_cycle(town.next_year)
        self.slots = {
            "乡镇名": town.town,
            "乡镇": town.township,
            "年": str(town.year),
            "次年": str(town.next_year),
            "上级": town.leaders or gap("上级领导机关（superior）", "superior"),
            "领导": town.leadership or gap("上级领导机关（superior）", "superior"),
            "目标": town.goal or gap("年度目标（goal）", "goal"),
            **({"县": town.county} if town.county else {}),
            "规划": plan,
            "下个规划": following,
        }
        self.levels = town_levels(town)
        # Written in the plan year (a report dated in January): 今年 would be the plan year and 明年 the one after.
        self.late = town.date is not None and town.date.year > town.year
        # Six-character sequences of the phrases drafter has placed so far (a third use reads as a tic), and those
        # placed twice already.
        self.sixes: set[str] = set()
        self.twice: set[str] = set()
        self.trends: dict[str, str | None] = {}
        self.figures: dict[str, derive.FactFigures | None] = {}

    def fill(self, pattern: str, extra: dict[str, str] | None = None) -> str | None:
        """Replace known slots; None when a slot cannot be filled."""
        parts = slot_parts(pattern)
        if len(parts) == 1:
            return pattern
        out = list(parts)
        for i in range(1, len(parts), 2):
            name = parts[i]
            if extra and name in extra:
                out[i] = extra[name]
            elif name in self.slots:
                out[i] = self.slots[name]
            else:
                return None
        return "".join(out)

    def say(self, key: str, templates: list[str] | dict, extra: dict[str, str] | None = None, after: str = "") -> str:
        """One of the team's sentence templates, filled (the first when none can be chosen). A template written as
        {parts: [[…], […], …]} is put together from one option of each part, chosen apart (a county's towns then
        differ in every long stretch, sentences.yaml). after: the sentence right before, whose words the opening
        does not say again where another choice can (做好新一年的工作，意义重大。做好全年工作，总的要求是：)."""
        if isinstance(templates, dict):
            return "".join(self.say(f"{key}.{n}", part, extra, after if n == 0 else "") for n, part in enumerate(templates["parts"]))
        filled = [t for t in (self.fill(p, extra) for p in templates) if t is not None]
        if not any(filled):  # an optional part with nothing to say (no county: no 为××县…贡献)
            return ""
        filled = [t for t in filled if t]
        filled = [t for t in filled if self.timely(t)] or filled  # (every list has a choice that names no 今年/明年)
        if after:
            said = words(after)
            filled = [t for t in filled if said.isdisjoint(words(t))] or filled
        choice = self.choose.pick(key, [t for t in filled if self.novel(t)] or filled) or filled[0]
        self.wrote(choice)
        return choice

    def held(self, text: str) -> bool:
        """True when every level of government a (mined) phrase names is one the town file gives (省市县委全会精神 only
        under a town whose superior or county names 省, 市 and 县), and when it says 今年 or 明年 only in a report
        written in its summary year."""
        return levels(text) <= self.levels and self.timely(text)

    def timely(self, text: str) -> bool:
        """False for a text that says 今年 or 明年 in a report dated after its summary year."""
        return not self.late or ("今年" not in text and "明年" not in text)

    def novel(self, text: str) -> bool:
        """True when placing text would not make any six-character sequence occur a third time."""
        return self.twice.isdisjoint(run_set(text, SIX))

    def wrote(self, text: str) -> None:
        """Count a placed phrase's six-character sequences: those placed before, or twice in it, are now placed twice."""
        mine = run_set(text, SIX)
        self.twice |= mine & self.sixes
        if len(mine) < len(text) - SIX + 1:  # (rare: a sequence twice in one phrase)
            self.twice.update(run for run, n in Counter(runs(text, SIX)).items() if n >= 2)
        self.sixes |= mine

    def section_trend(self, section: Section, source: str) -> str | None:
        """Which way a section's figures went (rise, fall, mixed …), None when none has a previous value (kept for
        the draft: its heading and its verdict both ask)."""
        if source not in self.trends:  # (a section's key names it within the draft)
            self.trends[source] = trend(derive.section_changes(section, source, self.town.settings, self.fact_figures))
        return self.trends[source]

    def fact_figures(self, fact: Fact, source: str, settings: Settings) -> derive.FactFigures | None:
        """derive.fact_figures, kept for the draft by the fact's key (its section's trend and its sentence both ask)."""
        if source not in self.figures:
            self.figures[source] = derive.fact_figures(fact, source, settings)
        return self.figures[source]

    def completions(self) -> list[Decimal]:
        """Completion rates (percent, exact) of the indicators that have a target."""
        quantities = [derive.indicator(ind, f"indicators[{i}]", self.town.settings) for i, ind in enumerate(self.town.indicators)]
        return [q.completion.value for q in quantities if q is not None and q.completion is not None and q.completion.value is not None]

    def indicator_trend(self) -> str | None:
        """Which way the key indicators went."""
        return trend(derive.indicator_changes(self.town))
