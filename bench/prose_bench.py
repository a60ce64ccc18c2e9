"""Prose defects in drafter's drafts: every example, every style, seeds 1-20.

Run: python bench/prose_bench.py [--seeds 20] [--show]
Counts per draft (target 0 on each):
  lone     sections that open with 一是 and have no 二是
  unfit    headings and verdicts (read off the draft) holding a phrase not allowed for their topic (another
           topic's, another period's, a rise the figures do not show), or an economic verdict against the figures
  stitched sentences whose neighbouring clauses come from different corpus sentences
  punct    paragraphs with unbalanced quotes or brackets, doubled or leading punctuation
  sixes    six-character sequences repeated 3+ times outside the town's own names and facts
  overlap  longest span shared with the seed reports outside the clerk's text (the check's limit is 20)
The table sums each count over the seeds and gives the worst seed; --show prints every finding.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from drafter.check.audit import audit
from drafter.check.lint import (
    MASK,
    ClauseIndex,
    PhraseIndex,
    drafter_text,
    economy_unfit,
    lone_ordinals,
    punctuation,
    repeated_sixes,
    units,
)
from drafter.cli.check import load_corpus
from drafter.compose.phrases import load_bank
from drafter.compose.render import render
from drafter.compose.wording import load_wording
from drafter.markup import parse
from drafter.town.lexicon import load_lexicon
from drafter.town.load import load_town

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
STYLES = ("numbered", "topical", "congress", "report")
COLUMNS = ("lone", "unfit", "stitched", "punct", "sixes")


def measure(town, style: str, seed: int, bank, index: PhraseIndex, clauses: ClauseIndex, corpus) -> dict:
    """Every count for one draft, with the findings behind them."""
    blocks = parse(render(town, bank, style, seed))
    paragraphs = [b.text for b in blocks if b.kind not in ("title", "sign", "date")]
    text = drafter_text(blocks, town)
    found: dict[str, list[str]] = {c: [] for c in COLUMNS}
    found["lone"] = [g[:30] for g in lone_ordinals(paragraphs)]
    for part, topic, unit, way in units(blocks, style, town):
        if part == "economy":
            found["unfit"] += economy_unfit(unit, town)
        else:
            found["unfit"] += [f"{topic}：{u}" for u in index.unfit(unit, topic, town.year, way)]
    found["stitched"] = [s for line in text.split("\n") for s in clauses.count(line.replace(MASK, ""))]
    found["punct"] = punctuation(paragraphs)
    found["sixes"] = [f"{k}×{v}" for k, v in repeated_sixes(text).items()]
    result = audit(town, [b.text for b in blocks], corpus, "draft")
    return {**found, "overlap": result.longest, "chars": sum(len(p) for p in paragraphs)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--show", action="store_true", help="print every finding")
    args = parser.parse_args()
    bank, wording, lexicon = load_bank(), load_wording(), load_lexicon()
    index = PhraseIndex(wording, bank, lexicon)
    canonical = yaml.safe_load((ROOT / "drafter" / "data" / "canonical.yaml").read_text("utf-8"))["formulas"]
    corpus = load_corpus([], print)
    clauses = ClauseIndex([d.text for d in corpus], canonical)
    print(f"{'example':<8}{'style':<10}" + "".join(f"{c:>10}" for c in COLUMNS) + f"{'overlap':>9}{'chars':>7}   (sum over seeds 1-{args.seeds}; worst seed)")
    totals = dict.fromkeys(COLUMNS, 0)
    for path in EXAMPLES:
        town = load_town(path)
        for style in STYLES:
            rows = [measure(town, style, seed, bank, index, clauses, corpus) for seed in range(1, args.seeds + 1)]
            cells = []
            for c in COLUMNS:
                counts = [len(r[c]) for r in rows]
                totals[c] += sum(counts)
                cells.append(f"{sum(counts):>5} ({max(counts)})")
            overlap = max(r["overlap"] for r in rows)
            chars = sum(r["chars"] for r in rows) // len(rows)
            print(f"{path.stem:<8}{style:<10}" + "".join(f"{c:>10}" for c in cells) + f"{overlap:>9}{chars:>7}")
            if args.show:
                for seed, r in enumerate(rows, start=1):
                    for c in COLUMNS:
                        for finding in r[c]:
                            print(f"    seed {seed} {c}: {finding}")
    print("\ntotal: " + ", ".join(f"{c} {totals[c]}" for c in COLUMNS) + "  (target 0 each)")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
