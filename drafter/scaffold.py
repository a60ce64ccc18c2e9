"""The commented town-file scaffold -> a new file for `drafter init` (never over an existing one)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from drafter.errors import OutputError, Problem


def scaffold_text() -> str:
    """The packaged scaffold (drafter/data/scaffold.yaml)."""
    return resources.files("drafter").joinpath("data/scaffold.yaml").read_text("utf-8")


def write_scaffold(path: Path, force: bool = False) -> Path:
    """Write the scaffold to path; refuse to overwrite an existing file without force."""
    if path.is_dir():
        path = path / "town.yaml"
    if path.exists() and not force:
        raise OutputError(Problem(str(path), None, "", "文件已存在，没有覆盖", "换一个文件名，或加 --force 覆盖"))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(scaffold_text(), encoding="utf-8")
    except OSError as exc:
        raise OutputError(Problem(str(path), None, "", f"无法写入：{exc.strerror}")) from exc
    return path
