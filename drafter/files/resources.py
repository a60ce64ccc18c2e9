"""Where shipped data lives: the installed drafter.<name> package, else the source tree's top-level <name>/."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent
DATA = PACKAGE / "data"  # drafter/data: topic sheets, lexicon, sentence templates, base.docx


@lru_cache(maxsize=16)
def data_dir(name: str, marker: str) -> Path:
    """templates/, phrasebank/ or seeds/: the source tree's when drafter runs from one (a checkout, whose data then
    goes with its code, even beside an editable install of another checkout), else the installed copy when it holds
    marker, else the source tree's (looked for once a process)."""
    if (PACKAGE.parent / "pyproject.toml").is_file() and (PACKAGE.parent / name / marker).exists():
        return PACKAGE.parent / name
    if (PACKAGE / name / marker).exists():  # a regular install: the package's own folder, without importlib.resources
        return PACKAGE / name
    from importlib import resources  # an install elsewhere (a zip, a namespace): ~1 ms of imports a cold build skips

    try:
        root = Path(str(resources.files(f"drafter.{name}")))
        if (root / marker).exists():
            return root
    except ModuleNotFoundError:
        pass
    return PACKAGE.parent / name
