"""Markup blocks -> .docx bytes: GB/T 9704 page, named styles (a reference .docx's styles win), headings on Word's
heading styles, GB/T page numbers, a font table; styles.py and page.py hold the styles and the page."""

from __future__ import annotations

import base64
import datetime as dt
import io
import zipfile
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import docx
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.packuri import PackURI
from docx.opc.part import Part, PartFactory
from docx.opc.pkgreader import PackageReader

from drafter import ooxml
from drafter.errors import OutputError, Problem
from drafter.files.textio import DRAFT_LIMIT, read_limited
from drafter.files.zipout import deflate, zip_bytes
from drafter.files.zipread import check_docx_body
from drafter.markup import Block
from drafter.ooxml import props
from drafter.write import marks
from drafter.write import profile as P
from drafter.write.docmeta import CORE, CUSTOM, DOCUMENT, FIXED_ZIP_TIME, DocMeta, code_stamp
from drafter.write.word.blocks import SUPPLIED, Marker, add_blocks  # noqa: F401 (SUPPLIED: the writer's API)
from drafter.write.word.page import (
    add_font_table,
    place_signature,
    setup_page,
)
from drafter.write.word.styles import ensure_styles

if TYPE_CHECKING:
    from collections.abc import Callable

    from docx.document import Document
    from docx.package import Package




def open_base(reference: Path | None) -> tuple[docx.document.Document, bool]:
    """The base document: the user's reference .docx emptied of content, or drafter's minimal base."""
    if reference is None:
        with resources.files("drafter").joinpath("data/base.docx").open("rb") as handle:
            return docx.Document(handle), False
    data = read_limited(reference, DRAFT_LIMIT, OutputError, "参考文档")
    check_docx_body(reference, OutputError)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several types for a file that is not a .docx
        raise OutputError(Problem(str(reference), None, "--reference-doc", f"无法作为 Word 文档打开：{type(exc).__name__}")) from exc
    ooxml.clear_body(document)
    return document, True


def set_core(document: Document, meta: DocMeta) -> None:
    """Core properties: title, issuing unit, date; nothing left from python-docx's template."""
    core = document.core_properties
    stamp = meta.stamp
    core.title, core.author, core.last_modified_by = meta.title, meta.author, meta.author
    core.subject, core.category, core.keywords = "年度工作总结和工作计划", "公文", "工作总结；工作计划"
    core.comments, core.content_status, core.language = "", "初稿", "zh-CN"
    core.created = core.modified = stamp
    core.revision = 1
    core.identifier = meta.fingerprint


def fixed_zip(data: bytes) -> bytes:
    """Re-pack a .docx with fixed entry times so the same draft gives the same bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


@lru_cache(maxsize=8)
def prepared_base(font_set: str, kinds: frozenset[str], centred: bool) -> tuple[bytes, dict[str, str]]:
    """drafter's base document with this draft's styles and page already set up, as .docx bytes, and the style ids:
    made once per process for each font set, set of block kinds and page-number placement (a county's drafts
    share them), then opened afresh for each draft."""
    document, keep = open_base(None)
    ids = ensure_styles(document, P.FONT_SETS[font_set], keep, set(kinds))
    setup_page(document, ids, keep, centred)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue(), ids


@lru_cache(maxsize=8)
def prepared_reader(font_set: str, kinds: frozenset[str], centred: bool) -> tuple[PackageReader, dict[str, str]]:
    """prepared_base's package read once (its parts unzipped, its relationships parsed), to be opened for each draft;
    the package itself kept in the user's cache, so that a single build need not make it again."""
    from drafter.files.cache import cached_data

    def produce() -> dict:
        data, ids = prepared_base(font_set, kinds, centred)
        return {"docx": base64.b64encode(data).decode("ascii"), "ids": ids}

    kept = cached_data("prepared", repr((font_set, sorted(kinds), centred, code_stamp())), produce)
    return PackageReader.from_file(io.BytesIO(base64.b64decode(kept["docx"]))), kept["ids"]


# Parts of drafter's prepared base that no draft changes (its styles, settings and page-number footers are set up
# once, in prepared_base): kept as the bytes read, neither parsed nor serialised again for each draft. A draft with a
# table has its styles parsed (python-docx looks the table's style up there).
AS_READ = frozenset({CT.WML_STYLES, CT.WML_SETTINGS, CT.WML_FOOTER, CT.OFC_EXTENDED_PROPERTIES})


