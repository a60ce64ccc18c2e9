"""Issue #11: the command line's frame is Chinese — help of every command, usage lines, click's error lines."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from drafter.cli.main import app

runner = CliRunner()
COMMANDS = ["build", "check", "update", "init", "styles", "mine", "fonts"]
# Every command and subcommand, with its arguments as a clerk might get their number wrong (too few, too many).
WRONG_COUNTS = {
    ("build",): [[]],
    ("check",): [[], ["a.yaml", "b.docx", "c"]],
    ("update",): [["a.yaml"], ["a.yaml", "b.docx", "c"]],
    ("init",): [["a.yaml", "b"]],
    ("mine",): [],  # any number of corpus files
    ("fonts",): [["x"]],
    ("styles",): [["bogus"]],
    ("styles", "list"): [["x"]],
    ("styles", "export"): [[], ["numbered"], ["numbered", "x/", "y"]],
    ("styles", "check"): [[], ["a/", "b"]],
}
# Words that are names, not frame: the program, file formats, style names, option names.
NAMES = {"drafter", "YAML", "Word", "WPS", "docx", "md", "txt", "JSON", "json", "numbered", "topical", "congress",
         "mine", "build", "check", "update", "init", "styles", "fonts", "seeds", "phrasebank", "out", "true", "false", "bogus", "nope",
         "town", "yaml", "many", "abc", "xlsx", "Excel", "doc", "pdf", "report", "export", "list", "README", "style", "j2"}


def english_left(text: str) -> list[str]:
    """English words left in a help or error text once option names and the allowed names are removed."""
    text = re.sub(r"-{1,2}[a-z][a-z-]*", " ", text)
    return [w for w in re.findall(r"[A-Za-z]{2,}", text) if w not in NAMES]


@pytest.mark.parametrize("args", [["--help"], *[[c, "--help"] for c in COMMANDS],
                                  *[["styles", c, "--help"] for c in ("list", "export", "check")]])
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


def every_wrong_call() -> list[list[str]]:
    """Each command (and subcommand) with a wrong number of arguments, with an unknown option, and with an option
    that lacks its value."""
    calls = []
    for command, counts in WRONG_COUNTS.items():
        calls += [[*command, *args] for args in counts]
        calls.append([*command, "--nope", *(["a.yaml"] if command in (("build",), ("check",)) else [])])
    calls += [["update", "a.yaml", "b.docx", "--style"], ["styles", "check", "a/", "--town"], ["check", "a.yaml", "--figures"]]
    return calls


@pytest.mark.parametrize("args", every_wrong_call(), ids=" ".join)
def test_every_usage_error_of_every_command_is_chinese(args):
    """#20.5: click's own lines (Got unexpected extra argument(s), No such option, Missing argument …) come out in
    Chinese for every command and subcommand: no English word but names is left."""
    result = runner.invoke(app, args, prog_name="drafter")
    assert result.exit_code == 2, result.output
    assert english_left(result.output) == [], result.output
    assert "错误：" in result.output


def test_every_command_is_covered_by_the_usage_test():
    """A command added later gets its wrong calls listed too."""
    import typer.main

    group = typer.main.get_command(app)
    names = {(name,) for name in group.commands}  # type: ignore[attr-defined]
    styles = group.commands["styles"]  # type: ignore[attr-defined]
    names |= {("styles", name) for name in styles.commands}
    assert names <= set(WRONG_COUNTS)
