"""Text two documents may share without copying: the canonical formulas, and each town's own words, blanked out
before spans are compared (check's originality audit, the county's cross-town check)."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml

# What a blanked-out character becomes: no span runs through it.
MASK = "\x00"
# User strings shorter than this are not masked before the originality check (too common to matter).
MIN_EXEMPT = 4


@lru_cache(maxsize=1)
def canonical_formulas() -> tuple[str, ...]:
    """Political formulas that must be quoted exactly (drafter/data/canonical.yaml)."""
    text = resources.files("drafter").joinpath("data/canonical.yaml").read_text("utf-8")
    return tuple(yaml.safe_load(text)["formulas"])


def masked(paragraphs: list[str], exempt: list[str], always: tuple[str, ...] = ()) -> list[str]:
    """Paragraphs with every occurrence of every exempt string blanked out (positions kept); exempt strings shorter
    than MIN_EXEMPT are left, those in always are not. The strings are indexed by their first characters, so each
    paragraph is read once however many strings there are."""
    strings = {s for s in exempt if len(s) >= MIN_EXEMPT} | {s for s in always if s}
    head = min((len(s) for s in strings), default=MIN_EXEMPT)
    by_head: dict[str, list[str]] = {}
    for s in sorted(strings, key=len, reverse=True):
        by_head.setdefault(s[:head], []).append(s)
    out = []
    for text in paragraphs:
        blank = bytearray(len(text))
        for i in range(len(text) - head + 1):
            for s in by_head.get(text[i : i + head], ()):
                if text.startswith(s, i):
                    blank[i : i + len(s)] = b"\x01" * len(s)
                    break  # the longest string starting here covers the others
        out.append("".join(MASK if b else c for c, b in zip(text, blank)) if any(blank) else text)
    return out
