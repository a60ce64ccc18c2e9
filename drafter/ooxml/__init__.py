"""Raw WordprocessingML that python-docx has no API for, in schema order: fonts, grid, indents, spacing, run looks;
body.py holds paragraphs, runs and fields, table.py the three-line table."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from docx.document import Document
    from lxml.etree import _Element as Element


THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
# Schema order of the children drafter writes (ECMA-376 CT_PPrBase, CT_RPr, CT_SectPr); Word rejects
# out-of-order properties, so new children are inserted before the first sibling that must follow.
ORDER = {
    "w:pPr": ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
              "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens",
              "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN",
              "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
              "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
              "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange"),
    "w:rPr": ("w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike",
              "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid",
              "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz",
              "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign",
              "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath"),
    "w:tblPr": ("w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize", "w:tblStyleColBandSize",
                "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar",
                "w:tblLook", "w:tblCaption", "w:tblDescription"),
    "w:tcPr": ("w:cnfStyle", "w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders", "w:shd", "w:noWrap", "w:tcMar",
               "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark"),
    "w:trPr": ("w:cnfStyle", "w:divId", "w:gridBefore", "w:gridAfter", "w:wBefore", "w:wAfter", "w:cantSplit", "w:trHeight",
               "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden"),
    "w:sectPr": ("w:headerReference", "w:footerReference", "w:footnotePr", "w:endnotePr", "w:type", "w:pgSz",
                 "w:pgMar", "w:paperSrc", "w:pgBorders", "w:lnNumType", "w:pgNumType", "w:cols", "w:formProt",
                 "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid"),
}




@cache
def qn(tag: str) -> str:
    """'w:p' -> Clark notation, as python-docx names it (python-docx imported on first use: drafter.ooxml.textxml,
    the quick writer's text, needs none of it)."""
    from docx.oxml.ns import qn as qualified

    return qualified(tag)


def OxmlElement(tag: str, attrs: dict[str, str] | None = None) -> Any:  # noqa: N802 (python-docx's name)
    """python-docx's OxmlElement (its element classes), imported on first use."""
    from docx.oxml import OxmlElement as make

    return make(tag, attrs)


@cache
def ranks() -> dict[str, dict[str, int]]:
    """ORDER with qualified names: {parent tag: {child tag: position}}."""
    return {qn(name): {qn(tag): i for i, tag in enumerate(tags)} for name, tags in ORDER.items()}


def child(parent: Element, tag: str) -> Element:
    """The first child with tag, created in schema order when missing."""
    name = qn(tag)
    found = parent.find(name)
    if found is not None:
        return found
    found = OxmlElement(tag)
    rank = ranks().get(parent.tag)
    if rank is not None and name in rank:
        place = rank[name]
        for sibling in parent:
            if rank.get(sibling.tag, -1) > place:
                sibling.addprevious(found)
                return found
    parent.append(found)
    return found


def remove(parent: Element, *tags: str) -> None:
    """Remove parent's children with these tags."""
    for tag in tags:
        for element in parent.findall(qn(tag)):
            parent.remove(element)


def set_attrs(element: Element, **attrs: str | int) -> None:
    """Set w:-namespaced attributes (keyword names without the prefix)."""
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), str(value))


def set_fonts(rpr: Element, name: str) -> None:
    """Every font slot (Latin, East Asian, complex) to name; theme fonts removed; zh-CN language."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in THEME_ATTRS:
        if qn(attr) in fonts.attrib:
            del fonts.attrib[qn(attr)]
    set_attrs(fonts, ascii=name, hAnsi=name, eastAsia=name, cs=name, hint="eastAsia")
    set_attrs(child(rpr, "w:lang"), val="en-US", eastAsia="zh-CN")


def set_character_spacing(rpr: Element, twentieths: int) -> None:
    """Character spacing (w:spacing in run properties), in twentieths of a point."""
    set_attrs(child(rpr, "w:spacing"), val=twentieths)


def set_shading(rpr: Element, fill: str) -> None:
    """Background shading of runs (visible placeholder marking that survives in styles)."""
    set_attrs(child(rpr, "w:shd"), val="clear", color="auto", fill=fill)


def set_no_proof(rpr: Element) -> None:
    """No spelling or grammar marks on these runs (machine-made text: page numbers, gaps, contents)."""
    child(rpr, "w:noProof")


def set_leader_tab(ppr: Element, position: int) -> None:
    """One right tab stop with a dot leader at position (twips from the margin): a contents entry's page number."""
    tabs = child(ppr, "w:tabs")
    for element in list(tabs):
        tabs.remove(element)
    tab = OxmlElement("w:tab")
    set_attrs(tab, val="right", leader="dot", pos=position)
    tabs.append(tab)


