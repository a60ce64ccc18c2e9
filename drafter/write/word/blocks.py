"""Markup blocks -> the body of a Document: one paragraph per block in its named style, its spans as runs in
character styles, each figure enclosed in its mark (drafter.write.marks), consecutive rows as a three-line table.
Paragraphs whose runs are plain text are written as WordprocessingML text (ooxml.body) and parsed at once, which
makes the same elements as building them one by one; the rest (a tab or line break in a run, a table, --annotate's
comments) element by element."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docx.text.run import Run

from drafter.markup import Block, Span
from drafter.ooxml import body
from drafter.ooxml import table as tables
from drafter.write import profile as P
from drafter.write.paragraphs import STYLED, Marker, paragraph_xml, plain_block  # noqa: F401 (Marker: the writer's API)

if TYPE_CHECKING:
    import datetime as dt

    from docx.document import Document
    from lxml.etree import _Element as Element



LABEL_STOP = "，。；：、（）“”"


# --annotate's comment on a 做法 sentence drafter wrote itself: the clerk is asked to confirm the town did it so.
SUPPLIED = "drafter 补写的做法，请核实：确实这样做了就保留，否则删去或改写"


def annotation(before: str, span: Span) -> str:
    """'同比增长14.1%：indicators[0] 18.91 / 16.58 − 1': the words before a figure, the figure, its source."""
    cut = max(before.rfind(c) for c in LABEL_STOP)
    label = before[cut + 1 :] if cut >= 0 else before
    return f"{label}{span.text}：{span.formula or span.source}"


def add_spans(document: Document, p: Element, spans: list[Span], ids: dict[str, str], marker: Marker, annotate_on: dt.datetime | None,
              form: str = "p") -> None:
    """Spans as runs of paragraph element p, in their character styles; figures marked (form p in the prose, t in
    a table); with annotate_on, a comment on every figure."""
    before = ""
    for span in spans:
        if span.kind == "br":
            body.add_break(p)
            continue
        r = body.add_run(p, span.shown, ids[span.kind] if span.kind in STYLED else None)
        if span.kind == "fig":
            marker.mark(r, span, form)
        if annotate_on is None:
            continue
        note = annotation(before, span) if span.kind == "fig" else SUPPLIED if span.kind == "how" else None
        if note is not None:
            comment = document.add_comment(Run(r, document), text=note, author="drafter", initials="D")
            comment._comment_elm.date = annotate_on
        before += span.shown


def add_blocks(document: Document, blocks: list[Block], ids: dict[str, str], marker: Marker,
               annotate_on: dt.datetime | None = None) -> None:
    """One paragraph per block in its named style, consecutive rows as one table; spans as runs in character
    styles. With annotate_on, every figure gets a Word comment naming its source, dated annotate_on."""
    rows: list[Block] = []
    element = document.element.body
    pending: list[str] = []  # paragraphs written as text, not yet parsed
    headings: list[tuple[int, int]] = []  # (place among pending, block index) of the headings among them

    def parse_pending() -> None:
        made = body.parse_paragraphs(element, pending)
        marker.paragraphs.extend((made[at], index) for at, index in headings)
        pending.clear()
        headings.clear()

    for i, block in enumerate(blocks):
        if block.kind == "row":
            rows.append(block)
            if i + 1 == len(blocks) or blocks[i + 1].kind != "row":
                parse_pending()
                add_table(document, rows, ids, marker, annotate_on)
                rows = []
            continue
        if annotate_on is None and plain_block(block):
            if block.kind in P.HEADING_KINDS:
                marker.enter(block.text)
                headings.append((len(pending), i))
            pending.append(paragraph_xml(block, ids, marker))
            continue
        parse_pending()
        p = body.add_paragraph(element, ids[block.kind])
        if block.kind in P.HEADING_KINDS:
            marker.heading(block.text, p, i)
        add_spans(document, p, block.spans, ids, marker, annotate_on)
    parse_pending()


def add_table(document: Document, rows: list[Block], ids: dict[str, str], marker: Marker, annotate_on: dt.datetime | None) -> None:
    """A three-line table (rules above and below it, and under its header) with fixed column widths, its cells
    in the table paragraph style; the first row is the header, repeated on a new page."""
    cells = [row.cells() for row in rows]
    columns = max(len(c) for c in cells)
    table = document.add_table(rows=len(cells), cols=columns)
    table.autofit = False
    widths = P.table_columns(columns)
    tables.set_table_layout(table._tbl, ids["table"], widths)
    for r, row in enumerate(cells):
        for c in range(columns):
            cell = table.cell(r, c)
            tables.set_cell(cell._tc, widths[c], header=r == 0)
            paragraph = cell.paragraphs[0]
            paragraph._p.style = ids["table_head" if r == 0 else "table_cell"]
            add_spans(document, paragraph._p, row[c] if c < len(row) else [], ids, marker, annotate_on, "t")
    tables.repeat_header(table.rows[0]._tr)
