"""An .xlsx file -> its first worksheet as a grid of cell values, read row by row within limits (rows, columns, a
cell's length, the package unpacked), with its merged ranges and the formula cells that hold no saved result.
openpyxl is imported only here."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drafter.errors import Problem, SheetError
from drafter.files.textio import DRAFT_LIMIT, MB, read_limited
from drafter.files.zipread import zip_members

# The largest sheet drafter reads (README, “限制”): a county has at most a few hundred towns and indicators.
SHEET_ROWS = 5000
SHEET_COLUMNS = 300
SHEET_CELL = 500  # characters in one cell
SHEET_UNPACKED = 20 * MB


@dataclass
class Grid:
    """The first worksheet: its title, values by (row, column) from 1 (rows and columns past the last value left
    out), merged ranges as (min_row, min_col, max_row, max_col), formula cells without a saved result, and what
    was not read (too many rows or columns, cells too long)."""

    title: str
    sheets: int
    values: dict[tuple[int, int], object] = field(default_factory=dict)
    max_row: int = 0
    max_column: int = 0
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    formulas: set[tuple[int, int]] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)

    def value(self, row: int, col: int) -> object:
        return self.values.get((row, col))


def coordinate(row: int, col: int) -> str:
    """(5, 3) -> 'C5'."""
    letters = ""
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row}"


def read_grid(path: Path) -> Grid:
    """The first worksheet of the workbook at path; a file that is not a workbook, too large unpacked, or has no
    worksheet is a SheetError."""
    raw = read_limited(path, DRAFT_LIMIT, SheetError, "统计表")
    zip_members(raw, str(path), SheetError, SHEET_UNPACKED, " Excel 工作簿（.xlsx）")
    try:
        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        if not book.worksheets:
            raise SheetError(Problem(str(path), None, "--figures", "工作簿中没有工作表（只有图表或为空）", "请把数据放在第一个工作表中"))
        ws = book.worksheets[0]
        grid = Grid(ws.title, len(book.worksheets))
        fill(grid, ws, path)
        declared = ws.max_row if isinstance(ws.max_row, int) else 0
        if declared > SHEET_ROWS and grid.max_row <= SHEET_ROWS and not grid.problems:
            grid.problems.append(Problem(str(path), None, "", f"统计表的范围到第 {declared} 行，超过上限 {SHEET_ROWS} 行，只读取了前 {SHEET_ROWS} 行",
                                         "请删去数据以下多余的行（包括只有格式的空行）"))
        grid.merged = merged(ws)
        if any((r, c) not in grid.values for r in range(1, grid.max_row + 1) for c in range(1, grid.max_column + 1)):
            book._data_only = False  # type: ignore[attr-defined]  # the same read-only sheet parsed again, formulas as written
            formulas(grid, ws)
    except SheetError:
        raise
    except Exception as exc:  # openpyxl raises many types for a file that is not a workbook, zipfile and zlib theirs
        raise SheetError(Problem(str(path), None, "--figures", f"无法作为 Excel 工作簿（.xlsx）打开：{type(exc).__name__}",
                                 "请在 Excel 或 WPS 中另存为 .xlsx")) from exc
    return grid


def fill(grid: Grid, ws: Any, path: Path) -> None:
    """The worksheet's values, a row at a time, at most SHEET_ROWS rows and SHEET_COLUMNS columns; cells longer
    than SHEET_CELL are left out, each named."""
    for r, row in enumerate(ws.iter_rows(max_row=SHEET_ROWS + 1, max_col=SHEET_COLUMNS + 1, values_only=True), start=1):
        for c, value in enumerate(row, start=1):
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            if r > SHEET_ROWS or c > SHEET_COLUMNS:
                what = f"超过 {SHEET_ROWS} 行" if r > SHEET_ROWS else f"超过 {SHEET_COLUMNS} 列"
                grid.problems.append(Problem(str(path), r, coordinate(r, c), f"统计表{what}，其后的内容没有读取",
                                             "请删去多余的行和列（包括只有格式的空行），或把数据分成几张表"))
                return
            if isinstance(value, str) and len(value) > SHEET_CELL:
                grid.problems.append(Problem(str(path), r, coordinate(r, c), f"单元格内容过长（{len(value)} 字，上限 {SHEET_CELL} 字），没有读取",
                                             "请检查是否粘贴了多余的内容或空格"))
                continue
            grid.values[(r, c)] = value
            grid.max_row, grid.max_column = max(grid.max_row, r), max(grid.max_column, c)


def merged(ws: Any) -> list[tuple[int, int, int, int]]:
    """The worksheet's merged ranges, from its part streamed (read-only worksheets do not keep them)."""
    from openpyxl.utils.cell import range_boundaries

    from drafter.ooxml.sheet import merged_ranges

    archive, part = getattr(ws.parent, "_archive", None), getattr(ws, "_worksheet_path", None)
    if archive is None or part is None:
        return []
    with archive.open(part) as stream:
        refs = merged_ranges(stream)
    out = []
    for ref in refs:
        try:
            min_col, min_row, max_col, max_row = range_boundaries(ref)
        except (ValueError, TypeError):
            continue
        if min_row is not None and min_col is not None and max_row is not None and max_col is not None:
            out.append((min_row, min_col, min(max_row, SHEET_ROWS), min(max_col, SHEET_COLUMNS)))
    return out


def formulas(grid: Grid, ws: Any) -> None:
    """The cells of the area read that hold a formula but no saved result (a file saved by a program that does not
    calculate): their value is unknown, not empty."""
    rows = ws.iter_rows(max_row=grid.max_row, max_col=grid.max_column, values_only=True)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if isinstance(value, str) and value.startswith("=") and (r, c) not in grid.values:
                grid.formulas.add((r, c))

