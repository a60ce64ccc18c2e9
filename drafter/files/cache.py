"""The user's cache directory for drafter (compiled templates, parsed data files); None when unwritable."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

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


def cached_json(kind: str, key: str, produce: Callable[[], Any]) -> Any:
    """produce()'s JSON-able result, kept in the cache under key until key changes (no cache: computed)."""
    folder = cache_dir(kind)
    if folder is None:
        return produce()
    path = folder / f"{hashlib.sha256(key.encode()).hexdigest()[:24]}.json"
    try:
        return json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        pass
    data = produce()
    try:
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
        os.replace(tmp, path)
        prune(folder, path)
    except OSError:
        pass
    return data


# Entries of one kind kept; older ones (left by data files since edited) are removed when a new one is written.
KEEP = 8


def prune(folder: Path, newest: Path) -> None:
    """Remove all but the KEEP most recently written entries of a cache folder."""
    entries = sorted(folder.glob("*.json"), key=lambda p: (p == newest, p.stat().st_mtime_ns))
    for old in entries[:-KEEP]:
        try:
            old.unlink()
        except OSError:
            pass
