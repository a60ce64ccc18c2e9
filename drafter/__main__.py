"""`python -m drafter` -> the CLI."""

from drafter.cli.start import run

if __name__ == "__main__":  # not again in a spawned worker process (Windows)
    run()
