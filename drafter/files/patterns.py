"""Regular expressions compiled once per Python, not once per process.

re compiles a pattern with its parser and compiler, both written in Python: 50-280 µs a pattern in a new process,
~1.7 ms of a cold build for the thirteen a build uses (the town file's reader, the markup, the figures' keys). What
they make is a program for re's engine, a list of numbers; it is kept in the cache beside drafter's other data, under
this Python's version and its engine's (a program is made for one engine), and handed to the engine as re's compiler
hands it. A program is kept only once the pattern it makes compares equal to re.compile's (same flags, groups and
code); anything unexpected (another Python, no cache folder, an entry that does not read back) falls back to
re.compile."""

from __future__ import annotations

import importlib
import marshal
import os
import re
import sys
from pathlib import Path
from typing import Any

from drafter.files.cache import SUFFIX, cache_folder, discard

try:  # CPython's engine and re's own compiler, which every CPython since 3.11 has (neither has type stubs)
    _sre: Any = importlib.import_module("_sre")
    _compiler: Any = importlib.import_module("re._compiler")
    _parser: Any = importlib.import_module("re._parser")
except ImportError:  # pragma: no cover (another Python: re.compile each time)
    _sre = None

# (pattern, flags) -> what _sre.compile takes after the pattern: flags, code, groups, groupindex, indexgroup.
Programs = dict[tuple[str, int], tuple[Any, ...]]


class Kept:
    """The programs read from the cache (None before the first pattern; {} with no cache to keep them in)."""

    programs: Programs | None = None
    path: Path | None = None


def compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """re.compile(pattern, flags), from the program kept for it when there is one."""
    programs = kept()
    program = programs.get((pattern, flags))
    if program is not None:
        try:
            return _sre.compile(pattern, *program)
        except (TypeError, ValueError, RuntimeError):  # (a damaged program: the engine refuses it)
            pass
    made = re.compile(pattern, flags)
    program = fresh(pattern, flags, made)
    if program is not None:
        programs[(pattern, flags)] = program
        save(programs)
    return made


def kept() -> Programs:
    """The programs kept for this Python ({} when none can be: no engine to hand them to, or no cache folder)."""
    if Kept.programs is None:
        Kept.programs, Kept.path = {}, None
        folder = cache_folder("patterns") if _sre is not None else None
        if folder is not None:
            Kept.path = folder / f"{sys.implementation.cache_tag}-{sys.hexversion:x}-{_sre.MAGIC}{SUFFIX}"
            try:
                found = marshal.loads(Kept.path.read_bytes())
                if isinstance(found, dict):
                    Kept.programs = found
            except (OSError, ValueError, EOFError, TypeError):
                pass
    return Kept.programs


def fresh(pattern: str, flags: int, made: re.Pattern[str]) -> tuple[Any, ...] | None:
    """The program re's compiler makes of pattern, as _sre.compile takes it; None unless the pattern it makes is
    the one re.compile made (equal flags, groups and code)."""
    if _sre is None or Kept.path is None:
        return None
    try:
        parsed = _parser.parse(pattern, flags)
        code = [int(op) for op in _compiler._code(parsed, flags)]  # (its opcodes are int subclasses marshal refuses)
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        program = (int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
        return program if _sre.compile(pattern, *program) == made else None
    except Exception:  # (re's internals changed: keep nothing, re.compile each time)
        return None


def save(programs: Programs) -> None:
    """Write the programs to the cache (a write cut short leaves nothing half-written; no folder: nothing kept)."""
    path = Kept.path
    if path is None:
        return
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(marshal.dumps(programs))
        os.replace(tmp, path)
    except (OSError, ValueError):
        discard(tmp)
