"""Blind section pairs: a real section of a seed report beside drafter's section built from the same facts, as A and B.

Run: python bench/blind_sections.py [--list bench/blind_sections/sections.yaml] [--towns DIR] [--out /tmp/pairs]
                                    [--seed 19] [--draft-seed N]
The list names, for each pair, a town file (one section: the facts of one real section, as a clerk types them), the
seed report, the section's first and last line, the seed's style, the values that fill the seed's masked runs (*, **)
in order, and other names to replace. For each pair the script builds the town file in that style with the CLI
(`python -m drafter build TOWN --style STYLE --format txt`, into OUT/drafts/), cuts drafter's section out (heading and
body), cuts the real section out of the seed, writes both the same way (heading line, then body paragraphs; numbering
dropped, punctuation full-width, the town's name as 某乡/某镇) and decides with --seed which of A and B is drafter's.
Writes OUT/pairs.md (what a reader sees) and OUT/key.json ({"1": "A", …} = which is drafter's, and under "sources"
each pair's seed file:lines, town file, style and draft). Figures of the town file that drafter's section does not
show are printed as warnings (a lost fact, or a number written another way).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
LIST = ROOT / "bench" / "blind_sections" / "sections.yaml"
STYLES = ("numbered", "topical", "congress")
NUM = "一二三四五六七八九十"
TOP = re.compile(rf"^[{NUM}]+、")  # 一、 heading
SUB = re.compile(rf"^（[{NUM}]+）")  # （一） heading
DIVISION = re.compile(r"^\d{4}年?工作(总结|计划)$")  # congress part headings: 2022年工作总结, 2023工作计划
MASK = re.compile(r"\*+")
HALF = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"})
ENDS = "。！？…”"


def lines_of(text: str) -> list[str]:
    """Non-blank lines without indentation."""
    return [s for s in (ln.strip(" \t\u3000") for ln in text.splitlines()) if s]


def fill_masks(text: str, values: list[str], where: str) -> str:
    """Each masked run (*, **, …) replaced by the next value; the counts must agree."""
    runs = MASK.findall(text)
    if len(runs) != len(values):
        sys.exit(f"{where}: {len(runs)} masked runs, fill has {len(values)} values")
    it = iter(values)
    return MASK.sub(lambda _m: str(next(it)), text)


def real_section(entry: dict) -> list[str]:
    """The seed's lines start..end (1-based, inclusive), masks filled."""
    path = SEEDS / entry["seed"]
    lines = path.read_text("utf-8").splitlines()[entry["start"] - 1 : entry["end"]]
    where = f"{entry['seed']}:{entry['start']}-{entry['end']}"
    return lines_of(fill_masks("\n".join(lines), [str(v) for v in entry.get("fill") or []], where))


def draft_section(text: str, style: str) -> list[str]:
    """drafter's one review section in a txt draft: heading line and body lines (topical: the paragraph(s) of 二、)."""
    lines = lines_of(text)
    try:
        if style == "topical":
            start = next(i for i, s in enumerate(lines) if s.startswith("二、")) + 1
            end = next(i for i in range(start, len(lines)) if TOP.match(lines[i]))
        elif style == "numbered":
            start = next(i for i, s in enumerate(lines) if SUB.match(s))
            end = next(i for i in range(start + 1, len(lines)) if SUB.match(lines[i]) or TOP.match(lines[i]))
        else:
            first = next(i for i, s in enumerate(lines) if DIVISION.match(s))
            start = next(i for i in range(first + 1, len(lines)) if TOP.match(lines[i]))
            end = next(i for i in range(start + 1, len(lines))
                       if TOP.match(lines[i]) or DIVISION.match(lines[i]) or lines[i].startswith("各位代表"))
    except StopIteration:
        sys.exit(f"cannot find the section in the {style} draft")
    return lines[start:end]


def normalise(lines: list[str], names: dict[str, str]) -> tuple[str, list[str]]:
    """Heading and body paragraphs written alike for both versions: numbering dropped, a run-in heading (heading。body)
    split off, full-width punctuation, no 、 between quoted names, every paragraph closed, names replaced."""
    out = []
    for s in lines:
        s = s.translate(HALF).replace("”、“", "”“")
        for old, new in names.items():
            s = s.replace(old, new)
        out.append(s)
    first = re.sub(rf"^(（[{NUM}]+）|[{NUM}]+、)", "", out[0])
    cut = first.find("。")
    if 0 <= cut < len(first) - 1:  # a run-in heading, or a topical lead sentence: the rest is body
        heading, body = first[:cut], [first[cut + 1 :], *out[1:]]
    else:
        heading, body = first.rstrip("。"), out[1:]
    return heading, [p if p.endswith(tuple(ENDS)) else p + "。" for p in body]


