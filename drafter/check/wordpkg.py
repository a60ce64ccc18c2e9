"""A .docx's parts -> what the format rules read: its stories (body, headers, footers, comments), styles resolved by
name and outline level (never by id: WPS numbers ids 1, 2 … and zh-CN Word uses a, 1 …, docs/wps.md §1.5),
complex fields with their runs and results, bookmarks. Reading only; nothing here writes XML."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from lxml import etree

from drafter.tuples import NamedTuple

if TYPE_CHECKING:
    from collections.abc import Iterator

    from lxml.etree import _Element as Element


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_DOCUMENT = "/officeDocument"
# Relationship types (their last segment) whose parts hold text: the body's neighbours.
STORIES = ("header", "footer", "comments", "footnotes", "endnotes")
HEADING = re.compile(r"heading ([1-9])$", re.IGNORECASE)
ON = {"1", "true", "on", None}


def w(tag: str) -> str:
    """Clark name of a w: tag or attribute."""
    return f"{{{W_NS}}}{tag}"


def parse(data: bytes) -> Element | None:
    """A part's XML root (no entities, no network); None when it is not well-formed."""
    try:
        return etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return None


def flag(element: Element | None) -> bool | None:
    """A toggle property's value: None when absent."""
    return None if element is None else element.get(w("val")) in ON


def text_of(p: Element) -> str:
    """A paragraph's live text (deleted text left out)."""
    return "".join(t.text or "" for t in p.iter(w("t")))


