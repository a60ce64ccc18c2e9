"""An unexpected error's traceback -> a log file of its own in the user's cache (or the temp folder); its path for the
message. Two crashes in the same second, in one process or many, never share a file."""

from __future__ import annotations

from pathlib import Path

from drafter.files.cache import cache_dir


def save_traceback(exc: BaseException) -> Path | None:
    """Write the traceback of an unexpected error to a new file in the log folder (the temp folder when the cache
    cannot be written); its path, or None when nothing is writable."""
    import datetime as dt
    import os
    import tempfile
    import traceback

    text = "".join(traceback.format_exception(exc))
    prefix = f"drafter-{dt.datetime.now():%Y%m%d-%H%M%S}-{os.getpid()}-"
    for folder in dict.fromkeys(f for f in (cache_dir("logs"), Path(tempfile.gettempdir())) if f is not None):
        try:
            fd, name = tempfile.mkstemp(dir=folder, prefix=prefix, suffix=".log")  # a name no other log has
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
        except OSError:
            continue
        return Path(name)
    return None
