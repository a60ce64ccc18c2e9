"""A town file's indicators filled from the county's statistics sheet: each town's row matched by name, each
indicator by name (or the town file's `column:`), a figure the town file already has checked against the sheet's,
and every figure taken remembering its cell."""

from __future__ import annotations

from decimal import Decimal

from drafter.errors import Problem
from drafter.town.sheet import KIND_NAMES, Sheet, town_key

KINDS = ("value", "previous", "target")


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
        figures = sheet.towns[row].get(name) or {}
        unknown = name in (sheet.unknown or {}).get(row, set())  # its 本年 cell a formula without a result: 【待补充】
        if not figures and not unknown:
            continue
        at = next((i for i, ind in enumerate(indicators) if isinstance(ind, dict) and name in (ind.get("name"), ind.get("column"))), None)
        if at is None:
            if "value" not in figures and not unknown:
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
