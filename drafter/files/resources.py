"""Where shipped data lives: the installed drafter.<name> package, else the source tree's top-level <name>/."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent
DATA = PACKAGE / "data"  # drafter/data: topic sheets, lexicon, sentence templates, base.docx


def data_dir(name: str, marker: str) -> Path:
    """templates/, phrasebank/ or seeds/: installed copy when it holds marker, else the source tree's."""
    try:
        root = Path(str(resources.files(f"drafter.{name}")))
        if (root / marker).exists():
            return root
    except ModuleNotFoundError:
        pass
    return PACKAGE.parent / name
