"""The statistics sheet against a county's town files, before a batch is built: the sheet's own problems, its
towns with no town file, and each town file's figures against the sheet's."""

from __future__ import annotations

import re
from pathlib import Path

from drafter.errors import DrafterError, Problem
from drafter.town.load import read_town_data
from drafter.town.sheet import Sheet, town_key
from drafter.town.sheet_merge import merge

TOWN_LINE = re.compile(r"^town:\s*[\"']?([^\"'#\n]+?)[\"']?\s*(?:#.*)?$", re.M)


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


def audit(sheet: Sheet, files: list[Path]) -> list[Problem]:
    """Everything wrong before a batch is built from the sheet: the sheet's own problems, its towns with no town
    file, and each town file's with the sheet (missing row, different figures, different units)."""
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

