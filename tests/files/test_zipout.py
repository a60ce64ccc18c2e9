"""The lean zip writer writes what zipfile writes, byte for byte."""

from __future__ import annotations

import io
import os
import zipfile

import pytest

from drafter.files import zipout
from drafter.files.zipout import zip_bytes

WHEN = (1980, 1, 1, 0, 0, 0)


def by_zipfile(entries: list[tuple[str, bytes]], when: tuple[int, int, int, int, int, int]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in entries:
            entry = zipfile.ZipInfo(name, when)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, data)
    return out.getvalue()


@pytest.mark.parametrize("entries", [
    [],
    [("empty", b"")],
    [("[Content_Types].xml", b"<Types/>" * 200), ("word/document.xml", os.urandom(5000) + "正文".encode() * 9000)],
    [("docProps/属性.xml", b"<x/>"), ("_rels/.rels", b"<Relationships/>")],  # a name that is not ASCII
])
def test_the_same_bytes_as_zipfile(entries):
    assert zip_bytes(entries, WHEN) == by_zipfile(entries, WHEN)
    assert zip_bytes(entries, (2024, 12, 5, 13, 45, 31)) == by_zipfile(entries, (2024, 12, 5, 13, 45, 31))


def test_an_entry_seen_before_is_the_same_when_kept():
    entries = [("a.xml", b"<a/>" * 500), ("b.xml", b"<b/>" * 500)]
    first = zip_bytes(entries, WHEN)
    assert zip_bytes(entries, WHEN) == first and zipfile.ZipFile(io.BytesIO(first)).read("b.xml") == b"<b/>" * 500


def test_the_fields_written_out_are_zipfiles_own() -> None:
    entry = zipfile.ZipInfo("x")
    assert (zipout.VERSION, zipout.SYSTEM, zipout.DEFLATED_METHOD) == (entry.extract_version, entry.create_system, zipfile.ZIP_DEFLATED)
