"""A town file written the plain way -> (data, line map) straight from its lines, without YAML's node tree.

A town file is block maps and lists of English keys, one value a line, and one-line flow maps ({what: …, value: …}).
Read line by line, such a file gives the very data and line map that libyaml's node tree and yamltree.plain give,
in a fraction of the time (a county's batch reads hundreds). Anything else a YAML file may hold (block scalars,
a value over several lines, anchors, tags, tabs, quotes with escapes, a colon or # in a value, a repeated key, a
flow map over two lines …) raises Unusual at once, and the caller reads the file with libyaml: the same data, or
the problem libyaml finds. Plain scalars are resolved and constructed by PyYAML's own resolver and constructors.
"""

from __future__ import annotations

import re

import yaml

from drafter.files.patterns import compiled
from drafter.town.schema import Loc
from drafter.town.yamltree import SCALARS, TAG, Unusual

# Characters outside YAML's printable set, YAML's other line breaks (\x85, \u2028, \u2029), a byte order mark inside
# the text, tabs and carriage returns: left to libyaml.
# (Written as the few characters left out: the class of those let in takes milliseconds to compile. Every one of
# them is a character str.isprintable refuses, so a file whose lines are all printable is passed without compiling it.)
OUTSIDE_CLASS = "[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]"

# A block key (the schema's keys are English words) and its colon; what follows is its value.
KEY = compiled(r"([A-Za-z_][A-Za-z0-9_]*):(?: +|$)")
# A key inside a flow map, its colon and the spaces after it.
FLOW_KEY = compiled(r" *([A-Za-z_][A-Za-z0-9_]*): +")
# A plain scalar inside a flow collection: up to the next , ] or } (no colon, no #, no brackets inside).
FLOW_PLAIN = compiled(r"[^,\[\]{}#:]+")
# A flow map of keys and plain values only (what a fact or an indicator line is), and its pairs.
SIMPLE_MAP = compiled(r"\{ *((?:[A-Za-z_][A-Za-z0-9_]*: +[^\s,\[\]{}#:'\"][^,\[\]{}#:'\"]*, *)*"
                      r"[A-Za-z_][A-Za-z0-9_]*: +[^\s,\[\]{}#:'\"][^,\[\]{}#:'\"]*)\}")
PAIR = compiled(r"([A-Za-z_][A-Za-z0-9_]*): +([^,]*)")
# What a plain scalar may not start with (- only before a space: -5 is a number).
INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
# What a plain scalar here may not hold anywhere: the rest of YAML's meanings are left to libyaml.
BLOCK_ODD = compiled(r"[:#\[\]{}]")

# Deeper than any town file goes (the long way reads any depth without recursion).
DEPTH = 32

RESOLVER = yaml.resolver.Resolver()
CONSTRUCTOR = yaml.constructor.SafeConstructor()
# A plain scalar's text -> its value (the same for every file: a county's files write the same keys and many of the
# same values); Unusual's class for a text that is not a plain str, null, bool, number or date.
VALUES: dict[str, object] = {}
ODD = object()


def scalar(text: str) -> object:
    """A plain scalar's value, as PyYAML's safe loader constructs it; Unusual for any other kind."""
    value = VALUES.get(text, VALUES)
    if value is VALUES:
        tag = RESOLVER.resolve(yaml.ScalarNode, text, (True, False))
        if tag == f"{TAG}str":
            value = text
        elif tag in SCALARS:
            try:
                value = SCALARS[tag](CONSTRUCTOR, yaml.ScalarNode(tag, text))
            except Exception:  # a date that does not exist, an integer too long: the long way says so
                value = ODD
        else:
            value = ODD
        if len(VALUES) >= 1 << 14:
            VALUES.clear()
        VALUES[text] = value
    if value is ODD:
        raise Unusual
    return value


def starts_plain(text: str) -> bool:
    """True when a (stripped) plain scalar starts as YAML lets one start: not with an indicator, but for - before a
    character that is not a space (-5 is a number; a lone - is a list's dash or nothing YAML reads)."""
    return bool(text) and (text[0] not in INDICATORS or (text[0] == "-" and text[1:2] not in ("", " ")))


