"""Zip packages the user names (a .docx, an .xlsx) -> their checked members: sizes and compression checked before
anything is unpacked, a damaged package a DrafterError naming the file. Apart from drafter.files.textio so that a
build, which reads no package, does not import zipfile."""

from __future__ import annotations

import io
import lzma
import zipfile
import zlib
from collections.abc import Iterable
from pathlib import Path

from drafter.errors import DrafterError, Problem
from drafter.files.textio import DOCX_BODY_LIMIT, DOCX_TOTAL_LIMIT, megabytes

# What reading a damaged zip member may raise: a bad header or CRC, a corrupt or truncated deflate stream, encryption.
ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, lzma.LZMAError, EOFError, NotImplementedError, RuntimeError, OSError, ValueError, KeyError)
# The compression methods Word and WPS write (stored, deflated); others (bzip2, lzma) are refused before reading.
ZIP_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)


def zip_members(source: Path | bytes, name: str, error: type[DrafterError], total_limit: int, what: str = " .docx 文件") -> list[zipfile.ZipInfo]:
    """A zip package's members (a .docx, an .xlsx), checked before any is read: all of them unpacked no larger than
    total_limit, each compressed as Office does (so that none unpacks past its stated size)."""
    try:
        with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source) as package:
            infos = package.infolist()
    except ZIP_ERRORS as exc:
        raise error(Problem(name, None, "", f"不是有效的{what}（无法作为压缩包打开）", "请用 Office 或 WPS 重新另存")) from exc
    total = sum(i.file_size for i in infos)
    if total > total_limit:
        raise error(Problem(name, None, "", f"{what.strip()}解压后过大（全部内容 {megabytes(total)}，上限 {megabytes(total_limit)}）"))
    odd = next((i for i in infos if i.compress_type not in ZIP_METHODS), None)
    if odd is not None:
        raise error(Problem(name, None, "", f"{what.strip()}中的 {odd.filename} 使用了 Office 不用的压缩方式", "请用 Office 或 WPS 重新另存"))
    return infos


def docx_members(source: Path | bytes, name: str, error: type[DrafterError], limit: int = DOCX_BODY_LIMIT) -> list[zipfile.ZipInfo]:
    """A .docx's members, checked before any is read (zip_members), its body (word/) unpacked no larger than limit."""
    infos = zip_members(source, name, error, DOCX_TOTAL_LIMIT)
    body = sum(i.file_size for i in infos if i.filename.startswith("word/"))
    if body > limit:
        raise error(Problem(name, None, "", f".docx 解压后过大（{megabytes(body)}，上限 {megabytes(limit)}）"))
    return infos


def check_docx_body(path: Path, error: type[DrafterError], limit: int = DOCX_BODY_LIMIT) -> None:
    """A .docx whose unpacked body or parts would be too large is refused before anything parses it."""
    docx_members(path, str(path), error, limit)


def read_members(data: bytes, name: str, wanted: Iterable[str], error: type[DrafterError]) -> dict[str, bytes]:
    """The wanted members of a checked .docx (docx_members) held in data, those it has; a damaged one is error."""
    out = {}
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            present = set(package.namelist())
            for member in wanted:
                if member in present:
                    out[member] = package.read(member)
    except ZIP_ERRORS as exc:
        raise error(Problem(name, None, "", "文档已损坏，无法读取其中的内容", "请用 Word 或 WPS 打开后另存为 .docx")) from exc
    return out
