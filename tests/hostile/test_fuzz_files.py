"""Property (#18.5): whatever draft or county sheet a clerk hands drafter — damaged bytes, a cut-off file, a mangled
document part or manifest, renamed or broken marks, a sheet of any cells, merges and formulas — `update`, `check` and
`build --figures` end with a result or a Chinese error (never an internal error, never a traceback), and an error
writes nothing. FUZZ_EXAMPLES=3000 scales these campaigns with the town-file one (tests/hostile/test_fuzz.py);
FUZZ_REPORT=file.jsonl records their counts and slowest example."""

from __future__ import annotations

import io
import os
import random
import re
import zipfile
from functools import lru_cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from drafter.cli.main import app
from tests.conftest import EXAMPLES
from tests.hostile.fuzzing import timed
from tests.hostile.test_fuzz import mutate

runner = CliRunner()
# each campaign runs a third of FUZZ_EXAMPLES (a few, the same each time, in the ordinary test run)
SETTINGS = settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", 30)) // 3, deadline=None, derandomize=not os.environ.get("FUZZ_EXAMPLES"),
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large])
BASE = (EXAMPLES / "青石镇.yaml").read_text("utf-8")
VALUES = re.findall(r"value: ([0-9.]+)", BASE)


@lru_cache(maxsize=2)
def pristine(table: bool) -> bytes:
    """A draft of the example (with the indicator table or not), built once."""
    import tempfile

    from drafter.build.draft import BuildOptions, build

    with tempfile.TemporaryDirectory(prefix="drafter-fuzz-") as name:  # removed after: a test run leaves no folder behind
        folder = Path(name)
        town = folder / "t.yaml"
        town.write_text(BASE + ("settings:\n  table: true\n" if table else ""), "utf-8")
        return build(town, BuildOptions(out=folder / "d.docx")).path.read_bytes()


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {n: package.read(n) for n in package.namelist()}


