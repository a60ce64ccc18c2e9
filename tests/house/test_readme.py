"""Issue #23.4: README opens with the two POSIX commands CI runs, and gives Windows PowerShell's two beside them."""

from __future__ import annotations

import re

from tests.conftest import ROOT

README = (ROOT / "README.md").read_text("utf-8")


def blocks() -> list[tuple[str, list[str]]]:
    return [(lang, body.strip().splitlines()) for lang, body in re.findall(r"```(\w*)\n(.*?)```", README, re.S)]


def test_the_first_block_is_the_two_posix_commands_ci_runs():
    lang, lines = blocks()[0]
    assert lang == "bash" and len(lines) == 2
    assert all(line.startswith("python3 -m venv .venv && . .venv/bin/activate && pip install ") for line in lines)
    assert "drafter build" in lines[0] and "pytest" in lines[1]


def test_a_powershell_block_gives_the_same_two_commands_for_windows():
    lang, lines = next(b for b in blocks() if b[0] == "powershell")
    assert len(lines) == 2
    for line in lines:
        assert line.startswith("py -m venv .venv; .venv\\Scripts\\activate; pip install ")
    assert "drafter build examples\\青石镇.yaml" in lines[0] and "pytest" in lines[1]
    assert "%LOCALAPPDATA%\\drafter" in README and "drafter fonts" in README and "drafter check --format" in README
