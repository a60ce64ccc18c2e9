"""Phrasing variation: repeated 6-character sequences in one draft, and how much two towns' drafts differ.

Run: python bench/variation_bench.py
Targets (issue #4): 0 six-character sequences occurring 3+ times in one draft outside the town's own
names and facts; two towns built from the same structure get visibly different drafter-written sentences.
"""

from __future__ import annotations

import dataclasses
import re
import sys
from collections import Counter
from pathlib import Path

from drafter.build import BuildOptions, draft_markup
from drafter.check import user_strings
from drafter.load import load_town
from drafter.markup import parse

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
STYLES = ("numbered", "topical", "congress")
MASK = "\x00"
SENTENCE = re.compile(r"[。；：！？\n]")
TWIN_NAME = "白沙镇"


def drafter_text(town, style: str, seed: int | None = None) -> str:
    """The draft's text with the town's own strings and every figure blanked out."""
    blocks = parse(draft_markup(town, BuildOptions(style=style, seed=seed)))
    pieces = []
    for block in blocks:
        for span in block.spans:
            pieces.append(MASK * len(span.shown) if span.kind in ("fig", "gap") else span.shown)
        pieces.append("\n")
    text = "".join(pieces)
    for s in sorted({s for s in user_strings(town) if len(s) >= 2}, key=len, reverse=True):
        text = text.replace(s, MASK * len(s))
    return text


def repeated_sixes(text: str) -> Counter:
    """Six-character sequences (no blanked or line-break character) that occur 3 or more times."""
    counts = Counter(text[i : i + 6] for i in range(len(text) - 5) if MASK not in text[i : i + 6] and "\n" not in text[i : i + 6])
    return Counter({k: v for k, v in counts.items() if v >= 3})


# A sentence is drafter-written when at least this many of its characters are drafter's own.
MIN_DRAFTER_CHARS = 6


def sentences(text: str) -> list[str]:
    """Drafter-written sentences (the title and date lines, which restate the town's data, left out)."""
    lines = text.split("\n")[1:-3]  # drop the title line, and the signature, date and trailing empty line
    out = []
    for s in SENTENCE.split("\n".join(lines)):
        s = s.strip()
        if len(s.replace(MASK, "")) >= MIN_DRAFTER_CHARS:
            out.append(re.sub(f"{MASK}+", "□", s))
    return out


def twin(town):
    """The same structure for another town: new name, issuer and goal, same sections and facts."""
    return dataclasses.replace(town, town=TWIN_NAME, issuer=None, goal="滨江白沙·宜居新城")


def main() -> None:
    print(f"{'example':<10}{'style':<10}{'6-grams x3+':>12}  examples")
    worst = 0
    for path in EXAMPLES:
        town = load_town(path)
        for style in STYLES:
            repeats = repeated_sixes(drafter_text(town, style))
            worst = max(worst, len(repeats))
            shown = "、".join(f"{k}×{v}" for k, v in repeats.most_common(4))
            print(f"{path.stem:<10}{style:<10}{len(repeats):>12}  {shown}")
    print(f"\nmost repeated-sequence count in one draft: {worst} (target 0)")
    print(f"\ntwo towns, same structure ({EXAMPLES[0].stem} vs {TWIN_NAME}, default seeds from their names):")
    town = load_town(EXAMPLES[0])
    shares = []
    for style in STYLES:
        a = sentences(drafter_text(town, style).replace(town.town, MASK * len(town.town)))
        b = sentences(drafter_text(twin(town), style).replace(TWIN_NAME, MASK * len(TWIN_NAME)))
        different = sum(1 for s in a if s not in set(b))
        shares.append(different / len(a))
        print(f"  {style:<10} {different}/{len(a)} drafter-written sentences differ ({different / len(a):.0%})")
    print(f"  mean share differing: {sum(shares) / len(shares):.0%}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
