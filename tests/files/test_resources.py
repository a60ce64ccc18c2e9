"""Where shipped data is found: a checkout's own folders, else the installed package's."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from drafter.files import resources


def layout(root: Path, checkout: bool) -> Path:
    package = root / "drafter"
    (package / "templates").mkdir(parents=True)
    (package / "templates" / "base.j2").write_text("installed", "utf-8")
    if checkout:
        (root / "pyproject.toml").write_text("", "utf-8")
        (root / "templates").mkdir()
        (root / "templates" / "base.j2").write_text("source", "utf-8")
    return package


@pytest.mark.parametrize("checkout", [False, True])
def test_a_checkout_uses_its_own_folder_an_install_its_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, checkout: bool) -> None:
    package = layout(tmp_path, checkout)
    monkeypatch.setattr(resources, "PACKAGE", package)
    found = resources.data_dir.__wrapped__("templates", "base.j2")
    assert (found / "base.j2").read_text("utf-8") == ("source" if checkout else "installed")


def test_an_installed_copy_is_found_without_importlib_resources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(resources, "PACKAGE", layout(tmp_path, checkout=False))
    monkeypatch.delitem(sys.modules, "importlib.resources", raising=False)
    resources.data_dir.__wrapped__("templates", "base.j2")
    assert "importlib.resources" not in sys.modules


def test_no_copy_anywhere_names_the_source_tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(resources, "PACKAGE", tmp_path / "drafter")
    assert resources.data_dir.__wrapped__("nothing", "x.txt") == tmp_path / "nothing"
