"""The `drafter` command's first module: the CLI's imports made with the cyclic garbage collector paused, then kept
out of its way (drafter.cli.collector), then the CLI."""

from drafter.cli.collector import importing

with importing():
    from drafter.cli.main import run as cli


def run() -> None:
    """The `drafter` command."""
    cli()
