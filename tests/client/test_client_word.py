"""Issue #11 in real clients: pandoc and mammoth see the outline, LibreOffice's PDF carries it as bookmarks, puts the
page numbers where GB/T 9704 7.5 says, and never leaves the signature alone on a page."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from drafter.build.draft import BuildOptions, build
from tests.client.test_client import SOFFICE
from tests.conftest import EXAMPLES, write

pytestmark = pytest.mark.client
PANDOC = shutil.which("pandoc")
MM = 72 / 25.4
# The type area's lower edge, in PDF points from the top of an A4 page (35 mm bottom margin).
TYPE_BOTTOM = 297 * MM - 35 * MM


def convert(files: list[Path], folder: Path) -> list[Path]:
    """LibreOffice: .docx -> .pdf, all in one run (a private profile so runs do not collide)."""
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{folder / 'lo-profile'}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(folder), *map(str, files)], check=True, capture_output=True, timeout=600)
    return [f.with_suffix(".pdf") for f in files]


def boxes(pdf: Path) -> list[list[tuple[float, float, float, float, str]]]:
    """Each page's text lines as (xMin, yMin, xMax, yMax, text), from poppler's bbox layout."""
    html = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for page in html.split("<page ")[1:]:
        lines = []
        for attrs, body in re.findall(r"<line ([^>]*)>(.*?)</line>", page, re.S):
            x0, y0, x1, y1 = (float(v) for v in re.findall(r'"([\d.]+)"', attrs)[:4])
            lines.append((x0, y0, x1, y1, "".join(re.findall(r">([^<]*)</word>", body))))
        pages.append(lines)
    return pages


@pytest.mark.skipif(not PANDOC, reason="pandoc not installed")
@pytest.mark.parametrize(("style", "first", "second"), [("numbered", "# 一、", "## （一）"), ("congress", "# 2024年工作总结", "## 一、"),
                                                        ("topical", "# 一、", None)])
def test_pandoc_sees_the_outline(tmp_path, style, first, second):
    result = build(EXAMPLES / "青石镇.yaml", BuildOptions(style=style, out=tmp_path / "d.docx"))
    md = subprocess.run([PANDOC, str(result.path), "-t", "markdown"], capture_output=True, text=True, check=True).stdout
    headings = [line for line in md.splitlines() if line.startswith("#")]
    assert headings and headings[0].startswith(first), headings[:3]
    if second:
        assert any(h.startswith(second) for h in headings), headings[:5]
    assert not any(h.startswith("#") and "青石镇2024年工作总结和" in h for h in headings)  # the title is not a heading


def test_mammoth_sees_the_outline(tmp_path):
    mammoth = pytest.importorskip("mammoth")
    result = build(EXAMPLES / "青石镇.yaml", BuildOptions(out=tmp_path / "d.docx"))
    with result.path.open("rb") as handle:
        html = mammoth.convert_to_html(handle).value
    assert re.search(r"<h1>一、[^<]*</h1>", html) and re.search(r"<h2>（一）[^<]*</h2>", html)


@pytest.mark.skipif(not SOFFICE, reason="LibreOffice not installed")
def test_libreoffice_pdf_has_bookmarks_and_gb_page_numbers(tmp_path):
    pypdf = pytest.importorskip("pypdf")
    result = build(EXAMPLES / "青石镇.yaml", BuildOptions(style="congress", out=tmp_path / "d.docx"))
    (pdf,) = convert([result.path], tmp_path)
    outline = pypdf.PdfReader(str(pdf)).outline
    titles = [item.title for item in outline if not isinstance(item, list)]
    nested = [item for item in outline if isinstance(item, list)]
    assert titles[:1] == ["2024年工作总结"] and "2025年工作计划" in titles  # parts at the top
    assert nested and nested[0][0].title.startswith("一、")  # 一、 under its part
    pages = boxes(pdf)
    width = 210 * MM
    for number, lines in enumerate(pages, start=1):
        footer = [line for line in lines if line[1] > TYPE_BOTTOM]
        assert len(footer) == 1 and footer[0][4] == f"—{number}—", footer
        x0, y0, x1, _, _ = footer[0]
        assert abs((y0 - TYPE_BOTTOM) / MM - 7) < 0.5  # 7 mm below the type area
        if number % 2:  # odd: right, one character (14 pt) in from the type area's right edge (26 mm margin)
            assert abs(x1 - (width - 26 * MM - 14)) < 1.5
        else:  # even: left, one character in from the left edge (28 mm margin)
            assert abs(x0 - (28 * MM + 14)) < 1.5


@pytest.mark.skipif(not SOFFICE, reason="LibreOffice not installed")
def test_the_signature_never_stands_alone_on_a_page(tmp_path):
    """Drafts whose length puts the page break at every position near the end: the page with the signature
    always carries at least two lines of the body above it."""
    base = (EXAMPLES / "青石镇.yaml").read_text("utf-8")
    files = []
    for n in range(12):
        closing = "新的一年，我们将" + "以更加务实的作风推动各项工作落实落细，" * n + "奋力开创各项工作新局面。"
        files.append(write(tmp_path, base + f"closing: {closing}\n", f"t{n}.yaml"))
    drafts = [build(f, BuildOptions(out=f.with_suffix(".docx"))).path for f in files]
    for pdf in convert(drafts, tmp_path):
        last = boxes(pdf)[-1]
        body = [line for line in last if line[1] < TYPE_BOTTOM]
        sign = next(i for i, line in enumerate(body) if line[4] == "青石镇人民政府")
        assert sign >= 2, (pdf.name, [line[4] for line in body])
        assert body[-1][4] == "2024年12月5日"
