"""Markup text (render's output) <-> blocks (write's input): the documented contract between stages.

Grammar (one block per line; a line that does not start with '@' continues the block before it):
    @title 文本            document title (may hold '⟦br⟧' where a long title breaks)
    @sub 文本              a line under the title, centred (a report's occasion and speaker lines)
    @salute 文本           a salutation at the margin ("各位代表：")
    @division 文本         a division heading such as "2024年工作总结" (centred)
    @h1 一、文本           level-1 heading        @h2 （一）文本   level-2 heading
    @h3 1.文本             level-3 heading        @p 文本          body paragraph
    @sign 单位             signature              @date 日期       date under the signature
    @row 甲⟦cell⟧乙…       a table row, cells split by ⟦cell⟧; consecutive rows make one table, the first its header
Inline spans inside a block:
    ⟦lead:一是……。⟧        lead-in sentence (character style)
    ⟦runin:（一）……。⟧     run-in level-2 heading at the start of a paragraph
    ⟦fig:文本|来源|公式⟧    a figure with its key path and, if derived, its formula
    ⟦gap:说明|来源⟧         a placeholder for something the town file lacks
    ⟦how:文本⟧              a 做法 sentence drafter supplied, not the clerk (plain text; --annotate asks to confirm it)
    ⟦br⟧                   a line break (titles only)
    ⟦cell⟧                 the boundary between two cells of a row
"""

from drafter.errors import MarkupError, Problem
from drafter.files.patterns import compiled
from drafter.tuples import NamedTuple

BLOCK_KINDS = ("title", "sub", "salute", "division", "h1", "h2", "h3", "p", "row", "sign", "date")
SPAN = compiled(r"⟦(lead|runin|fig|gap|how|br|cell)(?::([^⟦⟧]*))?⟧")
GAP_TEXT = "【待补充：{}】"
# The span kinds whose text is what the draft shows (Span.shown: every span but a gap, a cell boundary, a break).
SHOWN_AS_WRITTEN = frozenset(("plain", "fig", "lead", "runin", "how"))
# How a cell boundary reads in a block's plain text (check and the text writers see a row as one line).
CELL_TEXT = "\t"


class Span(NamedTuple):
    """A run of text: plain, lead, runin, fig, gap, how or br, with source and formula for figures and gaps."""

    kind: str
    text: str
    source: str = ""
    formula: str = ""

    @property
    def shown(self) -> str:
        """The text as it appears in the draft."""
        kind = self.kind
        if kind in SHOWN_AS_WRITTEN:
            return self.text
        if kind == "gap":
            return GAP_TEXT.format(self.text)
        if kind == "cell":
            return CELL_TEXT
        return "\n" if kind == "br" else self.text


class Block(NamedTuple):
    """A paragraph-level element: its kind and spans (a NamedTuple, not a dataclass: its methods are not compiled
    on every start)."""

    kind: str
    spans: list[Span]

    @property
    def text(self) -> str:
        """The block's visible text."""
        return "".join(s.shown for s in self.spans)

    def cells(self) -> list[list[Span]]:
        """A row's spans, cell by cell."""
        out: list[list[Span]] = [[]]
        for span in self.spans:
            if span.kind == "cell":
                out.append([])
            else:
                out[-1].append(span)
        return out


def width(text: str) -> float:
    """Printed width in full-width characters (ASCII counts half)."""
    return sum(0.5 if ord(c) < 128 else 1 for c in text)


def parse_spans(text: str, line: int) -> list[Span]:
    """Inline markup -> spans; stray brackets are a MarkupError."""
    spans, pos = [], 0
    for match in SPAN.finditer(text):
        if match.start() > pos:
            spans.append(Span("plain", text[pos : match.start()]))
        kind, body = match.group(1), match.group(2) or ""
        parts = body.split("|")
        if kind in ("fig", "gap"):
            spans.append(Span(kind, parts[0], parts[1] if len(parts) > 1 else "", parts[2] if len(parts) > 2 else ""))
        else:
            spans.append(Span(kind, body))
        pos = match.end()
    if pos < len(text):
        spans.append(Span("plain", text[pos:]))
    for span in spans:
        if span.kind == "plain" and ("⟦" in span.text or "⟧" in span.text):
            raise MarkupError(Problem("markup", line, "", f"行内标记不完整：{span.text[:30]}"))
    return spans


def parse(markup: str) -> list[Block]:
    """Markup text -> blocks."""
    raw: list[tuple[int, str, str]] = []
    for number, line in enumerate(markup.splitlines(), start=1):
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith("@"):
            kind, _, rest = stripped[1:].partition(" ")
            if kind not in BLOCK_KINDS:
                raise MarkupError(Problem("markup", number, "", f"未知的块类型“@{kind}”"))
            raw.append((number, kind, rest.strip()))
        elif raw:
            n, kind, rest = raw[-1]
            raw[-1] = (n, kind, rest + stripped)
        else:
            raise MarkupError(Problem("markup", number, "", "文本出现在第一个块之前"))
    blocks = [Block(kind, parse_spans(text, n)) for n, kind, text in raw]
    return [b for b in blocks if b.spans]


def dump(blocks: list[Block]) -> str:
    """Blocks -> markup text (parse(dump(b)) == b)."""
    lines = []
    for block in blocks:
        parts = []
        for s in block.spans:
            if s.kind == "plain":
                parts.append(s.text)
            elif s.kind in ("fig", "gap"):
                extra = [s.source] + ([s.formula] if s.formula else [])
                parts.append(f"⟦{s.kind}:{'|'.join([s.text, *extra])}⟧")
            elif s.kind in ("br", "cell"):
                parts.append(f"⟦{s.kind}⟧")
            else:
                parts.append(f"⟦{s.kind}:{s.text}⟧")
        lines.append(f"@{block.kind} {''.join(parts)}")
    return "\n".join(lines) + "\n"
