"""WordprocessingML written as text, byte for byte what lxml serialises for the same elements: plain paragraphs and
runs (parsed into python-docx's tree by drafter.ooxml.body, or written straight into a draft by drafter.write.quick),
the signature's paragraph properties, and the core and custom properties parts. Imports neither lxml nor python-docx."""

from __future__ import annotations

import datetime as dt

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
BREAK_XML = "<w:r><w:br/></w:r>"
# Characters python-docx's run text setter turns into elements of their own (a tab, a line break).
SPECIAL = set("\t\n\r")
DECLARATION = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
CORE_NAMESPACES = ('xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
                   'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
                   'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"')
# A character the indents count in (a 16 pt body character), in twips.
CHAR_TWIPS = 320


def text(value: str) -> str:
    """Element content as lxml writes it."""
    if "&" not in value and "<" not in value and ">" not in value and "\r" not in value:  # (nearly every run)
        return value
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def attribute(value: str) -> str:
    """A double-quoted attribute's value as lxml writes it."""
    return (text(value).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;"))


def plain_run(value: str) -> bool:
    """True when run_xml writes value as add_run would: not empty (an empty w:t is written otherwise once parsed) and
    without a tab or line break (add_run makes elements of their own for those)."""
    return bool(value) and SPECIAL.isdisjoint(value)


def run_xml(value: str, style_id: str | None = None) -> str:
    """add_run's w:r as text (for plain_run text)."""
    props = f'<w:rPr><w:rStyle w:val="{attribute(style_id)}"/></w:rPr>' if style_id else ""
    space = ' xml:space="preserve"' if value != value.strip() else ""
    return f"<w:r>{props}<w:t{space}>{text(value)}</w:t></w:r>"


def bookmarked_xml(run: str, ident: int, name: str) -> str:
    """A run as text enclosed in a bookmark, as bookmark() encloses one."""
    return f'<w:bookmarkStart w:id="{ident}" w:name="{attribute(name)}"/>{run}<w:bookmarkEnd w:id="{ident}"/>'


def paragraph_xml(style_id: str, runs: list[str], props: str = "") -> str:
    """add_paragraph's w:p as text, holding runs; props: more of its properties, after its style (keep_xml)."""
    return f'<w:p><w:pPr><w:pStyle w:val="{attribute(style_id)}"/>{props}</w:pPr>{"".join(runs)}</w:p>'


def keep_xml(keep_next: bool, keep_lines: bool, widow_control: bool, right_chars: int | None) -> str:
    """What place_signature sets on a paragraph, in schema order: keep with the next, keep its lines together, widow
    control, and a right indent (in hundredths of a character and in twips, no first-line or left indent)."""
    out = ('<w:keepNext w:val="1"/>' if keep_next else "") + ('<w:keepLines w:val="1"/>' if keep_lines else "")
    out += '<w:widowControl w:val="1"/>' if widow_control else ""
    if right_chars is not None:
        out += (f'<w:ind w:firstLineChars="0" w:firstLine="0" w:leftChars="0" w:left="0" w:rightChars="{right_chars}" '
                f'w:right="{right_chars * CHAR_TWIPS // 100}"/>')
    return out


def core_xml(title: str, author: str, stamp: dt.datetime, identifier: str) -> bytes:
    """docProps/core.xml as drafter's set_core leaves python-docx's: the draft's title, unit and date, its kind, and
    its identifier."""
    when = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    return (f"{DECLARATION}<cp:coreProperties {CORE_NAMESPACES}><dc:title>{text(title)}</dc:title>"
            f"<dc:subject>年度工作总结和工作计划</dc:subject><dc:creator>{text(author)}</dc:creator>"
            f"<cp:keywords>工作总结；工作计划</cp:keywords><dc:description></dc:description>"
            f"<cp:lastModifiedBy>{text(author)}</cp:lastModifiedBy><cp:revision>1</cp:revision>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified><cp:category>公文</cp:category>'
            f"<cp:contentStatus>初稿</cp:contentStatus><dc:language>zh-CN</dc:language>"
            f"<dc:identifier>{text(identifier)}</dc:identifier></cp:coreProperties>").encode()


def custom_xml(values: dict[str, str]) -> bytes:
    """A new docProps/custom.xml holding values (text properties, pids from 2), as props.write_properties makes it."""
    props = "".join(f'<property fmtid="{FMTID}" pid="{pid}" name="{attribute(name)}"><vt:lpwstr>{text(value)}</vt:lpwstr></property>'
                    for pid, (name, value) in enumerate(values.items(), start=2))
    root = f'<Properties xmlns="{CUSTOM_NS}" xmlns:vt="{VT_NS}"'
    return f"{DECLARATION}{root}>{props}</Properties>".encode() if props else f"{DECLARATION}{root}/>".encode()
