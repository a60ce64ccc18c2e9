"""An unexpected error's traceback -> a log file in the user's cache (or the temp folder); its path for the message."""

from __future__ import annotations

from pathlib import Path

from drafter.files.cache import cache_dir


def save_traceback(exc: BaseException) -> Path | None:
    """Write the traceback of an unexpected error to the log folder; its path, or None when nothing is writable."""
    import datetime as dt
    import os
    import tempfile
    import traceback

    folder = cache_dir("logs") or Path(tempfile.gettempdir())
    path = folder / f"drafter-{dt.datetime.now():%Y%m%d-%H%M%S}-{os.getpid()}.log"
    try:
        path.write_text("".join(traceback.format_exception(exc)), "utf-8")
    except OSError:
        return None
    return path
