"""The command line: parse options, call the packages below, print in Chinese, exit 0/1/2.

app holds the typer app, its one error boundary (a DrafterError -> one Chinese line, exit 1; anything else ->
a crash log) and build; main adds the other commands; start is the command's entry; zh puts click's frame in
Chinese; batch, check, update and mine are the front ends of the commands that print tables and progress."""