def set_indent(ppr: Element, first_chars: int = 0, first_twips: int = 0, right_chars: int = 0, left_chars: int = 0,
               char_twips: int = 320) -> None:
    """Indents in both character units and twips (LibreOffice ignores the Chars form alone)."""
    ind = child(ppr, "w:ind")
    for attr in list(ind.attrib):
        ind.attrib.pop(attr)
    if first_chars:
        set_attrs(ind, firstLineChars=first_chars, firstLine=first_twips)
    else:
        set_attrs(ind, firstLineChars=0, firstLine=0)
    set_attrs(ind, leftChars=left_chars, left=left_chars * char_twips // 100)
    set_attrs(ind, rightChars=right_chars, right=right_chars * char_twips // 100)


def set_line_spacing(ppr: Element, pitch: int, before: int = 0, after: int = 0) -> None:
    """Exact line spacing and space before/after, in twips."""
    spacing = child(ppr, "w:spacing")
    for attr in list(spacing.attrib):
        spacing.attrib.pop(attr)
    set_attrs(spacing, line=pitch, lineRule="exact", before=before, after=after, beforeLines=0, afterLines=0)


def set_flag(ppr: Element, tag: str, on: bool) -> None:
    """A boolean paragraph property such as w:widowControl or w:keepNext."""
    set_attrs(child(ppr, tag), val="1" if on else "0")


def set_run_look(rpr: Element, half_points: int, bold: bool) -> None:
    """Size (half-points, Latin and complex script), bold or not, never italic, the automatic colour."""
    set_attrs(child(rpr, "w:sz"), val=half_points)
    set_attrs(child(rpr, "w:szCs"), val=half_points)
    for tag in ("w:b", "w:bCs"):
        set_attrs(child(rpr, tag), val="1" if bold else "0")
    for tag in ("w:i", "w:iCs"):
        set_attrs(child(rpr, tag), val="0")
    remove(rpr, "w:color")


def set_alignment(ppr: Element, value: str) -> None:
    """Paragraph alignment: both, center, right, left."""
    set_attrs(child(ppr, "w:jc"), val=value)


def set_outline_level(ppr: Element, level: int) -> None:
    """Outline level (0 = level 1) so headings show in Word's navigation pane."""
    set_attrs(child(ppr, "w:outlineLvl"), val=level)


def set_line_grid(sect_pr: Element, pitch: int) -> None:
    """A line grid (type='lines'); never a character grid (LibreOffice then sets 14 characters a line)."""
    grid = child(sect_pr, "w:docGrid")
    for attr in list(grid.attrib):
        grid.attrib.pop(attr)
    set_attrs(grid, type="lines", linePitch=pitch)


def set_theme_font_language(settings: Element) -> None:
    """East Asian text in the theme's fonts is Chinese (python-docx's template says ja-JP, which makes Word and WPS
    look for MS Mincho; docs/wps.md §6 [S31])."""
    set_attrs(child(settings, "w:themeFontLang"), val="en-US", eastAsia="zh-CN")


def clear_body(document: Document) -> None:
    """Remove every body element but the final section properties (reference documents)."""
    body = document.element.body
    for element in list(body):
        if element.tag != qn("w:sectPr"):
            body.remove(element)


def doc_defaults_rpr(document: Document) -> Element:
    """The run properties of w:docDefaults (created when missing)."""
    styles = document.styles.element
    defaults = child(styles, "w:docDefaults")
    rpr_default = child(defaults, "w:rPrDefault")
    return child(rpr_default, "w:rPr")
