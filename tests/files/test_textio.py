"""An atomic write stopped at any point leaves the target as it was and no temporary file of its own behind."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drafter.errors import DrafterError
from drafter.files import textio


@pytest.mark.parametrize("where", ["open", "fsync", "replace"])
def test_a_write_stopped_anywhere_leaves_no_temporary_file(where: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "青石镇.docx"
    target.write_bytes(b"before")
    real_open = os.open

    def stop(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt  # what a batch's worker raises when told to stop

    def made_then_stopped(*args: Any, **kwargs: Any) -> None:
        os.close(real_open(*args, **kwargs))  # the file exists, its descriptor never returned
        raise KeyboardInterrupt

    if where == "open":
        monkeypatch.setattr(textio.os, "open", made_then_stopped)
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


def test_a_killed_build_s_temporary_file_is_cleared_once_a_folder(tmp_path: Path) -> None:
    """The first write into a folder clears what killed builds left there (their process is gone), whatever their
    target; later writes there do not look again (a county's batch writes hundreds of drafts into one folder)."""
    folder = tmp_path / "稿"
    folder.mkdir()
    dead = [folder / ".石桥镇.999999999.0.part", folder / ".v1.2.999999998.ab12cd.part"]
    for part in dead:
        part.write_bytes(b"half")
    textio.atomic_write(folder / "青石镇.docx", b"data")
    assert sorted(p.name for p in folder.iterdir()) == ["青石镇.docx"]
    later = folder / ".石桥镇.999999999.1.part"
    later.write_bytes(b"half")
    textio.atomic_write(folder / "云岭乡.docx", b"data")
    assert later.exists()


def test_a_folder_removed_after_a_write_is_made_again(tmp_path: Path) -> None:
    folder = tmp_path / "稿"
    textio.atomic_write(folder / "a.docx", b"1")
    (folder / "a.docx").unlink()
    folder.rmdir()
    textio.atomic_write(folder / "a.docx", b"2")
    assert (folder / "a.docx").read_bytes() == b"2"


@pytest.mark.parametrize("size", [0, 1, 99, 100])
def test_a_file_up_to_the_limit_is_read_whole(size: int, tmp_path: Path) -> None:
    path = tmp_path / "town.yaml"
    path.write_bytes(b"x" * size)
    assert textio.read_limited(path, 100, DrafterError) == b"x" * size


def test_a_file_over_the_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "town.yaml"
    path.write_bytes(b"x" * 101)
    with pytest.raises(DrafterError, match="过大"):
        textio.read_limited(path, 100, DrafterError)


@pytest.mark.parametrize(("grown", "refused"), [(60, False), (100, False), (101, True), (5000, True)])
def test_a_file_that_grew_after_it_was_looked_at_is_read_to_the_limit(grown: int, refused: bool, tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "town.yaml"
    path.write_bytes(b"x" * 50)
    looked = textio.regular(path, DrafterError)
    path.write_bytes(b"y" * grown)  # written again between the look and the read
    monkeypatch.setattr(textio, "regular", lambda *args: looked)
    if refused:
        with pytest.raises(DrafterError, match="过大"):
            textio.read_limited(path, 100, DrafterError)
    else:
        assert textio.read_limited(path, 100, DrafterError) == b"y" * grown


def test_status_tells_what_is_there_as_path_exists_does(tmp_path: Path) -> None:
    (tmp_path / "file").write_bytes(b"x")
    (tmp_path / "folder").mkdir()
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    (tmp_path / "dangling").symlink_to(tmp_path / "nowhere")
    for name in ("file", "folder", "loop", "dangling", "missing", "file/under", "bad\0name"):
        path = tmp_path / name
        assert (textio.status(path) is not None) == path.exists(), name
    assert textio.status(tmp_path / "folder").st_mode == (tmp_path / "folder").stat().st_mode


def stdlib_decode(data: bytes) -> tuple[str, str] | None:
    """What decode did with the codecs themselves: utf-8-sig, else gb18030, else None."""
    for encoding, named in (("utf-8-sig", "utf-8"), ("gb18030", "gb18030")):
        try:
            return data.decode(encoding), named
        except UnicodeDecodeError:
            continue
    return None


@given(st.one_of(st.binary(max_size=40), st.text(max_size=20).map(lambda t: t.encode("utf-8")),
                 st.text(max_size=20).map(lambda t: t.encode("gb18030", "ignore"))),
       st.sampled_from([b"", b"\xef\xbb\xbf", b"\xef\xbb", b"\xef\xbb\xbf\xef\xbb\xbf"]))
def test_decode_reads_as_utf_8_sig_then_gb18030(body: bytes, lead: bytes) -> None:
    data = (lead + body).replace(b"\x00", b"")
    want = stdlib_decode(data)
    if want is None:
        with pytest.raises(DrafterError):
            textio.decode(data, "x.yaml")
    else:
        assert textio.decode(data, "x.yaml") == want
