"""Figure marks: the names of the hidden Word bookmarks around every figure of a draft, and the manifest that
lists them, so that `drafter update` can find each figure again after the clerk has edited the draft.

A mark's name says which figure it is and what drafter wrote there, in Word's bookmark alphabet (letters,
digits, underscores; at most 40 characters; a leading underscore hides it from Word's bookmark list):

    _dr12p_S1T0F1c_3f9a0c2e
      │  │ │       └ CRC-32 of the text drafter wrote (tells an untouched figure from one typed over)
      │  │ └ the town-file key, coded: sections[1].items[0].facts[1].change
      │  └ form: p in the prose, t in the indicator table (a table cell holds the bare number)
      └ position among the draft's figures (tells a moved figure by its order)
"""

from __future__ import annotations

import json
import re
import zlib
from typing import NamedTuple

# Key segments with an index, and the attributes that end a key, each as one letter.
LISTS = {"indicators": "I", "sections": "S", "plans": "P", "items": "T", "facts": "F", "figures": "G"}
FIELDS = {"value": "v", "change": "c", "completion": "p", "ratio": "r", "count": "n", "previous": "u", "target": "g",
          "growth": "w"}
LIST_NAMES = {v: k for k, v in LISTS.items()}
FIELD_NAMES = {v: k for k, v in FIELDS.items()}
SEGMENT = re.compile(r"([a-z]+)(?:\[(\d+)\])?$")
CODE = re.compile(r"([A-Z])(\d+)|([a-z])")
NAME = re.compile(r"_dr(\d+)([pt])_([A-Za-z0-9]+)_([0-9a-f]{8})$")
PREFIX = "_dr"
# Word keeps bookmark names up to this length.
NAME_LIMIT = 40
# Word keeps custom property values up to this length; the manifest is split into properties this long.
PROPERTY_LIMIT = 255
MANIFEST = "drafter.marks"


class Mark(NamedTuple):
    """One figure's mark: its position among the figures, form (p prose, t table), key and what was written."""

    number: int
    form: str
    key: str
    crc: str

    @property
    def name(self) -> str:
        return f"{PREFIX}{self.number}{self.form}_{encode(self.key)}_{self.crc}"


def crc(text: str) -> str:
    """Eight hex digits of CRC-32: enough to tell whether a figure's text is still what drafter wrote."""
    return f"{zlib.crc32(text.encode('utf-8')):08x}"


def encode(key: str) -> str:
    """'sections[1].items[0].facts[1].change' -> 'S1T0F1c'; ValueError for a key outside the town file's shape."""
    out = []
    for part in key.split("."):
        match = SEGMENT.match(part)
        if not match:
            raise ValueError(key)
        name, index = match.groups()
        if index is not None and name in LISTS:
            out.append(f"{LISTS[name]}{index}")
        elif index is None and name in FIELDS:
            out.append(FIELDS[name])
        else:
            raise ValueError(key)
    return "".join(out)


def decode(code: str) -> str:
    """'S1T0F1c' -> 'sections[1].items[0].facts[1].change'."""
    parts = []
    for match in CODE.finditer(code):
        letter, index, field = match.groups()
        parts.append(f"{LIST_NAMES[letter]}[{index}]" if letter else FIELD_NAMES[field])
    return ".".join(parts)


def make(number: int, form: str, key: str, text: str) -> Mark | None:
    """The mark for a figure, or None when its key cannot be named within Word's limits."""
    try:
        mark = Mark(number, form, key, crc(text))
        return mark if len(mark.name) <= NAME_LIMIT else None
    except ValueError:
        return None


def number(name: str) -> int:
    """A mark's position among the draft's figures (0 for a name that is not drafter's)."""
    mark = parse(name)
    return mark.number if mark else 0


def parse(name: str) -> Mark | None:
    """A bookmark name -> its Mark; None for bookmarks that are not drafter's."""
    match = NAME.match(name)
    if not match:
        return None
    try:
        key = decode(match.group(3))
    except KeyError:
        return None
    if not key or encode(key) != match.group(3):
        return None
    return Mark(int(match.group(1)), match.group(2), key, match.group(4))


class Written(NamedTuple):
    """One mark as written: its bookmark name, its text, and the heading it stood under (the heading's ordinal
    among the draft's headings, 0 before the first, and a CRC of its text) to tell a figure moved elsewhere."""

    name: str
    text: str
    heading: int = 0
    under: str = ""


class Manifest(NamedTuple):
    """What drafter wrote into a draft: its style and seed, and every mark with the text it held."""

    style: str
    seed: int | None
    marks: list[Written]

    def properties(self) -> dict[str, str]:
        """The manifest as custom document properties, JSON split into values Word keeps whole."""
        data = json.dumps({"style": self.style, "seed": self.seed, "marks": [list(m) for m in self.marks]}, ensure_ascii=False,
                          separators=(",", ":"))
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
            marks = [Written(str(name), str(text), int(heading), str(under)) for name, text, heading, under in data["marks"]]
            seed = data.get("seed")
            return Manifest(str(data["style"]), int(seed) if seed is not None else None, marks)
        except (ValueError, KeyError, TypeError):
            return None