def key_name(text: str) -> str:
    """A key, which must read as a string (not true, null, 1 …)."""
    if text in KEYS:
        return text
    if not isinstance(scalar(text), str):
        raise Unusual
    if len(KEYS) < 1 << 12:
        KEYS.add(text)
    return text


# Keys found to read as strings (a county's files write the same few dozen).
KEYS: set[str] = set()


def quoted(line: str, pos: int) -> tuple[str, int]:
    """A quoted scalar starting at pos (no escapes, on one line) -> (its text, the position after it)."""
    mark = line[pos]
    if mark == '"':
        end = line.find('"', pos + 1)
        if end < 0 or "\\" in line[pos + 1 : end]:
            raise Unusual
        return line[pos + 1 : end], end + 1
    out, i = [], pos + 1
    while True:
        end = line.find("'", i)
        if end < 0:
            raise Unusual
        out.append(line[i:end])
        if line[end + 1 : end + 2] != "'":
            return "'".join(out), end + 1
        i = end + 2


def rest_blank(line: str, pos: int) -> None:
    """Nothing but spaces and a comment after pos."""
    tail = line[pos:]
    stripped = tail.lstrip(" ")
    if stripped and not (stripped[0] == "#" and len(stripped) < len(tail)):
        raise Unusual


class Reader:
    """One file's content lines ((line number, indent, text) with no comment-only or blank line) read into data
    and its line map."""

    def __init__(self, rows: list[tuple[int, int, str]]) -> None:
        self.rows = rows
        self.lines: dict[Loc, int] = {}

    def key(self, text: str, mapping: dict, path: Loc, number: int) -> tuple[str, Loc]:
        """A key of mapping at line number -> (the key, its path), its line noted; Unusual for a key that does not
        read as a string or is there already."""
        key = key_name(text)
        if key in mapping:
            raise Unusual
        child = path + (key,)
        self.lines[child] = number
        return key, child

    def block(self, i: int, path: Loc) -> tuple[object, int]:
        """The map or list starting at row i (its indent is the row's)."""
        text = self.rows[i][2]
        if len(path) > DEPTH:
            raise Unusual
        if text[0] == "-" and text[1:2] in ("", " "):
            return self.sequence(i, path)
        return self.mapping(i, path)

    def mapping(self, i: int, path: Loc) -> tuple[dict, int]:
        """A block map at row i's indent -> (the map, the row after it)."""
        rows, col = self.rows, self.rows[i][1]
        out: dict[str, object] = {}
        while i < len(rows):
            number, indent, text = rows[i]
            if indent < col or (indent == col and text[0] == "-" and text[1:2] in ("", " ")):
                break  # (a list at the same indent as its key's map ends at the next key)
            found = KEY.match(text) if indent == col else None
            if found is None:
                raise Unusual
            key, child = self.key(found.group(1), out, path, number)
            rest, i = text[found.end() :], i + 1
            if rest and rest[0] != "#":
                out[key] = self.inline(rest, number, child)
                if i < len(rows) and rows[i][1] > col:
                    raise Unusual  # a value over more lines
            elif i < len(rows) and (rows[i][1] > col or (rows[i][1] == col and rows[i][2][0] == "-" and rows[i][2][1:2] in ("", " "))):
                out[key], i = self.block(i, child)
            else:
                out[key] = scalar("")
        return out, i

    def sequence(self, i: int, path: Loc) -> tuple[list, int]:
        """A block list at row i's indent -> (the list, the row after it)."""
        rows, col = self.rows, self.rows[i][1]
        out: list[object] = []
        while i < len(rows):
            number, indent, text = rows[i]
            if indent < col or (indent == col and not (text[0] == "-" and text[1:2] in ("", " "))):
                break
            if indent > col:
                raise Unusual
            rest = text[1:].lstrip(" ")
            if not rest or rest[0] == "#" or (rest[0] == "-" and rest[1:2] in ("", " ")):
                raise Unusual  # an item on the lines below, or a list in a list
            child = path + (len(out),)
            self.lines[child] = number
            if KEY.match(rest):  # a map whose first key is on the dash's line
                rows[i] = (number, col + len(text) - len(rest), rest)
                value, i = self.mapping(i, child)
                out.append(value)
                continue
            out.append(self.inline(rest, number, child))
            i += 1
            if i < len(rows) and rows[i][1] > col:
                raise Unusual
        return out, i

    def inline(self, text: str, number: int, path: Loc) -> object:
        """A value written on its key's (or dash's) line: a flow map or list, a quoted or a plain scalar."""
        first = text[0]
        if first in "{[":
            value, end = self.flow(text, 0, number, path)
            rest_blank(text, end)
            return value
        if first in "\"'":
            value, end = quoted(text, 0)
            rest_blank(text, end)
            return value
        cut = text.find(" #")
        plain = (text if cut < 0 else text[:cut]).rstrip(" ")
        if not starts_plain(plain) or BLOCK_ODD.search(plain):
            raise Unusual
        return scalar(plain)

    def flow(self, text: str, pos: int, number: int, path: Loc) -> tuple[object, int]:
        """A flow map or list on one line starting at pos -> (its value, the position after its closing bracket)."""
        if len(path) > DEPTH:
            raise Unusual
        simple = SIMPLE_MAP.match(text, pos)
        if simple is not None:
            return self.simple_map(simple.group(1), number, path), simple.end()
        opening = text[pos]
        closing = "}" if opening == "{" else "]"
        out: dict | list = {} if opening == "{" else []
        pos = skip(text, pos + 1)
        if text[pos : pos + 1] == closing:
            return out, pos + 1
        while True:
            if isinstance(out, dict):
                found = FLOW_KEY.match(text, pos)
                if found is None:
                    raise Unusual
                key, child = self.key(found.group(1), out, path, number)
                out[key], pos = self.flow_value(text, found.end(), number, child)
            else:
                child = path + (len(out),)
                self.lines[child] = number
                value, pos = self.flow_value(text, pos, number, child)
                out.append(value)
            pos = skip(text, pos)
            mark = text[pos : pos + 1]
            if mark == closing:
                return out, pos + 1
            if mark != ",":
                raise Unusual
            pos = skip(text, pos + 1)
            if text[pos : pos + 1] in ("", closing, ","):
                raise Unusual

    def simple_map(self, inside: str, number: int, path: Loc) -> dict:
        """A flow map of plain values (SIMPLE_MAP's inside) -> the map."""
        out = {}
        for key, raw in PAIR.findall(inside):
            value = raw.rstrip(" ")
            if not starts_plain(value) or key in out:
                raise Unusual
            child = path + (key_name(key),)
            self.lines[child] = number
            out[key] = scalar(value)
        return out

    def flow_value(self, text: str, pos: int, number: int, path: Loc) -> tuple[object, int]:
        """A value inside a flow collection at pos -> (its value, the position after it)."""
        first = text[pos : pos + 1]
        if first in ("{", "["):
            return self.flow(text, pos, number, path)
        if first in ('"', "'"):
            return quoted(text, pos)
        found = FLOW_PLAIN.match(text, pos)
        if found is None:
            raise Unusual
        plain = found.group(0).rstrip(" ")
        if not starts_plain(plain):
            raise Unusual
        return scalar(plain), found.end()


def skip(text: str, pos: int) -> int:
    """The first position from pos that is not a space."""
    while text[pos : pos + 1] == " ":
        pos += 1
    return pos


def read_plain(text: str) -> tuple[dict, dict[Loc, int]]:
    """A town file's text -> (data, line map) when it is written the plain way (a map at its root), else Unusual."""
    if not text.replace("\n", "").isprintable() and re.search(OUTSIDE_CLASS, text):  # (compiled by re on first need)
        raise Unusual
    rows = []
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.lstrip(" ")
        if not stripped or stripped[0] == "#":
            continue
        if line.startswith(("---", "...", "%")):
            raise Unusual  # a document marker or a directive
        rows.append((number, len(line) - len(stripped), stripped.rstrip(" ")))
    if not rows:
        raise Unusual
    reader = Reader(rows)
    data, end = reader.block(0, ())
    if end != len(rows) or not isinstance(data, dict):
        raise Unusual
    reader.lines[()] = rows[0][0]
    return data, reader.lines
