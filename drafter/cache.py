"""The user's cache directory for drafter (compiled templates, parsed phrase banks); None when unwritable."""

from __future__ import annotations

import os
from pathlib import Path

from drafter import __version__


def cache_dir(kind: str) -> Path | None:
    """~/.cache/drafter/<kind>-<version> (or under $XDG_CACHE_HOME), created on demand."""
    try:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
        root = base / "drafter" / f"{kind}-{__version__}"
        root.mkdir(parents=True, exist_ok=True)
    except (OSError, RuntimeError):  # no home directory, or not writable: work without a cache
        return None
    return root
