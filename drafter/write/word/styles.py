"""The draft's named styles: drafter's own (公文标题, 公文正文 …), the headings on Word's built-in heading styles,
and the comment styles python-docx refers to. A reference document's same-named styles win."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docx.enum.style import WD_STYLE_TYPE
from docx.styles.style import ParagraphStyle, StyleFactory

from drafter import ooxml
from drafter.ooxml import table as tables
from drafter.write import profile as P

if TYPE_CHECKING:
    from docx.document import Document
    from docx.styles.style import BaseStyle


KINDS = {"paragraph": WD_STYLE_TYPE.PARAGRAPH, "character": WD_STYLE_TYPE.CHARACTER, "table": WD_STYLE_TYPE.TABLE}


def apply_style(style: BaseStyle, spec: P.StyleSpec, fonts: P.Fonts) -> None:
    """Write one StyleSpec into a Word style."""
    if spec.kind == "table":
        tables.set_table_style_borders(style.element)
        return
    rpr = style.element.get_or_add_rPr()
    ooxml.set_fonts(rpr, getattr(fonts, spec.font))
    ooxml.set_run_look(rpr, round(spec.size.pt * 2), spec.bold)
    ooxml.set_character_spacing(rpr, P.CHARACTER_SPACING)
    if spec.highlight:
        ooxml.set_shading(rpr, "FFFF00")
    if not spec.proof:
        ooxml.set_no_proof(rpr)
    if spec.kind == "character":
        return
    ppr = style.element.get_or_add_pPr()
    ooxml.set_line_spacing(ppr, P.LINE_PITCH, spec.before_lines * P.LINE_PITCH, spec.after_lines * P.LINE_PITCH)
    ooxml.set_indent(ppr, P.INDENT_CHARS if spec.first_line else 0, P.INDENT_TWIPS if spec.first_line else 0,
                     spec.right_chars, spec.left_chars, round(spec.size.pt * 20))
    ooxml.set_flag(ppr, "w:widowControl", False)
    if not spec.autospace:
        ooxml.set_flag(ppr, "w:autoSpaceDE", False)
        ooxml.set_flag(ppr, "w:autoSpaceDN", False)
    if spec.outline is not None:
        ooxml.set_flag(ppr, "w:keepNext", True)
        ooxml.set_outline_level(ppr, spec.outline)
    ooxml.set_alignment(ppr, spec.align)
    if spec.tab:
        ooxml.set_leader_tab(ppr, spec.tab)


def specs(kinds: set[str]) -> dict[str, P.StyleSpec]:
    """Every style a draft with these block kinds uses: drafter's own, those only some drafts need (the report's
    lines under its title; with the kind 'toc', a table of contents asked for, the contents' styles), its headings by level."""
    return {**P.STYLES, **{k: v for k, v in P.OCCASIONAL.items() if k in kinds}, **P.heading_styles(kinds),
            **(P.CONTENTS_STYLES if "toc" in kinds else {})}


def ensure_styles(document: Document, fonts: P.Fonts, keep_existing: bool, kinds: set[str]) -> dict[str, str]:
    """Create the draft's styles (a reference document's same-named styles win) -> {block kind: style id}."""
    styles = document.styles
    by_name = {style.name: style for style in styles}
    normal = by_name["Normal"]
    if not keep_existing:
        apply_style(normal, P.STYLES["p"], fonts)
        ooxml.set_fonts(ooxml.doc_defaults_rpr(document), fonts.body)
    ids = {}
    for kind, spec in specs(kinds).items():
        style = by_name.get(spec.name)
        if style is None or not keep_existing:
            if style is None:  # known absent: skip add_style's scan of every existing name
                kind_ = KINDS[spec.kind]
                style = StyleFactory(styles.element.add_style_of_type(spec.name, kind_, spec.style_id.startswith(("Heading", "Comment", "TOC"))))
                style.style_id = spec.style_id
            style.quick_style = spec.kind == "paragraph" or spec.name.startswith("公文")
            if spec.kind == "paragraph" and isinstance(style, ParagraphStyle):
                style.base_style = normal
            apply_style(style, spec, fonts)
        ids[kind] = style.style_id
    return ids
