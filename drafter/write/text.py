"""Markup blocks -> Markdown or plain text (a quick preview of the draft)."""

from __future__ import annotations

from drafter.markup import Block

MD_PREFIX = {"title": "# ", "division": "## ", "h1": "## ", "h2": "### ", "h3": "#### "}


def span_text(block: Block, markdown: bool) -> str:
    """A block's text; in Markdown, lead-ins and run-in headings in bold."""
    out = []
    for span in block.spans:
        text = span.shown.replace("\n", "" if block.kind == "title" else "\n")
        out.append(f"**{text}**" if markdown and span.kind in ("lead", "runin") else text)
    return "".join(out)


def md_row(block: Block) -> str:
    """A table row as a Markdown table line."""
    return "| " + " | ".join("".join(s.shown for s in cell) for cell in block.cells()) + " |"


def to_markdown(blocks: list[Block]) -> str:
    """Blocks -> Markdown: headings by level, paragraphs, tables, signature right-aligned as plain lines."""
    lines: list[str] = []
    for i, block in enumerate(blocks):
        if block.kind != "row":
            lines.append(MD_PREFIX.get(block.kind, "") + span_text(block, True))
        elif i and blocks[i - 1].kind == "row":
            lines[-1] += "\n" + md_row(block)
        else:  # the first row of a table is its header
            lines.append(md_row(block) + "\n" + "|" + "---|" * len(block.cells()))
    return "\n\n".join(lines) + "\n"


def to_text(blocks: list[Block]) -> str:
    """Blocks -> plain text: indented paragraphs, centred-looking title, signature lines."""
    lines = []
    for block in blocks:
        text = span_text(block, False)
        if block.kind in ("p", "h1", "h2", "h3"):
            text = "\u3000\u3000" + text
        lines.append(text)
    return "\n".join(lines) + "\n"
