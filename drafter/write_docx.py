"""Markup blocks -> .docx bytes: GB/T 9704 page, named styles (a reference .docx's styles win), PAGE footer."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from importlib import resources
from pathlib import Path
from typing import NamedTuple

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.styles.style import StyleFactory

from drafter import ooxml
from drafter import profile as P
from drafter.errors import OutputError, Problem
from drafter.markup import Block, Span, width
from drafter.textio import DRAFT_LIMIT, check_docx_body, read_limited

ALIGN = {"both": WD_ALIGN_PARAGRAPH.JUSTIFY, "center": WD_ALIGN_PARAGRAPH.CENTER,
         "right": WD_ALIGN_PARAGRAPH.RIGHT, "left": WD_ALIGN_PARAGRAPH.LEFT}
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


class DocMeta(NamedTuple):
    """Core properties of the draft."""

    title: str
    author: str
    date: dt.date
    fingerprint: str = ""
    annotate: bool = False

    @property
    def stamp(self) -> dt.datetime:
        """The date as a datetime (core properties and comment dates)."""
        return dt.datetime(self.date.year, self.date.month, self.date.day)


def open_base(reference: Path | None) -> tuple[docx.document.Document, bool]:
    """The base document: the user's reference .docx emptied of content, or drafter's minimal base."""
    if reference is None:
        with resources.files("drafter").joinpath("data/base.docx").open("rb") as handle:
            return docx.Document(handle), False
    data = read_limited(reference, DRAFT_LIMIT, OutputError, "参考文档")
    check_docx_body(reference, OutputError)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several types for a file that is not a .docx
        raise OutputError(Problem(str(reference), None, "--reference-doc", f"无法作为 Word 文档打开：{type(exc).__name__}")) from exc
    ooxml.clear_body(document)
    return document, True


def apply_style(style, spec: P.StyleSpec, fonts: P.Fonts) -> None:
    """Write one StyleSpec into a Word style."""
    rpr = style.element.get_or_add_rPr()
    ooxml.set_fonts(rpr, getattr(fonts, spec.font))
    style.font.size = spec.size
    style.font.bold = spec.bold
    style.font.italic = False
    style.font.color.rgb = None
    ooxml.set_character_spacing(rpr, P.CHARACTER_SPACING)
    if spec.highlight:
        ooxml.set_shading(rpr, "FFFF00")
    if spec.kind == "character":
        return
    ppr = style.element.get_or_add_pPr()
    ooxml.set_line_spacing(ppr, P.LINE_PITCH, spec.before_lines * P.LINE_PITCH, spec.after_lines * P.LINE_PITCH)
    ooxml.set_indent(ppr, P.INDENT_CHARS if spec.first_line else 0, P.INDENT_TWIPS if spec.first_line else 0, spec.right_chars)
    ooxml.set_flag(ppr, "w:widowControl", False)
    if not spec.autospace:
        ooxml.set_flag(ppr, "w:autoSpaceDE", False)
        ooxml.set_flag(ppr, "w:autoSpaceDN", False)
    if spec.outline is not None:
        ooxml.set_flag(ppr, "w:keepNext", True)
        ooxml.set_outline_level(ppr, spec.outline)
    style.paragraph_format.alignment = ALIGN[spec.align]


def ensure_styles(document, fonts: P.Fonts, keep_existing: bool) -> dict[str, str]:
    """Create drafter's named styles (a reference document's same-named styles win) -> {block kind: style id}."""
    styles = document.styles
    by_name = {style.name: style for style in styles}
    normal = by_name["Normal"]
    if not keep_existing:
        apply_style(normal, P.STYLES["p"], fonts)
        ooxml.set_fonts(ooxml.doc_defaults_rpr(document), fonts.body)
    ids = {}
    for kind, spec in P.STYLES.items():
        style = by_name.get(spec.name)
        if style is None or not keep_existing:
            if style is None:  # known absent: skip add_style's scan of every existing name
                kind_ = WD_STYLE_TYPE.PARAGRAPH if spec.kind == "paragraph" else WD_STYLE_TYPE.CHARACTER
                style = StyleFactory(styles.element.add_style_of_type(spec.name, kind_, False))
                style.style_id = spec.style_id
            style.quick_style = True
            if spec.kind == "paragraph":
                style.base_style = normal
            apply_style(style, spec, fonts)
        ids[kind] = style.style_id
    return ids


def setup_page(document, footer_style: str, keep_existing: bool) -> None:
    """A4 page, margins, line grid, and the '— N —' PAGE footer (the reference's page setup wins)."""
    section = document.sections[0]
    if not keep_existing:
        section.page_width, section.page_height = P.PAGE_WIDTH, P.PAGE_HEIGHT
        section.top_margin, section.bottom_margin = P.MARGIN_TOP, P.MARGIN_BOTTOM
        section.left_margin, section.right_margin = P.MARGIN_LEFT, P.MARGIN_RIGHT
        section.header_distance, section.footer_distance = P.HEADER_DISTANCE, P.FOOTER_DISTANCE
        ooxml.set_line_grid(section._sectPr, P.LINE_PITCH)
    footer = section.footer
    if keep_existing and any(p.text.strip() or p._p.xpath(".//w:fldChar") for p in footer.paragraphs):
        return
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    paragraph._p.style = footer_style
    paragraph.add_run("— ")
    ooxml.add_page_field(paragraph)
    paragraph.add_run(" —")


LABEL_STOP = "，。；：、（）“”"


def annotation(before: str, span: Span) -> str:
    """'同比增长14.1%：indicators[0] 18.91 / 16.58 − 1': the words before a figure, the figure, its source."""
    cut = max(before.rfind(c) for c in LABEL_STOP)
    label = before[cut + 1 :] if cut >= 0 else before
    return f"{label}{span.text}：{span.formula or span.source}"


def add_blocks(document, blocks: list[Block], ids: dict[str, str], annotate_on: dt.datetime | None = None) -> None:
    """One paragraph per block in its named style; spans as runs in character styles.

    With annotate_on, every figure gets a Word comment naming its source, dated annotate_on."""
    for block in blocks:
        paragraph = document.add_paragraph()
        paragraph._p.style = ids[block.kind]
        before = ""
        for span in block.spans:
            if span.kind == "br":
                paragraph.add_run().add_break()
                continue
            run = paragraph.add_run(span.shown)
            if span.kind in ("lead", "runin", "gap"):
                run._r.style = ids[span.kind]
            if span.kind == "fig" and annotate_on is not None:
                comment = document.add_comment(run, text=annotation(before, span), author="drafter", initials="D")
                comment._comment_elm.date = annotate_on
            before += span.shown


def signature_indents(unit: str, date: str) -> tuple[float, float]:
    """Right indents (characters) of the unit and the date under GB/T 9704 7.3.5.2: the unit 2 from
    the right and the date's first character 2 right of the unit's; a longer date takes the 2."""
    unit_right = P.SIGN_RIGHT_CHARS / 100
    date_right = unit_right + width(unit) - 2 - width(date)
    if date_right < unit_right:
        date_right = unit_right
        unit_right = date_right + width(date) + 2 - width(unit)
    return unit_right, date_right


def place_signature(document, blocks: list[Block]) -> None:
    """Indent the signature and date paragraphs for this document's unit name and date."""
    kinds = [b.kind for b in blocks]
    if "sign" not in kinds or "date" not in kinds:
        return
    paragraphs = document.paragraphs[-len(blocks) :]
    sign, date = paragraphs[kinds.index("sign")], paragraphs[kinds.index("date")]
    for paragraph, chars in zip((sign, date), signature_indents(sign.text, date.text)):
        ooxml.set_indent(paragraph._p.get_or_add_pPr(), right_chars=round(chars * 100))


def set_core(document, meta: DocMeta) -> None:
    """Core properties: title, issuing unit, date; nothing left from python-docx's template."""
    core = document.core_properties
    stamp = meta.stamp
    core.title, core.author, core.last_modified_by = meta.title, meta.author, meta.author
    core.subject, core.category, core.keywords = "年度工作总结和工作计划", "公文", "工作总结；工作计划"
    core.comments, core.content_status, core.language = "", "初稿", "zh-CN"
    core.created = core.modified = stamp
    core.revision = 1
    core.identifier = meta.fingerprint


def fixed_zip(data: bytes) -> bytes:
    """Re-pack a .docx with fixed entry times so the same draft gives the same bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


def build_document(blocks: list[Block], meta: DocMeta, font_set: str = "gb2312", reference: Path | None = None):
    """Blocks -> a python-docx Document (not yet saved)."""
    fonts = P.FONT_SETS[font_set]
    document, keep = open_base(reference)
    ids = ensure_styles(document, fonts, keep)
    setup_page(document, ids["footer"], keep)
    add_blocks(document, blocks, ids, meta.stamp if meta.annotate else None)
    place_signature(document, blocks)
    set_core(document, meta)
    return document


def document_bytes(document) -> bytes:
    """Save a Document to bytes with fixed zip times."""
    buffer = io.BytesIO()
    document.save(buffer)
    return fixed_zip(buffer.getvalue())
