"""All raw WordprocessingML that python-docx has no API for: fonts, grid, indents, fields, spacing, font table."""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

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


def child(parent, tag: str):
    """The first child with tag, created in schema order when missing."""
    found = parent.find(qn(tag))
    if found is not None:
        return found
    found = OxmlElement(tag)
    order = next((o for name, o in ORDER.items() if parent.tag == qn(name)), None)
    if order and tag in order:
        later = {qn(t) for t in order[order.index(tag) + 1 :]}
        for sibling in parent:
            if sibling.tag in later:
                sibling.addprevious(found)
                return found
    parent.append(found)
    return found


def set_attrs(element, **attrs: str) -> None:
    """Set w:-namespaced attributes (keyword names without the prefix)."""
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), str(value))


def set_fonts(rpr, name: str) -> None:
    """Every font slot (Latin, East Asian, complex) to name; theme fonts removed; zh-CN language."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in THEME_ATTRS:
        fonts.attrib.pop(qn(attr), None)
    set_attrs(fonts, ascii=name, hAnsi=name, eastAsia=name, cs=name, hint="eastAsia")
    set_attrs(child(rpr, "w:lang"), val="en-US", eastAsia="zh-CN")


def set_character_spacing(rpr, twentieths: int) -> None:
    """Character spacing (w:spacing in run properties), in twentieths of a point."""
    set_attrs(child(rpr, "w:spacing"), val=twentieths)


def set_shading(rpr, fill: str) -> None:
    """Background shading of runs (visible placeholder marking that survives in styles)."""
    set_attrs(child(rpr, "w:shd"), val="clear", color="auto", fill=fill)


def set_indent(ppr, first_chars: int = 0, first_twips: int = 0, right_chars: int = 0, left_chars: int = 0,
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


def set_line_spacing(ppr, pitch: int, before: int = 0, after: int = 0) -> None:
    """Exact line spacing and space before/after, in twips."""
    spacing = child(ppr, "w:spacing")
    for attr in list(spacing.attrib):
        spacing.attrib.pop(attr)
    set_attrs(spacing, line=pitch, lineRule="exact", before=before, after=after, beforeLines=0, afterLines=0)


def set_flag(ppr, tag: str, on: bool) -> None:
    """A boolean paragraph property such as w:widowControl or w:keepNext."""
    set_attrs(child(ppr, tag), val="1" if on else "0")


def set_outline_level(ppr, level: int) -> None:
    """Outline level (0 = level 1) so headings show in Word's navigation pane."""
    set_attrs(child(ppr, "w:outlineLvl"), val=level)


def set_line_grid(sect_pr, pitch: int) -> None:
    """A line grid (type='lines'); never a character grid (LibreOffice then sets 14 characters a line)."""
    grid = child(sect_pr, "w:docGrid")
    for attr in list(grid.attrib):
        grid.attrib.pop(attr)
    set_attrs(grid, type="lines", linePitch=pitch)


def add_field(paragraph, instruction: str, placeholder: str) -> None:
    """Append a field (begin, instruction, separate, placeholder result, end): PAGE, TOC …"""
    def field_char(kind: str):
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


def has_field(p) -> bool:
    """True when a paragraph holds a field (a footer's page number, say)."""
    return bool(p.xpath(".//w:fldChar"))


def add_page_break(paragraph) -> None:
    """A page break at the end of a paragraph."""
    br = OxmlElement("w:br")
    set_attrs(br, type="page")
    paragraph.add_run()._r.append(br)


FONTS_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def font_table_xml(fonts: list[tuple[str, str, str]]) -> bytes:
    """word/fontTable.xml for (name, alternate name, family): East Asian fonts with the GB2312 character set."""
    from xml.sax.saxutils import quoteattr

    entries = []
    for name, alternate, family in fonts:
        alt = f"<w:altName w:val={quoteattr(alternate)}/>" if alternate else ""
        entries.append(f"<w:font w:name={quoteattr(name)}>{alt}<w:charset w:val=\"86\"/><w:family w:val=\"{family}\"/>"
                       "<w:pitch w:val=\"variable\"/></w:font>")
    return (f"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:fonts xmlns:w=\"{FONTS_NS}\">"
            + "".join(entries) + "</w:fonts>").encode("utf-8")


def add_font_table(document, fonts: list[tuple[str, str, str]]) -> None:
    """Give the package a font table (a reference document's own is kept)."""
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    if any(rel.reltype == RT.FONT_TABLE for rel in document.part.rels.values()):
        return
    part = Part(PackURI("/word/fontTable.xml"), CT.WML_FONT_TABLE, font_table_xml(fonts), document.part.package)
    document.part.relate_to(part, RT.FONT_TABLE)


def clear_body(document) -> None:
    """Remove every body element but the final section properties (reference documents)."""
    body = document.element.body
    for element in list(body):
        if element.tag != qn("w:sectPr"):
            body.remove(element)


def doc_defaults_rpr(document):
    """The run properties of w:docDefaults (created when missing)."""
    styles = document.styles.element
    defaults = child(styles, "w:docDefaults")
    rpr_default = child(defaults, "w:rPrDefault")
    return child(rpr_default, "w:rPr")


# A three-line table's rules: 1.5 pt above and below the table, 0.75 pt under the header (eighths of a point).
RULE, THIN_RULE = 12, 6


def set_borders(parent, tag: str, **sides: int) -> None:
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


def set_table_style_borders(style) -> None:
    """A table style's own borders: the three-line table's top and bottom rules."""
    set_borders(child(style, "w:tblPr"), "w:tblBorders", top=RULE, bottom=RULE)


def set_table_layout(tbl, style_id: str, widths: list[int]) -> None:
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


def set_cell(tc, width: int, header: bool) -> None:
    """A cell's width, vertical centring, and for the header the rule under it."""
    tc_pr = tc.get_or_add_tcPr()
    set_attrs(child(tc_pr, "w:tcW"), w=width, type="dxa")
    if header:
        set_borders(tc_pr, "w:tcBorders", top=RULE, bottom=THIN_RULE)
    set_attrs(child(tc_pr, "w:vAlign"), val="center")


def repeat_header(tr) -> None:
    """Repeat this row at the top of every page the table runs onto."""
    set_attrs(child(tr.get_or_add_trPr(), "w:tblHeader"), val="1")
