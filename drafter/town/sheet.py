"""The county's statistics sheet (.xlsx, a row per town) -> each town's indicator figures with the cell each came
from, after an audit of the sheet: numbers stored as text, thousands separators, merged cells in the data, subtotal
rows inside the data, towns listed twice, values that are not numbers, formulas without a saved result. The workbook is
read row by row within limits (town.workbook)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from drafter.errors import Problem, SheetError
from drafter.town.workbook import Grid, coordinate, read_grid
from drafter.tuples import NamedTuple

TOWN_HEADERS = ("乡镇", "乡镇名称", "乡（镇）", "乡(镇)", "乡镇（街道）", "乡镇(街道)", "单位", "单位名称", "地区")
KINDS = {"previous": ("上年同期", "上年", "去年", "同期"), "target": ("目标任务", "年度目标", "目标", "任务", "计划"),
         "value": ("本年", "今年", "本期", "完成", "实际")}
KIND_NAMES = {"value": "本年", "previous": "上年", "target": "目标"}
TOTALS = ("合计", "总计", "小计", "全县", "全区", "全市", "全镇")
EMPTY = {"", "-", "—", "－", "/", "／", "无", "空"}
UNIT = re.compile(r"[（(]([^（）()]+)[)）]\s*$")
NUMBER_TEXT = re.compile(r"\s*-?[0-9][0-9,，]*(\.[0-9]+)?\s*")
# How far down a sheet its header row may stand (title rows above it).
HEADER_SEARCH = 10


@dataclass(frozen=True)
class Column:  # not a NamedTuple: its field would shadow tuple.index
    """A data column: the indicator it holds, the indicator's unit (from the header), and which figure."""

    index: int
    name: str
    unit: str
    kind: str  # value | previous | target


class Cell(NamedTuple):
    """One figure of the sheet and where it stands."""

    value: Decimal
    ref: str  # 统计表.xlsx!C5


class Sheet(NamedTuple):
    """The sheet read: each town's figures {indicator: {kind: Cell}}, the indicators' units, the audit's problems."""

    path: Path
    towns: dict[str, dict[str, dict[str, Cell]]]
    units: dict[str, str]
    order: list[str]  # indicators in the sheet's column order
    rows: dict[str, int]
    problems: list[Problem]
    unknown: dict[str, set[str]] | None = None  # town -> indicators whose 本年 cell is a formula without a saved result


def town_key(name: str) -> str:
    """A town's name as rows and town files are matched: without spaces or a trailing 乡/镇/街道."""
    name = re.sub(r"\s+", "", name)
    return re.sub(r"(街道|乡|镇)$", "", name) or name


def split_header(text: str) -> tuple[str, str, str]:
    """'规上工业总产值（亿元）本年' -> (name, unit, kind); kind '' when the header names none."""
    text = re.sub(r"\s+", "", text)
    kind = next((k for k, words in KINDS.items() if any(w in text for w in words)), "")
    if kind:
        word = next(w for w in KINDS[kind] if w in text)
        text = text.replace(word, "")
    text = re.sub(r"[（(](数|值)?[)）]", "", text)
    unit_match = UNIT.search(text)
    unit = unit_match.group(1) if unit_match else ""
    name = UNIT.sub("", text).strip("：:·-— ")
    return name, unit, kind


def read_sheet(path: Path, mapping: dict[str, str] | None = None) -> Sheet:
    """Read and audit the first worksheet of an .xlsx; mapping renames the sheet's indicators to the town files'."""
    grid = read_grid(path)
    where = path.name if grid.sheets == 1 else f"{path.name}!{grid.title}"
    reader = Reader(path, grid, where, mapping or {})
    return reader.read()


