"""The command's first module: its imports made with the collector paused and then frozen, the collector back on."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_the_command_starts_through_start_with_the_collector_on_and_its_imports_frozen() -> None:
    assert 'drafter = "drafter.cli.start:run"' in (ROOT / "pyproject.toml").read_text("utf-8").splitlines()
    code = ("import gc, drafter.cli.start, sys; "
            "print(gc.isenabled(), gc.get_freeze_count() > 10000, 'typer' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.split() == ["True", "True", "True"]


def test_python_m_drafter_runs_the_same_command() -> None:
    out = subprocess.run([sys.executable, "-m", "drafter", "--version"], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0 and out.stdout.strip()
