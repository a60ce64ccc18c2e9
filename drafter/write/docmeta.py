"""What both of drafter's .docx writers share (python-docx's, drafter.write.word, and the quick one, drafter.write.quick):
a draft's core properties and options, the parts a draft writes itself, fixed zip times, and what a cached base or frame
depends on."""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
from pathlib import Path
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
    importing it)."""
    package = Path(__file__).resolve().parent.parent
    found = [*modules(str(package / "write"), True), *modules(str(package / "ooxml"), False), str(package / "data" / "base.docx")]
    files = sorted((os.path.relpath(f, package) for f in found), key=lambda name: name.split(os.sep))  # (Path's order)
    spec = importlib.util.find_spec("docx")
    origin = Path(spec.origin) if spec and spec.origin else None
    library = (str(origin), origin.stat().st_size, origin.stat().st_mtime_ns) if origin and origin.exists() else ()
    stats = [os.stat(os.path.join(package, name)) for name in files]
    return tuple((name, s.st_size, s.st_mtime_ns) for name, s in zip(files, stats)), library


def modules(folder: str, deep: bool) -> list[str]:
    """The .py files in folder (and its subfolders when deep), by os.scandir: a cold build asks once, and
    pathlib's rglob made a Path of every entry."""
    out = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.endswith(".py") and entry.is_file():
                out.append(entry.path)
            elif deep and entry.is_dir() and entry.name != "__pycache__":
                out += modules(entry.path, deep)
    return out
