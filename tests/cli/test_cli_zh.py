"""Issue #11: the command line's frame is Chinese — help of every command, usage lines, click's error lines."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from drafter.cli.main import app

runner = CliRunner()
COMMANDS = ["build", "check", "update", "init", "styles", "mine", "fonts"]
# Words that are names, not frame: the program, file formats, style names, option names.
NAMES = {"drafter", "YAML", "Word", "WPS", "docx", "md", "txt", "JSON", "json", "numbered", "topical", "congress",
         "mine", "build", "check", "update", "init", "styles", "fonts", "seeds", "phrasebank", "out", "true", "false", "bogus",
         "nope", "town", "yaml", "many", "abc", "xlsx", "Excel", "doc", "pdf"}


def english_left(text: str) -> list[str]:
    """English words left in a help or error text once option names and the allowed names are removed."""
    text = re.sub(r"-{1,2}[a-z][a-z-]*", " ", text)
    return [w for w in re.findall(r"[A-Za-z]{2,}", text) if w not in NAMES]


@pytest.mark.parametrize("args", [["--help"], *[[c, "--help"] for c in COMMANDS]])
def test_every_help_is_chinese(args):
    result = runner.invoke(app, args, prog_name="drafter")
    assert result.exit_code == 0
    assert english_left(result.output) == [], result.output
    assert result.output.startswith("用法：")


@pytest.mark.parametrize("args", [["build", "--nope"], ["build"], ["bogus"], ["build", "x.yaml", "--seed", "abc"],
                                  ["check", "a.yaml", "--min-overlap", "many"], ["build", "--style"]])
def test_click_errors_are_chinese(args):
    result = runner.invoke(app, args, prog_name="drafter")
    assert result.exit_code == 2
    assert english_left(result.output) == [], result.output
    assert result.output.startswith(("用法：", "错误：")) and "错误：" in result.output
