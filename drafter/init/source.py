"""Last year's report as the office keeps it (.txt in UTF-8/UTF-16/GBK/Big5, a saved web page, .docx, .doc or .wps
through LibreOffice, .pdf through pypdf) -> its text, in simplified characters, and how it was read."""

from __future__ import annotations

import html
import logging
import re
import shutil
import subprocess
import tempfile
from functools import lru_cache
from importlib import resources
from pathlib import Path

from drafter.errors import CorpusError, Problem
from drafter.files import textio, zipread
from drafter.tuples import NamedTuple

WHAT = "去年的报告"
# How long LibreOffice may take to turn one .doc into text.
SOFFICE_SECONDS = 120
CJK = re.compile(r"[\u4e00-\u9fff]")
# A text is in traditional characters when at least this share of its Chinese characters are traditional-only.
TRADITIONAL_SHARE = 0.03


class Source(NamedTuple):
    """The text of last year's report and how it was read (utf-8, gb18030, big5, docx, doc, pdf; +繁体)."""

    text: str
    how: str


def refuse(path: Path, message: str, hint: str = "") -> CorpusError:
    """A CorpusError about last year's report at path."""
    return CorpusError(Problem(str(path), None, "", message, hint))


def read_source(path: Path) -> Source:
    """Read last year's report, whatever form it was kept in; CorpusError saying what to do when it cannot be read."""
    if not path.exists() and not path.is_symlink():
        near = sorted(p.name for p in path.parent.glob(f"*{path.suffix or '.*'}"))[:5] if path.parent.is_dir() else []
        hint = f"同一文件夹中有：{'、'.join(near)}" if near else "请检查文件名和所在文件夹"
        raise refuse(path, f"找不到{WHAT}（--from 后面的文件）", hint)
    data = textio.read_limited(path, textio.CORPUS_LIMIT, CorpusError, WHAT)
    if not data.strip():
        raise refuse(path, f"{WHAT}是空文件", "请检查是否选错了文件")
    if data[:4] == b"PK\x03\x04":
        text, how = docx_text(path), "docx"
    elif data[:5] == b"%PDF-":
        text, how = pdf_text(path), "pdf"
    elif data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        text, how = office_text(path), "doc"
    else:
        text, how = decode(data, path)
        if re.search(r"<(?:html|body|p|div)\b", text[:4096], re.IGNORECASE):
            text, how = page_text(text), how + "+html"
    if traditional(text):
        text, how = simplified(text), how + "+繁体"
    return Source(text, how)


def docx_text(path: Path) -> str:
    """The paragraphs of a .docx, one a line."""
    from drafter.mine.corpus import docx_text as paragraphs

    zipread.check_docx_body(path, CorpusError)
    try:
        return paragraphs(path)
    except CorpusError as exc:
        raise refuse(path, f"{WHAT}无法作为 .docx 打开", "请用 Word 或 WPS 打开后另存为 .docx 再试") from exc


def pdf_text(path: Path) -> str:
    """The text of a .pdf's pages (pypdf, imported only here: about 0.1 s)."""
    try:
        from pypdf import PdfReader
        from pypdf.errors import PyPdfError
    except ImportError as exc:  # an install without the dependency
        raise refuse(path, "读取 .pdf 需要 pypdf，本机没有安装", "运行 pip install pypdf，或把报告另存为 .docx 或 .txt") from exc
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)  # a damaged file's warnings would reach the clerk's screen
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):
            raise refuse(path, f"{WHAT}是加密的 PDF，无法读取文字", "请用 WPS 或 PDF 阅读器去掉密码后另存，或另存为 .docx")
        pages = [page.extract_text() or "" for page in reader.pages]
    except CorpusError:
        raise
    except (PyPdfError, Exception) as exc:  # pypdf raises many types for a damaged file
        raise refuse(path, f"{WHAT}无法作为 PDF 读取（文件可能已损坏）", "请用 WPS 打开后另存为 .docx") from exc
    text = "\n".join(pages)
    if len(CJK.findall(text)) < 20:
        raise refuse(path, f"{WHAT}是 PDF，但里面没有可提取的文字（可能是扫描件）",
                     "请用 WPS 的“PDF 转 Word”或文字识别（OCR）转成文字，另存为 .docx 或 .txt 后再运行")
    return text


