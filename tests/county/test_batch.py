"""Issue #13: a county at once — many town files in one command, a pool of processes, a bad file reported and
passed over, one table at the end, the single-file rules for every output."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
from typer.testing import CliRunner

from drafter.build.draft import BuildOptions
from drafter.cli.main import app
from drafter.county.batch import run_batch
from tests.conftest import EXAMPLES

runner = CliRunner()


def county(tmp_path: Path) -> Path:
    """A folder with the three examples and one broken town file."""
    folder = tmp_path / "各乡镇"
    folder.mkdir()
    for path in EXAMPLES.glob("*.yaml"):
        shutil.copy(path, folder)
    (folder / "坏乡.yaml").write_text("town: 坏乡\nyear: 20x4\n", encoding="utf-8")
    (folder / ".隐藏.yaml").write_text("not: a town\n", encoding="utf-8")
    (folder / "说明.txt").write_text("不是数据文件", encoding="utf-8")
    return folder


def test_a_folder_builds_every_town_and_reports_the_bad_one(tmp_path):
    folder = county(tmp_path)
    out = tmp_path / "初稿"
    result = runner.invoke(app, ["build", str(folder), "--out-dir", str(out), "--jobs", "2"])
    assert result.exit_code == 1  # one file failed
    assert sorted(p.name for p in out.iterdir()) == ["云岭乡.docx", "石桥镇.docx", "青石镇.docx"]
    assert "成功 3 个，失败 1 个" in result.output
    assert f"{folder / '坏乡.yaml'}:2 [year]：应为整数" in result.output  # file:line [key], as a single build says it
    for town in ("青石镇", "石桥镇", "云岭乡"):
        assert town in result.output


def test_one_job_and_two_jobs_write_the_same_drafts(tmp_path):
    folder = county(tmp_path)
    (folder / "坏乡.yaml").unlink()
    one = run_batch([folder], BuildOptions(), tmp_path / "a", 1)
    two = run_batch([folder], BuildOptions(), tmp_path / "b", 2)
    assert [o.town for o in one] == [o.town for o in two] == ["云岭乡", "石桥镇", "青石镇"]
    for a, b in zip(one, two):
        assert a.out.read_bytes() == b.out.read_bytes() and a.chars == b.chars and a.ok and b.ok


def test_an_edited_draft_in_the_batch_is_not_overwritten(tmp_path):
    folder = county(tmp_path)
    out = tmp_path / "初稿"
    runner.invoke(app, ["build", str(folder), "--out-dir", str(out)])
    edited = out / "青石镇.docx"
    document = docx.Document(str(edited))
    document.add_paragraph("办公室补充的一段话。")
    document.save(str(edited))
    saved = edited.read_bytes()
    result = runner.invoke(app, ["build", str(folder), "--out-dir", str(out)])
    assert result.exit_code == 1 and edited.read_bytes() == saved
    assert "被修改过" in result.output and "成功 2 个，失败 2 个" in result.output
    forced = runner.invoke(app, ["build", str(folder), "--out-dir", str(out), "--force"])
    assert edited.read_bytes() != saved and "成功 3 个" in forced.output


def test_batch_refusals(tmp_path):
    folder = county(tmp_path)
    result = runner.invoke(app, ["build", str(folder), "--out", str(tmp_path / "x.docx")])
    assert result.exit_code == 1 and "--out-dir" in result.output
    empty = tmp_path / "空"
    empty.mkdir()
    result = runner.invoke(app, ["build", str(empty)])
    assert result.exit_code == 1 and "没有找到数据文件" in result.output
    other = tmp_path / "另一个"
    other.mkdir()
    shutil.copy(EXAMPLES / "青石镇.yaml", other)
    result = runner.invoke(app, ["build", str(folder), str(other), "--out-dir", str(tmp_path / "o")])
    assert result.exit_code == 1 and "同一个输出文件" in result.output
    # the two files that would write one draft are refused, each naming the other; the other towns are built (#18.3)
    assert sorted(p.name for p in (tmp_path / "o").iterdir()) == ["云岭乡.docx", "石桥镇.docx"]


def test_files_and_a_single_file_with_out_dir(tmp_path):
    out = tmp_path / "o"
    result = runner.invoke(app, ["build", str(EXAMPLES / "青石镇.yaml"), "--out-dir", str(out), "--format", "md"])
    assert result.exit_code == 0 and (out / "青石镇.md").exists()
    result = runner.invoke(app, ["build", str(EXAMPLES / "青石镇.yaml"), str(EXAMPLES / "石桥镇.yaml"), "--out-dir", str(out)])
    assert result.exit_code == 0 and (out / "石桥镇.docx").exists() and "成功 2 个，失败 0 个" in result.output
