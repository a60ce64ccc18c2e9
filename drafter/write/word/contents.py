"""Headings -> the draft's table of contents (--toc) after its title: the entries written out, each linked to a _Toc
bookmark on its heading with a page number estimated on the GB/T page grid, and a shaded hint to update it.

Word refreshes the table when the file is opened (the field is marked dirty); WPS and LibreOffice show what is
written, so the entries are pre-filled and the hint says how to make WPS count the pages (docs/wps.md §2)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from drafter.markup import Block, width
from drafter.ooxml import body
from drafter.ooxml import toc as fields
from drafter.write import profile as P

if TYPE_CHECKING:
    from docx.document import Document
    from lxml.etree import _Element as Element


HINT = "（目录页码为生成时估算。在 WPS 中右键目录选“更新目录”，在 Word 中右键选“更新域”，即按实际页码更新，本行随之消失。）"
TITLE = "目　录"
TOC_PREFIX = "_Toc"  # hidden bookmarks (a leading underscore), the prefix Word and WPS give their own
CELL_MARGINS = 216   # Table Normal's left and right cell margins (108 twips each)


def per_line(spec: P.StyleSpec, room: int = P.TYPE_WIDTH_TWIPS) -> float:
    """Characters of a style that fit on a line room twips wide (its indents taken off)."""
    pitch = spec.size.pt * 20 + P.CHARACTER_SPACING
    return max(1.0, (room - (spec.left_chars + spec.right_chars) / 100 * pitch) / pitch)


def lines(text: str, spec: P.StyleSpec, room: int = P.TYPE_WIDTH_TWIPS) -> int:
    """Lines a paragraph of text takes in a style, space before and after included (a line break starts a line)."""
    fit = math.floor(per_line(spec, room))
    first = P.INDENT_CHARS / 100 if spec.first_line else 0
    count = sum(max(1, math.ceil((width(part) + first) / fit)) for part in text.split("\n"))
    return count + spec.before_lines + spec.after_lines


def block_lines(block: Block, specs: dict[str, P.StyleSpec]) -> int:
    """Lines a block takes: a paragraph's, or a table row's tallest cell."""
    if block.kind != "row":
        text = "".join("\n" if s.kind == "br" else s.shown for s in block.spans)
        return lines(text, specs[block.kind])
    cells = block.cells()
    widths = P.table_columns(len(cells))
    spec = specs["table_cell"]
    return max(lines("".join(s.shown for s in cell), spec, w - CELL_MARGINS) for cell, w in zip(cells, widths))


def estimate_pages(blocks: list[Block], specs: dict[str, P.StyleSpec], first_page: int) -> list[int]:
    """The page each block starts on, the body (every block after the title) starting at the top of first_page:
    22 exact lines a page (Std 5.2.3), a paragraph split anywhere (no widow control), a heading kept with the
    first line of what follows it."""
    pages, page, used = [0], first_page, 0
    for block in blocks[1:]:
        need = block_lines(block, specs)
        if used >= P.LINES_PER_PAGE or (block.kind in P.HEADING_KINDS and used + need + 1 > P.LINES_PER_PAGE):
            page, used = page + 1, 0
        pages.append(page)
        used += need
        while used > P.LINES_PER_PAGE:
            page, used = page + 1, used - P.LINES_PER_PAGE
    return pages


def add_contents(document: Document, blocks: list[Block], ids: dict[str, str], headings: list[tuple[Element, int]],
                 first_id: int) -> None:
    """The 目录 title, the entries of the headings of levels 1-3 and the hint, after the title paragraph (and the
    lines under it); the body from a new page. headings: each heading paragraph with its block's index; first_id: the
    first free bookmark id."""
    specs = {**P.STYLES, **P.OCCASIONAL, **P.heading_styles({b.kind for b in blocks}), **P.CONTENTS_STYLES}
    head = 1 + next((n for n, b in enumerate(blocks[1:]) if b.kind != "sub"), len(blocks) - 1)  # title, lines under it
    levels = {kind: spec.outline + 1 for kind, spec in P.heading_styles({b.kind for b in blocks}).items() if spec.outline is not None}
    listed = [(p, i, levels[blocks[i].kind]) for p, i in headings if levels[blocks[i].kind] <= P.CONTENTS_LEVELS]
    front = sum(block_lines(b, specs) for b in blocks[:head]) + lines(TITLE, specs["toc_title"]) + lines(HINT, specs["toc_hint"])
    front += sum(lines(blocks[i].text + "……99", specs[f"toc{level}"]) for _, i, level in listed)  # dots, a page number
    pages = [0] * (head - 1) + estimate_pages(blocks[head - 1 :], specs, math.ceil(front / P.LINES_PER_PAGE) + 1)
    title = document.element.body[head - 1]  # the contents follow the title (and a report's occasion and speaker)
    after = title.getnext()
    element = document.element.body
    contents = body.add_paragraph(element, ids["toc_title"])
    body.add_run(contents, TITLE)
    made = [contents]
    for n, (p, i, level) in enumerate(listed):
        name = f"{TOC_PREFIX}{first_id + n}"
        fields.bookmark_paragraph(p, first_id + n, name)
        entry = body.add_paragraph(element, ids[f"toc{level}"])
        if n == 0:
            fields.begin(entry, P.CONTENTS_LEVELS)
        fields.entry(entry, name, blocks[i].text, pages[i])
        made.append(entry)
    hint = body.add_paragraph(element, ids["toc_hint"])
    if not listed:
        fields.begin(hint, P.CONTENTS_LEVELS)
    body.add_run(hint, HINT)
    fields.end(hint)
    made.append(hint)
    for paragraph in reversed(made):
        title.addnext(paragraph)
    if after is not None and after.tag == hint.tag:
        fields.page_break_before(after)
    else:
        fields.page_break(hint)
