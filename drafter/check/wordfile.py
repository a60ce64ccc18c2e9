"""A .docx -> the format rules it breaks: what WPS (and Word) need of a file to show it as it was meant, learnt from
the public record (docs/wps.md, sources [S..] there). Pure functions over the package's parts; each rule
returns findings, check_parts runs them all (`drafter check --format`, and the tests on every draft drafter builds)."""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.check.wordlooks import fonts_rule, language_rule, proofing_rule, properties_rule, styles_rule
from drafter.check.wordpkg import Finding, Package, Where
from drafter.check.wordrules import fields_rule, ids_rule, revisions_rule, tables_rule, toc_rule
from drafter.tuples import NamedTuple

if TYPE_CHECKING:
    from collections.abc import Callable


# rule -> (its Chinese name, what to do about it)
RULES = {
    "toc": ("目录", "在 WPS 中右键目录选“更新目录”（Word 中右键选“更新域”），或用 drafter build --toc 重新生成"),
    "fields": ("页码和域", "用 drafter build 重新生成，或在 WPS 中删除页码后用“插入→页码”重新插入"),
    "tables": ("表格", "在表格属性中指定每列宽度并取消“自动重调尺寸以适应内容”，或重新生成"),
    "ids": ("书签、批注和修订的编号", "用 drafter build 重新生成；自己加的书签请改名或删除重复的"),
    "revisions": ("修订", "在 WPS 或 Word 中接受或拒绝全部修订后另存"),
    "styles": ("样式", "在样式窗格中新建所缺的样式，或用 drafter build 重新生成"),
    "proofing": ("校对标记", "选中这些文字，在“审阅→语言”中勾选“不检查拼写或语法”"),
    "fonts": ("字体", "把字体改为具体的字体名（如 仿宋_GB2312），不要用“正文/标题”主题字体"),
    "language": ("语言", "全选后在“审阅→语言”中把中文设为“中文（中国）”"),
    "properties": ("文档属性", "缩短或删除过长的自定义属性（文件→属性→自定义）"),
}


CHECKS: tuple[Callable[[Package, Where], list[Finding]], ...] = (
    toc_rule, fields_rule, tables_rule, ids_rule, revisions_rule, styles_rule, proofing_rule, fonts_rule, language_rule,
    properties_rule)


def check_parts(parts: dict[str, bytes]) -> list[Finding]:
    """Every rule over a package given as {part name: bytes}."""
    pkg, where = Package(parts), Where()
    if pkg.body is None:
        return [Finding("styles", pkg.main, "没有可读的正文部分")]
    return [finding for check in CHECKS for finding in check(pkg, where)]


def read_parts(data: bytes) -> dict[str, bytes]:
    """A .docx's bytes -> {part name: bytes}; zipfile's errors for what is not a zip."""
    with zipfile.ZipFile(BytesIO(data)) as package:
        return {info.filename: package.read(info.filename) for info in package.infolist() if not info.is_dir()}


class WordCheck(NamedTuple):
    """A file's format check: the findings, and the program that last saved it."""

    path: Path
    findings: list[Finding]
    saved_by: str

    @property
    def failed(self) -> bool:
        return bool(self.findings)


def check_file(path: Path) -> WordCheck:
    """Read a .docx (within drafter's limits; DraftError when it is not one) and check it."""
    from drafter.errors import DraftError, Problem
    from drafter.files.textio import DRAFT_LIMIT, read_limited
    from drafter.files.zipread import check_docx_body
    from drafter.ooxml.props import saved_by

    data = read_limited(path, DRAFT_LIMIT, DraftError, "Word 文件")
    check_docx_body(path, DraftError)
    try:
        parts = read_parts(data)
    except (zipfile.BadZipFile, ValueError, OSError, KeyError) as exc:
        raise DraftError(Problem(str(path), None, "", "无法作为 Word 文档读取", "请用 Word 或 WPS 另存为 .docx")) from exc
    return WordCheck(path, check_parts(parts), saved_by(parts.get("docProps/custom.xml", b""), parts.get("docProps/app.xml", b"")))