def soffice() -> str | None:
    """The LibreOffice program, when installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def office_text(path: Path) -> str:
    """The text of a .doc or .wps, converted by LibreOffice in a private profile; a clear message when it is absent."""
    program = soffice()
    if program is None:
        raise refuse(path, f"{WHAT}是 Word 97-2003 格式（.doc），读取它需要 LibreOffice，本机没有安装",
                     f"请用 Word 或 WPS 打开它，“另存为”Word 文档（.docx），再运行 drafter init 新文件.yaml --from {path.stem}.docx；"
                     "或安装 LibreOffice 后重试")
    with tempfile.TemporaryDirectory(prefix="drafter-doc-") as tmp:
        source = Path(tmp) / ("report" + path.suffix.lower() if path.suffix.lower() in (".doc", ".wps") else "report.doc")
        shutil.copyfile(path, source)
        command = [program, f"-env:UserInstallation={Path(tmp, 'profile').as_uri()}", "--headless", "--norestore",
                   "--convert-to", "txt:Text (encoded):UTF8", "--outdir", tmp, str(source)]
        try:
            subprocess.run(command, capture_output=True, timeout=SOFFICE_SECONDS, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise refuse(path, f"LibreOffice 没能转换{WHAT}（{type(exc).__name__}）", "请用 Word 或 WPS 另存为 .docx 后再运行") from exc
        out = Path(tmp) / "report.txt"
        if not out.is_file():
            raise refuse(path, f"LibreOffice 没能转换{WHAT}（文件可能已损坏或不是 Word 文档）", "请用 Word 或 WPS 另存为 .docx 后再运行")
        return out.read_bytes().decode("utf-8-sig", errors="replace")


def decode(data: bytes, path: Path) -> tuple[str, str]:
    """Bytes -> (text, encoding): UTF-16 with its mark, UTF-8, else GB18030 or Big5, whichever reads as common words."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:4096]:
        raise refuse(path, f"{WHAT}不是文本文件，也不是 Word 或 PDF 文件", "请确认选的是去年的报告；网页请复制正文另存为 .txt")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    readings = []
    for encoding in ("gb18030", "big5"):
        try:
            readings.append((common_share(data.decode(encoding), encoding), encoding))
        except UnicodeDecodeError:
            continue
    if not readings or max(readings)[0] < 0.5:
        raise refuse(path, f"无法识别{WHAT}的文字编码（不是 UTF-8、GBK/GB18030 或 Big5）",
                     "请用记事本或 WPS 打开，确认文字正常后“另存为”UTF-8 编码的 .txt")
    encoding = max(readings)[1]
    return data.decode(encoding), encoding


def common_share(text: str, encoding: str) -> float:
    """The share of text's Chinese characters that are among the encoding's common ones (GB2312 level 1; Big5's
    常用字): a wrong reading of the bytes gives mostly rare characters."""
    chars = CJK.findall(text)
    if not chars:
        return 0.0
    common = 0
    for char in chars:
        try:
            code = char.encode("gb2312" if encoding == "gb18030" else "big5")
        except UnicodeEncodeError:
            continue
        if (b"\xb0\xa1" <= code <= b"\xd7\xf9") if encoding == "gb18030" else (b"\xa4\x40" <= code <= b"\xc6\x7e"):
            common += 1
    return common / len(chars)


def page_text(text: str) -> str:
    """A saved web page -> its text, block elements on lines of their own."""
    text = re.sub(r"(?is)<(script|style|head)\b.*?</\1>", "", text)
    text = re.sub(r"(?i)<br\s*/?>|</?(?:p|div|li|tr|h\d|table|section|article)\b[^>]*>", "\n", text)
    text = re.sub(r"(?i)</t[dh]>", " | ", text)
    return html.unescape(re.sub(r"<[^>]*>", "", text))


@lru_cache(maxsize=1)
def table() -> dict[str, str]:
    """Traditional -> simplified characters (drafter/data/traditional.txt)."""
    source = resources.files("drafter").joinpath("data/traditional.txt").read_text("utf-8")
    return {pair[0]: pair[1] for line in source.splitlines() if not line.startswith("#") for pair in line.split()}


def traditional(text: str) -> bool:
    """True when text is written in traditional characters (enough of them outside GB2312)."""
    chars = CJK.findall(text)
    mapping = table()
    only = 0
    for char in chars:
        if char in mapping:
            try:
                char.encode("gb2312")
            except UnicodeEncodeError:
                only += 1
    return bool(chars) and only >= max(5, TRADITIONAL_SHARE * len(chars))


def simplified(text: str) -> str:
    """Text in simplified characters, one character at a time."""
    return text.translate({ord(t): s for t, s in table().items()})
