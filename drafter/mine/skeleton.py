"""Report trees -> per-style skeletons: ordered part kinds, their headings and the topics under them."""

from __future__ import annotations

from collections import Counter, defaultdict

from drafter.mine.extract import generalise
from drafter.mine.structure import Report, Section


def part_outline(report: Report, part: Section) -> dict:
    """One top-level part -> kind, level, generalised heading and its children's topics."""
    return {
        "kind": part.kind,
        "level": part.level,
        "heading": generalise(part.heading, report) if part.heading else "",
        "children": [{"heading": generalise(c.heading, report), "topics": c.topics} for c in part.children],
        "topics": part.topics,
    }


def mine_skeletons(reports: list[Report]) -> dict:
    """Style -> {reports, parts (typical order with counts), outlines per report}."""
    by_style: dict[str, list[Report]] = defaultdict(list)
    for report in reports:
        by_style[report.style].append(report)
    skeletons = {}
    for style in sorted(by_style):
        group = sorted(by_style[style], key=lambda r: r.name)
        positions: dict[str, list[float]] = defaultdict(list)
        topics: dict[str, Counter] = defaultdict(Counter)
        headings: dict[str, Counter] = defaultdict(Counter)
        for report in group:
            parts = [p for p in report.parts if p.level <= 1]
            for i, part in enumerate(parts):
                positions[part.kind].append(i / max(1, len(parts) - 1))
                if part.heading:
                    headings[part.kind][generalise(part.heading, report)] += 1
                for section in part.walk():
                    topics[part.kind].update(section.topics)
        order = sorted(positions, key=lambda k: (sum(positions[k]) / len(positions[k]), k))
        skeletons[style] = {
            "reports": [r.name for r in group],
            "parts": [
                {
                    "kind": kind,
                    "reports": len({r.name for r in group if any(p.kind == kind for p in r.parts)}),
                    "headings": sorted(headings[kind], key=lambda h: (-headings[kind][h], h)),
                    "topics": sorted(topics[kind], key=lambda t: (-topics[kind][t], t)),
                }
                for kind in order
            ],
            "outlines": {r.name: [part_outline(r, p) for p in r.parts] for r in group},
        }
    return skeletons
