"""`python -m drafter` -> the CLI."""

from drafter.cli import run

run()
