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


def test_a_command_parsed_by_an_app_that_holds_it_alone_reads_as_in_the_whole_app() -> None:
    from typer.testing import CliRunner

    from drafter.cli.main import app, command_app

    names = [c.name or c.callback.__name__ for c in app.registered_commands if c.callback]
    names += [g.name for g in app.registered_groups if g.name]
    assert {"build", "check", "update", "init", "fonts", "mine", "styles"} <= set(names)
    runner = CliRunner()
    for name in names:
        one = command_app(["drafter", name])
        assert one is not app and len(one.registered_commands) + len(one.registered_groups) == 1
        for args in (["--help"], ["--no-such-option"]):
            whole = runner.invoke(app, [name, *args], prog_name="drafter")
            alone = runner.invoke(one, [name, *args], prog_name="drafter")
            assert (alone.exit_code, alone.output) == (whole.exit_code, whole.output), (name, args)
    for args in (["build"], ["styles", "export"], ["check", "--json"]):  # a required argument left out
        whole, alone = runner.invoke(app, args, prog_name="drafter"), runner.invoke(command_app(["drafter", *args]), args, prog_name="drafter")
        assert (alone.exit_code, alone.output) == (whole.exit_code, whole.output) and alone.exit_code != 0, args
    for argv in (["drafter"], ["drafter", "--version"], ["drafter", "nosuch"], ["drafter", "--help"]):
        assert command_app(argv) is app
