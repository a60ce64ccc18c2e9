"""Score a blind read-through: shares of keep / word / edit / rewrite for drafter's units and the seeds'.

Run: python bench/blind_score.py KEY.json MARKS.tsv [--list]
MARKS.tsv has one line per unit: number<TAB>keep|word|edit|rewrite<TAB>reason.
"More than a one-word edit" is edit + rewrite (the issue's measure; target 1 in 10 or fewer for drafter).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

MARKS = ("keep", "word", "edit", "rewrite")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("key", type=Path)
    parser.add_argument("marks", type=Path)
    parser.add_argument("--list", action="store_true", help="print drafter's units marked edit or rewrite")
    args = parser.parse_args()
    key = json.loads(args.key.read_text("utf-8"))
    marks = {}
    for line in args.marks.read_text("utf-8").splitlines():
        cells = line.split("\t")
        if len(cells) >= 2 and cells[0].strip().isdigit() and cells[1].strip() in MARKS:
            marks[cells[0].strip()] = (cells[1].strip(), cells[2].strip() if len(cells) > 2 else "")
    missing = sorted(set(key) - set(marks), key=int)
    for by in ("drafter", "seed"):
        for kind in ("heading", "sentence", None):
            ids = [n for n, k in key.items() if k["by"] == by and (kind is None or k["kind"] == kind) and n in marks]
            if not ids:
                continue
            counts = Counter(marks[n][0] for n in ids)
            more = counts["edit"] + counts["rewrite"]
            shares = "  ".join(f"{m} {counts[m] / len(ids):.0%}" for m in MARKS)
            print(f"{by:<8}{kind or 'all':<9}{len(ids):>4} units  {shares}  more than one word: {more / len(ids):.0%}")
    if missing:
        print(f"unmarked: {len(missing)} ({', '.join(missing[:10])} …)")
    if args.list:
        for n, k in sorted(key.items(), key=lambda kv: int(kv[0])):
            if k["by"] == "drafter" and n in marks and marks[n][0] != "keep":
                print(f"{n}\t{marks[n][0]}\t{k['source']}\t{k['text']}\t{marks[n][1]}")


if __name__ == "__main__":
    main()