def targets(parts: dict[str, bytes], source: str) -> list[tuple[str, str]]:
    """(type's last segment, part name) of the relationships of part source ('' for the package)."""
    folder, name = posixpath.split(source)
    rels = parse(parts.get(posixpath.join(folder, "_rels", f"{name}.rels"), b"")) if source else parse(parts.get("_rels/.rels", b""))
    if rels is None:
        return []
    out = []
    for rel in rels.iter(f"{{{REL_NS}}}Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        out.append((rel.get("Type", "").rsplit("/", 1)[-1], path))
    return out


@dataclass
class Style:
    """One style as the rules need it."""

    id: str
    type: str
    name: str
    based_on: str
    element: Element


class Styles:
    """styles.xml: every style by id, and what a paragraph or run inherits through basedOn."""

    def __init__(self, root: Element | None) -> None:
        self.root = root
        self.by_id: dict[str, Style] = {}
        for s in root.iter(w("style")) if root is not None else ():
            name, based = s.find(w("name")), s.find(w("basedOn"))
            self.by_id[s.get(w("styleId"), "")] = Style(s.get(w("styleId"), ""), s.get(w("type"), "paragraph"),
                                                       name.get(w("val"), "") if name is not None else "",
                                                       based.get(w("val"), "") if based is not None else "", s)
        self.default = next((s.id for s in self.by_id.values()
                             if s.type == "paragraph" and s.element.get(w("default")) in ("1", "true", "on")), "")

    def chain(self, style_id: str) -> Iterator[Style]:
        """The style and those it is based on, nearest first (a cycle ends the chain)."""
        seen = set()
        while style_id in self.by_id and style_id not in seen:
            seen.add(style_id)
            style = self.by_id[style_id]
            yield style
            style_id = style.based_on

    def outline(self, p: Element) -> int | None:
        """A paragraph's outline level (0 = level 1): its own, else its style's: 'heading N' by name, or an
        outline level set on the style or one it is based on."""
        own = p.find(f"{w('pPr')}/{w('outlineLvl')}")
        if own is not None:
            return int(own.get(w("val"), "9")) if own.get(w("val"), "9").isdigit() else None
        for style in self.chain(paragraph_style(p) or self.default):
            match = HEADING.match(style.name)
            if match:
                return int(match.group(1)) - 1
            level = style.element.find(f"{w('pPr')}/{w('outlineLvl')}")
            if level is not None and level.get(w("val"), "9").isdigit():
                return int(level.get(w("val"), "9"))
        return None

    def run_flag(self, r: Element, tag: str) -> bool:
        """A run's toggle property (w:noProof …) as it shows: the run's own, its character style's, its paragraph
        style's, the document defaults'."""
        own = flag(r.find(f"{w('rPr')}/{w(tag)}"))
        if own is not None:
            return own
        rstyle = r.find(f"{w('rPr')}/{w('rStyle')}")
        p = next(r.iterancestors(w("p")), None)
        chains = [rstyle.get(w("val"), "") if rstyle is not None else "", (paragraph_style(p) if p is not None else "") or self.default]
        for start in chains:
            for style in self.chain(start):
                value = flag(style.element.find(f"{w('rPr')}/{w(tag)}"))
                if value is not None:
                    return value
        if self.root is not None:
            value = flag(self.root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}/{w(tag)}"))
            if value is not None:
                return value
        return False


def paragraph_style(p: Element) -> str:
    """The id of a paragraph's style ('' for none)."""
    style = p.find(f"{w('pPr')}/{w('pStyle')}")
    return style.get(w("val"), "") if style is not None else ""


@dataclass
class Field:
    """A complex field: its instruction, the fldChar begin element, whether it has a separate and an end, the
    text elements of its result (nested fields' included), and the paragraphs it begins and ends in."""

    instruction: str
    begin: Element
    first: Element | None
    separated: bool = False
    ended: bool = False
    result: list[Element] = field(default_factory=list)
    last: Element | None = None

    @property
    def kind(self) -> str:
        """The instruction's first word, upper case: PAGE, TOC, PAGEREF, HYPERLINK …"""
        words = self.instruction.split()
        return words[0].upper() if words else ""

    @property
    def cached(self) -> str:
        return "".join(t.text or "" for t in self.result)


def fields(root: Element) -> list[Field]:
    """Every complex field of a story, in document order (an unfinished one too: ended False)."""
    out: list[Field] = []
    open_: list[Field] = []
    begin, instr, t = w("fldChar"), w("instrText"), w("t")
    for element in root.iter(begin, instr, t):
        if element.tag == begin:
            kind = element.get(w("fldCharType"))
            if kind == "begin":
                found = Field("", element, next(element.iterancestors(w("p")), None))
                out.append(found)
                open_.append(found)
            elif kind == "separate" and open_:
                open_[-1].separated = True
            elif kind == "end" and open_:
                done = open_.pop()
                done.ended, done.last = True, next(element.iterancestors(w("p")), None)
        elif element.tag == instr and open_ and not open_[-1].separated:
            open_[-1].instruction += element.text or ""
        elif element.tag == t:
            for outer in open_:
                if outer.separated:
                    outer.result.append(element)
    return out


def between(root: Element, first: Element | None, last: Element | None) -> list[Element]:
    """The paragraphs of a story from first to last, both included."""
    paragraphs = list(root.iter(w("p")))
    if first not in paragraphs or last not in paragraphs:
        return []
    return paragraphs[paragraphs.index(first) : paragraphs.index(last) + 1]


def bookmarks(root: Element) -> dict[str, Element]:
    """Bookmark name -> the paragraph its start stands in (or the start itself outside a paragraph)."""
    out: dict[str, Element] = {}
    for start in root.iter(w("bookmarkStart")):
        out.setdefault(start.get(w("name"), ""), next(start.iterancestors(w("p")), start))
    return out


class Package:
    """A .docx's parts by name, the main document's and its stories' roots, and its styles."""

    def __init__(self, parts: dict[str, bytes]) -> None:
        self.parts = parts
        self.main = next((path for kind, path in targets(parts, "") if kind == OFFICE_DOCUMENT[1:]), "word/document.xml")
        self.related = targets(parts, self.main)
        self.roots: dict[str, Element] = {}
        for name in [self.main] + [path for kind, path in self.related if kind in STORIES]:
            root = parse(parts.get(name, b""))
            if root is not None:
                self.roots[name] = root
        self.styles = Styles(self.part_root("styles"))
        self.settings = self.part_root("settings")

    def part_root(self, kind: str) -> Element | None:
        """The root of the main document's first related part of this type (styles, settings, numbering …)."""
        name = next((path for k, path in self.related if k == kind), None)
        return parse(self.parts.get(name, b"")) if name else None

    @property
    def body(self) -> Element | None:
        return self.roots.get(self.main)

    def stories(self) -> Iterator[tuple[str, Element]]:
        """(part name, root) of the body and every header, footer, comments and notes part."""
        yield from self.roots.items()


class Finding(NamedTuple):
    """One rule broken: the rule's key, where (part and paragraph), what is wrong."""

    rule: str
    where: str
    message: str


class Where:
    """Names a place: the part's file name and, for an element, its paragraph's number in the part."""

    def __init__(self) -> None:
        self.numbers: dict[int, dict[Element, int]] = {}

    def __call__(self, part: str, root: Element, element: Element | None = None) -> str:
        name = part.rsplit("/", 1)[-1]
        if element is None:
            return name
        numbers = self.numbers.setdefault(id(root), {p: i for i, p in enumerate(root.iter(w("p")), start=1)})
        p = element if element.tag == w("p") else next(element.iterancestors(w("p")), None)
        return f"{name} 第 {numbers[p]} 段" if p is not None and p in numbers else name
