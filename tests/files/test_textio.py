"""An atomic write stopped at any point leaves the target as it was and no temporary file of its own behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from drafter.files import textio


@pytest.mark.parametrize("where", ["mkstemp", "fsync", "replace"])
def test_a_write_stopped_anywhere_leaves_no_temporary_file(where: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "青石镇.docx"
    target.write_bytes(b"before")
    real_mkstemp = tempfile.mkstemp

    def stop(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt  # what a batch's worker raises when told to stop

    def made_then_stopped(*args: object, **kwargs: object) -> None:
        os.close(real_mkstemp(*args, **kwargs)[0])  # the file exists, its name never returned
        raise KeyboardInterrupt

    if where == "mkstemp":
        monkeypatch.setattr(textio.tempfile, "mkstemp", made_then_stopped)
    else:
        monkeypatch.setattr(textio.os, where, stop)
    with pytest.raises(KeyboardInterrupt):
        textio.atomic_write(target, b"after")
    monkeypatch.undo()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["青石镇.docx"] and target.read_bytes() == b"before"


def test_another_process_s_temporary_file_is_left_to_it(tmp_path: Path) -> None:
    target = tmp_path / "a.docx"
    theirs = tmp_path / f".a.{os.getppid()}.x1.part"  # a live process's write under way
    theirs.write_bytes(b"")
    textio.atomic_write(target, b"data")
    assert theirs.exists() and target.read_bytes() == b"data"
