"""`python -m drafter` -> the CLI."""

from drafter.cli.main import run

run()
