"""Figure marks: a town's figures -> the names of the hidden Word bookmarks around them, what each stands for (its
identity), and the manifest that lists them, so that `drafter update` can find each figure again after the clerk has
edited the draft and match it to the new town file by what it is, not where it stood.

A mark's name says which figure it is and what drafter wrote there, in Word's bookmark alphabet (letters,
digits, underscores; at most 40 characters; a leading underscore hides it from Word's bookmark list):

    _dr12p_S1T0F1c_3f9a0c2e_5b1d07aa
      │  │ │       │        └ CRC-32 of its identity (what it stands for; drafts before 0.2 have none)
      │  │ │       └ CRC-32 of the text drafter wrote (tells an untouched figure from one typed over)
      │  │ └ the town-file key it was built from, coded: sections[1].items[0].facts[1].change
      │  └ form: p in the prose, t in the indicator table (a table cell holds the bare number)
      └ position among the draft's figures (tells a moved figure by its order)
"""

from __future__ import annotations

import json
import re
import zlib
from functools import lru_cache
from typing import TYPE_CHECKING

from drafter.files.patterns import compiled
from drafter.tuples import NamedTuple

if TYPE_CHECKING:
    from drafter.town.model import Town

# Key segments with an index, and the attributes that end a key, each as one letter ('ratio[0]' is a ratio's count).
LISTS = {"indicators": "I", "sections": "S", "plans": "P", "items": "T", "facts": "F", "figures": "G"}
FIELDS = {"value": "v", "change": "c", "completion": "p", "ratio": "r", "ratio[0]": "n", "previous": "u", "target": "g",
          "growth": "w"}
LIST_NAMES = {v: k for k, v in LISTS.items()}
FIELD_NAMES = {v: k for k, v in FIELDS.items()}
SEGMENT = compiled(r"([a-z]+)(?:\[(\d+)\])?$")
# Read back only by update and check (re compiles them when first used; a build does not use them).
CODE = r"([A-Z])(\d+)|([a-z])"
NAME = r"_dr(\d+)([pt])_([A-Za-z0-9]+)_([0-9a-f]{8})(?:_([0-9a-f]{8}))?$"
PREFIX = "_dr"
# Word keeps bookmark names up to this length.
NAME_LIMIT = 40
# Word keeps custom property values up to this length; the manifest is split into properties this long.
PROPERTY_LIMIT = 255
MANIFEST = "drafter.marks"


class Mark(NamedTuple):
    """One figure's mark: its position among the figures, form (p prose, t table), key, what was written and the
    CRC of its identity ('' in drafts made before marks had one)."""

    number: int
    form: str
    key: str
    crc: str
    ident: str = ""

    @property
    def name(self) -> str:
        tail = f"_{self.ident}" if self.ident else ""
        return f"{PREFIX}{self.number}{self.form}_{encode(self.key)}_{self.crc}{tail}"


def crc(text: str) -> str:
    """Eight hex digits of CRC-32: enough to tell whether a figure's text is still what drafter wrote."""
    return f"{zlib.crc32(text.encode('utf-8')):08x}"


@lru_cache(maxsize=1 << 12)
def encode(key: str) -> str:
    """'sections[1].items[0].facts[1].change' -> 'S1T0F1c'; ValueError for a key outside the town file's shape (kept
    per key for the process: a county's drafts share their keys)."""
    out = []
    for part in key.split("."):
        match = SEGMENT.match(part)
        if not match:
            raise ValueError(key)
        name, index = match.groups()
        if part in FIELDS:
            out.append(FIELDS[part])
        elif index is not None and name in LISTS:
            out.append(f"{LISTS[name]}{index}")
        else:
            raise ValueError(key)
    return "".join(out)


def decode(code: str) -> str:
    """'S1T0F1c' -> 'sections[1].items[0].facts[1].change'."""
    parts = []
    for match in re.finditer(CODE, code):
        letter, index, field = match.groups()
        parts.append(f"{LIST_NAMES[letter]}[{index}]" if letter else FIELD_NAMES[field])
    return ".".join(parts)


def make(number: int, form: str, key: str, text: str, identity: Identity | None = None) -> Mark | None:
    """The mark for a figure, or None when its key cannot be named within Word's limits."""
    found = named(number, form, key, text, identity)
    return found[0] if found is not None else None


def named(number: int, form: str, key: str, text: str, identity: Identity | None = None) -> tuple[Mark, str] | None:
    """make's mark with its bookmark name (made once)."""
    try:
        mark = Mark(number, form, key, crc(text), identity.code(form) if identity is not None else "")
        name = mark.name
        return (mark, name) if len(name) <= NAME_LIMIT else None
    except ValueError:
        return None


def number(name: str) -> int:
    """A mark's position among the draft's figures (0 for a name that is not drafter's)."""
    mark = parse(name)
    return mark.number if mark else 0


def parse(name: str) -> Mark | None:
    """A bookmark name -> its Mark; None for bookmarks that are not drafter's."""
    match = re.match(NAME, name)
    if not match:
        return None
    try:
        key = decode(match.group(3))
    except KeyError:
        return None
    if not key or encode(key) != match.group(3):
        return None
    return Mark(int(match.group(1)), match.group(2), key, match.group(4), match.group(5) or "")


# -- identity: what a figure stands for -------------------------------------------------------------------------

KEY = compiled(r"(indicators|sections|plans)\[(\d+)\](?:\.items\[(\d+)\]\.facts\[(\d+)\](?:\.figures\[(\d+)\])?)?\.([a-z]+(?:\[0\])?)$")
KINDS = {"ratio": "rate", "ratio[0]": "count", "growth": "change"}  # a stated growth is a change as the draft says it
# Kinds that are a percentage of their quantity: the quantity's unit is not theirs (the draft shows %).
RATES = ("change", "completion", "rate")


