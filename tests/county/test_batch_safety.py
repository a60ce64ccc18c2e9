"""Issue #18.3: nothing in a batch is skipped in silence — a folder, a broken link or a pipe named .yaml is a row
of the summary with its reason; x.yaml beside x.yml is reported for that town alone; crash logs never overwrite each
other; stopping the batch (SIGTERM, Ctrl-C) stops its workers and leaves no half-written draft."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

from drafter.build.draft import BuildOptions
from drafter.cli.main import app
from drafter.county.batch import run_batch
from tests.conftest import EXAMPLES, ROOT

runner = CliRunner()


def test_folders_broken_links_and_pipes_named_yaml_are_rows_with_their_reason(tmp_path):
    folder = tmp_path / "各乡镇"
    folder.mkdir()
    shutil.copy(EXAMPLES / "青石镇.yaml", folder)
    (folder / "旧稿.yaml").mkdir()
    (folder / "丢失.yaml").symlink_to(tmp_path / "不存在.yaml")
    os.mkfifo(folder / "管道.yml")
    result = runner.invoke(app, ["build", str(folder), "--out-dir", str(tmp_path / "o")])
    assert result.exit_code == 1, result.output
    assert "成功 1 个，失败 0 个，跳过 3 个" in result.output
    assert f"跳过：{folder / '旧稿.yaml'}：这是一个文件夹，不是数据文件" in result.output
    assert f"跳过：{folder / '丢失.yaml'}：数据文件不存在（是一个指向不存在文件的快捷方式）" in result.output
    assert f"跳过：{folder / '管道.yml'}：这不是普通文件（可能是设备或管道），不能作为数据文件读取" in result.output
    assert sorted(p.name for p in (tmp_path / "o").iterdir()) == ["青石镇.docx"]


def test_a_yaml_beside_a_yml_is_reported_for_that_town_alone(tmp_path):
    folder = tmp_path / "各乡镇"
    folder.mkdir()
    for path in EXAMPLES.glob("*.yaml"):
        shutil.copy(path, folder)
    shutil.copy(EXAMPLES / "青石镇.yaml", folder / "青石镇.yml")
    outcomes = run_batch([folder], BuildOptions(), tmp_path / "o", 1)
    by_name = {o.file.name: o for o in outcomes}
    assert [n for n, o in by_name.items() if o.ok] == ["云岭乡.yaml", "石桥镇.yaml"]
    assert "与" in by_name["青石镇.yaml"].error and "青石镇.yml" in by_name["青石镇.yaml"].error
    assert "青石镇.yaml" in by_name["青石镇.yml"].error and "同一个输出文件 青石镇.docx" in by_name["青石镇.yml"].error
    assert sorted(p.name for p in (tmp_path / "o").iterdir()) == ["云岭乡.docx", "石桥镇.docx"]


def test_crash_logs_in_the_same_second_never_overwrite_each_other(tmp_path, monkeypatch):
    from drafter.files.crashlog import save_traceback

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    paths = []
    for n in range(5):
        try:
            raise ValueError(f"crash {n}")
        except ValueError as exc:
            paths.append(save_traceback(exc))
    assert len(set(paths)) == 5 and all(p is not None and p.parent.parent.parent == tmp_path for p in paths)
    assert [f"crash {n}" in p.read_text("utf-8") for n, p in enumerate(paths)] == [True] * 5


def county(tmp_path: Path, n: int) -> Path:
    folder = tmp_path / "towns"
    folder.mkdir()
    for i in range(n):
        shutil.copy(EXAMPLES / "青石镇.yaml", folder / f"t{i:02d}.yaml")
    return folder


@pytest.mark.parametrize("how", ["SIGTERM", "SIGINT"])
def test_stopping_a_batch_stops_its_workers_and_leaves_no_half_written_draft(tmp_path, how):
    """A real batch in its own process group, stopped as a clerk stops it: SIGTERM to the batch (kill), or SIGINT to
    the group (Ctrl-C in a terminal)."""
    folder, out = county(tmp_path, 40), tmp_path / "o"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DRAFTER_DEBUG": ""}
    batch = subprocess.Popen([sys.executable, "-m", "drafter", "build", str(folder), "--out-dir", str(out), "--jobs", "2"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, start_new_session=True)
    try:
        while not (out.exists() and any(out.glob("*.docx"))) and batch.poll() is None:
            time.sleep(0.05)
        workers = [int(pid) for pid in subprocess.run(["ps", "-o", "pid=", "--ppid", str(batch.pid)], capture_output=True,
                                                      text=True).stdout.split()]
        assert batch.poll() is None and workers, "the batch ended before it could be stopped"
        if how == "SIGINT":
            os.killpg(batch.pid, signal.SIGINT)
        else:
            os.kill(batch.pid, signal.SIGTERM)
        _, err = batch.communicate(timeout=120)
    finally:
        if batch.poll() is None:
            os.killpg(batch.pid, signal.SIGKILL)
    assert batch.returncode == 130 and "已中断" in err.decode(), err.decode()
    for pid in workers:  # every worker gone (or a zombie about to be reaped)
        status = Path(f"/proc/{pid}/status")
        assert not status.exists() or "State:\tZ" in status.read_text(), pid
    drafts = sorted(out.iterdir())
    assert drafts and all(p.suffix == ".docx" for p in drafts), [p.name for p in drafts]  # no temporary .part left
    assert len(drafts) < 40
    for path in drafts:  # each one whole
        assert docx.Document(str(path)).paragraphs[0].text.endswith("工作计划")


def test_a_worker_told_twice_to_stop_still_removes_its_temporary_file(tmp_path):
    """The batch's SIGTERM arrives mid-write; a second (the pool's own, sent to every worker when it sees one gone)
    arrives while the worker removes its temporary file: it is ignored, and nothing half-written is left."""
    out = tmp_path / "o" / "青石镇.docx"
    code = ("import os, signal, sys\n"
            "from pathlib import Path\n"
            "from drafter.build.draft import BuildOptions\n"
            "from drafter.county import batch\n"
            "from drafter.files import textio\n"
            "batch.start_worker()\n"
            "real_fsync, real_remove = os.fsync, textio.remove_own_parts\n"
            "def fsync(fd):\n"
            "    os.kill(os.getpid(), signal.SIGTERM)\n"
            "    real_fsync(fd)\n"
            "def remove(folder, prefix):\n"
            "    os.kill(os.getpid(), signal.SIGTERM)\n"
            "    real_remove(folder, prefix)\n"
            "os.fsync, textio.remove_own_parts = fsync, remove\n"
            "batch.build_one(Path(sys.argv[1]), BuildOptions(out=Path(sys.argv[2])), worker=True)\n"
            "print('not stopped')\n")
    done = subprocess.run([sys.executable, "-c", code, str(EXAMPLES / "青石镇.yaml"), str(out)], capture_output=True,
                          text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 1 and "not stopped" not in done.stdout, done.stderr
    assert sorted(p.name for p in out.parent.iterdir()) == []
