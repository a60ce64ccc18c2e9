"""Property (#18.1): a town file is generated and built; random structural edits (facts, items, sections and
indicators inserted, deleted, moved; a what renamed; a unit changed) and new values are made to the town file;
`drafter update --force` runs. Every figure it writes sits beside the phrase it belongs to and equals the town file's
value; every figure whose value changed and whose phrase can be told is written; the rest is listed.
UPDATE_EXAMPLES=500 python -m pytest tests/update/test_update_props.py runs a longer campaign."""

from __future__ import annotations

import copy
import os
import re
import zipfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from drafter.build.draft import BuildOptions, build
from drafter.ooxml import revise
from drafter.update.apply import UpdateOptions, update
from drafter.write import marks
from tests.update.test_identity import strip_identities

LETTERS = "ABCDEFGHJK"
what = st.sampled_from([f"完成{c}项工作" for c in LETTERS])  # none is a part of another, nor of drafter's own words
part_what = st.sampled_from([None, None, "其中S类", "其中T类"])
unit = st.sampled_from(["户", "亩", "万元", "人", ""])
amount = st.one_of(st.integers(1, 90000), st.decimals(1, 1000, places=1).map(float))
value_fact = st.fixed_dictionaries({"what": what, "value": amount, "unit": unit},
                                   optional={"previous": st.integers(1, 90000), "target": st.integers(1, 90000)})
ratio_fact = st.fixed_dictionaries({"what": what, "ratio": st.tuples(st.integers(0, 500), st.integers(500, 900)).map(list)},
                                   optional={"count": st.just("参与X"), "unit": st.just("人")}).map(
    lambda d: {**d, "unit": "人"} if "count" in d else {k: v for k, v in d.items() if k != "unit"})
parts_fact = st.fixed_dictionaries({"what": what, "figures": st.lists(
    st.fixed_dictionaries({"value": st.integers(1, 900), "unit": st.sampled_from(["户", "人"])}, optional={"what": part_what}).map(
        lambda d: {k: v for k, v in d.items() if v is not None}), min_size=1, max_size=2)})
fact = st.one_of(value_fact, value_fact, ratio_fact, parts_fact, st.just("文字事实"))
item = st.fixed_dictionaries({"facts": st.lists(fact, min_size=1, max_size=4)}, optional={"title": st.sampled_from(["甲项工作", "乙项工作"])})
section = st.fixed_dictionaries({"topic": st.sampled_from(["农业", "项目建设", "民生保障"]), "items": st.lists(item, min_size=1, max_size=3)})
indicator = st.fixed_dictionaries({"name": st.sampled_from([f"{c}类指标" for c in "PQRSTU"]), "value": amount,
                                   "unit": st.sampled_from(["万元", "亿元", "元"])},
                                  optional={"previous": st.integers(1, 90000), "target": st.integers(1, 90000)})
town = st.fixed_dictionaries({"town": st.just("青石镇"), "year": st.just(2024), "indicators": st.lists(indicator, max_size=3),
                              "sections": st.lists(section, min_size=1, max_size=3), "plans": st.lists(section, max_size=2),
                              "settings": st.fixed_dictionaries({"table": st.booleans()})})
# an edit: what to do, and where (indices taken modulo the lists' lengths)
edit = st.tuples(st.sampled_from(["insert", "delete", "move", "swap_items", "swap_sections", "swap_indicators", "drop_indicator",
                                  "rename", "unit", "value", "value", "value"]),
                 st.integers(0, 50), st.integers(0, 50), st.integers(0, 50), fact, amount)


def facts_lists(data: dict) -> list[list]:
    return [item["facts"] for group in ("sections", "plans") for s in data[group] for item in s["items"]]


def apply(data: dict, edits: list) -> dict:
    """The town file data after the edits."""
    data = copy.deepcopy(data)
    for n, (kind, a, b, c, new_fact, new_value) in enumerate(edits):
        lists = facts_lists(data)
        facts = lists[a % len(lists)]
        figures = [f for f in facts if isinstance(f, dict)]
        if kind == "insert":
            facts.insert(b % (len(facts) + 1), copy.deepcopy(new_fact))
        elif kind == "delete" and len(facts) > 1:
            facts.pop(b % len(facts))
        elif kind == "move":
            lists[c % len(lists)].insert(0, facts.pop(b % len(facts))) if len(facts) > 1 else None
        elif kind == "swap_items" or kind == "swap_sections":
            group = data["sections"] if a % 2 or not data["plans"] else data["plans"]
            items = group if kind == "swap_sections" else group[b % len(group)]["items"]
            i, j = b % len(items), c % len(items)
            items[i], items[j] = items[j], items[i]
        elif kind == "swap_indicators" and data["indicators"]:
            inds = data["indicators"]
            i, j = b % len(inds), c % len(inds)
            inds[i], inds[j] = inds[j], inds[i]
        elif kind == "drop_indicator" and data["indicators"]:
            data["indicators"].pop(b % len(data["indicators"]))
        elif kind == "rename" and figures:
            figures[b % len(figures)]["what"] = f"完成Z{n}项工作"
        elif kind == "unit" and figures:
            f = figures[b % len(figures)]
            if "value" in f:
                f["unit"] = "公顷" if f.get("unit") != "公顷" else "亩"
        elif kind == "value":
            targets = figures + data["indicators"]
            if targets:
                f = targets[b % len(targets)]
                if "value" in f:
                    f["value"] = new_value
                elif "ratio" in f:
                    f["ratio"][0] = min(int(new_value) % 500, f["ratio"][1])
                elif "figures" in f:
                    f["figures"][0]["value"] = int(new_value) % 900 + 1
    return data


