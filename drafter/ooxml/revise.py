"""Finding drafter's figure marks in an edited document.xml and rewriting the text inside them, plainly or as
tracked changes (w:del / w:ins), touching nothing outside the marks."""

from __future__ import annotations

import copy
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from lxml import etree

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from lxml.etree import _Element as Element


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def w(tag: str) -> str:
    """Clark name of a w: tag."""
    return f"{{{W}}}{tag}"


# Run children that hold no content of their own: a run with only these may be rewritten whole.
RUN_PLAIN = {w("rPr"), w("t")}


@dataclass
class Found:
    """A bookmark as found in the body: its name, the text elements inside it, the paragraphs they are in."""

    name: str
    start: Element  # the w:bookmarkStart
    end: Element | None = None  # the w:bookmarkEnd, once found
    texts: list[Element] = field(default_factory=list)
    paragraphs: list[Element] = field(default_factory=list)
    closed: bool = False

    @property
    def text(self) -> str:
        return "".join(t.text or "" for t in self.texts)

    @property
    def runs(self) -> list:
        """The runs holding the mark's text, in order, each once."""
        out: list = []
        for t in self.texts:
            if t.getparent() not in out:
                out.append(t.getparent())
        return out

    def plain_runs(self) -> bool:
        """True when every run of the mark holds only text (nothing a rewrite could lose)."""
        return all(child.tag in RUN_PLAIN for r in self.runs for child in r)


def parse_xml(data: bytes) -> Element:
    """document.xml -> its root (no entities, no network); ValueError for a part with a DOCTYPE, which Word never
    writes (its entities would be kept unresolved and written back undeclared)."""
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False))
    if root.getroottree().docinfo.doctype:
        raise ValueError("a part with a DOCTYPE")
    return root


def to_bytes(root: Element) -> bytes:
    """The root back to a standalone UTF-8 part."""
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def find_bookmarks(root: Element, wanted: Callable[[str], bool]) -> list[Found]:
    """Bookmarks whose name wanted(name) accepts, in document order, with the live text inside each (text in a
    deletion not yet accepted is not text; an insertion's is)."""
    found: list[Found] = []
    open_: dict[str, Found] = {}
    start, end, text = w("bookmarkStart"), w("bookmarkEnd"), w("t")
    for element in root.iter(start, end, text):
        if element.tag == start:
            name = element.get(w("name"), "")
            if wanted(name):
                mark = Found(name, element)
                open_[element.get(w("id"), "")] = mark
                found.append(mark)
        elif element.tag == end:
            closing = open_.pop(element.get(w("id"), ""), None)
            if closing is not None:
                closing.closed, closing.end = True, element
        elif open_:
            paragraph = next(element.iterancestors(w("p")), None)
            for mark in open_.values():
                mark.texts.append(element)
                if paragraph is not None and paragraph not in mark.paragraphs:
                    mark.paragraphs.append(paragraph)
    return found


def heading_style_ids(styles: bytes) -> set[str]:
    """Ids of the paragraph styles that are headings, found by name and outline level, never by id (WPS numbers ids
    1, 2 …, zh-CN Word names heading 1 '1' and Normal 'a', docs/wps.md §1.5): Word's built-in heading N, any style
    with an outline level, and any style based on one of those without an outline level of its own that says
    otherwise."""
    try:
        root = parse_xml(styles)
    except (etree.XMLSyntaxError, ValueError):
        return set()
    own: dict[str, bool | None] = {}  # style id -> a heading by itself (True), not (False), or as its base says (None)
    based: dict[str, str] = {}
    for style in root.iter(w("style")):
        ident = style.get(w("styleId"), "")
        name = style.find(w("name"))
        level = style.find(f"{w('pPr')}/{w('outlineLvl')}")
        base = style.find(w("basedOn"))
        if name is not None and name.get(w("val"), "").lower().startswith("heading "):
            own[ident] = True
        else:
            own[ident] = None if level is None else level.get(w("val"), "9") < "9"
        based[ident] = base.get(w("val"), "") if base is not None else ""
    out = set()
    for ident in own:
        current, seen = ident, set()
        while own.get(current) is None and current in based and current not in seen:
            seen.add(current)
            current = based[current]
        if own.get(current):
            out.add(ident)
    return out


def headings_above(root: Element, heading_ids: set[str]) -> dict:
    """Every paragraph -> (the ordinal of the heading it stands under, 0 before the first; that heading's text)."""
    out, ordinal, text = {}, 0, ""
    for p in root.iter(w("p")):
        style = p.find(f"{w('pPr')}/{w('pStyle')}")
        level = p.find(f"{w('pPr')}/{w('outlineLvl')}")
        if (style is not None and style.get(w("val")) in heading_ids) or (level is not None and level.get(w("val"), "9") < "9"):
            ordinal, text = ordinal + 1, paragraph_text(p)
        out[p] = (ordinal, text)
    return out


def split_run(t: Element, at: int) -> tuple[Element, Element] | None:
    """Split the run holding text element t after `at` characters; the (first, second) text elements. None when the
    run holds more than its look and this one text (a tab, a field …), which is not split."""
    run = t.getparent()
    if any(child.tag not in RUN_PLAIN for child in run) or len(run.findall(w("t"))) != 1:
        return None
    second_run = copy.deepcopy(run)
    run.addnext(second_run)
    second = second_run.find(w("t"))
    text = t.text or ""
    set_text(t, text[:at])
    set_text(second, text[at:])
    return t, second


