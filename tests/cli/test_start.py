"""The command's first module: its imports made with the collector paused and then frozen, the collector back on."""

from __future__ import annotations

import os
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

    from drafter.cli.main import app
    from drafter.cli.start import command_app

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


def test_no_collection_runs_while_a_build_imports(tmp_path) -> None:
    """The collector traces nothing while `drafter build` imports modules: the CLI's (cli.start, typer, jinja2 and
    yaml among them) nor those the build command imports when it runs (cli.collector.importing); the draft itself is
    made with it paused too. Only the modules imported before the pause can begin may see one (compiled from source,
    as in a fresh clone)."""
    code = ("import gc, sys\n"
            "during = set()\n"
            "def seen(phase, info):\n"
            "    frame, names = sys._getframe(1), []\n"
            "    while frame is not None:\n"
            "        if frame.f_code.co_name == '_find_and_load':\n"
            "            names.append(frame.f_locals.get('name'))\n"
            "        frame = frame.f_back\n"
            "    if phase == 'start':\n"
            "        during.update(n for n in names if n and n.split('.')[0] in ('drafter', 'typer', 'jinja2', 'yaml'))\n"
            "gc.callbacks.append(seen)\n"
            f"sys.argv = ['drafter', 'build', {str(ROOT / 'examples' / '青石镇.yaml')!r}, '--out', sys.argv[1]]\n"
            "def report():\n"
            "    print('imports a collection ran in:', *sorted(during))\n"
            "    print('built:', 'drafter.compose.base' in sys.modules, gc.isenabled())\n"
            "import atexit\n"
            "atexit.register(report)  # (the command ends the process: quick_exit runs what atexit holds)\n"
            "from drafter.cli.start import run\n"
            "run()\n")
    # drafter's modules being imported (at any depth) when a collection ran: only those imported before the pause
    before_pause = {"drafter", "drafter.cli", "drafter.cli.start", "drafter.cli.collector"}
    for environment in ({}, {"PYTHONDONTWRITEBYTECODE": "1"}):
        out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "d.docx")], capture_output=True, text=True,
                             check=True, cwd=ROOT, env={**os.environ, **environment})
        lines = dict(line.split(":", 1) for line in out.stdout.splitlines() if line.startswith(("imports", "built")))
        assert set(lines["imports a collection ran in"].split()) <= before_pause, out.stdout
        assert lines["built"].split() == ["True", "True"], out.stdout
    assert (tmp_path / "d.docx").exists()


def test_importing_pauses_the_collector_and_freezes_what_was_made() -> None:
    import gc

    from drafter.cli.collector import importing

    assert gc.isenabled()
    before = gc.get_freeze_count()
    try:
        with importing():
            assert not gc.isenabled()
            made = [[i] for i in range(1000)]
        assert gc.isenabled() and gc.get_freeze_count() >= before + len(made)
        gc.disable()
        frozen = gc.get_freeze_count()
        with importing():  # a caller that paused it keeps it paused, and nothing is frozen for it
            assert not gc.isenabled()
        assert not gc.isenabled() and gc.get_freeze_count() == frozen
    finally:
        gc.enable()
        gc.unfreeze()


def ended(body: str) -> subprocess.CompletedProcess:
    """A process whose `drafter` command is body (a function's lines, the CLI in its place), run through start.run."""
    code = ("import atexit, sys, threading, time\n"
            "import drafter.cli.start as start\n"
            "def command():\n" + "".join(f"    {line}\n" for line in body.splitlines()) +
            "start.cli = command\n"
            "start.run()\n"
            "print('not reached')\n")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)


def test_the_command_ends_with_its_exit_code_its_output_flushed_and_atexit_run() -> None:
    """start.run ends the process with os._exit (no teardown of every module), as `raise SystemExit` would have: the
    same exit code, a message given as the code said on stderr, buffered output flushed, atexit's functions run."""
    done = ended("atexit.register(lambda: print('退出时'))\nprint('已生成', end='')\nsys.stderr.write('提醒')")
    assert (done.returncode, done.stdout, done.stderr) == (0, "已生成退出时\n", "提醒")
    done = ended("print('写了')\nsys.exit(1)")
    assert (done.returncode, done.stdout, done.stderr) == (1, "写了\n", "")
    done = ended("sys.exit('错误：坏')")
    assert (done.returncode, done.stdout, done.stderr) == (1, "", "错误：坏\n")
    done = ended("raise SystemExit(None)")
    assert (done.returncode, done.stdout) == (0, "")


def test_a_thread_still_running_is_waited_for_as_usual() -> None:
    done = ended("def late():\n    time.sleep(0.3)\n    print('线程完成', flush=True)\n"
                 "threading.Thread(target=late).start()\nsys.exit(3)")
    assert (done.returncode, done.stdout) == (3, "线程完成\n")


def test_a_build_declares_no_other_command(tmp_path) -> None:
    """`drafter build` parses with drafter.cli.app alone: the other commands (drafter.cli.main) and their modules are
    not imported; any other command line has the whole app (its help lists every command)."""
    code = ("import atexit, sys\n"
            "atexit.register(lambda: print('loaded:', *sorted(m for m in ('drafter.cli.main', 'drafter.cli.styles')"
            " if m in sys.modules)))\n"
            "sys.argv = ['drafter', *sys.argv[1:]]\n"
            "from drafter.cli.start import run\n"
            "run()\n")
    build = [str(ROOT / "examples" / "青石镇.yaml"), "--out", str(tmp_path / "d.docx")]
    out = subprocess.run([sys.executable, "-c", code, "build", *build], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0 and out.stdout.splitlines()[-1].strip() == "loaded:", out.stdout + out.stderr
    out = subprocess.run([sys.executable, "-c", code, "--help"], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0 and out.stdout.splitlines()[-1] == "loaded: drafter.cli.main drafter.cli.styles"
    assert all(f"  {name}" in out.stdout for name in ("build", "check", "update", "init", "fonts", "mine", "styles"))
