"""Issue #18.2: the last crash signatures of the fuzz campaign, each a clear Chinese error or a normal run: keys that
are lists or mappings, a tiny previous, a corrupt deflate stream in a draft, a workbook without a worksheet, update's
report into a closed pipe, a cache folder that cannot be written, jieba's cache in another's hands, a planted zip
member; nothing read past a limit."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drafter.build.draft import BuildOptions, build
from drafter.cli.main import app
from tests.conftest import EXAMPLES, ROOT, write

runner = CliRunner()
TOWN = "town: 小溪乡\nyear: 2024\n"
BASE = (EXAMPLES / "青石镇.yaml").read_text("utf-8")


def drafter(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess:
    """drafter in a process of its own (its caches, pipes and signals its own)."""
    return subprocess.run([sys.executable, "-m", "drafter", *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT), "DRAFTER_DEBUG": "", **env}, timeout=300)


@pytest.mark.parametrize("key", ["? [a, b]\n: 1\n", "? {a: 1}\n: 1\n", "[a, b]: 1\n", "indicators:\n  - {[x]: 1}\n"])
def test_a_key_that_is_a_list_or_a_mapping_is_named_at_its_line(tmp_path, key):
    path = write(tmp_path, TOWN + key)
    result = runner.invoke(app, ["build", str(path), "--out", str(tmp_path / "d.docx")])
    assert result.exit_code == 1 and (f"{path}:3：" in result.output or f"{path}:4：" in result.output), result.output
    assert "键名只能是文字" in result.output and not (tmp_path / "d.docx").exists()


@pytest.mark.parametrize("previous", ["1.0e-40", "0.0000000001", "1.0e-300"])
def test_a_tiny_previous_is_a_clear_error_not_an_overflow(tmp_path, previous):
    path = write(tmp_path, TOWN + f"indicators:\n  - {{name: 收入, value: 1000000000000, unit: 元, previous: {previous}}}\n")
    result = runner.invoke(app, ["build", str(path), "--out", str(tmp_path / "d.docx")])
    assert result.exit_code == 1 and f"{path}:4 [indicators[0].previous]" in result.output and "过小" in result.output


def test_rounding_has_room_for_any_rate():
    from decimal import Decimal

    from drafter.town.derive import rounded

    huge = rounded(Decimal("1" + "0" * 60 + ".25"), 1)  # 62 digits kept: more than any context drafter had
    assert str(huge) == "1" + "0" * 60 + ".3"


def corrupt(path: Path, member: str) -> None:
    """Flip bytes in the middle of one member's deflate stream (its local header and sizes left as they were)."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as package:
        info = package.getinfo(member)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start + 4, start + min(info.compress_size - 2, 64)):
        data[i] ^= 0x5A
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("member", ["word/document.xml", "docProps/app.xml", "word/fontTable.xml"])
def test_a_corrupt_deflate_stream_in_a_draft_is_a_clear_error_and_nothing_is_written(tmp_path, member):
    town = write(tmp_path, BASE)
    draft = build(town, BuildOptions(out=tmp_path / "d.docx")).path
    corrupt(draft, member)
    write(tmp_path, BASE.replace("value: 63, unit: 户", "value: 64, unit: 户"), town.name)
    before = sorted(p.name for p in tmp_path.iterdir())
    result = runner.invoke(app, ["update", str(town), str(draft)])
    assert result.exit_code == 1 and "已损坏" in result.output and "Traceback" not in result.output, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    # the same damaged file where build would write: not drafter's untouched draft, so not overwritten
    damaged = draft.read_bytes()
    result = runner.invoke(app, ["build", str(town), "--out", str(draft)])
    assert result.exit_code == 1 and "被修改过" in result.output and draft.read_bytes() == damaged


def test_a_member_planted_outside_word_is_refused_before_it_is_read(tmp_path):
    """A draft with a 150 MB member outside word/ (200 KB packed): update and check refuse it by its stated size."""
    town = write(tmp_path, BASE)
    draft = build(town, BuildOptions(out=tmp_path / "d.docx")).path
    with zipfile.ZipFile(draft, "a", zipfile.ZIP_DEFLATED) as package:
        with package.open("customXml/item9.xml", "w", force_zip64=True) as member:
            chunk = b" " * (1 << 20)
            for _ in range(150):
                member.write(chunk)
    assert draft.stat().st_size < 2_000_000
    for command in (["update", str(town), str(draft)], ["check", str(town), str(draft)]):
        result = runner.invoke(app, command)
        assert result.exit_code == 1 and "解压后过大（全部内容 150." in result.output, result.output


