"""Shared fixtures: project paths and a built draft per style."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
EXAMPLES = ROOT / "examples"
PHRASEBANK = ROOT / "phrasebank"
STYLES = ("numbered", "topical", "congress", "report")


@pytest.fixture
def town_file(tmp_path: Path) -> Path:
    """A copy of the 青石镇 example in a temporary directory."""
    target = tmp_path / "青石镇.yaml"
    shutil.copy(EXAMPLES / "青石镇.yaml", target)
    return target


def write(tmp_path: Path, text: str, name: str = "town.yaml") -> Path:
    """Write a town file and return its path."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


MINIMAL = "town: 小溪乡\nyear: 2024\n"


# Internal errors must fail the tests, not turn into the clerk's one-line message.
os.environ["DRAFTER_DEBUG"] = "1"


# The fast suite (`python -m pytest -m "not client and not slow"`) leaves out the real clients (tests/client, marked
# there) and what is slow by nature: the hostile-input campaigns, every property test (Hypothesis draws many towns
# and drafts), and last year's reports read in every file form (PDF and .doc). CI runs them all.
SLOW_FILES = ("tests/hostile/", "tests/init/test_reports.py")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        where = item.nodeid.replace("\\", "/")
        if where.startswith(SLOW_FILES) or getattr(getattr(item, "obj", None), "is_hypothesis_test", False):
            item.add_marker(pytest.mark.slow)
