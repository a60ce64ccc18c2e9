"""How well `drafter init --from` reads last year's reports: a folder of reports and an expected.yaml written by hand
-> per report and per field, what init read against what a reader sees (town, year, style, sections, items, topics,
indicators, promises, promised figures), and the score of each field over the folder.

Run: python bench/init_bench.py FOLDER [FOLDER …]      (each FOLDER holds the reports and expected.yaml)

Two forms of expected.yaml are read: the project's own (tests/init/reports: town, year, style, sections with
heading/items/topic, indicators, promises with figures) and a reader's notes on real pages (town, review_year,
plan_year, sections as headings, plan_items, promises_with_figures, indicators_paragraph), where a field the page
excerpt does not show is left out of the score.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

import yaml

from drafter.errors import DrafterError
from drafter.init.lastyear import LastYear, read_last_year
from drafter.init.source import simplified

FIGURE = re.compile(r"(\d+(?:\.\d+)?)(?:余|多)?(万平方米|平方米|万立方米|立方米|万人次|人次|万亩|亩|公顷|万吨|吨|亿元|万元|元|公里|万羽|羽|"
                    r"个|家|户|人|座|所|条|处|项|次|名|套|台|辆|间|栋|%)")


def norm(text: str | None) -> str:
    """Text compared as a reader compares it: simplified, NFKC, no numbering, spaces or punctuation."""
    text = unicodedata.normalize("NFKC", simplified(text or ""))
    text = re.sub(r"^\s*(?:\(?[一二三四五六七八九十]+[)、]|[一二三四五六七八九十]+是|\d{1,2}[、.])", "", text)
    return re.sub(r"[\s，。；：、,.;:!?！？()（）“”\"'…]", "", text)


def figures_in(text: str) -> set[str]:
    """'…500亩，1.6亿元' -> {'500亩', '1.6亿元'} (traditional characters read as simplified)."""
    return {f"{float(v):g}{u}" for v, u in FIGURE.findall(unicodedata.normalize("NFKC", simplified(text)))}


def matched(expected: list[str], actual: list[str]) -> int:
    """How many expected texts init found (equal, or one inside the other), each actual used once."""
    left = [norm(a) for a in actual]
    count = 0
    for want in (norm(e) for e in expected):
        hit = next((i for i, got in enumerate(left) if got and want and (want == got or want in got or got in want)), None)
        if hit is not None:
            count += 1
            left[hit] = ""
    return count


def expected_year(entry: dict) -> int | None:
    """This year as the town file wants it: the plan year, else the year after the review."""
    if "year" in entry:
        return entry["year"]
    if entry.get("plan_year"):
        return int(entry["plan_year"])
    return int(entry["review_year"]) + 1 if entry.get("review_year") else None


def score(entry: dict, got: LastYear) -> dict[str, tuple[int, int]]:
    """Field -> (right, out of) for one report."""
    out: dict[str, tuple[int, int]] = {}
    out["town"] = (int((got.town or None) == entry.get("town")), 1)
    out["year"] = (int(got.year == expected_year(entry)), 1)
    if "style" in entry:
        out["style"] = (int(got.style == entry["style"]), 1)
    sections = entry.get("sections") or []
    headings = [s["heading"] if isinstance(s, dict) else s for s in sections]
    out["sections"] = (matched(headings, [p.heading for p in got.sections]), max(len(headings), len(got.sections)))
    if sections and isinstance(sections[0], dict):
        right = total = topics = 0
        for want in sections:
            part = next((p for p in got.sections if matched([want["heading"]], [p.heading])), None)
            titles = [i.title or "" for i in part.items if i.title] if part else []
            right += matched(want.get("items") or [], titles)
            total += max(len(want.get("items") or []), len(titles))
            topics += int(part is not None and part.topic == want.get("topic"))
        out["items"] = (right, total)
        out["topics"] = (topics, len(sections))
    if "indicators" in entry:
        want = {(norm(i["name"]), f"{float(i['value']):g}{i['unit']}") for i in entry["indicators"]}
        have = {(norm(i.what), f"{float(i.value):g}{i.unit}" if i.value is not None else "") for i in got.indicators}
        out["indicators"] = (len(want & have), max(len(want), len(have)))
    elif "indicators_paragraph" in entry:
        out["indicators"] = (int(bool(got.indicators) == bool(entry["indicators_paragraph"])), 1)
    texts = [p.said for p in got.promises]
    promised = {f"{float(f.value):g}{f.unit}" for p in got.promises for f in p.figures}
    if "promises" in entry:
        wants = entry["promises"] or []
        out["promises"] = (matched([w["text"] for w in wants], texts), max(len(wants), len(texts)))
        figures = [f for w in wants for f in w.get("figures") or []]
        out["figures"] = (sum(f"{float(FIGURE.match(f).group(1)):g}{FIGURE.match(f).group(2)}" in promised  # type: ignore[union-attr]
                              for f in figures), len(figures))
    else:
        items = entry.get("plan_items") or []
        if items:  # a plan item read as a promise, or as the heading its promises stand under
            out["promises"] = (matched(items, texts + [p.heading for p in got.promises if p.heading]), len(items))
        figures = set().union(*(figures_in(t) for t in entry.get("promises_with_figures") or [])) if entry.get("promises_with_figures") else set()
        if figures:
            out["figures"] = (len(figures & promised), len(figures))
    return out


def run(folder: Path, forms: dict[str, Path] | None = None, show: bool = True) -> dict[str, list[int]]:
    """Score every report of folder (or the given form of each: name -> path); print a line per report and the
    totals; return field -> [right, out of]."""
    entries = yaml.safe_load((folder / "expected.yaml").read_text("utf-8"))
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for entry in entries:
        path = (forms or {}).get(entry["file"], folder / entry["file"])
        try:
            got = read_last_year(path)
        except DrafterError as exc:
            print(f"{path.name}: 读取失败：{exc}")
            for key in ("town", "year"):
                totals[key][1] += 1
            continue
        fields = score(entry, got)
        for key, (right, total) in fields.items():
            totals[key][0] += right
            totals[key][1] += total
        if show:
            wrong = [f"{k} {r}/{t}" for k, (r, t) in fields.items() if r != t]
            print(f"{path.name:<28}{'全对' if not wrong else '；'.join(wrong)}")
    return dict(totals)


def report(name: str, totals: dict[str, list[int]]) -> str:
    """One line: each field's score."""
    cells = [f"{k} {r}/{t} = {r / t:.0%}" for k, (r, t) in totals.items() if t]
    return f"{name}: " + "，".join(cells)


def main(folders: list[str]) -> None:
    for folder in folders:
        totals = run(Path(folder))
        print(report(folder, totals))


if __name__ == "__main__":
    main(sys.argv[1:] or [str(Path(__file__).resolve().parent.parent / "tests" / "init" / "reports")])