def test_a_workbook_without_a_worksheet_is_a_clear_error(tmp_path):
    import openpyxl

    path = tmp_path / "表.xlsx"
    book = openpyxl.Workbook()
    book.save(path)
    with zipfile.ZipFile(path) as package:
        parts = {n: package.read(n) for n in package.namelist()}
    xml = parts["xl/workbook.xml"].decode()
    parts["xl/workbook.xml"] = (xml[: xml.index("<sheets>")] + "<sheets/>" + xml[xml.index("</sheets>") + 9 :]).encode()
    with zipfile.ZipFile(path, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)
    result = runner.invoke(app, ["build", str(EXAMPLES / "青石镇.yaml"), "--out", str(tmp_path / "d.docx"), "--figures", str(path)])
    assert result.exit_code == 1 and "工作簿中没有工作表" in result.output, result.output


def test_update_s_report_into_a_closed_pipe_says_what_was_written(tmp_path):
    town = write(tmp_path, BASE)
    draft = build(town, BuildOptions(out=tmp_path / "d.docx")).path
    write(tmp_path, BASE.replace("value: 63, unit: 户", "value: 64, unit: 户"), town.name)
    read, written = os.pipe()
    os.close(read)  # the reader is gone before drafter says a word
    try:
        result = subprocess.run([sys.executable, "-m", "drafter", "update", str(town), str(draft)], stdout=written,
                                stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT), "DRAFTER_DEBUG": ""},
                                timeout=300)
    finally:
        os.close(written)
    out = tmp_path / "d（更新）.docx"
    assert out.exists() and result.returncode == 0, result.stderr
    assert f"已写入：{out}" in result.stderr and "内部错误" not in result.stderr and "没有写入任何文件" not in result.stderr


def read_only(folder: Path, command: list[str]) -> list[str]:
    """command run with folder unwritable: by its mode for an ordinary user; for root (whom modes do not stop) on a
    read-only bind mount in a mount namespace of its own."""
    if os.geteuid() != 0:
        for path in [folder, *folder.rglob("*")]:
            if path.is_dir():
                path.chmod(0o555)
        return command
    if shutil.which("unshare") is None or subprocess.run(["unshare", "-m", "true"], capture_output=True).returncode:
        pytest.skip("root without mount namespaces: a folder cannot be made unwritable")
    script = f'mount --bind "{folder}" "{folder}" && mount -o remount,bind,ro "{folder}" && exec "$@"'
    return ["unshare", "-m", "sh", "-c", script, "sh", *command]


def test_a_cache_folder_that_exists_but_cannot_be_written_does_not_stop_a_build(tmp_path):
    cache = tmp_path / "cache"
    for kind in ("jinja", "bank", "wording", "lexicon", "logs"):
        (cache / "drafter" / f"{kind}-0.1.0").mkdir(parents=True)
    shutil.copy(EXAMPLES / "青石镇.yaml", tmp_path / "t.yaml")
    command = read_only(cache, [sys.executable, "-m", "drafter", "build", "t.yaml", "--out", str(tmp_path / "t.docx")])
    try:
        result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=300,
                                env={**os.environ, "PYTHONPATH": str(ROOT), "DRAFTER_DEBUG": "", "XDG_CACHE_HOME": str(cache)})
    finally:
        for path in [cache, *cache.rglob("*")]:
            path.chmod(0o755)
    assert result.returncode == 0 and "已生成" in result.stdout, result.stderr
    assert not [p for p in cache.rglob("*") if p.is_file()]  # nothing could be written there, nothing was


def test_jieba_s_cache_that_cannot_be_replaced_prints_no_traceback(tmp_path):
    """jieba keeps its dictionary cache in the shared temp folder; one there that jieba can neither read nor replace
    (another user's; here a folder in its place) made it print a traceback. drafter points it at its own cache."""
    temp = tmp_path / "tmp"
    (temp / "jieba.cache").mkdir(parents=True)
    (tmp_path / "nowhere").write_text("a file where a folder should be")
    for cache in (tmp_path / "cache", tmp_path / "nowhere" / "x"):  # drafter's cache, then none (a private folder)
        result = drafter("mine", str(ROOT / "seeds"), "--out", str(tmp_path / f"bank-{cache.name}"), cwd=tmp_path,
                         TMPDIR=str(temp), XDG_CACHE_HOME=str(cache), HOME=str(tmp_path))
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr and "Dump cache file failed" not in result.stderr, result.stderr
