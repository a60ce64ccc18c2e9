"""The marks of an edited draft + the new town file -> for each mark, the new town file's figure it stands for,
matched by what it is (its identity: the phrase beside it, its unit, its section's topic, which figure of the phrase)
and never by where it stood, or why there is none. A draft made before marks had identities is matched only where its
text proves it (the phrase stands beside the figure, the unit is the same); the rest is reported."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from drafter.town.model import Town
from drafter.tuples import NamedTuple
from drafter.write import marks
from drafter.write.marks import Identity

# A figure's unit as its text shows it: the text without digits, point, 约 and 余 ('3.5万余亩' -> '万亩').
NOT_UNIT = re.compile(r"[约余\d.\-]")
# Between a phrase and its figure: at most a verb this long; before the phrase, a clause's start or a plan's resolve.
VERB = 4
BOUNDARY = "，；。：、"
OPENERS = ("力争", "确保", "全镇", "全乡")  # a plan's resolve; the indicator paragraph's 全镇
CN_DIGITS = "一二三四五六七八九十"  # an item's lead-in (一是, 十二是) opens a clause too


class Target(NamedTuple):
    """The new town file's figure a mark stands for (key), or why none: gone (the town file no longer has it) or
    a reason it may not be written (why)."""

    key: str | None
    why: str = ""
    gone: bool = False
    prove: bool = False  # an old draft's mark: match by key, if its text proves it
    options: tuple[str, ...] = ()  # what the figure might now read, when it cannot be told which (nothing to say if all are as is)


class Context(NamedTuple):
    """What an old draft's text says around a mark: the words since the figure before it in its paragraph, the
    key of that figure, and the cells of its table row (None outside a table)."""

    words: str
    previous: str | None
    row: list[str] | None


class Matcher:
    """Matches old marks (found in the draft or listed in its manifest) to the new town file's figures."""

    def __init__(self, town: Town, texts: dict[tuple[str, str], str], written: list[marks.Written], found: list[marks.Mark]) -> None:
        self.town, self.texts = town, texts
        self.new: dict[tuple[str, str], Identity | None] = {kf: marks.identity(town, *kf) for kf in texts}
        self.by_core: dict[tuple, list[tuple[str, str]]] = defaultdict(list)  # (core, form) -> [(key, title)]
        self.by_code: dict[str, list[str]] = defaultdict(list)
        self.phrases: Counter = Counter()  # (group, what, part, unit, kind, form): what an old draft's text can show
        for (key, form), ident in self.new.items():
            if ident is not None:
                self.by_core[(ident.core, form)].append((key, ident.title))
                self.by_code[ident.code(form)].append(key)
                self.phrases[phrase(ident, form)] += 1
        # how many figures of the old draft share each identity (and title), to know when a match is unique
        self.old: Counter = Counter()
        self.old_codes: Counter = Counter(m.ident for m in found if m.ident)
        for w in written:
            mark, ident = marks.parse(w.name), w.identity
            if mark is not None and ident is not None:
                self.old[(ident.core, mark.form)] += 1
                self.old[(ident.core, mark.form, ident.title)] += 1

    def target(self, mark: marks.Mark, written: marks.Written | None) -> Target:
        """The figure mark stands for in the new town file."""
        ident = written.identity if written is not None else None
        if ident is not None:
            return self.by_identity(ident, mark.form)
        if mark.ident:
            keys = self.by_code.get(mark.ident, [])
            if len(keys) == 1 and self.old_codes[mark.ident] == 1:
                return Target(keys[0])
            if not keys:
                return Target(None, "数据文件中已没有这个数字", gone=True)
            return Target(None, "数据文件中有多处相同的说法，无法确定对应哪一处", options=self.options(keys, mark.form))
        return Target(None, prove=True)

    def by_identity(self, ident: Identity, form: str) -> Target:
        """The one new figure with this identity (the item's title telling apart several), or why none."""
        found = self.by_core.get((ident.core, form), [])
        if len(found) == 1 and self.old[(ident.core, form)] == 1:
            return Target(found[0][0])
        titled = [key for key, title in found if title == ident.title]
        if len(titled) == 1 and self.old[(ident.core, form, ident.title)] == 1:
            return Target(titled[0])
        if found:
            return Target(None, f"数据文件中有 {len(found)} 处“{ident.label}”，无法确定对应哪一处", options=self.options([k for k, _ in found], form))
        units = {new.unit for (_, f), new in self.new.items() if f == form and new is not None and new.core[:4] == ident.core[:4]
                 and new.kind == ident.kind}
        if units:
            return Target(None, f"“{ident.label}”的单位已改为“{'、'.join(sorted(units))}”")
        return Target(None, f"数据文件中已没有“{ident.label}”", gone=True)

    def prove(self, mark: marks.Mark, text: str, context: Context, proven: set[str], olds: list[tuple[marks.Mark, Context]]) -> Target:
        """An old draft's mark holding text: the new figure at its key, when the draft shows that figure's phrase
        beside it and the same unit (a table cell: in its indicator's row, under the same unit; a change or completion:
        right after its own figure, itself proven), and that phrase is found once in the town file and once in the
        draft (the section's topic cannot be read from the text: a phrase found twice could be the other section's).
        olds: every old mark of the draft with what its text says around it."""
        ident = self.new.get((mark.key, mark.form))
        if ident is None:
            return Target(None, "数据文件中已没有这个数字", gone=True)
        if ident.kind in ("change", "completion") and mark.form == "p":
            base = mark.key.rsplit(".", 1)[0]
            ok = context.previous is not None and context.previous.rsplit(".", 1)[0] == base and context.previous in proven
        else:
            ok = (ident.kind != "count"  # a count's phrase follows it (and old drafts had no count marks)
                  and self.phrases[phrase(ident, mark.form)] == 1 and shows(ident, mark.form, context)
                  and (mark.form == "t" or same_unit(text, self.texts[(mark.key, mark.form)]))
                  and sum(1 for m, c in olds if m.form == mark.form and kind_of(m.key) == (ident.group, ident.kind) and shows(ident, m.form, c)) == 1)
        if not ok:
            return Target(None, "旧版初稿，无法从原文确认这个数字对应的说法", options=self.options([mark.key], mark.form))
        return Target(mark.key)

    def options(self, keys: list[str], form: str) -> tuple[str, ...]:
        """The new texts of these figures."""
        return tuple(self.texts[(key, form)] for key in keys)