def identity(data: dict, key: str, form: str) -> tuple | None:
    """The test's own reading of what the figure at key stands for: (group, topic, what, part, unit, kind), title."""
    match = marks.KEY.match(key)
    if not match:
        return None
    group, si, ii, fi, pi, tail = match.groups()
    kind = {"ratio": "rate", "ratio[0]": "count"}.get(tail, tail)
    rate = kind in ("change", "completion", "rate")
    try:
        if group == "indicators":
            ind = data["indicators"][int(si)]
            shown = "亿元" if form == "t" and ind["unit"] == "万元" and ind["value"] >= 10000 else ind["unit"]
            return (group, "", ind["name"], "", "%" if rate else shown, kind), ""
        section = data[group][int(si)]
        item = section["items"][int(ii)]
        f = item["facts"][int(fi)]
        part = f["figures"][int(pi)] if pi is not None else None
        word = (part.get("what") or "") if part is not None else (f.get("count") or "") if kind == "count" else ""
        unit_ = (part or f).get("unit", "")
        return (group, section["topic"], f["what"], word, "%" if rate else unit_, kind), item.get("title", "")
    except (IndexError, KeyError, TypeError, AttributeError):  # a key the data does not have, or a text fact
        return None


def marked(path: Path) -> dict[int, tuple[marks.Mark, str, str, list[str] | None]]:
    """Each mark by its place among the figures: (mark, text, its paragraph's text before it, its table row)."""
    with zipfile.ZipFile(path) as package:
        root = revise.parse_xml(package.read("word/document.xml"))
    out = {}
    for found in revise.find_bookmarks(root, lambda n: marks.parse(n) is not None):
        mark = marks.parse(found.name)
        out[mark.number] = (mark, found.text, revise.text_before(found), revise.row_texts(found))
    return out


def expected(old: dict, olds: list[tuple[str, str]], new: dict, fresh: dict[tuple[str, str], str], key: str, form: str,
             old_draft: bool) -> str | None:
    """The key of the new town file's figure the mark at key stands for, when it can be told (else None), by the
    rule update promises: its identity found once in the old draft and once in the new file (or once with its item's
    title); in an old draft, the figure at its own key, of the same phrase, unit and kind, that phrase found once."""
    core, title = identity(old, key, form)
    if old_draft:
        def phrase(i: tuple) -> tuple:  # group, what, part, kind: what the text shows
            return (i[0], i[2], i[3], i[5])

        if core[5] in ("change", "completion") and form == "p":  # right after its own figure, itself told
            base = key.rsplit(".", 1)[0] + ".value"
            told = (key, form) in fresh and expected(old, olds, new, fresh, base, form, True) == base
            return key if told else None  # (a figure the new file no longer has cannot be told: it is gone)
        there = identity(new, key, form)
        same_new = [k for (k, f) in fresh if f == form and (i := identity(new, k, f)) and phrase(i[0]) == phrase(core)]
        same_old = [k for (k, f) in olds if f == form and (i := identity(old, k, f)) and phrase(i[0]) == phrase(core)]
        ok = there is not None and phrase(there[0]) == phrase(core) and same_new == [key] and same_old == [key] and core[5] != "count"
        return key if ok else None
    before = [identity(old, k, f) for (k, f) in olds if f == form]
    found = [(k, i[1]) for (k, f) in fresh if f == form and (i := identity(new, k, f)) and i[0] == core]
    if len(found) == 1 and sum(1 for o in before if o[0] == core) == 1:
        return found[0][0]
    titled = [k for k, t in found if t == title]
    if len(titled) == 1 and sum(1 for o in before if o == (core, title)) == 1:
        return titled[0]
    return None


