"""The .docx of a plain draft without python-docx: drafter's own base (no --reference-doc), no --annotate comments, no
contents, no table, every run plain text. What is the same for every such draft of a font set, set of block kinds and
page-number placement (styles, settings, footers, font table, the package's relationships) is a frame, made once by
drafter.write.word and kept in the user's cache; a draft adds its body's paragraphs, its core and custom properties,
written as text (drafter.ooxml.textxml) byte for byte as the python-docx path writes them (tests/write/test_quick.py)."""

import zlib
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from drafter.files.zipout import keep, zip_bytes
from drafter.markup import Block
from drafter.ooxml.textxml import core_xml, custom_xml, keep_xml
from drafter.tuples import NamedTuple
from drafter.write import marks
from drafter.write.docmeta import CORE, CUSTOM, DOCUMENT, FIXED_ZIP_TIME, DocMeta, code_stamp
from drafter.write.layout import HEADING_KINDS, signature_indents
from drafter.write.paragraphs import Marker, paragraph_xml, plain_block

OWN = (DOCUMENT, CORE, CUSTOM)  # the parts each draft writes; the frame holds the rest


class Frame(NamedTuple):
    """A package less a draft's own parts: its entries in order (None where a draft's own part goes), the document
    part's text before and after the body's paragraphs, and the style id of each block kind."""

    entries: list[tuple[str, bytes | None]]
    head: str
    tail: str
    ids: dict[str, str]


def fits(blocks: list[Block], meta: DocMeta, reference: Path | None) -> bool:
    """True when the quick writer makes this draft: drafter's base, no comments, no contents, no table, plain runs."""
    return (reference is None and not meta.annotate and not meta.toc
            and all(b.kind != "row" and plain_block(b) for b in blocks))


@lru_cache(maxsize=8)
def frame(font_set: str, kinds: frozenset[str], centred: bool) -> Frame:
    """The frame of drafts of a font set, set of block kinds and page-number placement: from the user's cache, else
    made by drafter.write.word (python-docx) and kept there."""
    from drafter.files.cache import cached_data

    def produce() -> dict:
        from drafter.write.word import frame_parts

        return frame_parts(font_set, kinds, centred)

    key = repr(("parts as bytes, deflated", font_set, sorted(kinds), centred, code_stamp(), zlib.ZLIB_RUNTIME_VERSION))
    try:
        return unpacked(cached_data("frame", key, produce))
    except (KeyError, TypeError, ValueError):  # a cache file that is not a frame: made again
        return unpacked(cached_data("frame", key, produce, refresh=True))


def unpacked(kept: dict) -> Frame:
    """A frame from its cached form; each fixed part's deflated stream, made with it by zipout.deflate under the same
    zlib, is handed to zipout (a cold build compressed 34 KB of fixed parts again: 0.5 ms)."""
    entries = [(str(name), blob) for name, blob in kept["entries"]]
    if (sorted(name for name, blob in entries if blob is None) != sorted(OWN) or not isinstance(kept["ids"], dict)
            or len(kept["deflated"]) != len(entries)):
        raise ValueError("not a frame")
    for (_, blob), deflated in zip(entries, kept["deflated"]):
        if blob is not None:
            crc, stream = deflated
            if not isinstance(blob, bytes) or not isinstance(stream, bytes) or crc != zlib.crc32(blob):
                raise ValueError("not a frame")
            keep(blob, (crc, stream))
    return Frame(entries, str(kept["head"]), str(kept["tail"]), {str(k): str(v) for k, v in kept["ids"].items()})


def signature_props(blocks: list[Block]) -> dict[int, str]:
    """What place_signature sets, by block index: the unit and the date indented for their widths (GB/T 9704 7.3.5.2)
    and kept on one page with the last body paragraph (which keeps with the unit, widow control on)."""
    kinds = [b.kind for b in blocks]
    if "sign" not in kinds or "date" not in kinds:
        return {}
    at, on = kinds.index("sign"), kinds.index("date")
    text = ["".join("\n" if s.kind == "br" else s.shown for s in blocks[i].spans) for i in (at, on)]
    unit_right, date_right = signature_indents(*text)
    flags: dict[int, dict[str, object]] = {}
    if at > 0:
        flags.setdefault(at - 1, {}).update(keep_next=True, widow_control=True)
    flags.setdefault(at, {})["keep_next"] = True
    for index, chars in ((at, unit_right), (on, date_right)):
        flags.setdefault(index, {}).update(keep_lines=True, right_chars=round(chars * 100))
    return {i: keep_xml(bool(f.get("keep_next")), bool(f.get("keep_lines")), bool(f.get("widow_control")),
                        f.get("right_chars"))  # type: ignore[arg-type]
            for i, f in flags.items()}


def docx_bytes(blocks: list[Block], meta: DocMeta, font_set: str, identify: Callable[[dict[str, bytes]], str]) -> bytes:
    """A plain draft's .docx bytes (fits() is true of it); identify({part name: bytes} of every part but the core
    properties) gives the core properties' identifier."""
    made = frame(font_set, frozenset(b.kind for b in blocks), meta.centred_page_numbers)
    marker, props = Marker(meta.town), signature_props(blocks)
    paragraphs = []
    for i, block in enumerate(blocks):
        if block.kind in HEADING_KINDS:
            marker.enter(block.text)
        paragraphs.append(paragraph_xml(block, made.ids, marker, props.get(i, "")))
    town = meta.town
    manifest = marks.Manifest(meta.style, meta.seed, marker.written, town.town if town else "", town.year if town else None)
    own = {DOCUMENT: (made.head + "".join(paragraphs) + made.tail).encode("utf-8"), CUSTOM: custom_xml(manifest.properties())}
    parts = {name: blob for name, blob in made.entries if blob is not None and not name.endswith(".rels")
             and name != "[Content_Types].xml"} | own
    own[CORE] = core_xml(meta.title, meta.author, meta.stamp, identify(parts))
    return zip_bytes([(name, blob if blob is not None else own[name]) for name, blob in made.entries], FIXED_ZIP_TIME)
