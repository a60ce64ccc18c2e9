"""A draft's paragraphs as text and its figures' marks, without python-docx: the Marker numbers every figure and names
its hidden bookmark (drafter.write.marks); paragraph_xml writes a paragraph of plain runs (drafter.ooxml.textxml)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from drafter.markup import Block, Span
from drafter.ooxml.textxml import BREAK_XML, bookmarked_xml, plain_run, run_xml
from drafter.ooxml.textxml import paragraph_xml as paragraph_xml_text
from drafter.write import marks

if TYPE_CHECKING:
    from lxml.etree import _Element as Element

    from drafter.town.model import Town


# The spans written in a character style of their own.
STYLED = ("lead", "runin", "gap")


class Marker:
    """Numbers the draft's figures and marks each with a hidden bookmark (drafter.write.marks), listing what it wrote."""

    FIRST_ID = 10000  # bookmark ids well away from the comments' and revisions' ids

    def __init__(self, town: Town | None = None) -> None:
        self.written: list[marks.Written] = []
        self.headings, self.under = 0, ""
        self.paragraphs: list[tuple[Element, int]] = []  # each heading paragraph with its block's index
        self.town = town

    def heading(self, text: str, p: Element, index: int) -> None:
        """A heading paragraph (block index): the figures after it stand under it."""
        self.enter(text)
        self.paragraphs.append((p, index))

    def enter(self, text: str) -> None:
        """The figures from here on stand under the heading text."""
        self.headings += 1
        self.under = marks.crc(text)

    @property
    def next_id(self) -> int:
        """The first bookmark id not yet given."""
        return self.FIRST_ID + len(self.written)

    def mark(self, r: Element, span: Span, form: str) -> None:
        """Enclose run r, which shows figure span, in its mark (a figure whose key cannot be named is left bare)."""
        found = self.name(span, form)
        if found is not None:
            from drafter.ooxml import body

            body.bookmark(r, *found)

    def name(self, span: Span, form: str) -> tuple[int, str] | None:
        """The next mark's bookmark id and name for figure span, now listed as written; None when its key cannot be
        named (the figure is left bare)."""
        identity = marks.identity(self.town, span.source, form) if self.town is not None else None
        made = marks.named(len(self.written) + 1, form, span.source, span.shown, identity)
        if made is None:
            return None
        found = self.FIRST_ID + len(self.written), made[1]
        self.written.append(marks.Written(found[1], span.shown, self.headings, self.under, tuple(identity) if identity else ()))
        return found


def plain_block(block: Block) -> bool:
    """True when every run of a block is plain text (line breaks aside): paragraph_xml writes it."""
    return all(s.kind == "br" or plain_run(s.shown) for s in block.spans)


def paragraph_xml(block: Block, ids: dict[str, str], marker: Marker, props: str = "") -> str:
    """A paragraph of plain runs as text: what add_paragraph and add_spans make of it (without --annotate); props:
    more of its properties (textxml.keep_xml)."""
    runs = []
    for span in block.spans:
        if span.kind == "br":
            runs.append(BREAK_XML)
            continue
        run = run_xml(span.shown, ids[span.kind] if span.kind in STYLED else None)
        found = marker.name(span, "p") if span.kind == "fig" else None
        runs.append(bookmarked_xml(run, *found) if found is not None else run)
    return paragraph_xml_text(ids[block.kind], runs, props)
