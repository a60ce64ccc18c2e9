"""The `drafter` command's first module: the CLI's imports made with the cyclic garbage collector paused, then kept
out of its way (drafter.cli.collector); then the app that parses the command line (`drafter build …`: drafter.cli.app
alone; anything else: the whole app, drafter.cli.main); then a quick exit."""

from __future__ import annotations

from typing import TYPE_CHECKING

from drafter.cli.collector import importing

with importing():  # (typer too: nothing above this line may import it, nor anything large)
    from drafter.cli.app import app, pipe_closed

if TYPE_CHECKING:
    import typer


def command_app(argv: list[str]) -> typer.Typer:
    """The app that parses argv: for `drafter <command> …` one that holds that command alone (typer makes a click
    command of every command an app holds, on every start: 2-3 ms; a command's options, help and errors are its own),
    the whole app for anything else (no command, an option first, a name it does not know)."""
    import copy

    name = argv[1] if len(argv) > 1 else ""
    if name != "build":
        with importing():
            import drafter.cli.main  # noqa: F401  (adds every other command to app)
    commands = [c for c in app.registered_commands if c.callback and (c.name or c.callback.__name__) == name]
    groups = [g for g in app.registered_groups if g.name == name]
    if not commands and not groups:
        return app
    one = copy.copy(app)
    one.registered_commands, one.registered_groups = commands, groups
    return one


def cli() -> None:
    """The command line parsed and run (every object it made then frozen: left to the process's end rather than
    traced by a last garbage collection, which costs a short command about a fifth of its time)."""
    import gc
    import sys

    try:
        command_app(sys.argv)()
    except BrokenPipeError:  # a message printed after the work was done
        pipe_closed()
        raise SystemExit(1) from None
    finally:
        gc.freeze()


def run() -> None:
    """The `drafter` command, ended by quick_exit."""
    try:
        cli()
    except SystemExit as stop:
        quick_exit(stop)
    quick_exit(SystemExit(0))


def quick_exit(stop: SystemExit) -> None:
    """End the process as `raise stop` would, less the interpreter's teardown: the output flushed and the functions
    registered with atexit run (a batch's worker pool, a private temp folder), then os._exit, which leaves every
    module and object to the process's end instead of taking them apart one by one (~1.5 % of a cold build's
    instructions). With a thread still running, or output that cannot be flushed, the usual exit (raise stop)."""
    import atexit
    import os
    import sys
    import threading

    if threading.active_count() > 1:
        raise stop
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe or stream: the interpreter's own exit says so
        raise stop from None
    atexit._run_exitfuncs()  # (which forgets them: the usual exit would not run them again)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        raise stop from None
    code = stop.code
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr, flush=True)  # as the interpreter says a SystemExit's message
        code = 1
    os._exit(code or 0)
