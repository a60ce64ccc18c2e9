"""The installed console script runs from any directory with its templates and phrase bank."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from tests.conftest import EXAMPLES, ROOT

DRAFTER = shutil.which("drafter")


@pytest.mark.skipif(DRAFTER is None, reason="drafter is not installed (pip install .)")
def test_console_script_builds_from_another_directory(tmp_path):
    town = tmp_path / "云岭乡.yaml"
    shutil.copy(EXAMPLES / "云岭乡.yaml", town)
    run = subprocess.run([DRAFTER, "build", town.name, "--style", "congress"], cwd=tmp_path, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "已生成：云岭乡.docx（报告式" in run.stdout
    import docx

    paragraphs = docx.Document(str(tmp_path / "云岭乡.docx")).paragraphs
    assert paragraphs[0].text == "云岭乡2024年工作总结和2025年工作计划" and paragraphs[0].style.name == "公文标题"
    where = subprocess.run([sys.executable, "-c", "import drafter.compose.render as r, drafter.compose.phrases as p; print(r.template_dir()); print(p.bank_dir(None))"],
                           cwd=tmp_path, capture_output=True, text=True, check=True).stdout.split()
    installed = subprocess.run([sys.executable, "-c", "import drafter; print(drafter.__file__)"], cwd=tmp_path,
                               capture_output=True, text=True, check=True).stdout.strip()
    if not installed.startswith(str(ROOT)):  # a real (non-editable) install ships its own copies
        assert all(not w.startswith(str(ROOT)) for w in where), where