# FUZZ_NO_SHRINK=1: report a failing example as found (shrinking a structural edit can take many minutes)
PHASES = tuple(p for p in Phase if p != Phase.shrink or not os.environ.get("FUZZ_NO_SHRINK"))


A_WORK = {"what": "完成A项工作", "value": 1, "unit": "户"}
# Found by CI: an old draft's rate after 一是 was not counted as showing its phrase, so its twin after 二是 was taken
# as the only one and written; and a change whose figure the new file no longer has (the test's own oracle).
TWO_RATES = {"town": "青石镇", "year": 2024, "indicators": [], "plans": [], "settings": {"table": False},
             "sections": [{"topic": "农业", "items": [{"facts": [{"what": "完成A项工作", "ratio": [1, 500]}, A_WORK]},
                                                     {"facts": [{"what": "完成A项工作", "ratio": [0, 500]}], "title": "甲项工作"}]}]}
TWO_RATES_EDITS = [("insert", 0, 1, 0, "文字事实", 1), ("insert", 0, 0, 0, A_WORK, 1), ("insert", 1, 1, 0, A_WORK, 1),
                   ("delete", 1, 0, 0, A_WORK, 1), ("delete", 0, 0, 0, "文字事实", 1), ("move", 0, 0, 1, "文字事实", 1)]
GONE_CHANGE = {"town": "青石镇", "year": 2024, "indicators": [], "plans": [], "settings": {"table": False},
               "sections": [{"topic": "农业", "items": [{"facts": [{**A_WORK, "previous": 1}]}]}]}


@settings(max_examples=int(os.environ.get("UPDATE_EXAMPLES", 25)), deadline=None, phases=PHASES,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=town, edits=st.lists(edit, min_size=1, max_size=6), style=st.sampled_from(["numbered", "topical", "congress"]),
       old_draft=st.booleans())
@example(data=TWO_RATES, edits=TWO_RATES_EDITS, style="numbered", old_draft=True)
@example(data=GONE_CHANGE, edits=[("insert", 0, 1, 0, A_WORK, 1), ("delete", 0, 0, 0, "文字事实", 1)], style="numbered", old_draft=True)
def test_update_writes_every_figure_beside_its_own_phrase(tmp_path_factory, data, edits, style, old_draft):
    folder = tmp_path_factory.mktemp("upd")
    path = folder / "town.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    draft = build(path, BuildOptions(style=style, out=folder / "d.docx")).path
    if old_draft:
        strip_identities(draft)
    before = marked(draft)
    olds = [(m.key, m.form) for m, *_ in before.values()]
    new = apply(data, edits)
    path.write_text(yaml.safe_dump(new, allow_unicode=True, sort_keys=False), "utf-8")
    fresh = {(m.key, m.form): text for m, text, *_ in marked(build(path, BuildOptions(style=style, out=folder / "f.docx")).path).values()}
    report = update(path, draft, UpdateOptions(out=folder / "u.docx", force=True))
    after = marked(report.path) if report.path is not None else before
    listed = {c.key for c in report.conflicts + report.dropped}
    assert after.keys() == before.keys()
    for number, (mark, text, words, row) in after.items():
        old_text = before[number][1]
        (group, topic, what, part, unit_, kind), _ = identity(data, mark.key, mark.form)
        # the draft's words before the figure are its phrase (a table cell: its indicator's row)
        assert (part or what) in words if mark.form == "p" else row is not None and row[0] == what, (mark, words, row)
        key = expected(data, olds, new, fresh, mark.key, mark.form, old_draft)
        if text != old_text:  # written: the town file's value for this very phrase
            assert key is not None, ("written though it cannot be told", mark, old_text, text)
            assert text == fresh[(key, mark.form)], ("wrong value", mark, key, text, fresh[(key, mark.form)])
            if old_draft and kind not in ("change", "completion", "rate"):  # an old draft: the unit it shows, kept
                assert re.sub(r"[约余\d.\-]", "", text) == re.sub(r"[约余\d.\-]", "", old_text), (mark, old_text, text)
        elif key is not None and fresh[(key, mark.form)] != old_text:  # changed, and can be told: written (an old draft: listed)
            assert old_draft and mark.key in listed, ("not written", mark, key, old_text, fresh[(key, mark.form)])
        elif key is None:  # cannot be told: listed, unless every figure it could be reads as it does
            if old_draft:
                could = {fresh[(mark.key, mark.form)]} if (mark.key, mark.form) in fresh else set()
            else:
                could = {fresh[kf] for kf in fresh if kf[1] == mark.form and (i := identity(new, *kf)) and i[0] == (group, topic, what, part, unit_, kind)}
            assert (could and could == {old_text}) or mark.key in listed, ("not listed", mark, could, old_text)
