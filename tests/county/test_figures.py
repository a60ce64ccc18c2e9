"""Issue #13: figures from the county's statistics sheet — a row per town, audited before use, each figure
remembering its cell."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from drafter.build.draft import BuildOptions, build
from drafter.cli.main import app
from drafter.town.sheet import load_sheet
from tests.conftest import EXAMPLES

runner = CliRunner()
HEAD = [("规上工业总产值（亿元）", "规上"), ("固定资产投资（万元）", "固投"), ("一般公共预算收入（万元）", "财政")]
ROWS = {"青石镇": [(18.91, 16.58, None), (35031, None, 40000), (6120, 6120, None)],
        "石桥镇": [(7.2, 6.8, None), (21800, 20500, 25000), (3100, 3350, None)]}


def sheet(path: Path, rows: dict = ROWS, total: str | None = "合计", title: bool = True) -> Path:
    """A county office's sheet: a merged title row, merged indicator names over 本年/上年/目标, a total row."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "主要指标"
    top = 2 if title else 1
    if title:
        ws.cell(1, 1, "临溪县2024年各乡镇主要经济指标")
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=1 + 3 * len(HEAD))
    ws.cell(top, 1, "乡镇")
    ws.merge_cells(start_row=top, start_column=1, end_row=top + 1, end_column=1)
    for i, (name, _) in enumerate(HEAD):
        col = 2 + 3 * i
        ws.cell(top, col, name)
        ws.merge_cells(start_row=top, start_column=col, end_row=top, end_column=col + 2)
        for j, kind in enumerate(("本年", "上年", "目标")):
            ws.cell(top + 1, col + j, kind)
    row = top + 2
    for town, values in rows.items():
        ws.cell(row, 1, town)
        for i, triple in enumerate(values):
            for j, value in enumerate(triple):
                if value is not None:
                    ws.cell(row, 2 + 3 * i + j, value)
        row += 1
    if total:
        ws.cell(row, 1, total)
    book.save(path)
    return path


def towns_without_indicators(folder: Path) -> Path:
    """青石镇 and 石桥镇 town files whose indicators are left to the sheet."""
    folder.mkdir(exist_ok=True)
    for name in ("青石镇", "石桥镇"):
        text = (EXAMPLES / f"{name}.yaml").read_text("utf-8")
        text = re.sub(r"\nindicators:\n(  - .*\n)+", "\n", text)
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    return folder


def test_the_sheet_is_read_through_merged_headers(tmp_path):
    read = load_sheet(sheet(tmp_path / "统计表.xlsx"))
    assert read.problems == [] and read.order == ["规上工业总产值", "固定资产投资", "一般公共预算收入"]
    assert read.units["固定资产投资"] == "万元"
    qs = read.towns["青石镇"]
    assert str(qs["规上工业总产值"]["value"].value) == "18.91" and qs["规上工业总产值"]["value"].ref == "统计表.xlsx!B4"
    assert qs["固定资产投资"]["target"].ref == "统计表.xlsx!G4" and "previous" not in qs["固定资产投资"]


def test_a_town_is_built_from_the_sheet_and_its_figures_name_their_cells(tmp_path):
    towns = towns_without_indicators(tmp_path / "各乡镇")
    figures = sheet(tmp_path / "统计表.xlsx")
    result = build(towns / "石桥镇.yaml", BuildOptions(out=tmp_path / "石桥镇.docx", figures=figures, annotate=True))
    text = "".join(b.text for b in result.blocks)
    assert "规上工业总产值实现7.2亿元，同比增长5.9%" in text and "完成全年目标任务的87.2%" in text
    assert "一般公共预算收入为3100万元，同比下降7.5%" in text
    with zipfile.ZipFile(result.path) as package:
        comments = package.read("word/comments.xml").decode()
    assert "本年 统计表.xlsx!B5" in comments and "上年 统计表.xlsx!C5" in comments and "目标 统计表.xlsx!G5" in comments
    checked = runner.invoke(app, ["check", str(towns / "石桥镇.yaml"), str(result.path), "--figures", str(figures), "--json"])
    assert checked.exit_code == 0, checked.output
    unchecked = runner.invoke(app, ["check", str(towns / "石桥镇.yaml"), str(result.path), "--json"])
    assert unchecked.exit_code == 2  # without the sheet the indicators' figures have no source
    assert "7.2" in {f["text"] for f in json.loads(unchecked.output)["numbers"]}


def test_a_county_is_built_from_one_sheet(tmp_path):
    towns = towns_without_indicators(tmp_path / "各乡镇")
    figures = sheet(tmp_path / "统计表.xlsx")
    result = runner.invoke(app, ["build", str(towns), "--out-dir", str(tmp_path / "初稿"), "--figures", str(figures)])
    assert result.exit_code == 0, result.output
    assert "成功 2 个，失败 0 个" in result.output


