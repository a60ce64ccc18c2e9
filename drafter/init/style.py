"""A style (built-in or a folder) -> an editable copy in a folder: its style.yaml, every template it uses (the shared
base.j2 and macros.j2 too, so the copy stands alone) and a README in Chinese on the template API and worked changes."""

from __future__ import annotations

from pathlib import Path

from drafter.compose.style import STYLE_FILE, load_style, template_dir
from drafter.errors import OutputError, Problem
from drafter.files.textio import atomic_write

README = "README.md"
# The README of an export: a packaged text with {样式} for the style's name, {文件夹} for the folder's.
README_SOURCE = "style-README.md"


def style_files(ref: str) -> dict[str, bytes]:
    """The files of a style as an export holds them: {file name: bytes} (the style's own, then the shared templates
    it does not override, then the README)."""
    style = load_style(ref)
    files: dict[str, bytes] = {}
    for path in sorted(style.folder.iterdir()):
        if path.is_file() and not path.is_symlink() and (path.suffix == ".j2" or path.name == STYLE_FILE):  # a link: not ours
            files[path.name] = path.read_bytes()
    if style.builtin:
        for path in sorted(template_dir().glob("*.j2")):
            files.setdefault(path.name, path.read_bytes())
    return files


def readme(name: str, folder: Path) -> bytes:
    """The export's README, for this style and folder."""
    text = (template_dir() / README_SOURCE).read_text("utf-8")
    return text.replace("{样式}", name).replace("{文件夹}", folder.name or str(folder)).encode("utf-8")


def export_style(ref: str, folder: Path, force: bool = False) -> list[Path]:
    """Write an editable copy of a style into folder (created; an existing folder must be empty unless force, and then
    only the export's own files are replaced). Returns the files written."""
    if folder.exists() and not folder.is_dir():
        raise OutputError(Problem(str(folder), None, "", "这个路径是一个文件，不是文件夹", "请换一个文件夹名"))
    files = style_files(ref)
    files[README] = readme(load_style(ref).spec.name, folder)
    if folder.is_dir() and any(folder.iterdir()) and not force:
        raise OutputError(Problem(str(folder), None, "", "文件夹已存在且不是空的，为保护其中的文件没有写入",
                                  "换一个新文件夹名，或加 --force 覆盖其中同名的文件（别的文件不动）"))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(Problem(str(folder), None, "", f"无法创建文件夹：{exc.strerror}")) from exc
    written = []
    for name, data in files.items():
        atomic_write(folder / name, data)
        written.append(folder / name)
    return written
