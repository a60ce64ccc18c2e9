"""The user's cache directory for drafter (compiled templates, parsed phrase banks); None when unwritable."""

from __future__ import annotations

import os
from pathlib import Path

from drafter import __version__


def cache_dir(kind: str) -> Path | None:
    """~/.cache/drafter/<kind>-<version> (or under $XDG_CACHE_HOME), created on demand."""
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "drafter" / f"{kind}-{__version__}"
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return root
