"""A draft file -> its paragraphs as check reads them: a .docx's body (from its main document part alone), or the
lines of a .md/.txt file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from drafter.errors import DraftError, Problem
from drafter.files.textio import DRAFT_LIMIT, decode, read_limited
from drafter.files.zipread import check_docx_body
from drafter.ooxml.textxml import W_NS

if TYPE_CHECKING:
    from docx.document import Document


W = f"{{{W_NS}}}"
# A paragraph of these children, its runs of these, reads as its w:t texts joined (what python-docx's Paragraph.text
# makes of it, from its runs' text, tabs, breaks and hyphens: a drafter draft's paragraphs are all of this kind).
PLAIN_PARAGRAPH = frozenset(f"{W}{t}" for t in ("pPr", "r", "bookmarkStart", "bookmarkEnd", "proofErr"))
PLAIN_RUN = frozenset((f"{W}rPr", f"{W}t"))
RUN, TEXT = f"{W}r", f"{W}t"


def plain_text(p: Any) -> str | None:
    """A paragraph element's text when it holds only plain runs (None otherwise: python-docx reads it)."""
    parts = []
    for child in p:
        if child.tag not in PLAIN_PARAGRAPH:
            return None
        if child.tag == RUN:
            for part in child:
                if part.tag not in PLAIN_RUN:
                    return None
                if part.tag == TEXT:
                    parts.append(part.text or "")
    return "".join(parts)


def body_lines(document: Document | None, body: Any = None) -> list[str]:
    """A Word document's body (or the body element given) in order: each paragraph (but a table of contents'), and
    each table row as its cells joined by tabs."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    from drafter.ooxml.toc import contents_paragraphs

    out = []
    body = document.element.body if document is not None else body
    skip = contents_paragraphs(body)  # a table of contents repeats the headings and adds page numbers
    for element in body.iterchildren():
        if element in skip:
            continue
        if element.tag.endswith("}p"):
            text = plain_text(element)
            out.append(text if text is not None else Paragraph(element, document).text)  # type: ignore[arg-type]  # text needs no parent
        elif element.tag.endswith("}tbl"):
            out += ["\t".join(cell.text for cell in row.cells) for row in Table(element, document).rows]  # type: ignore[arg-type]
    return out


def document_body(path: Path) -> Any:
    """The body of a .docx's main document part, found as python-docx finds it (the package's one officeDocument
    relationship, to a part whose content type is a Word document's) and parsed by its parser, without reading the
    package's other parts (check needs the text alone)."""
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PACKAGE_URI
    from docx.opc.phys_pkg import PhysPkgReader
    from docx.opc.pkgreader import _ContentTypeMap, _SerializedRelationships
    from docx.oxml.parser import parse_xml

    reader: Any = PhysPkgReader(str(path))  # a zip reader (python-docx types it as its factory)
    try:
        types = _ContentTypeMap.from_xml(reader.content_types_xml)
        rels = _SerializedRelationships.load_from_xml(PACKAGE_URI.baseURI, reader.rels_xml_for(PACKAGE_URI))
        main = [rel for rel in rels if rel.reltype == RT.OFFICE_DOCUMENT]
        if len(main) != 1 or main[0].is_external:
            raise KeyError("no main document part")
        if types[main[0].target_partname] != CT.WML_DOCUMENT_MAIN:
            raise ValueError(f"not a Word document: {types[main[0].target_partname]}")
        return parse_xml(reader.blob_for(main[0].target_partname)).body
    finally:
        reader.close()


def read_draft(path: Path) -> list[str]:
    """A draft's paragraphs: .docx body paragraphs, or the lines of a .md/.txt file (regular files within the limits)."""
    if not path.exists() and not path.is_symlink():
        raise DraftError(Problem(str(path), None, "", "初稿文件不存在", "先运行 drafter build 生成初稿"))
    data = read_limited(path, DRAFT_LIMIT, DraftError, "初稿文件")
    if path.suffix.lower() != ".docx":
        return [line.strip() for line in decode(data, str(path), DraftError)[0].splitlines()]
    check_docx_body(path, DraftError)
    try:
        return body_lines(None, document_body(path))
    except Exception as exc:  # python-docx raises several types for a package that is not a Word document
        raise DraftError(Problem(str(path), None, "", f"无法作为 Word 文档读取：{type(exc).__name__}", "请用 Word 或 WPS 另存为 .docx")) from exc