def repack(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as package:
        for name, data in members.items():
            package.writestr(name, data)
    return out.getvalue()


def damage(data: bytes, how: int, rng: random.Random, junk: bytes) -> bytes:
    """A draft broken one way in ten, as drafts get broken (or left whole)."""
    members = parts(data)
    doc = members["word/document.xml"].decode("utf-8")
    way = how % 11
    if way == 0:
        return data
    if way == 1:  # bytes flipped anywhere
        out = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            out[rng.randrange(len(out))] ^= rng.randrange(1, 256)
        return bytes(out)
    if way == 2:  # cut off
        return data[: rng.randrange(len(data))]
    if way == 3:  # the document part cut, or junk pasted into it
        at = rng.randrange(len(doc))
        members["word/document.xml"] = (doc[:at] + junk.decode("latin-1") + doc[at + rng.randrange(50):]).encode("utf-8")
    elif way == 4:  # bookmark starts or ends dropped, duplicated or moved
        tags = re.findall(r"<w:bookmark(?:Start|End)[^>]*/>", doc)
        for tag in rng.sample(tags, min(len(tags), rng.randint(1, 6))):
            choice = rng.randrange(3)
            doc = doc.replace(tag, "" if choice == 0 else tag * 2 if choice == 1 else "", 1)
            if choice == 2:
                at = rng.randrange(len(doc))
                at = doc.rfind(">", 0, at) + 1
                doc = doc[:at] + tag + doc[at:]
        members["word/document.xml"] = doc.encode("utf-8")
    elif way == 5:  # mark names rewritten: another key, another CRC, not drafter's at all
        names = re.findall(r'w:name="(_dr[^"]*)"', doc)
        for name in rng.sample(names, min(len(names), rng.randint(1, 8))):
            new = rng.choice([name.upper(), name[:-3], name.replace("_dr", "_dr9", 1), re.sub(r"[0-9a-f]{8}", "00000000", name),
                              re.sub(r"_S(\d)", lambda m: f"_S{int(m.group(1)) + 1}", name), "_dr1p_I0v_" + junk.hex()[:8]])
            doc = doc.replace(f'w:name="{name}"', f'w:name="{new}"', 1)
        members["word/document.xml"] = doc.encode("utf-8")
    elif way == 6:  # the manifest damaged
        custom = members.get("docProps/custom.xml", b"").decode("utf-8")
        chunks = re.findall(r"<vt:lpwstr>(.*?)</vt:lpwstr>", custom, re.S)
        if chunks:
            target = rng.choice(chunks)
            at = rng.randrange(len(target) + 1)
            custom = custom.replace(target, target[:at] + rng.choice(['"', "]", "null", '"year":"x",', "{", junk.decode("latin-1")])
                                    + target[at:], 1)
        members["docProps/custom.xml"] = custom.encode("utf-8")
    elif way == 7:  # a part dropped
        victim = rng.choice(sorted(members))
        members.pop(victim)
    elif way == 8:  # a figure's text typed over, deleted, or its paragraph emptied
        texts = re.findall(r"<w:t(?: [^>]*)?>([^<]+)</w:t>", doc)
        for text in rng.sample(texts, min(len(texts), rng.randint(1, 10))):
            doc = doc.replace(f">{text}<", f">{rng.choice(['', '九百亩', text[::-1], text + text, junk.decode('latin-1')])}<", 1)
        members["word/document.xml"] = doc.encode("utf-8", "replace")
    elif way == 9:  # stored instead of deflated, or a planted member
        if rng.random() < 0.5:
            return repack(members, zipfile.ZIP_STORED)
        members[f"customXml/item{rng.randrange(99)}.xml"] = junk * rng.randrange(1, 5000)
    else:  # an XML bomb or a DOCTYPE in a part
        members["word/document.xml"] = (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
                                        + members["word/document.xml"].split(b"?>", 1)[-1].replace(b"<w:t>", b"<w:t>&b;", 3))
    return repack(members)


def town_text(how: int, rng: random.Random) -> str:
    """The example's town file with new figures, structural edits, another town or year, or broken YAML."""
    text = BASE
    for value in rng.sample(VALUES, rng.randint(0, 6)):
        text = text.replace(f"value: {value},", f"value: {rng.choice([value, str(rng.randint(0, 99999)), '0.5', '1000000'])},", 1)
    way = how % 6
    if way == 1:  # a fact added at the top of an item, a fact deleted
        text = text.replace("          - 保障351国道", "          - {what: 拆除旧房, value: 17, unit: 栋}\n          - 保障351国道", 1)
        text = text.replace("          - {what: 整改隐患, value: 215, unit: 处}\n", "", 1)
    elif way == 2:
        text = text.replace("town: 青石镇", rng.choice(["town: 白石镇", "town: 青石镇"])).replace("year: 2024", rng.choice(["year: 2023", "year: 2024"]))
    elif way == 3:
        text = mutate(text, rng.randrange(14), rng.randrange(len(text)), "：\x01{")
    elif way == 4:
        text = text.replace("unit: 亩", "unit: 公顷").replace("完成项目征地", "完成征地")
    return text


def no_crash(result, folder: Path, before: set[str], counts) -> None:
    """The command ended as drafter promises: a result (0 or 2) or a Chinese error (1) that wrote nothing."""
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output and "内部错误" not in result.output, result.output
    assert result.exit_code in (0, 1, 2), result.output
    counts[f"exit {result.exit_code}"] += 1
    if result.exit_code == 1:
        assert result.output.startswith("错误") or "错误：" in result.output, result.output
        assert {p.name for p in folder.iterdir()} == before, result.output


@SETTINGS
@given(how=st.integers(0, 10), town_how=st.integers(0, 5), seed=st.integers(0, 2**32 - 1), junk=st.binary(max_size=40),
       table=st.booleans(), track=st.booleans(), force=st.booleans())
def test_update_of_any_draft_ends_in_a_result_or_a_chinese_error(tmp_path_factory, how, town_how, seed, junk, table, track, force):
    rng = random.Random(seed)
    folder = tmp_path_factory.mktemp("upd")
    town, draft = folder / "t.yaml", folder / "d.docx"
    town.write_text(town_text(town_how, rng), "utf-8")
    draft.write_bytes(damage(pristine(table), how, rng, junk))
    before = {p.name for p in folder.iterdir()}
    with timed("update") as counts:
        result = runner.invoke(app, ["update", str(town), str(draft), *(["--track"] if track else []), *(["--force"] if force else [])])
        no_crash(result, folder, before, counts)
        out = folder / "d（更新）.docx"
        if out.exists():  # what update writes is a whole package whose body reads
            from drafter.ooxml import revise

            with zipfile.ZipFile(out) as package:
                assert package.testzip() is None
                revise.parse_xml(package.read("word/document.xml"))


@SETTINGS
@given(how=st.integers(0, 10), town_how=st.integers(0, 5), seed=st.integers(0, 2**32 - 1), junk=st.binary(max_size=40),
       table=st.booleans())
def test_check_of_any_draft_ends_in_a_result_or_a_chinese_error(tmp_path_factory, how, town_how, seed, junk, table):
    rng = random.Random(seed)
    folder = tmp_path_factory.mktemp("chk")
    town, draft = folder / "t.yaml", folder / "d.docx"
    town.write_text(town_text(town_how, rng), "utf-8")
    draft.write_bytes(damage(pristine(table), how, rng, junk))
    before = {p.name for p in folder.iterdir()}
    with timed("check") as counts:
        no_crash(runner.invoke(app, ["check", str(town), str(draft), "--json"]), folder, before, counts)


cell = st.one_of(st.none(), st.integers(-10**6, 10**9), st.floats(allow_nan=False, allow_infinity=False, width=32),
                 st.sampled_from(["18.91", "21,800", "—", "约6千", "", " ", "=B2*2", "=SUM(B2:B3)", "#DIV/0!", "合计", "小计",
                                  "青石镇", "石桥镇", " 青石 ", "乡镇", "本年", "上年", "目标"]),
                 st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=20), st.booleans(), st.dates(),
                 st.just("x" * 600), st.just(" " * 600))