class Identity(NamedTuple):
    """What a figure stands for: its place in the town file's outline (indicators, sections or plans, and the
    section's topic), the phrase beside it (the indicator's name or the fact's what, and a part's own what or a
    count's word), its unit, and which figure of that phrase it is (value, change, completion, rate, count, previous,
    target). The item's title is carried along to tell two figures with the same phrase apart; it is not part of
    what the figure is (a clerk may retitle an item)."""

    group: str
    topic: str
    what: str
    part: str
    unit: str
    kind: str
    title: str = ""

    @property
    def core(self) -> tuple[str, ...]:
        """The identity proper (without the item's title)."""
        return tuple(self[:6])

    def code(self, form: str) -> str:
        """CRC of the identity and the form, for the mark's name."""
        return crc("\x1f".join((*self.core, form)))

    @property
    def label(self) -> str:
        """How a report names it: '项目建设 · 完成项目征地（亩）'."""
        phrase = "".join(p for p in (self.what, self.part) if p)
        unit = f"（{self.unit}）" if self.unit and self.unit != "%" else ""
        return " · ".join(p for p in (self.topic, phrase + unit) if p)


def identity(town: Town, key: str, form: str) -> Identity | None:
    """The identity of the figure at key as the draft shows it in form (p prose, t the indicator table); None for a
    key this town file does not have."""
    found = place(key)
    if found is None:
        return None
    group, si, ii, fi, pi, kind = found
    try:
        if group == "indicators":
            indicator = town.indicators[si]
            unit = table_unit(town, si) if form == "t" else indicator.unit
            return Identity(group, "", indicator.name, "", "%" if kind in RATES else unit, kind)
        if ii is None or fi is None:
            return None
        section = getattr(town, group)[si]
        item = section.items[ii]
        fact = item.facts[fi]
        part = fact.figures[pi] if pi is not None else None
        unit = part.unit if part is not None else fact.unit
        word = (part.what or "") if part is not None else (fact.count or "") if kind == "count" else ""
        return Identity(group, section.topic, fact.what or "", word, "%" if kind in RATES else unit, kind, item.title or "")
    except IndexError:
        return None


@lru_cache(maxsize=1 << 12)
def place(key: str) -> tuple[str, int, int | None, int | None, int | None, str] | None:
    """A figure's key read: (indicators, sections or plans, its index, the item's, the fact's, the part's, the kind
    of figure); None for a key of another shape. Kept per key for the process: a county's towns share their keys."""
    match = KEY.match(key)
    if not match:
        return None
    group, si, ii, fi, pi, tail = match.groups()
    number = [None if n is None else int(n) for n in (ii, fi, pi)]
    return group, int(si), number[0], number[1], number[2], KINDS.get(tail, tail)


def table_unit(town: Town, index: int) -> str:
    """The unit an indicator's row of the table states (亿元 when its 万元 value is shown in 亿元)."""
    from drafter.town.derive import table_row

    indicator = town.indicators[index]
    row = table_row(indicator, f"indicators[{index}]", town.settings)
    return row.unit if row is not None else indicator.unit


# -- the manifest -----------------------------------------------------------------------------------------------

class Written(NamedTuple):
    """One mark as written: its bookmark name, its text, the heading it stood under (the heading's ordinal among
    the draft's headings, 0 before the first, and a CRC of its text) to tell a figure moved elsewhere, and its
    identity (empty in drafts made before marks had one)."""

    name: str
    text: str
    heading: int = 0
    under: str = ""
    ident: tuple[str, ...] = ()

    @property
    def identity(self) -> Identity | None:
        return Identity(*self.ident) if len(self.ident) == len(Identity._fields) else None


class Manifest(NamedTuple):
    """What drafter wrote into a draft: its style and seed, the town and year it was built for, and every mark
    with the text it held."""

    style: str
    seed: int | None
    marks: list[Written]
    town: str = ""
    year: int | None = None

    def properties(self) -> dict[str, str]:
        """The manifest as custom document properties, JSON split into values Word keeps whole."""
        rows = [[m.name, m.text, m.heading, m.under, list(m.ident)] if m.ident else list(m[:4]) for m in self.marks]
        head = {"style": self.style, "seed": self.seed} | ({"town": self.town, "year": self.year} if self.town else {})
        data = json.dumps({**head, "marks": rows}, ensure_ascii=False, separators=(",", ":"))
        chunks = [data[i : i + PROPERTY_LIMIT] for i in range(0, len(data), PROPERTY_LIMIT)] or [""]
        return {f"{MANIFEST}.{n:02d}": chunk for n, chunk in enumerate(chunks, start=1)}

    @staticmethod
    def from_properties(properties: dict[str, str]) -> Manifest | None:
        """The manifest back from a document's custom properties; None when absent or damaged."""
        names = sorted(n for n in properties if n.startswith(MANIFEST + "."))
        if not names:
            return None
        try:
            data = json.loads("".join(properties[n] for n in names))
            marks = []
            for name, text, heading, under, *rest in data["marks"]:
                ident = tuple(str(x) for x in rest[0]) if rest and isinstance(rest[0], list) else ()
                marks.append(Written(str(name), str(text), int(heading), str(under), ident))
            seed, year = data.get("seed"), data.get("year")
            return Manifest(str(data["style"]), int(seed) if seed is not None else None, marks, str(data.get("town") or ""),
                            int(year) if year is not None else None)
        except (ValueError, KeyError, TypeError):
            return None
