"""The test reports (tests/init/reports) in the forms an office keeps them: a browser copy with a site's furniture
and damage (page), a .docx, a .pdf (a real PDF with a CID font and a ToUnicode map, lines hard-wrapped as a PDF
prints them), and through LibreOffice a .doc and a LibreOffice .pdf."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import docx

HALF = str.maketrans({"，": ",", "：": ":", "；": ";", "（": "(", "）": ")", "！": "!", "？": "?"})


def page_copy(text: str, page: dict) -> bytes:
    """The report as copied from its page: furniture before it, then the damage the page's copy shows."""
    lines = text.splitlines()
    if page.get("occasion_wrap"):
        lines = [part for line in lines for part in (re.split(r"(?<=届)", line, maxsplit=1) if line.startswith("——") else [line]) if part]
    if page.get("wrap"):
        width = page["wrap"]
        spaced = [re.sub(r"(?<![\d.])(\d+(?:\.\d+)?)", r" \1 ", line) for line in lines]
        lines = [line[i: i + width] for line in spaced for i in range(0, len(line), width)]
    if page.get("join"):
        lines = ["".join(lines)]
    if page.get("chunks"):  # a 文库 preview numbers its chunks: "1、" before the text, "2、" in mid-sentence
        at = re.search(r"生产总值(?=\d)", lines[0])
        cut = at.end() if at else len(lines[0]) // 2
        lines = ["1、" + lines[0][:cut], "", "2、" + lines[0][cut:]]
    if page.get("indent"):
        lines = [x for line in lines for x in ("  " + line, "")]
    body = "\n".join(page.get("before", []) + lines)
    if page.get("half"):
        body = body.translate(HALF)
    return body.encode(page.get("encoding", "utf-8"))


def write_docx(text: str, path: Path) -> Path:
    """One paragraph a line, as the office typed it."""
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    document.save(str(path))
    return path


def to_unicode_cmap() -> bytes:
    """A ToUnicode CMap mapping each two-byte code to the same UTF-16 unit."""
    ranges = [f"<{hi:02X}00> <{hi:02X}FF> <{hi:02X}00>" for hi in range(256) if not 0xD8 <= hi <= 0xDF]
    blocks = [ranges[i: i + 100] for i in range(0, len(ranges), 100)]
    body = "".join(f"{len(b)} beginbfrange\n" + "\n".join(b) + "\nendbfrange\n" for b in blocks)
    return ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Identity-UCS def /CMapType 2 def\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
            + body + "endcmap CMapName currentdict /CMap defineresource pop end end\n").encode("ascii")


def write_pdf(text: str, path: Path, width: int = 26, per_page: int = 36) -> Path:
    """A PDF of the report: lines hard-wrapped at width characters, per_page lines a page, text in a CID font
    whose codes are the characters' UTF-16 units (with a ToUnicode map, as office PDF printers write)."""
    lines = [line[i: i + width] for line in text.splitlines() for i in range(0, max(len(line), 1), width)]
    pages = [lines[i: i + per_page] for i in range(0, len(lines), per_page)]
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    font, cmap = 3, 4
    objects += [b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /Identity-H "
                b"/DescendantFonts [5 0 R] /ToUnicode 4 0 R >>", b""]
    objects += [b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) "
                b"/Ordering (Identity) /Supplement 0 >> /FontDescriptor 6 0 R /DW 1000 >>",
                b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 4 /FontBBox [0 -200 1000 900] /ItalicAngle 0 "
                b"/Ascent 880 /Descent -120 /CapHeight 880 /StemV 80 >>"]
    kids = []
    for page in pages:
        ops = ["BT /F1 14 Tf 18 TL 60 780 Td"]
        for line in page:
            ops.append("<" + line.encode("utf-16-be").hex().upper() + "> Tj T*")
        ops.append("ET")
        stream = "\n".join(ops).encode("ascii")
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        content = len(objects)
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                       b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (content, font))
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    cmap_stream = to_unicode_cmap()
    objects[cmap - 1] = b"<< /Length %d >>\nstream\n" % len(cmap_stream) + cmap_stream + b"\nendstream"
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def soffice_convert(source: Path, target_suffix: str, profile: Path) -> Path:
    """source converted by LibreOffice (doc: Word 97-2003, pdf) beside it."""
    filters = {"doc": "doc:MS Word 97", "pdf": "pdf:writer_pdf_Export"}
    subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to",
                    filters[target_suffix], "--outdir", str(source.parent), str(source)], check=True, capture_output=True, timeout=180)
    return source.with_suffix("." + target_suffix)
