"""The three-line indicator table's raw WordprocessingML: rules, fixed layout, cell widths, repeated header."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from drafter.ooxml import child, set_attrs

if TYPE_CHECKING:
    from lxml.etree import _Element as Element


# A three-line table's rules: 1.5 pt above and below the table, 0.75 pt under the header (eighths of a point).
RULE, THIN_RULE = 12, 6


def set_borders(parent: Element, tag: str, **sides: int) -> None:
    """A borders element (w:tblBorders, w:tcBorders): the sides given as single rules of that size, the rest none."""
    borders = child(parent, tag)
    for element in list(borders):
        borders.remove(element)
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        if tag == "w:tcBorders" and side.startswith("inside"):
            continue
        element = OxmlElement(f"w:{side}")
        size = sides.get(side)
        set_attrs(element, **({"val": "single", "sz": size, "space": 0, "color": "000000"} if size else {"val": "nil"}))
        borders.append(element)


def set_table_style_borders(style: Element) -> None:
    """A table style's own borders: the three-line table's top and bottom rules."""
    set_borders(child(style, "w:tblPr"), "w:tblBorders", top=RULE, bottom=RULE)


def set_table_layout(tbl: Element, style_id: str, widths: list[int]) -> None:
    """A table in a style, centred, as wide as its columns, fixed layout and fixed column widths (WPS ignores
    the table width and autofit, but keeps w:gridCol)."""
    tbl_pr = tbl.tblPr
    set_attrs(child(tbl_pr, "w:tblStyle"), val=style_id)
    set_attrs(child(tbl_pr, "w:tblW"), w=sum(widths), type="dxa")
    set_attrs(child(tbl_pr, "w:jc"), val="center")
    set_borders(tbl_pr, "w:tblBorders", top=RULE, bottom=RULE)
    set_attrs(child(tbl_pr, "w:tblLayout"), type="fixed")
    grid = tbl.tblGrid
    for column, width in zip(grid.findall(qn("w:gridCol")), widths):
        set_attrs(column, w=width)


def set_cell(tc: Element, width: int, header: bool) -> None:
    """A cell's width, vertical centring, and for the header the rule under it."""
    tc_pr = tc.get_or_add_tcPr()
    set_attrs(child(tc_pr, "w:tcW"), w=width, type="dxa")
    if header:
        set_borders(tc_pr, "w:tcBorders", top=RULE, bottom=THIN_RULE)
    set_attrs(child(tc_pr, "w:vAlign"), val="center")


def repeat_header(tr: Element) -> None:
    """Repeat this row at the top of every page the table runs onto."""
    set_attrs(child(tr.get_or_add_trPr(), "w:tblHeader"), val="1")