class Reader:
    """Reads one worksheet: its header, its data rows, and what is wrong with them."""

    def __init__(self, path: Path, grid: Grid, where: str, mapping: dict[str, str]) -> None:
        self.path, self.grid, self.where, self.mapping = path, grid, where, mapping
        self.problems: list[Problem] = list(grid.problems)
        self.merged: dict[tuple[int, int], tuple[int, int, int, int]] = {}
        for merged in grid.merged:
            min_row, min_col, max_row, max_col = merged
            for row in range(min_row, max_row + 1):
                for col in range(min_col, max_col + 1):
                    self.merged[(row, col)] = merged

    def problem(self, row: int | None, coord: str, message: str, hint: str = "") -> None:
        self.problems.append(Problem(str(self.path), row, coord, message, hint))

    def text(self, row: int, col: int) -> str:
        """A header cell's text; a merged range's value read at its top-left cell."""
        merged = self.merged.get((row, col))
        value = self.grid.value(merged[0], merged[1]) if merged else self.grid.value(row, col)
        return "" if value is None else str(value).strip()

    def header(self) -> tuple[int, int, int]:
        """(header row, its last row (2 with a row of 本年/上年/目标 under merged names), the town column)."""
        last_col = self.grid.max_column
        for row in range(1, min(self.grid.max_row, HEADER_SEARCH) + 1):
            for col in range(1, last_col + 1):
                if re.sub(r"\s+", "", self.text(row, col)) in TOWN_HEADERS:
                    below = [split_header(self.text(row + 1, c))[2] for c in range(col + 1, last_col + 1)]
                    names_below = [split_header(self.text(row + 1, c))[0] for c in range(col + 1, last_col + 1)]
                    two = any(below) and not any(names_below)
                    return row, row + 1 if two else row, col
        raise SheetError(Problem(str(self.path), None, "", f"前 {HEADER_SEARCH} 行中找不到乡镇名称列的表头",
                                 f"请把乡镇名称所在列的表头写作：{'、'.join(TOWN_HEADERS[:3])}"))

    def columns(self, first: int, last: int, town_col: int) -> list[Column]:
        """The indicator columns right of the town column."""
        out = []
        for col in range(town_col + 1, self.grid.max_column + 1):
            top = self.text(first, col)
            name, unit, kind = split_header(top)
            if last > first:
                kind = split_header(self.text(last, col))[2] or kind
            if not name:
                continue
            coord = coordinate(first, col)
            if not kind:
                self.problem(first, coord, f"表头“{top}”看不出是本年、上年还是目标", "在表头中写明：本年、上年或目标")
                continue
            out.append(Column(col, self.mapping.get(name, name), unit, kind))
        seen: dict[tuple[str, str], int] = {}
        for column in out:
            if (column.name, column.kind) in seen:
                self.problem(first, coordinate(first, column.index), f"“{column.name}”的{KIND_NAMES[column.kind]}数有两列", "请删去其中一列")
            seen[(column.name, column.kind)] = column.index
        return out

    def number(self, row: int, col: int, town: str, column: Column) -> Decimal | None:
        """A data cell's number (None when empty or a dash); text that is a number is a problem, still read; a
        formula without a saved result is a problem and the town's figure is missing."""
        value, coord = self.grid.value(row, col), coordinate(row, col)
        if (row, col) in self.grid.formulas:
            self.problem(row, f"{self.where}!{coord}", f"公式没有保存计算结果，{town}的“{column.name}”{KIND_NAMES[column.kind]}数缺失",
                         "在 Excel 或 WPS 中打开统计表，重新计算后保存；或把公式换成数值")
            return None
        if value is None or isinstance(value, bool):
            return None
        if isinstance(value, (int, float)):
            return Decimal(str(value))
        text = str(value).strip()
        if text in EMPTY:
            return None
        if NUMBER_TEXT.fullmatch(text):
            thousands = "," in text or "，" in text
            self.problem(row, coord, f"数字以文本形式存储（“{text}”）" + ("，且带千位分隔符" if thousands else ""),
                         "在 Excel 中选中该列，“分列”或“转换为数字”" + ("，并去掉逗号" if thousands else ""))
            return Decimal(text.replace(",", "").replace("，", ""))
        self.problem(row, coord, f"“{text[:30]}”不是数字", "请填数字，没有数据的留空")
        return None

    def read(self) -> Sheet:
        first, last, town_col = self.header()
        columns = self.columns(first, last, town_col)
        towns: dict[str, dict[str, dict[str, Cell]]] = {}
        rows: dict[str, int] = {}
        unknown: dict[str, set[str]] = {}
        seen: dict[str, int] = {}  # town_key -> row
        total_at = None
        for row in range(last + 1, self.grid.max_row + 1):
            name = self.text(row, town_col)
            coord = coordinate(row, town_col)
            if not name:
                continue
            if (row, town_col) in self.merged or any((row, c.index) in self.merged for c in columns):
                merged = self.merged.get((row, town_col)) or next(self.merged[(row, c.index)] for c in columns if (row, c.index) in self.merged)
                self.problem(row, coord, f"数据区有合并单元格（{coordinate(merged[0], merged[1])}:{coordinate(merged[2], merged[3])}）",
                             "请取消合并，每个乡镇一行、每格一个数")
                continue
            if name.startswith(TOTALS) or name.endswith(("合计", "小计", "总计")):
                total_at = total_at or (row, coord, name)
                continue
            if total_at is not None:
                t_row, t_coord, t_name = total_at
                self.problem(t_row, t_coord, f"“{t_name}”行夹在各乡镇数据中间", "请把合计、小计行移到表末或删去")
                total_at = None
            if town_key(name) in seen:
                self.problem(row, coord, f"“{name}”在表中出现了两次（又见第 {seen[town_key(name)]} 行）", "请删去重复的一行")
                continue
            seen[town_key(name)] = row
            figures: dict[str, dict[str, Cell]] = {}
            for column in columns:
                value = self.number(row, column.index, name, column)
                if value is not None:
                    ref = f"{self.where}!{coordinate(row, column.index)}"
                    figures.setdefault(column.name, {})[column.kind] = Cell(value, ref)
            towns[name], rows[name] = figures, row
            lost = {c.name for c in columns if c.kind == "value" and (row, c.index) in self.grid.formulas}
            if lost:
                unknown[name] = lost
        units: dict[str, str] = {}
        for column in columns:
            units.setdefault(column.name, column.unit)
        order = list(dict.fromkeys(c.name for c in columns))
        return Sheet(self.path, towns, units, order, rows, self.problems, unknown)


@lru_cache(maxsize=4)
def cached_sheet(path: Path, mapping: tuple[tuple[str, str], ...], stamp: int) -> Sheet:
    """The sheet read once per process while the file is unchanged (a batch's workers each read it once)."""
    return read_sheet(path, dict(mapping))


def load_sheet(path: Path, mapping: tuple[tuple[str, str], ...] = ()) -> Sheet:
    """The statistics sheet at path (read and audited)."""
    try:
        stamp = path.stat().st_mtime_ns
    except OSError as exc:
        raise SheetError(Problem(str(path), None, "--figures", "统计表文件不存在或无法读取")) from exc
    return cached_sheet(path, mapping, stamp)
