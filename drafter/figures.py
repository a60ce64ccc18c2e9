"""A town file's indicators filled from the county's statistics sheet: each town's row matched by name, each
indicator by name (or the town file's `column:`), a figure the town file already has checked against the sheet's,
and every figure taken remembering its cell."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from drafter.errors import Problem, SheetError
from drafter.sheet import KIND_NAMES, Sheet, town_key

KINDS = ("value", "previous", "target")
TOWN_LINE = re.compile(r"^town:\s*[\"']?([^\"'#\n]+?)[\"']?\s*(?:#.*)?$", re.M)


def row_for(sheet: Sheet, town: str) -> str | None:
    """The sheet's name for a town's row (matched without spaces and without 乡/镇)."""
    key = town_key(town)
    return next((name for name in sheet.towns if town_key(name) == key), None)


def merge(data: dict, lines: dict, sheet: Sheet, file: str, force: bool = False) -> tuple[dict, dict[int, tuple], list[Problem]]:
    """Town file data (as parsed) with the sheet's figures for its town -> (data, {indicator index: cells}, problems).

    A figure the town file has and the sheet has differently is a problem (with force, the sheet's wins); an
    indicator of the sheet the town file lacks is added with the sheet's unit."""
    problems: list[Problem] = []
    town = data.get("town")
    row = row_for(sheet, town) if isinstance(town, str) else None
    if row is None:
        problems.append(Problem(file, lines.get(("town",)), "town", f"统计表 {sheet.path.name} 中没有“{town}”这一行",
                                "请核对乡镇名称，或在表中补上这一行"))
        return data, {}, problems
    raw = data.get("indicators")
    indicators = [dict(i) if isinstance(i, dict) else i for i in raw] if isinstance(raw, list) else []
    cells: dict[int, tuple] = {}
    for name in sheet.order:
        figures = sheet.towns[row].get(name)
        if not figures:
            continue
        at = next((i for i, ind in enumerate(indicators) if isinstance(ind, dict) and name in (ind.get("name"), ind.get("column"))), None)
        if at is None:
            if "value" not in figures:
                continue
            if not sheet.units.get(name):
                problems.append(Problem(str(sheet.path), sheet.rows[row], name, f"“{name}”的表头没有注明单位", "在表头中写明，如 规上工业总产值（亿元）"))
                continue
            indicators.append({"name": name, "unit": sheet.units[name]})
            at = len(indicators) - 1
        ind = indicators[at]
        unit = sheet.units.get(name)
        if unit and ind.get("unit") and ind["unit"] != unit:
            problems.append(Problem(file, lines.get(("indicators", at, "unit")), f"indicators[{at}].unit",
                                    f"单位与统计表不一致：数据文件写“{ind['unit']}”，表头为“{unit}”", "请统一单位"))
            continue
        for kind in KINDS:
            cell = figures.get(kind)
            if cell is None:
                continue
            mine = ind.get(kind)
            if isinstance(mine, (int, float)) and not isinstance(mine, bool) and Decimal(str(mine)) != cell.value:
                problems.append(Problem(file, lines.get(("indicators", at, kind)), f"indicators[{at}].{kind}",
                                        f"“{ind.get('name')}”的{KIND_NAMES[kind]}数与统计表 {cell.ref} 不一致：数据文件写 {mine}，表中为 {cell.value}",
                                        "核对后改正其中一处；加 --force 则以统计表为准"))
                if not force:
                    continue
            ind[kind] = cell.value
        cells[at] = tuple((kind, figures[kind].ref) for kind in KINDS if kind in figures)
    return {**data, "indicators": indicators}, cells, problems


def town_name(path: Path) -> str | None:
    """The town: line of a town file, read without parsing it (for matching a folder of files to the sheet)."""
    try:
        match = TOWN_LINE.search(path.read_text("utf-8", errors="replace")[:20000])
    except OSError:
        return None
    return match.group(1).strip() if match else None


def unmatched_rows(sheet: Sheet, files: list[Path]) -> list[Problem]:
    """Towns of the sheet with no town file among files."""
    keys = {town_key(n) for n in filter(None, map(town_name, files))}
    return [Problem(str(sheet.path), sheet.rows[name], "", f"表中有“{name}”，但没有它的数据文件", "请补上数据文件，或从表中删去这一行")
            for name in sheet.towns if town_key(name) not in keys]


@lru_cache(maxsize=4)
def cached_sheet(path: Path, mapping: tuple[tuple[str, str], ...], stamp: int) -> Sheet:
    """The sheet read once per process while the file is unchanged (a batch's workers each read it once)."""
    from drafter.sheet import read_sheet

    return read_sheet(path, dict(mapping))


def load_sheet(path: Path, mapping: tuple[tuple[str, str], ...] = ()) -> Sheet:
    """The statistics sheet at path (read and audited)."""
    try:
        stamp = path.stat().st_mtime_ns
    except OSError as exc:
        raise SheetError(Problem(str(path), None, "--figures", "统计表文件不存在或无法读取")) from exc
    return cached_sheet(path, mapping, stamp)


def audit(sheet: Sheet, files: list[Path]) -> list[Problem]:
    """Everything wrong before a batch is built from the sheet: the sheet's own problems, its towns with no town
    file, and each town file's with the sheet (missing row, different figures, different units)."""
    from drafter.errors import DrafterError
    from drafter.load import read_town_data

    problems = list(sheet.problems)
    if len(files) > 1:
        problems += unmatched_rows(sheet, files)
    for path in files:
        try:
            data, lines = read_town_data(path)
        except DrafterError:
            continue  # the build reports a broken town file on its own
        problems += merge(data, lines, sheet, str(path))[2]
    return problems
