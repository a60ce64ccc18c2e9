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


def to_markdown(blocks: list[Block]) -> str:
    """Blocks -> Markdown: headings by level, paragraphs, signature right-aligned as plain lines."""
    lines = []
    for block in blocks:
        lines.append(MD_PREFIX.get(block.kind, "") + span_text(block, True))
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
