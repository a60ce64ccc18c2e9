"""Corpus files (.txt in UTF-8/GB18030, .docx) -> Document (numbered, cleaned lines + sha256)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from drafter.errors import CorpusError, Problem
from drafter.files import textio, zipread

# Lines that are web-page furniture around a published report, not report text.
META_LINE = re.compile(r"^(索引号|发布机构|发布时间|原文链接|政策解读链接|附件|点击数)[:：]?")
# A text shorter than this many Chinese characters is not a report.
MIN_REPORT_CHARS = 300
# Share of Chinese characters below which a decoded text is taken for binary or not Chinese.
MIN_CJK_SHARE = 0.3
CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Line:
    """One non-empty line of a corpus file with its 1-based line number."""

    number: int
    text: str


@dataclass(frozen=True)
class Document:
    """A corpus file read and cleaned: its name, encoding, sha256 and lines."""

    name: str
    encoding: str
    sha256: str
    lines: tuple[Line, ...]

    @property
    def text(self) -> str:
        """All lines joined by newlines."""
        return "\n".join(line.text for line in self.lines)


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Bytes -> (text, encoding); CorpusError when empty, binary or undecodable."""
    if not data.strip():
        raise CorpusError(Problem(name, None, "", "文件为空，不是工作报告", "请检查文件内容"))
    return textio.decode(data, name, CorpusError)


def docx_text(path: Path) -> str:
    """Paragraph text of a .docx, one paragraph a line (but its table of contents)."""
    import docx  # python-docx; imported here so .txt-only mining does not pay for it

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several types for a broken package
        raise CorpusError(Problem(str(path), None, "", f"无法作为 .docx 打开：{exc}")) from exc
    from drafter.ooxml.toc import contents_paragraphs

    skip = contents_paragraphs(document.element.body)  # a table of contents repeats the headings with page numbers
    return "\n".join(p.text for p in document.paragraphs if p._p not in skip)


# ASCII punctuation right after a Chinese character is normalised to its full-width form.
ASCII_PUNCT = re.compile(r"(?<=[\u4e00-\u9fff”）])([,:;])")
FULL_WIDTH = {",": "，", ":": "：", ";": "；"}


def clean_lines(text: str) -> tuple[Line, ...]:
    """Text -> non-empty, stripped, non-meta lines with their original line numbers."""
    lines = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip().strip("\u3000").strip()
        line = ASCII_PUNCT.sub(lambda m: FULL_WIDTH[m.group(1)], line)
        if line and not META_LINE.match(line):
            lines.append(Line(number, line))
    return tuple(lines)


def read_document(path: Path) -> Document:
    """Read one corpus file; CorpusError when not a regular file, too large, empty, binary, undecodable or not a report."""
    data = textio.read_limited(path, textio.CORPUS_LIMIT, CorpusError, "语料文件")
    if path.suffix.lower() == ".docx":
        zipread.check_docx_body(path, CorpusError)
        text, encoding = docx_text(path), "docx"
    else:
        text, encoding = decode(data, str(path))
    chinese = len(CJK.findall(text))
    if chinese < MIN_CJK_SHARE * max(1, len(text.strip())) and chinese < MIN_REPORT_CHARS:
        raise CorpusError(Problem(str(path), None, "", "内容不是中文文本，可能是二进制文件"))
    if chinese < MIN_REPORT_CHARS:
        raise CorpusError(
            Problem(str(path), None, "", f"只有 {chinese} 个汉字，太短，不像一篇工作报告", f"至少需要 {MIN_REPORT_CHARS} 字")
        )
    digest = hashlib.sha256(data).hexdigest()
    return Document(path.name, encoding, digest, clean_lines(text))


def corpus_files(paths: list[Path]) -> list[Path]:
    """Expand directories into their .txt/.docx entries, sorted by name; files as given. Entries that are not
    regular files (a folder named x.txt, a broken shortcut, a shortcut loop) are kept here and refused, each
    with its reason, when read: one bad entry never stops the others."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            try:
                entries = sorted(p for p in path.iterdir() if p.suffix.lower() in (".txt", ".docx"))
            except OSError as exc:
                raise CorpusError(Problem(str(path), None, "", f"无法读取语料目录：{exc.strerror}")) from exc
            found.extend(entries)
        elif path.exists() or path.is_symlink():
            found.append(path)
        else:
            raise CorpusError(Problem(str(path), None, "", "语料文件或目录不存在"))
    return found
