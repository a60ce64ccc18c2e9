"""A draft's .docx -> the few parts update reads (every part's size checked before any is read, the rest never
read whole), and back: the package with those parts replaced and every other part copied through byte for byte, to
the path update writes (and the backup it keeps)."""

from __future__ import annotations

import copy
import io
import shutil
import zipfile
from pathlib import Path
from typing import Protocol

from drafter.errors import DraftError, OutputError, Problem
from drafter.files.textio import DRAFT_LIMIT, read_limited
from drafter.files.zipread import ZIP_ERRORS, docx_members, read_members
from drafter.tuples import NamedTuple

DOCUMENT = "word/document.xml"
CUSTOM = "docProps/custom.xml"
STYLES = "word/styles.xml"
CORE = "docProps/core.xml"
# The parts update reads (and every XML part under word/, whose w:ids a tracked change must not reuse; word/ is
# within DOCX_BODY_LIMIT unpacked); the others are copied through without being held in memory.
NEEDED = (DOCUMENT, CUSTOM, STYLES, CORE)
CHUNK = 1024 * 1024


class Options(Protocol):
    """What target_path needs of update's options."""

    @property
    def out(self) -> Path | None: ...

    @property
    def in_place(self) -> bool: ...


class Package(NamedTuple):
    """A .docx as read: its bytes, its entries in order, and the parts update needs."""

    raw: bytes
    infos: list[zipfile.ZipInfo]
    data: dict[str, bytes]


def damaged(path: Path, what: str = "") -> DraftError:
    """The error for a package that cannot be read (what: the part that is damaged)."""
    where = f"（{what} 已损坏）" if what else ""
    return DraftError(Problem(str(path), None, "", f"无法作为 Word 文档读取{where}", "请用 Word 或 WPS 打开后另存为 .docx"))


def read_package(path: Path) -> Package:
    """The draft's entries and needed parts; a file that is not a .docx, too large unpacked, or damaged is a
    DraftError."""
    raw = read_limited(path, DRAFT_LIMIT, DraftError, "初稿文件")
    infos = docx_members(raw, str(path), DraftError)
    wanted = [*NEEDED, *(i.filename for i in infos if i.filename.startswith("word/") and i.filename.endswith(".xml"))]
    return Package(raw, infos, read_members(raw, str(path), dict.fromkeys(wanted), DraftError))


def write_package(path: Path, package: Package, replaced: dict[str, bytes]) -> bytes:
    """The package with some entries replaced (document.xml, custom.xml); every other entry copied through as it
    was, a chunk at a time. A part that turns out damaged on the way is a DraftError naming it (nothing written)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package.raw)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in package.infos:
            entry = copy.copy(info)  # writing sets sizes and offsets on the entry: the source's own stays as read
            if info.filename in replaced:
                target.writestr(entry, replaced[info.filename], compress_type=info.compress_type)
                continue
            try:
                with source.open(info) as src, target.open(entry, "w") as dst:
                    shutil.copyfileobj(src, dst, CHUNK)
            except ZIP_ERRORS as exc:
                raise damaged(path, info.filename) from exc
    return out.getvalue()


def target_path(draft: Path, options: Options) -> Path:
    """Where the updated draft goes: --out, the draft itself (--in-place), or 〈name〉（更新）.docx beside it."""
    if options.in_place:
        return draft
    if options.out is not None and options.out.resolve() == draft.resolve():
        raise OutputError(Problem(str(options.out), None, "--out", "输出文件就是原初稿", "要直接更新原初稿请用 --in-place（会先备份）"))
    return options.out if options.out is not None else draft.with_name(f"{draft.stem}（更新）{draft.suffix}")


def backup_path(draft: Path) -> Path:
    """A free name for the copy kept before --in-place: 〈name〉.备份.docx, then .备份2 …"""
    n = 1
    while True:
        path = draft.with_name(f"{draft.stem}.备份{'' if n == 1 else n}{draft.suffix}")
        if not path.exists():
            return path
        n += 1
