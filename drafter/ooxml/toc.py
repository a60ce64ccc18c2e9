"""A table of contents as raw WordprocessingML: the TOC field over its pre-filled entries, each entry a link to a
_Toc bookmark on its heading with a PAGEREF page number, and the bookmarks themselves.

WPS (and LibreOffice) ignore Word's 'update fields on open', so a TOC field left without a result shows as an empty
page there; WPS and Word write the entries into the field's result, which is what is done here (docs/wps.md
§2: [S10] updateFields ignored, [S11] [S12] [S13] empty TOC, the entry form from id 56021470993)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from drafter.ooxml import child, set_attrs

if TYPE_CHECKING:
    from lxml.etree import _Element as Element


def _run(parent: Element) -> Element:
    run = OxmlElement("w:r")
    parent.append(run)
    return run


def field_char(parent: Element, kind: str, dirty: bool = False) -> None:
    """A run holding only a fldChar (begin, separate, end): each part of a field in a run of its own, as WPS needs
    (§3: [S18] a field in one run shows nothing in WPS)."""
    char = OxmlElement("w:fldChar")
    set_attrs(char, fldCharType=kind)
    if dirty:
        set_attrs(char, dirty="true")  # Word brings it up to date when the file is opened
    _run(parent).append(char)


def instruction(parent: Element, text: str) -> None:
    """A run holding only the field's instruction, spaces kept."""
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {text} "
    _run(parent).append(instr)


def text_run(parent: Element, text: str) -> Element:
    """A run of text, spaces kept."""
    run = _run(parent)
    t = OxmlElement("w:t")
    t.text = text
    if text != text.strip():
        t.set(qn("xml:space"), "preserve")
    run.append(t)
    return run


def begin(p: Element, levels: int) -> None:
    """The TOC field's start in paragraph p: begin (dirty: Word refreshes it), instruction, separate."""
    field_char(p, "begin", dirty=True)
    instruction(p, f'TOC \\o "1-{levels}" \\h \\z \\u')
    field_char(p, "separate")


def end(p: Element) -> None:
    """The TOC field's end in paragraph p."""
    field_char(p, "end")


def entry(p: Element, anchor: str, text: str, page: int) -> None:
    """One entry in paragraph p: the heading's text and a tab inside a link to its bookmark (Word's form, \\h),
    then the page number as a PAGEREF field over separate runs with its cached value."""
    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), anchor)
    link.set(qn("w:history"), "1")
    p.append(link)
    text_run(link, text)
    _run(link).append(OxmlElement("w:tab"))
    field_char(link, "begin")
    instruction(link, f"PAGEREF {anchor} \\h")
    field_char(link, "separate")
    text_run(link, str(page))
    field_char(link, "end")


def bookmark_paragraph(p: Element, ident: int, name: str) -> None:
    """A bookmark around the whole content of paragraph p (after its properties)."""
    start = OxmlElement("w:bookmarkStart")
    set_attrs(start, id=ident, name=name)
    ppr = p.find(qn("w:pPr"))
    if ppr is not None:
        ppr.addnext(start)
    else:
        p.insert(0, start)
    end_ = OxmlElement("w:bookmarkEnd")
    set_attrs(end_, id=ident)
    p.append(end_)


def page_break_before(p: Element) -> None:
    """Start paragraph p on a new page (a break in the paragraph before would leave its mark atop the new page)."""
    set_attrs(child(child(p, "w:pPr"), "w:pageBreakBefore"), val="1")


def page_break(p: Element) -> None:
    """A page break at the end of paragraph p (when no paragraph follows to start the new page)."""
    br = OxmlElement("w:br")
    set_attrs(br, type="page")
    _run(p).append(br)


def contents_paragraphs(body: Element) -> set[Element]:
    """The paragraphs a table of contents fills (a TOC field's, from its begin to its end, nested fields and all),
    and a 目录 title just above it: readers of a report's text leave them out, as they repeat its headings with page
    numbers."""
    fld, instr = qn("w:fldChar"), qn("w:instrText")
    if not any((i.text or "").lstrip().upper().startswith("TOC") for i in body.iter(instr)):
        return set()
    out: set[Element] = set()
    stack: list[list[bool]] = []  # the open fields, each [is a TOC, instruction still being read]
    before: Element | None = None
    for p in body.iter(qn("w:p")):
        inside = any(f[0] for f in stack)
        for element in p.iter(fld, instr):
            if element.tag == instr:
                if stack and stack[-1][1]:
                    stack[-1][0] = stack[-1][0] or (element.text or "").lstrip().upper().startswith("TOC")
                continue
            kind = element.get(qn("w:fldCharType"))
            if kind == "begin":
                stack.append([False, True])
            elif kind == "separate" and stack:
                stack[-1][1] = False
            elif kind == "end" and stack:
                stack.pop()
            inside = inside or any(f[0] for f in stack)
        if inside:
            if not out and before is not None and "".join("".join(t.text or "" for t in before.iter(qn("w:t"))).split()) == "目录":
                out.add(before)
            out.add(p)
        before = p
    return out