def open_package(reader: PackageReader, as_read: frozenset[str] = AS_READ) -> Document:
    """A new Document from a package already read: what docx.Document does after reading the zip (the reader's parts
    are bytes, parsed afresh into each Document, so one reader serves every draft), but for the parts of the content
    types as_read, which stay the bytes read."""
    from docx.opc.package import Unmarshaller
    from docx.package import Package

    def factory(partname: PackURI, content_type: str, reltype: str, blob: bytes, package: Package) -> Part:
        if content_type in as_read:
            return Part(partname, content_type, blob, package)
        made: Part = PartFactory(partname, content_type, reltype, blob, package)  # type: ignore[assignment]  # __new__ makes a Part
        return made

    package = Package()
    Unmarshaller.unmarshal(reader, package, factory)
    return package.main_document_part.document


def build_document(blocks: list[Block], meta: DocMeta, font_set: str = "gb2312", reference: Path | None = None) -> Document:
    """Blocks -> a python-docx Document (not yet saved)."""
    fonts = P.FONT_SETS[font_set]
    kinds = {b.kind for b in blocks} | ({"toc"} if meta.toc else set())  # 'toc': the contents' styles
    if reference is None:
        reader, ids = prepared_reader(font_set, frozenset(kinds), meta.centred_page_numbers)
        document = open_package(reader, AS_READ - {CT.WML_STYLES} if "row" in kinds else AS_READ)
    else:
        document, keep = open_base(reference)
        ids = ensure_styles(document, fonts, keep, kinds)
        setup_page(document, ids, keep, meta.centred_page_numbers)
    marker = Marker(meta.town)
    add_blocks(document, blocks, ids, marker, meta.stamp if meta.annotate else None)
    place_signature(document, blocks)
    if meta.toc and blocks and blocks[0].kind == "title":
        from drafter.write.word.contents import add_contents

        add_contents(document, blocks, ids, marker.paragraphs, marker.next_id)
    add_font_table(document, fonts)
    town = meta.town
    manifest = marks.Manifest(meta.style, meta.seed, marker.written, town.town if town else "", town.year if town else None)
    props.set_custom_properties(document, manifest.properties(), marks.MANIFEST)
    set_core(document, meta)
    return document


def package_entries(document: Document, stamp: Callable[[dict[str, bytes]], None] | None = None) -> list[tuple[str, bytes]]:
    """A Document's zip entries (name, bytes) in order, every part serialised once. stamp(blobs) may set core
    properties from the other parts' bytes (the fingerprint) before the core properties part is serialised: {part
    name: bytes} of every part but docProps/core.xml."""
    from docx.opc.pkgwriter import _ContentTypesItem

    package = document.part.package
    parts = list(package.iter_parts())
    core = document.core_properties._element.getroottree().getroot()
    blobs = {str(part.partname): part.blob for part in parts if getattr(part, "_element", None) is not core}
    if stamp is not None:
        stamp({name.lstrip("/"): blob for name, blob in blobs.items()})
    entries = [("[Content_Types].xml", _ContentTypesItem.from_parts(parts).blob), ("_rels/.rels", package.rels.xml)]
    for part in parts:
        entries.append((str(part.partname), blobs.get(str(part.partname)) or part.blob))
        if len(part.rels):
            entries.append((part.partname.rels_uri, part.rels.xml))
    return [(name.lstrip("/"), data) for name, data in entries]


def document_bytes(document: Document, stamp: Callable[[dict[str, bytes]], None] | None = None) -> bytes:
    """A Document as .docx bytes (package_entries), with fixed zip times: the same draft gives the same bytes."""
    return zip_bytes(package_entries(document, stamp), FIXED_ZIP_TIME)


def frame_parts(font_set: str, kinds: frozenset[str], centred: bool) -> dict:
    """drafter.write.quick's frame of drafts of a font set, set of block kinds and page-number placement, as plain
    data (for the cache): the package build_document makes with no blocks (base, font table, custom and core properties, in its order),
    its draft's own parts left out, and the document part's text around the body's paragraphs."""
    reader, ids = prepared_reader(font_set, kinds, centred)
    document = open_package(reader)
    add_font_table(document, P.FONT_SETS[font_set])
    props.set_custom_properties(document, {}, marks.MANIFEST)
    set_core(document, DocMeta("", "", dt.date(2000, 1, 1)))
    entries = package_entries(document)
    text = dict(entries)[DOCUMENT].decode("utf-8")
    start, end = text.index("<w:body>") + len("<w:body>"), text.index("<w:sectPr")
    if start != end:  # drafter's base has no paragraphs: a draft's go just before the section properties
        raise ValueError("drafter's base document has a body")
    fixed: list[tuple[str, bytes | None]] = [(name, None if name in (DOCUMENT, CORE, CUSTOM) else blob) for name, blob in entries]
    return {"entries": fixed, "deflated": [None if blob is None else deflate(blob) for _, blob in fixed],
            "head": text[:start], "tail": text[end:], "ids": ids}
