"""What both of drafter's .docx writers share (python-docx's, drafter.write.word, and the quick one, drafter.write.quick):
a draft's core properties and options, the parts a draft writes itself, fixed zip times, and what a cached base or frame
depends on."""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
from typing import TYPE_CHECKING

from drafter.tuples import NamedTuple

if TYPE_CHECKING:
    from drafter.town.model import Town

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
DOCUMENT, CORE, CUSTOM = "word/document.xml", "docProps/core.xml", "docProps/custom.xml"


class DocMeta(NamedTuple):
    """Core properties of the draft, and the document's options."""

    title: str
    author: str
    date: dt.date
    fingerprint: str = ""
    annotate: bool = False
    toc: bool = False
    centred_page_numbers: bool = False
    style: str = ""
    seed: int | None = None
    town: Town | None = None  # the town file's figures: what each mark stands for, and the manifest's town and year

    @property
    def stamp(self) -> dt.datetime:
        """The date as a datetime (core properties and comment dates)."""
        return dt.datetime(self.date.year, self.date.month, self.date.day)


def code_stamp() -> tuple:
    """What a frame (and drafter.write.word's prepared base) depends on: drafter's writer and raw-XML modules and its
    base document (each file's size and time), and the python-docx installed (its package file, found without
    importing it). Names and stats as os.scandir gives them: a cold build asks once (pathlib's resolve, rglob and
    relpath cost it a millisecond)."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    base = os.path.join(package, "data", "base.docx")
    found = [*modules(os.path.join(package, "write"), True), *modules(os.path.join(package, "ooxml"), False),
             (base, os.stat(base))]
    start = len(package) + len(os.sep)
    files = sorted(((path[start:], stat) for path, stat in found), key=lambda item: item[0].split(os.sep))
    spec = importlib.util.find_spec("docx")
    origin = spec.origin if spec and spec.origin else None
    library = (origin, *stat_pair(os.stat(origin))) if origin and os.path.exists(origin) else ()
    return tuple((name, *stat_pair(stat)) for name, stat in files), library


def stat_pair(stat: os.stat_result) -> tuple[int, int]:
    """A file's size and modification time (ns)."""
    return stat.st_size, stat.st_mtime_ns


def modules(folder: str, deep: bool) -> list[tuple[str, os.stat_result]]:
    """The .py files in folder (and its subfolders when deep) with their stats."""
    out = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.endswith(".py") and entry.is_file():
                out.append((entry.path, entry.stat()))
            elif deep and entry.is_dir() and entry.name != "__pycache__":
                out += modules(entry.path, deep)
    return out
