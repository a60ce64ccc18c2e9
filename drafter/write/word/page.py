"""The page around the text: A4, margins, line grid, GB/T page numbers, the signature's place, contents, fonts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from drafter import ooxml
from drafter.markup import Block
from drafter.ooxml import body
from drafter.write import profile as P
from drafter.write.layout import signature_indents

if TYPE_CHECKING:
    from docx.document import Document



def setup_page(document: Document, ids: dict[str, str], keep_existing: bool, centred: bool = False) -> None:
    """A4 page, margins, line grid, and the '— N —' PAGE footers: odd pages right, even pages left (Std 7.5),
    or one centred footer; a reference document's page setup and footers win."""
    section = document.sections[0]
    if not keep_existing:
        section.page_width, section.page_height = P.PAGE_WIDTH, P.PAGE_HEIGHT
        section.top_margin, section.bottom_margin = P.MARGIN_TOP, P.MARGIN_BOTTOM
        section.left_margin, section.right_margin = P.MARGIN_LEFT, P.MARGIN_RIGHT
        section.header_distance, section.footer_distance = P.HEADER_DISTANCE, P.FOOTER_DISTANCE
        ooxml.set_line_grid(section._sectPr, P.LINE_PITCH)
    if keep_existing and any(p.text.strip() or body.has_field(p._p) for p in section.footer.paragraphs):
        return
    footers = [(section.footer, ids["footer_center" if centred else "footer"])]
    if not centred:
        document.settings.odd_and_even_pages_header_footer = True
        footers.append((section.even_page_footer, ids["footer_even"]))
    for footer, style in footers:
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph._p.style = style
        paragraph.add_run("— ")
        body.add_field(paragraph, "PAGE  \\* MERGEFORMAT", "1")  # WPS adds MERGEFORMAT on save (#23)
        paragraph.add_run(" —")


def place_signature(document: Document, blocks: list[Block]) -> None:
    """Indent the signature and date for this unit name and date, and keep them on the page of the body's
    last lines: the last body paragraph keeps with the signature (at least two of its lines, by widow control),
    the signature with the date, and neither of those breaks."""
    kinds = [b.kind for b in blocks if b.kind != "row"]  # a table row is not a body paragraph
    if "sign" not in kinds or "date" not in kinds:
        return
    elements = document.element.body.findall(qn("w:p"))[-len(kinds) :]  # the body's paragraphs (no proxies for all)
    at = kinds.index("sign")
    sign, date = (Paragraph(elements[i], document._body) for i in (at, kinds.index("date")))
    for paragraph, chars in zip((sign, date), signature_indents(sign.text, date.text)):
        ooxml.set_indent(paragraph._p.get_or_add_pPr(), right_chars=round(chars * 100))
    if at > 0 and sign._p.getprevious() is elements[at - 1]:
        last = elements[at - 1].get_or_add_pPr()
        ooxml.set_flag(last, "w:keepNext", True)
        ooxml.set_flag(last, "w:widowControl", True)
    ooxml.set_flag(sign._p.get_or_add_pPr(), "w:keepNext", True)
    for paragraph in (sign, date):
        ooxml.set_flag(paragraph._p.get_or_add_pPr(), "w:keepLines", True)


def add_font_table(document: Document, fonts: P.Fonts) -> None:
    """word/fontTable.xml naming every font the draft uses with its alternate, character set and family."""
    names = []
    for name in (*fonts, *(alt for f in fonts for alt, _ in [P.FONT_TABLE.get(f, ("", ""))] if alt)):
        if name not in names:
            names.append(name)
    body.add_font_table(document, [(n, *P.FONT_TABLE.get(n, ("", "auto"))) for n in names])
