"""Units for a blind read-through: drafter-written headings and sentences mixed with seed units, unlabeled.

Run: python bench/blind_units.py OUTDIR [--seed-units 40] [--shuffle 7]
Writes OUTDIR/units.md (what a reader sees: each unit with a line of context, in shuffled order) and
OUTDIR/key.json (which units are drafter's and which the seeds', with the draft or seed they came from).
A reader marks each unit keep / edit (one word) / rewrite; bench/blind_score.py turns the marks into shares.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

from drafter.build.draft import BuildOptions, draft_markup
from drafter.check.audit import user_strings
from drafter.markup import parse
from drafter.town.load import load_town

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
STYLES = ("numbered", "topical", "congress")
SENTENCE_END = re.compile(r"(?<=[。；！？])")
HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")
# A sentence is drafter's when at least this many of its characters are not the clerk's.
MIN_OWN = 6
CONTEXT = 60


def own_chars(text: str, user: list[str]) -> int:
    """Characters of text not covered by the clerk's strings or by digits."""
    for s in sorted(user, key=len, reverse=True):
        text = text.replace(s, "")
    return len(re.sub(r"[\d.%，。；、：\s一二三四五六七八九十是]", "", text))


def draft_units(path: Path, style: str) -> list[dict]:
    """Drafter-written headings and sentences of one draft, each with the text that follows it."""
    town = load_town(path)
    user = [s for s in user_strings(town) if len(s) >= 2]
    blocks = parse(draft_markup(town, BuildOptions(style=style)))
    texts = [(b.kind, b.text) for b in blocks if b.kind not in ("title", "sign", "date")]
    units = []
    for i, (kind, text) in enumerate(texts):
        after = texts[i + 1][1][:CONTEXT] if i + 1 < len(texts) else ""
        if kind in ("h1", "h2", "h3", "division"):
            if own_chars(text, user) >= 2:
                units.append({"kind": "heading", "text": text, "context": after})
            continue
        pieces = [s for s in SENTENCE_END.split(text) if s.strip()]
        for j, s in enumerate(pieces):
            if own_chars(s, user) >= MIN_OWN:
                context = "".join(pieces[j + 1 :])[:CONTEXT] or after
                units.append({"kind": "sentence", "text": s, "context": context})
    for u in units:
        u["source"] = f"{path.stem}/{style}"
    return units


def seed_units(path: Path) -> list[dict]:
    """Headings and the non-figure sentences of a seed report, each with the text that follows it."""
    lines = [ln.strip() for ln in path.read_text("utf-8").splitlines() if ln.strip()]
    units = []
    for i, line in enumerate(lines):
        after = lines[i + 1][:CONTEXT] if i + 1 < len(lines) else ""
        if HEADING.match(line) and len(line) < 40:
            units.append({"kind": "heading", "text": line, "context": after})
            continue
        pieces = [s for s in SENTENCE_END.split(line) if s.strip()]
        for j, s in enumerate(pieces):
            if 8 <= len(s) <= 90 and not re.search(r"\d|\*", s):
                units.append({"kind": "sentence", "text": s, "context": "".join(pieces[j + 1 :])[:CONTEXT] or after})
    for u in units:
        u["source"] = path.name[:3]
    return units


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed-units", type=int, default=40)
    parser.add_argument("--shuffle", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.shuffle)
    drafts = [u for p in EXAMPLES for s in STYLES for u in draft_units(p, s)]
    seeds = [u for p in SEEDS for u in seed_units(p)]
    picked = rng.sample(seeds, min(args.seed_units, len(seeds)))
    units = [{**u, "by": "drafter"} for u in drafts] + [{**u, "by": "seed"} for u in picked]
    rng.shuffle(units)
    args.out.mkdir(parents=True, exist_ok=True)
    lines = ["# 待审单元", "", "每条：【标题】或【句子】，后面是它下文的开头（供判断是否贴切）。", ""]
    key = {}
    for n, u in enumerate(units, start=1):
        label = "标题" if u["kind"] == "heading" else "句子"
        lines.append(f"{n}. 【{label}】{u['text']}")
        lines.append(f"   下文：{u['context']}")
        key[n] = {"by": u["by"], "source": u["source"], "kind": u["kind"], "text": u["text"]}
    (args.out / "units.md").write_text("\n".join(lines) + "\n", "utf-8")
    (args.out / "key.json").write_text(json.dumps(key, ensure_ascii=False, indent=1), "utf-8")
    print(f"{len(drafts)} drafter units, {len(picked)} seed units -> {args.out}/units.md")


if __name__ == "__main__":
    main()
