"""The command line: parse options, call the packages below, print in Chinese, exit 0/1/2.

main holds the typer app and one error boundary (a DrafterError -> one Chinese line, exit 1; anything else ->
a crash log); zh puts click's frame in Chinese; batch, check, update and mine are the front ends of the
commands that print tables and progress."""