def phrase(ident: Identity, form: str) -> tuple[str, ...]:
    """What an old draft's text can tell of a figure's identity: its group, phrase and kind (not the section's topic,
    nor the unit in the town file: 万元 may be shown as 亿元)."""
    return (ident.group, ident.what, ident.part, ident.kind, form)


def kind_of(key: str) -> tuple[str, str]:
    """A key's group and the kind of figure it names: 'sections[0].items[1].facts[2].ratio' -> ('sections', 'rate')."""
    match = marks.KEY.match(key)
    return (match.group(1), marks.KINDS.get(match.group(6), match.group(6))) if match else ("", "")


def shows(ident: Identity, form: str, context: Context) -> bool:
    """True when an old draft's text around a figure shows ident: a table cell in its indicator's row (under its unit,
    for an amount); a figure in the prose right after its phrase."""
    if form == "t":
        row = context.row or []
        return len(row) > 1 and row[0].strip() == ident.what and (ident.kind in marks.RATES or row[1].strip() == (ident.unit or "—"))
    return beside(context.words, ident)


def same_unit(before: str, after: str) -> bool:
    """True when two texts of a figure show the same unit (not 万元 and 亿元: the text cannot tell an amount in 万元
    shown in 亿元 from a unit the clerk changed)."""
    return NOT_UNIT.sub("", before) == NOT_UNIT.sub("", after)


def beside(words: str, ident: Identity) -> bool:
    """True when words (the text before a figure, since the figure before it) end with the figure's phrase as
    drafter writes it: a part's own word right before it (its fact's phrase earlier on); else the phrase, starting a
    clause (or after 一是, 力争/确保, or 全镇 opening the indicators), then at most a short verb (完成, 达到, 突破)."""
    if ident.part and ident.kind != "count":
        return words.endswith(ident.part) and ident.what in words
    label = ident.part or ident.what
    at = words.rfind(label) if label else -1
    if at < 0 or len(words) - at - len(label) > VERB:
        return False
    head = words[:at]
    return not head or head[-1] in BOUNDARY or head.endswith(OPENERS) or (head[-1] == "是" and len(head) > 1 and head[-2] in CN_DIGITS)
