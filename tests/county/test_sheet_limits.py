"""Issue #18.2-3: the county sheet is read row by row within limits (rows, columns, a cell's length, the workbook
unpacked; README “限制”), and a formula cell without a saved result is named (sheet, cell) with the town's figure
reported missing, not dropped in silence."""

from __future__ import annotations

import zipfile

import openpyxl
from typer.testing import CliRunner

from drafter.build.draft import BuildOptions, build
from drafter.cli.main import app
from drafter.town.sheet import load_sheet
from drafter.town.workbook import SHEET_CELL, SHEET_ROWS, SHEET_UNPACKED
from tests.county.test_figures import sheet, towns_without_indicators

runner = CliRunner()


def test_a_formula_without_a_saved_result_is_named_and_its_figure_reported_missing(tmp_path):
    towns = towns_without_indicators(tmp_path / "各乡镇")
    path = sheet(tmp_path / "统计表.xlsx")
    book = openpyxl.load_workbook(path)
    book.active["B4"] = "=C4*1.1"  # openpyxl saves formulas without their result, as some programs do
    book.save(path)
    read = load_sheet(path)
    assert [(p.key, p.line) for p in read.problems] == [("统计表.xlsx!B4", 4)]
    assert "公式没有保存计算结果，青石镇的“规上工业总产值”本年数缺失" in read.problems[0].message
    refused = runner.invoke(app, ["build", str(towns / "青石镇.yaml"), "--out", str(tmp_path / "d.docx"), "--figures", str(path)])
    assert refused.exit_code == 1 and "统计表.xlsx!B4" in refused.output and not (tmp_path / "d.docx").exists()
    forced = build(towns / "青石镇.yaml", BuildOptions(out=tmp_path / "d.md", fmt="md", figures=path, force=True))
    text = "".join(b.text for b in forced.blocks)
    assert "规上工业总产值【待补充：规上工业总产值本年数值】" in text  # its indicator kept, its value asked for
    assert any("统计表.xlsx!B4" in w for w in forced.warnings)


def test_rows_past_the_limit_are_named_not_read(tmp_path):
    book = openpyxl.Workbook(write_only=True)
    ws = book.create_sheet("表")
    ws.append(["乡镇", "规上工业总产值本年（亿元）"])
    for i in range(SHEET_ROWS + 5):
        ws.append([f"镇{i}", i])
    path = tmp_path / "大表.xlsx"
    book.save(path)
    read = load_sheet(path)
    assert [p.message for p in read.problems][:1] == [f"统计表超过 {SHEET_ROWS} 行，其后的内容没有读取"]
    assert len(read.towns) == SHEET_ROWS - 1


def test_a_cell_too_long_and_whitespace_padding_are_not_read(tmp_path):
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["乡镇", "规上工业总产值本年（亿元）"])
    ws.append(["青石镇" + " " * 30000, 18.91])
    ws.append([" " * 30000, None])  # nothing but padding: an empty cell
    ws.append(["石桥镇", 7.2])
    path = tmp_path / "表.xlsx"
    book.save(path)
    read = load_sheet(path)
    assert [(p.key, p.message.split("（")[0]) for p in read.problems] == [("A2", "单元格内容过长")]
    assert list(read.towns) == ["石桥镇"] and SHEET_CELL < 30000


def test_a_workbook_too_large_unpacked_is_refused_before_it_is_opened(tmp_path):
    path = sheet(tmp_path / "统计表.xlsx")
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as package:
        with package.open("xl/media/padding.bin", "w") as member:
            for _ in range(SHEET_UNPACKED // (1 << 20) + 1):
                member.write(b" " * (1 << 20))
    result = runner.invoke(app, ["build", str(towns_without_indicators(tmp_path / "t") / "青石镇.yaml"), "--figures", str(path)])
    assert result.exit_code == 1 and "解压后过大" in result.output, result.output
