"""The `drafter` command's first module: the CLI's imports made with the cyclic garbage collector paused, then kept
out of its way, then the CLI.

Starting a command imports typer, jinja2, yaml and drafter's own modules: some hundred thousand objects, none of them
garbage, which the collector would trace about eighty times on the way (~4% of a cold `drafter build`). They are
made with it paused, then frozen (gc.freeze: left out of every later collection, as objects that live as long as the
process), and the collector runs as usual for the command's own work."""

import gc

gc.disable()
try:
    from drafter.cli.main import run as cli
finally:
    gc.freeze()
    gc.enable()


def run() -> None:
    """The `drafter` command."""
    cli()
