"""The user's cache directory for drafter (compiled templates, parsed data files, the crash log, the machine's fonts):
~/.cache/drafter (or $XDG_CACHE_HOME/drafter), %LOCALAPPDATA%\\drafter on Windows; None when it cannot be written (a
folder that exists but is read-only, or belongs to another user, is no cache: drafter works without)."""

from __future__ import annotations

import hashlib
import marshal
import os
import tempfile
from collections.abc import Callable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from drafter import __version__


def system() -> str:
    """The platform's family as os.name says it ('nt' on Windows); a seam the tests fake (faking os.name itself
    would turn every Path into a WindowsPath)."""
    return os.name


def cache_root(environ: Mapping[str, str] | None = None) -> Path:
    """drafter's cache folder: %LOCALAPPDATA%\\drafter on Windows (where Windows keeps a user's local data; under the
    profile's AppData\\Local when the variable is unset), else $XDG_CACHE_HOME/drafter or ~/.cache/drafter."""
    env = os.environ if environ is None else environ
    if system() == "nt":
        local = env.get("LOCALAPPDATA") or str(Path(env.get("USERPROFILE") or Path.home()) / "AppData" / "Local")
        return Path(local) / "drafter"
    return Path(env.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "drafter"


def cache_folder(kind: str) -> Path | None:
    """<cache root>/<kind>-<version>, not created or looked at (None: no home directory to put it under)."""
    try:
        return cache_root() / f"{kind}-{__version__}"
    except RuntimeError:
        return None


def cache_dir(kind: str) -> Path | None:
    """<cache root>/<kind>-<version>, created on demand; None when it cannot be written."""
    root = cache_folder(kind)
    if root is None:
        return None
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError:  # not writable: work without a cache
        return None
    return root if writable(root) else None


@lru_cache(maxsize=32)
def writable(folder: Path) -> bool:
    """True when a file can be created in folder (tried once per process: permissions alone do not tell, on a
    read-only disk or for root)."""
    try:
        fd, name = tempfile.mkstemp(dir=folder, prefix=".probe-")
        os.close(fd)
        os.unlink(name)
    except OSError:
        return False
    return True


def cached_data(kind: str, key: str, produce: Callable[[], Any], refresh: bool = False) -> Any:
    """produce()'s data (dicts, lists, tuples, text, numbers), kept in the cache under key until key changes (no
    cache: computed); refresh computes it again and keeps the new result. Kept in marshal's form, which reads back
    the same values in half the time JSON took (a cold build reads the wording, the bank, the lexicon and a frame):
    a file that does not read back (damaged, or from another Python that writes marshal differently) is made again."""
    folder = cache_folder(kind)
    if folder is None:
        return produce()
    path = folder / f"{hashlib.sha256(key.encode()).hexdigest()[:24]}{SUFFIX}"
    try:
        if not refresh:
            return marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        pass
    data = produce()
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    try:  # (a folder that cannot be made or written: no cache, the data computed each time)
        folder.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(marshal.dumps(data))
        os.replace(tmp, path)
        prune(folder, path)
    except OSError:
        discard(tmp)  # (a write cut short: nothing half-written left behind)
    return data


def discard(path: Path) -> None:
    """Remove a file if it is there and can be removed."""
    try:
        path.unlink()
    except OSError:
        pass


def jieba_folder() -> Path | None:
    """Where jieba should keep its dictionary cache: drafter's cache, not the shared temp folder (where another
    user's jieba.cache can be neither read nor replaced); else a private temp folder removed at exit; None when
    nothing can be written."""
    import atexit
    import shutil

    root = cache_dir("jieba")
    if root is not None:
        return root
    try:
        private = Path(tempfile.mkdtemp(prefix="drafter-jieba-"))
    except OSError:
        return None
    atexit.register(shutil.rmtree, private, True)
    return private


# A cache entry's file name ends so (OLD_SUFFIX: the JSON form entries had before they were kept in marshal's).
SUFFIX = ".marshal"
OLD_SUFFIX = ".json"
# Entries of one kind kept; older ones (left by data files since edited) are removed when a new one is written.
KEEP = 8


def prune(folder: Path, newest: Path) -> None:
    """Remove all but the KEEP most recently written entries of a cache folder, and every entry in the JSON form
    drafter kept before (never read again: an upgrade would leave them there for good)."""
    entries = sorted(folder.glob(f"*{SUFFIX}"), key=lambda p: (p == newest, p.stat().st_mtime_ns))
    for old in [*entries[:-KEEP], *folder.glob(f"*{OLD_SUFFIX}")]:
        discard(old)
