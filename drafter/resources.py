"""Where shipped data lives: the installed drafter.<name> package, else the source tree's top-level <name>/."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def data_dir(name: str, marker: str) -> Path:
    """templates/, phrasebank/ or seeds/: installed copy when it holds marker, else the source tree's."""
    try:
        root = Path(str(resources.files(f"drafter.{name}")))
        if (root / marker).exists():
            return root
    except ModuleNotFoundError:
        pass
    return Path(__file__).resolve().parent.parent / name
