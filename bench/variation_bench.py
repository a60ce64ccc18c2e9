"""Phrasing variation: repeated 6-character sequences in one draft, and how much two towns' drafts differ.

Run: python bench/variation_bench.py
Targets (issue #4): 0 six-character sequences occurring 3+ times in one draft outside the town's own
names and facts; two towns built from the same structure get visibly different drafter-written sentences.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from drafter.build.draft import BuildOptions, draft_markup
from drafter.check import lint
from drafter.markup import parse
from drafter.town.load import load_town
from drafter.town.record import replace

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
STYLES = ("numbered", "topical", "congress", "report")
MASK = lint.MASK
SENTENCE = re.compile(r"[。；：！？\n]")
TWIN_NAME = "白沙镇"


def drafter_text(town, style: str, seed: int | None = None) -> str:
    """The draft's body with the town's own strings and every figure blanked out."""
    return lint.drafter_text(parse(draft_markup(town, BuildOptions(style=style, seed=seed))), town)


# A sentence is drafter-written when at least this many of its characters are drafter's own.
MIN_DRAFTER_CHARS = 6


def sentences(text: str) -> list[str]:
    """Drafter-written sentences of a draft's body."""
    out = []
    for s in SENTENCE.split(text):
        s = s.strip()
        if len(s.replace(MASK, "")) >= MIN_DRAFTER_CHARS:
            out.append(re.sub(f"{MASK}+", "□", s))
    return out


def twin(town):
    """The same structure for another town: new name, issuer and goal, same sections and facts."""
    return replace(town, town=TWIN_NAME, issuer=None, goal="滨江白沙·宜居新城")


def main() -> None:
    print(f"{'example':<10}{'style':<10}{'6-grams x3+':>12}  examples")
    worst = 0
    for path in EXAMPLES:
        town = load_town(path)
        for style in STYLES:
            repeats = lint.repeated_sixes(drafter_text(town, style))
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
