"""The `drafter` command's first module: the CLI's imports made with the cyclic garbage collector paused, then kept
out of its way (drafter.cli.collector), then the CLI, then a quick exit."""

from drafter.cli.collector import importing

with importing():
    from drafter.cli.main import run as cli


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
