"""Body content as raw WordprocessingML: paragraphs and runs (fast, without python-docx's proxies), fields,
page breaks, and the font table part."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml.etree import SubElement

from drafter.ooxml import set_attrs

# The same paragraphs as text (what add_paragraph, add_run, add_break and bookmark make), for parse_paragraphs.
from drafter.ooxml.textxml import (  # noqa: F401 (body's API)
    BREAK_XML,
    SPECIAL,
    W_NS,
    bookmarked_xml,
    paragraph_xml,
    plain_run,
    run_xml,
)

if TYPE_CHECKING:
    from docx.document import Document
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run
    from lxml.etree import _Element as Element


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
P, PPR, PSTYLE, R, RPR, RSTYLE, T, BR, SECT_PR, VAL = (f"{W}{t}" for t in ("p", "pPr", "pStyle", "r", "rPr", "rStyle", "t", "br",
                                                                         "sectPr", "val"))
SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def add_paragraph(body: Element, style_id: str) -> Element:
    """A new w:p in a paragraph style at the end of body (before its section properties). Elements are made with
    lxml's SubElement from the document's own tree (python-docx's element classes, its w: prefix): what python-docx's
    OxmlElement makes, without parsing a namespace map for each."""
    last = body[-1] if len(body) else None
    p = SubElement(body, P)  # made in place, so it takes the body's w: prefix, then moved before sectPr
    if last is not None and last.tag == SECT_PR:
        last.addprevious(p)
    SubElement(SubElement(p, PPR), PSTYLE, {VAL: style_id})
    return p


def add_run(p: Element, text: str, style_id: str | None = None) -> Element:
    """A w:r with text (kept with its spaces) at the end of paragraph p, in a character style when given."""
    r = SubElement(p, R)
    if style_id:
        SubElement(SubElement(r, RPR), RSTYLE, {VAL: style_id})
    if SPECIAL.isdisjoint(text):
        t = SubElement(r, T)
        t.text = text
        if text != text.strip():
            t.set(SPACE, "preserve")
    elif text:
        from docx.text.run import Run

        Run(r, None).text = text  # type: ignore[arg-type]  # a run's parent is needed for images and links, not text
    return r


def parse_paragraphs(body: Element, paragraphs: list[str]) -> list[Element]:
    """Paragraphs given as text parsed at once (python-docx's parser and element classes) and put at the end of body
    (before its section properties), taking the body's w: prefix as they move in; the new elements, in order."""
    from docx.oxml.parser import parse_xml

    if not paragraphs:
        return []
    made = list(parse_xml(f'<w:body xmlns:w="{W_NS}">{"".join(paragraphs)}</w:body>'))
    last = body[-1] if len(body) else None
    for p in made:
        if last is not None and last.tag == SECT_PR:
            last.addprevious(p)
        else:
            body.append(p)
    return made


def add_break(p: Element) -> None:
    """A line break (w:br) in a run of its own at the end of paragraph p."""
    SubElement(SubElement(p, R), BR)


def add_field(paragraph: Paragraph, instruction: str, placeholder: str) -> None:
    """Append a field (begin, instruction, separate, placeholder result, end): PAGE, TOC …"""
    def field_char(kind: str) -> Run:
        run = paragraph.add_run()
        char = OxmlElement("w:fldChar")
        set_attrs(char, fldCharType=kind)
        if kind == "begin":
            set_attrs(char, dirty="true")  # Word and WPS update it when the file is opened
        run._r.append(char)
        return run

    field_char("begin")
    instr_run = paragraph.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    instr_run._r.append(instr)
    field_char("separate")
    paragraph.add_run(placeholder)
    field_char("end")


def has_field(p: Element) -> bool:
    """True when a paragraph holds a field (a footer's page number, say)."""
    return bool(p.xpath(".//w:fldChar"))


def add_page_break(paragraph: Paragraph) -> None:
    """A page break at the end of a paragraph."""
    br = OxmlElement("w:br")
    set_attrs(br, type="page")
    paragraph.add_run()._r.append(br)


FONTS_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def font_table_xml(fonts: list[tuple[str, str, str]]) -> bytes:
    """word/fontTable.xml for (name, alternate name, family): East Asian fonts with the GB2312 character set."""
    def quoteattr(text: str) -> str:  # (xml.sax.saxutils costs 12 ms to import on the build path)
        return '"' + text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;") + '"'

    entries = []
    for name, alternate, family in fonts:
        alt = f"<w:altName w:val={quoteattr(alternate)}/>" if alternate else ""
        entries.append(f"<w:font w:name={quoteattr(name)}>{alt}<w:charset w:val=\"86\"/><w:family w:val=\"{family}\"/>"
                       "<w:pitch w:val=\"variable\"/></w:font>")
    return (f"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:fonts xmlns:w=\"{FONTS_NS}\">"
            + "".join(entries) + "</w:fonts>").encode("utf-8")


def add_font_table(document: Document, fonts: list[tuple[str, str, str]]) -> None:
    """Give the package a font table (a reference document's own is kept)."""
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    if any(rel.reltype == RT.FONT_TABLE for rel in document.part.rels.values()):
        return
    part = Part(PackURI("/word/fontTable.xml"), CT.WML_FONT_TABLE, font_table_xml(fonts), document.part.package)
    document.part.relate_to(part, RT.FONT_TABLE)


BOOKMARK_START, BOOKMARK_END, ID, NAME = f"{W}bookmarkStart", f"{W}bookmarkEnd", f"{W}id", f"{W}name"


def bookmark(r: Element, ident: int, name: str) -> None:
    """Enclose run r in a bookmark (start before it, end after it)."""
    p = r.getparent()
    r.addprevious(SubElement(p, BOOKMARK_START, {ID: str(ident), NAME: name}))
    r.addnext(SubElement(p, BOOKMARK_END, {ID: str(ident)}))
