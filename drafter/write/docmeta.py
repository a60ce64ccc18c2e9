"""What both of drafter's .docx writers share (python-docx's, drafter.write.word, and the quick one, drafter.write.quick):
a draft's core properties and options, the parts a draft writes itself, fixed zip times, and what a cached base or frame
depends on."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

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
    files = sorted([*(package / "write").rglob("*.py"), *(package / "ooxml").glob("*.py"), package / "data" / "base.docx"])
    spec = importlib.util.find_spec("docx")
    origin = Path(spec.origin) if spec and spec.origin else None
    library = (str(origin), origin.stat().st_size, origin.stat().st_mtime_ns) if origin and origin.exists() else ()
    return tuple((str(f.relative_to(package)), f.stat().st_size, f.stat().st_mtime_ns) for f in files), library