def placeholder(town: str) -> str:
    """某乡 or 某镇, as the town's name ends."""
    return "某乡" if town.endswith("乡") else "某镇"


def build(town: Path, style: str, out: Path, draft_seed: int | None) -> str:
    """drafter's txt draft of the town file, built by the CLI from this checkout."""
    cmd = [sys.executable, "-m", "drafter", "build", str(town), "--style", style, "--format", "txt", "--out", str(out), "--force"]
    if draft_seed is not None:
        cmd += ["--seed", str(draft_seed)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"drafter build {town.name} failed:\n{done.stdout}{done.stderr}")
    return out.read_text("utf-8")


def figures(data: dict) -> list[str]:
    """The town file's figures as plain numbers (for the lost-figure warning)."""
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("value", "previous", "target", "growth", "completion") and isinstance(value, (int, float)):
                    found.append(f"{value:g}" if isinstance(value, float) else str(value))
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(data.get("sections", []))
    return found


def render(pairs: list[dict]) -> str:
    """pairs.md: each pair's A and B as heading line, then body paragraphs."""
    out = ["# 同一节的两个版本", "",
           "每一对 A、B 写的是同一个乡镇同一节工作的同一组事实和数字（乡镇名换作某乡/某镇，编号已去掉）。", ""]
    for n, pair in enumerate(pairs, start=1):
        out += [f"## Pair {n}", ""]
        for label in ("A", "B"):
            heading, body = pair[label]
            out += [f"### 版本 {label}", "", f"**{heading}**", ""]
            for p in body:
                out += [p, ""]
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", type=Path, default=LIST, help="YAML list of sections (see bench/blind_sections/sections.yaml)")
    parser.add_argument("--towns", type=Path, help="folder of the town files (default: towns/ beside the list)")
    parser.add_argument("--out", type=Path, default=Path("/tmp/pairs"))
    parser.add_argument("--seed", type=int, default=19, help="seed of the A/B shuffle")
    parser.add_argument("--draft-seed", type=int, help="drafter build --seed (default: none)")
    args = parser.parse_args()
    towns = args.towns or args.list.parent / "towns"
    entries = yaml.safe_load(args.list.read_text("utf-8"))["sections"]
    (args.out / "drafts").mkdir(parents=True, exist_ok=True)
    rng = random.Random(args.seed)
    pairs, key, sources = [], {}, {}
    for n, entry in enumerate(entries, start=1):
        town_path = towns / entry["town"]
        data = yaml.safe_load(town_path.read_text("utf-8"))
        if len(data.get("sections") or []) != 1:
            sys.exit(f"{town_path}: one section per town file (the section to compare)")
        if entry["style"] not in STYLES:
            sys.exit(f"{entry['town']}: style must be one of {', '.join(STYLES)}")
        names = {data["town"]: placeholder(data["town"]), **(entry.get("replace") or {})}
        draft_path = args.out / "drafts" / f"{town_path.stem}.txt"
        mine = normalise(draft_section(build(town_path, entry["style"], draft_path, args.draft_seed), entry["style"]), names)
        real = normalise(real_section(entry), names)
        shown = "".join([mine[0], *mine[1]])
        lost = [f for f in figures(data) if f not in shown.replace(",", "")]
        if lost:
            print(f"pair {n} ({entry['town']}): figures not shown as typed: {', '.join(lost)}", file=sys.stderr)
        letter = "A" if rng.random() < 0.5 else "B"
        other = "B" if letter == "A" else "A"
        pairs.append({letter: mine, other: real})
        key[str(n)] = letter
        sources[str(n)] = {"seed": f"seeds/{entry['seed']}:{entry['start']}-{entry['end']}", "town": str(town_path),
                           "style": entry["style"], "draft": str(draft_path)}
    (args.out / "pairs.md").write_text(render(pairs), "utf-8")
    (args.out / "key.json").write_text(json.dumps({**key, "sources": sources, "shuffle_seed": args.seed}, ensure_ascii=False, indent=1), "utf-8")
    print(f"{len(pairs)} pairs -> {args.out}/pairs.md, key in {args.out}/key.json")


if __name__ == "__main__":
    main()
