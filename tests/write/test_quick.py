"""The quick writer (drafter.write.quick) writes a plain draft byte for byte as the python-docx path does, leaves every
other draft to that path, remakes a frame its cache file does not hold, and keeps python-docx off a cached build."""

from __future__ import annotations

import datetime
import marshal
import os
import subprocess
import sys
from pathlib import Path

import pytest

from drafter.build import draft
from drafter.build.draft import BuildOptions, build
from drafter.files import cache, zipout
from drafter.markup import parse
from drafter.write import quick
from tests.conftest import EXAMPLES, ROOT, STYLES

TOWNS = sorted(EXAMPLES.glob("*.yaml")) + sorted((ROOT / "bench" / "realistic").glob("*.yaml"))


def both(town: Path, options: BuildOptions, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[bytes, bytes]:
    """The draft's bytes from the quick writer and from python-docx."""
    quick_path, slow_path = tmp_path / "quick.docx", tmp_path / "slow.docx"
    build(town, options._replace(out=quick_path, force=True))
    monkeypatch.setattr(draft, "SLOW_WRITER", True)
    build(town, options._replace(out=slow_path, force=True))
    monkeypatch.setattr(draft, "SLOW_WRITER", False)
    return quick_path.read_bytes(), slow_path.read_bytes()


@pytest.mark.parametrize("style", STYLES)
def test_every_example_in_every_style_is_the_same_bytes(style: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    used = []
    monkeypatch.setattr(quick, "docx_bytes", lambda *a, **k: used.append(1) or original(*a, **k))
    for town in TOWNS:
        for seed in (1, 7):
            fast, slow = both(town, BuildOptions(style=style, seed=seed), tmp_path, monkeypatch)
            assert fast == slow, (town.name, style, seed)
    assert len(used) == 2 * len(TOWNS)  # every one of them went the quick way


original = quick.docx_bytes


def test_what_the_quick_writer_leaves_to_python_docx(tmp_path: Path) -> None:
    blocks = parse("@title 青石镇2024年工作总结\n@p 正文。\n")
    meta = quick.DocMeta("t", "u", datetime.date(2024, 12, 5))
    assert quick.fits(blocks, meta, None)
    assert not quick.fits(blocks, meta._replace(annotate=True), None)
    assert not quick.fits(blocks, meta._replace(toc=True), None)
    assert not quick.fits(blocks, meta, tmp_path / "ref.docx")
    assert not quick.fits(parse("@row 指标⟦cell⟧数值\n"), meta, None)
    assert not quick.fits(parse("@p 正文\t有制表符。\n"), meta, None)  # a tab is an element of its own


@pytest.mark.parametrize("options", [BuildOptions(annotate=True), BuildOptions(toc=True)], ids=["annotate", "toc"])
def test_drafts_it_leaves_are_written_as_before(options: BuildOptions, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fast, slow = both(EXAMPLES / "青石镇.yaml", options, tmp_path, monkeypatch)
    assert fast == slow


def test_a_frame_the_cache_does_not_hold_is_made_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    quick.frame.cache_clear()
    first = tmp_path / "a.docx"
    build(EXAMPLES / "青石镇.yaml", BuildOptions(out=first))
    kept = list((tmp_path / "cache" / "drafter").glob(f"frame-*/*{cache.SUFFIX}"))
    assert len(kept) == 1
    kept[0].write_bytes(marshal.dumps({"entries": [["word/document.xml", "not base64!"]], "head": 1}))
    quick.frame.cache_clear()
    second = tmp_path / "b.docx"
    build(EXAMPLES / "青石镇.yaml", BuildOptions(out=second))
    assert second.read_bytes() == first.read_bytes()
    assert marshal.loads(kept[0].read_bytes())["head"].startswith("<?xml")
    quick.frame.cache_clear()


def test_a_kept_frame_s_fixed_parts_are_not_compressed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    quick.frame.cache_clear()
    first = tmp_path / "a.docx"
    build(EXAMPLES / "青石镇.yaml", BuildOptions(out=first))
    quick.frame.cache_clear()
    zipout.DEFLATED.clear()
    compressed: list[int] = []
    real = zipout.zlib.compressobj

    def counted(*args: object) -> object:
        compressed.append(1)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(zipout.zlib, "compressobj", counted)
    second = tmp_path / "b.docx"
    build(EXAMPLES / "青石镇.yaml", BuildOptions(out=second))
    # only the draft's own parts (document, core and custom properties) were compressed; the bytes are the same
    assert len(compressed) == len(quick.OWN) and second.read_bytes() == first.read_bytes()
    # a kept stream whose part does not match its CRC: the frame is made again, and the draft is the same
    kept = next((tmp_path / "cache" / "drafter").glob(f"frame-*/*{cache.SUFFIX}"))
    frame = marshal.loads(kept.read_bytes())
    at = next(i for i, blob in enumerate(frame["deflated"]) if blob is not None)
    frame["deflated"][at] = (frame["deflated"][at][0] ^ 1, frame["deflated"][at][1])
    kept.write_bytes(marshal.dumps(frame))
    quick.frame.cache_clear()
    zipout.DEFLATED.clear()
    third = tmp_path / "c.docx"
    build(EXAMPLES / "青石镇.yaml", BuildOptions(out=third))
    assert third.read_bytes() == first.read_bytes()
    assert marshal.loads(kept.read_bytes())["deflated"][at][0] == frame["deflated"][at][0] ^ 1
    quick.frame.cache_clear()


def test_a_build_with_its_frame_kept_does_not_import_python_docx(tmp_path: Path) -> None:
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"))
    # zipfile is dropped first: an editable install's path hook may have imported it before drafter did anything
    code = ("import sys; sys.modules.pop('zipfile', None); from pathlib import Path; "
            "from drafter.build.draft import BuildOptions, build; "
            f"build(Path({str(EXAMPLES / '青石镇.yaml')!r}), BuildOptions(out=Path(sys.argv[1]), force=True)); "
            "print([m for m in ('docx', 'zipfile') if m in sys.modules])")
    runs = [subprocess.run([sys.executable, "-c", code, str(tmp_path / "d.docx")], env=env, cwd=ROOT, capture_output=True,
                           text=True, check=True).stdout.strip() for _ in range(2)]
    # the first made the frame with python-docx (and zipfile); the second read it and wrote its own zip
    assert runs == ["['docx', 'zipfile']", "[]"]