def stretch(mark: Found, wrote: str) -> bool:
    """Move a mark's ends back over the characters of what drafter wrote that now stand just outside it (LibreOffice
    shifts a bookmark by a character in a paragraph that has a comment). True when the mark then holds wrote."""
    current = mark.text
    if not mark.closed or not current or len(mark.paragraphs) != 1 or current == wrote or current not in wrote:
        return False
    ahead, behind = wrote.index(current), len(wrote) - wrote.index(current) - len(current)
    texts = list(mark.paragraphs[0].iter(w("t")))
    first, last = texts.index(mark.texts[0]), texts.index(mark.texts[-1])
    before = "".join(t.text or "" for t in texts[:first])
    after = "".join(t.text or "" for t in texts[last + 1 :])
    if not (before.endswith(wrote[:ahead]) and after.startswith(wrote[len(wrote) - behind :])):
        return False
    if behind:
        covered, i = 0, last + 1
        while covered + len(texts[i].text or "") < behind:
            covered += len(texts[i].text or "")
            i += 1
        pair = split_run(texts[i], behind - covered) if behind - covered < len(texts[i].text or "") else (texts[i], None)
        if pair is None:
            return False
        mark.texts += texts[last + 1 : i] + [pair[0]]
        pair[0].getparent().addnext(mark.end)
    if ahead:
        covered, i = 0, first - 1
        while covered + len(texts[i].text or "") < ahead:
            covered += len(texts[i].text or "")
            i -= 1
        keep = len(texts[i].text or "") - (ahead - covered)
        second = texts[i]
        if keep:
            pair = split_run(texts[i], keep)
            if pair is None:
                return False
            second = pair[1]
        mark.texts = [second] + texts[i + 1 : first] + mark.texts
        second.getparent().addprevious(mark.start)
    return mark.text == wrote


def text_before(mark: Found) -> str:
    """The live text of the mark's paragraph before the mark's start ('' when the start stands outside a paragraph)."""
    paragraph = next(mark.start.iterancestors(w("p")), None)
    if paragraph is None:
        return ""
    out = []
    for element in paragraph.iter(w("t"), w("bookmarkStart")):
        if element is mark.start:
            break
        if element.tag == w("t"):
            out.append(element.text or "")
    return "".join(out)


def row_texts(mark: Found) -> list[str] | None:
    """The texts of the cells of the table row the mark stands in (None outside a table)."""
    row = next(mark.start.iterancestors(w("tr")), None)
    if row is None:
        return None
    return ["".join(paragraph_text(p) for p in cell.iter(w("p"))) for cell in row.iter(w("tc"))]


def rename(mark: Found, name: str) -> None:
    """Give the mark's bookmark a new name."""
    mark.start.set(w("name"), name)
    mark.name = name


def paragraph_text(p: Element) -> str:
    """A paragraph's live text."""
    return "".join(t.text or "" for t in p.iter(w("t")))


def set_text(t: Element, text: str) -> None:
    """A w:t's text, keeping its spaces."""
    t.text = text
    if text != text.strip():
        t.set(XML_SPACE, "preserve")
    else:
        t.attrib.pop(XML_SPACE, None)


def replace(mark: Found, text: str) -> None:
    """Put text in the mark's first text element; the others emptied (and their runs removed when left empty)."""
    first, *rest = mark.texts
    set_text(first, text)
    for t in rest:
        run = t.getparent()
        run.remove(t)
        if all(child.tag == w("rPr") for child in run):
            run.getparent().remove(run)
    mark.texts = [first]


ID = re.compile(rb':id="(\d+)"')


def ids_in(parts: Iterable[bytes]) -> set[int]:
    """Every numeric w:id in these parts (comments, headers, footers, notes: a tracked change there has one too)."""
    return {int(m.group(1)) for data in parts for m in ID.finditer(data)}


class Reviser:
    """Writes replacements as tracked changes by one author at one time, with ids above every id in the document's
    body and in taken (the ids of its other parts): one id shared with a bookmark or a comment, or with another
    change, makes Word refuse the file (docs/wps.md §5 [S24] [S25])."""

    def __init__(self, root: Element, author: str, when: dt.datetime, taken: Iterable[int] = ()) -> None:
        ids = [int(v) for v in root.xpath("//@w:id", namespaces={"w": W}) if v.lstrip("-").isdigit()]
        self.next_id = max([*ids, *taken], default=0) + 1
        self.author, self.date = author, when.strftime("%Y-%m-%dT%H:%M:%SZ")

    def revision(self, tag: str) -> Element:
        element = etree.Element(w(tag))
        element.set(w("id"), str(self.next_id))
        element.set(w("author"), self.author)
        element.set(w("date"), self.date)
        self.next_id += 1
        return element

    def replace(self, mark: Found, text: str) -> None:
        """The mark's runs become a deletion, followed by an insertion of a run with the first one's look."""
        runs = mark.runs
        look = runs[0].find(w("rPr"))
        for run in runs:
            deletion = self.revision("del")
            run.addprevious(deletion)
            deletion.append(run)
            for t in run.findall(w("t")):
                t.tag = w("delText")
        insertion = self.revision("ins")
        new_run = etree.SubElement(insertion, w("r"))
        if look is not None:
            new_run.append(copy.deepcopy(look))
        t = etree.SubElement(new_run, w("t"))
        set_text(t, text)
        anchor = runs[-1].getparent()  # the last deletion; if it sits in an earlier insertion, after that
        if anchor.getparent().tag == w("ins"):
            anchor = anchor.getparent()
        anchor.addnext(insertion)
        mark.texts = [t]
