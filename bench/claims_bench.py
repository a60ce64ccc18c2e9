"""What a draft says beside what the town file says (#19.6): town files written the way real reports are, every style,
seeds 1-10, and per draft the faults a 办公室主任 reading it beside the published report would mark.

Run: python bench/claims_bench.py [--seeds 10] [--show] [TOWN.yaml ...]   (default: bench/realistic/*.yaml + examples/)
Counts per draft (target 0 on each):
  acts      concrete acts and mechanisms in drafter's own words that the town file does not state (the pattern list in
            drafter/compose/claims.py, and the stricter verb + thing pattern a reviewer's hook uses)
  outcomes  outcome words in drafter's own words (增收, 活力 …) no fact of the town shows
  four      sentences that join four or more of the clerk's facts
  twice     a verb said twice around one figure (完成规上工业总产值完成16.84亿元)
  two       二 before a measure word (二大工程, 以下二个方面) instead of 两
  yu        余 put after 万/亿 on a round number (600万余元 is a different amount from 600余万元)
  resolve   确保/力争 put before the clerk's 拟/计划/预计
  level     a 县委/县政府 or 省/市/县 level named that the town file does not give
  overlap   longest run shared with a seed report outside the clerk's words (the check's limit is 20)
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from drafter.check.audit import audit, user_strings
from drafter.check.lint import drafter_text
from drafter.cli.check import load_corpus
from drafter.compose.claims import acts, outcomes, shown
from drafter.compose.phrases import load_bank
from drafter.compose.render import render
from drafter.markup import Block, parse
from drafter.town.load import load_town
from drafter.town.model import Town

ROOT = Path(__file__).resolve().parent.parent
TOWNS = sorted((ROOT / "bench" / "realistic").glob("*.yaml")) + sorted((ROOT / "examples").glob("*.yaml"))
STYLES = ("numbered", "topical", "congress", "report")
COLUMNS = ("acts", "outcomes", "four", "twice", "two", "yu", "resolve", "level", "overlap")
# The reviewer's pattern (verb + up to ten characters + thing), kept beside claims.ACT_PATTERN so the bench is the stricter.
HOOK_ACT = re.compile(r"(?:建立|建成|出台|制定|开展|组建|成立|设立|落实|推行|实行|打造)[^，。；、\0]{0,10}"
                      r"(?:库|机制|制度|平台|行动|活动|要求|方案|清单|台账|专班|模式|体系|制)")
TWICE = re.compile(r"(完成|实现|达到|新增|建成)[^，。；、\d]{2,16}\1\d")
TWO = re.compile(r"(?<![第十百千\d零一二三四五六七八九两])二(?:大|个|项|条|家|方面)")
YU = re.compile(r"(?<![\d.])\d*0[万亿]余")  # 600万余元 is not 600余万元; 5万余元 is idiomatic (5余万 is not)
RESOLVE = re.compile(r"(?:确保|力争)(?:拟|计划|预计)")
LEVEL = re.compile(r"[省市县]委|[省市县]政府|省市县")
FACT = re.compile(r"^(?:sections|plans)\[\d+\]\.items\[\d+\]\.facts\[\d+\]")


def sentences_of(blocks: list[Block], town: Town) -> list[tuple[int, str]]:
    """Each sentence of the draft with how many of the clerk's facts it joins with commas: the comma-separated
    clauses that carry a fact (a figure by its source key, free text by its words); a list joined with 、 is one
    clause, as real reports list figures (谈话提醒63人次、责令检查7人次、…)."""
    free = [f.text.rstrip("。") for part in (*town.sections, *town.plans) for item in part.items for f in item.facts if f.text]
    out = []
    for block in blocks:
        first: dict[str, int] = {}  # each fact's key -> the comma clause it first appears in
        clause, words = 0, ""

        def finish(first: dict[str, int], words: str) -> None:
            out.append((len(set(first.values())) + sum(1 for f in free if f in words), words))

        for span in block.spans:
            match = FACT.match(span.source) if span.kind == "fig" else None
            if match:
                first.setdefault(match.group(0), clause)
            for ch in span.shown:
                if ch in "。；":
                    finish(first, words)
                    first, clause, words = {}, 0, ""
                    continue
                if ch == "，":
                    clause += 1
                words += ch
        if words.strip():
            finish(first, words)
    return out


def levels_given(town: Town) -> str:
    """The government levels the town file names (its superior and county)."""
    return "、".join(town.superior) + (town.county or "")


def measure(town: Town, style: str, seed: int, bank, corpus) -> dict[str, list[str]]:
    """Every count for one draft, with the findings behind them."""
    blocks = parse(render(town, bank, style, seed))
    text = "\n".join(b.text for b in blocks)
    own = drafter_text(blocks, town)
    clerk = "\n".join(user_strings(town))
    found: dict[str, list[str]] = {c: [] for c in COLUMNS}
    found["acts"] = sorted(set(acts(own)) | {m.group(0) for m in HOOK_ACT.finditer(own)})
    found["outcomes"] = [o for o in outcomes(own) if not shown(o, clerk)]
    found["four"] = [f"{n}: {s}" for n, s in sentences_of(blocks, town) if n >= 4]
    found["twice"] = [m.group(0) for m in TWICE.finditer(text)]
    found["two"] = [m.group(0) for m in TWO.finditer(own)]
    found["yu"] = [m.group(0) for m in YU.finditer(text)]
    found["resolve"] = [m.group(0) for m in RESOLVE.finditer(text)]
    given = levels_given(town)
    found["level"] = [m.group(0) for m in LEVEL.finditer(own) if m.group(0)[0] not in given]
    result = audit(town, [b.text for b in blocks if b.kind not in ("title", "sign", "date")], corpus, "draft")
    found["overlap"] = [str(result.longest)] if result.longest >= 20 else []
    found["longest"] = [str(result.longest)]
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("towns", nargs="*", type=Path)
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args()
    bank, corpus = load_bank(None), load_corpus([], lambda m: None)
    totals = dict.fromkeys(COLUMNS, 0)
    print(f"{'town':<8}{'style':<10}" + "".join(f"{c:>9}" for c in COLUMNS) + f"{'longest':>9}")
    for path in args.towns or TOWNS:
        town = load_town(path)
        for style in STYLES:
            rows = [measure(town, style, seed, bank, corpus) for seed in range(1, args.seeds + 1)]
            counts = {c: sum(len(r[c]) for r in rows) for c in COLUMNS}
            longest = max(int(r["longest"][0]) for r in rows)
            for c in COLUMNS:
                totals[c] += counts[c]
            print(f"{town.town:<8}{style:<10}" + "".join(f"{counts[c]:>9}" for c in COLUMNS) + f"{longest:>9}")
            if args.show:
                for seed, r in enumerate(rows, start=1):
                    for c in COLUMNS:
                        for finding in r[c]:
                            print(f"    seed {seed} {c}: {finding}")
    print("\ntotal: " + ", ".join(f"{c} {totals[c]}" for c in COLUMNS) + "  (target 0 each)")
    return 0 if not any(totals.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