def test_a_sheet_with_problems_builds_nothing(tmp_path):
    towns = towns_without_indicators(tmp_path / "各乡镇")
    shutil.copy(EXAMPLES / "云岭乡.yaml", towns)  # a town file with no row in the sheet
    path = sheet(tmp_path / "统计表.xlsx", {**ROWS, "合计": [(1, 1, 1)] * 3, "白沙镇": ROWS["石桥镇"]}, total=None)
    book = openpyxl.load_workbook(path)
    ws = book.active
    ws["B5"] = "7.2"  # a number stored as text
    ws["E5"] = "21,800"  # with a thousands separator
    ws["H4"] = "约6千"  # not a number
    book.save(path)
    out = tmp_path / "初稿"
    result = runner.invoke(app, ["build", str(towns), "--out-dir", str(out), "--figures", str(path)])
    assert result.exit_code == 1 and not out.exists()
    for expected in ("[B5]", "数字以文本形式存储（“7.2”）", "[E5]", "千位分隔符", "[H4]", "“约6千”不是数字", "“合计”行夹在各乡镇数据中间",
                     "表中有“白沙镇”，但没有它的数据文件", "统计表 统计表.xlsx 中没有“云岭乡”这一行"):
        assert expected in result.output, expected
    forced = runner.invoke(app, ["build", str(towns), "--out-dir", str(out), "--figures", str(path), "--force"])
    assert "警告（已按 --force 继续）" in forced.output and (out / "石桥镇.docx").exists()


def test_a_figure_that_disagrees_with_the_sheet_names_both_places(tmp_path):
    path = sheet(tmp_path / "统计表.xlsx", {**ROWS, "青石镇": [(19.2, 16.58, None), (35031, None, 40000), (6120, 6120, None)]})
    result = runner.invoke(app, ["build", str(EXAMPLES / "青石镇.yaml"), "--out", str(tmp_path / "d.docx"), "--figures", str(path)])
    assert result.exit_code == 1 and not (tmp_path / "d.docx").exists()
    assert "青石镇.yaml:11 [indicators[0].value]" in result.output
    assert "与统计表 统计表.xlsx!B4 不一致：数据文件写 18.91，表中为 19.2" in result.output
    forced = build(EXAMPLES / "青石镇.yaml", BuildOptions(out=tmp_path / "d.docx", figures=path, force=True))
    assert "规上工业总产值完成19.2亿元" in "".join(b.text for b in forced.blocks) and forced.warnings


def test_indicator_names_can_be_mapped(tmp_path):
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["乡镇名称", "工业总产值本年（亿元）", "工业总产值上年（亿元）"])
    ws.append(["青石", 18.91, 16.58])
    path = tmp_path / "表.xlsx"
    book.save(path)
    result = build(EXAMPLES / "青石镇.yaml", BuildOptions(out=tmp_path / "d.md", fmt="md", figures=path,
                                                       figures_map=(("工业总产值", "规上工业总产值"),)))
    assert "规上工业总产值完成18.91亿元" in "".join(b.text for b in result.blocks)
    listed = runner.invoke(app, ["build", str(EXAMPLES / "青石镇.yaml"), "--out", str(tmp_path / "e.md"), "-f", "md",
                                 "--figures", str(path), "--map", "工业总产值"])
    assert listed.exit_code == 1 and "表中名称=数据文件中名称" in listed.output


@pytest.mark.parametrize("content", [b"", b"not a workbook", b"PK\x03\x04broken"])
def test_a_file_that_is_not_a_workbook_is_a_clear_error(tmp_path, content):
    path = tmp_path / "表.xlsx"
    path.write_bytes(content)
    result = runner.invoke(app, ["build", str(EXAMPLES / "青石镇.yaml"), "--out", str(tmp_path / "d.docx"), "--figures", str(path)])
    assert result.exit_code == 1 and "Excel" in result.output and "Traceback" not in result.output


def test_a_figure_missing_from_the_draft_names_its_cell(tmp_path):
    towns = towns_without_indicators(tmp_path / "各乡镇")
    figures = sheet(tmp_path / "统计表.xlsx")
    bare = build(towns / "青石镇.yaml", BuildOptions(out=tmp_path / "d.docx"))  # built before the sheet came
    result = runner.invoke(app, ["check", str(towns / "青石镇.yaml"), str(bare.path), "--figures", str(figures), "--json"])
    coverage = {f["text"]: f["detail"] for f in json.loads(result.output)["coverage"]}
    assert result.exit_code == 2 and coverage["18.91亿元"] == "indicators[0].value（本年 统计表.xlsx!B4）"