header = st.sampled_from(["规上工业总产值（亿元）本年", "规上工业总产值上年（亿元）", "固定资产投资（万元）目标", "一般公共预算收入本年",
                          "规上工业总产值", "本年", "上年", "（亿元）", "", "乡镇", "单位"])


@SETTINGS
@given(title=st.booleans(), heads=st.lists(header, min_size=1, max_size=7), rows=st.lists(st.lists(cell, max_size=8), max_size=12),
       merges=st.lists(st.tuples(st.integers(1, 14), st.integers(1, 9), st.integers(0, 2), st.integers(0, 2)), max_size=3),
       how=st.integers(0, 5), seed=st.integers(0, 2**32 - 1), force=st.booleans(), strip=st.booleans())
def test_build_with_any_sheet_ends_in_a_draft_or_a_chinese_error(tmp_path_factory, title, heads, rows, merges, how, seed, force, strip):
    import openpyxl

    rng = random.Random(seed)
    folder = tmp_path_factory.mktemp("fig")
    book = openpyxl.Workbook()
    ws = book.active
    if title:
        ws.append(["临溪县各乡镇主要经济指标"])
    ws.append(["乡镇", *heads])
    for row in rows:
        ws.append([rng.choice(["青石镇", "石桥镇", "白沙镇", None]), *row])
    for r, c, dr, dc in merges:
        try:
            ws.merge_cells(start_row=r, start_column=c, end_row=r + dr, end_column=c + dc)
        except ValueError:
            pass
    buffer = io.BytesIO()
    book.save(buffer)
    data = buffer.getvalue()
    if how == 1:
        data = data[: rng.randrange(len(data))]
    elif how == 2:
        out = bytearray(data)
        for _ in range(rng.randint(1, 6)):
            out[rng.randrange(len(out))] ^= rng.randrange(1, 256)
        data = bytes(out)
    sheet = folder / "统计表.xlsx"
    sheet.write_bytes(data)
    town = folder / "青石镇.yaml"
    text = re.sub(r"\nindicators:\n(  - .*\n)+", "\n", BASE) if strip else BASE
    town.write_text(text, "utf-8")
    before = {p.name for p in folder.iterdir()}
    with timed("figures") as counts:
        result = runner.invoke(app, ["build", str(town), "--out", str(folder / "d.docx"), "--figures", str(sheet),
                                     *(["--force"] if force else [])])
        no_crash(result, folder, before, counts)
        assert result.exit_code in (0, 1)
