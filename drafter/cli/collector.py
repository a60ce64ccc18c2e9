"""The cyclic garbage collector paused while a command imports drafter's modules, then kept out of their way.

Importing typer, jinja2, yaml and drafter's own modules makes some hundred thousand objects, none of them garbage,
which the collector would trace again and again on the way (~4% of a cold `drafter build` for the CLI's imports;
another 1% for the modules `build` imports when it runs). They are made with it paused, then frozen (gc.freeze: left
out of every later collection, as objects that live as long as the process), and the collector runs as usual for
the command's own work. A caller that paused the collector keeps it paused, and nothing is frozen for it."""

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def importing() -> Iterator[None]:
    """The collector paused for the imports made inside, and what they made frozen after them."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()
