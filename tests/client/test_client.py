"""Real client: LibreOffice converts each draft to PDF; a full body page holds 22 lines of 28 characters."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from drafter.build.draft import BuildOptions, build
from tests.conftest import EXAMPLES, STYLES

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = [
    pytest.mark.client,
    pytest.mark.skipif(not SOFFICE or not shutil.which("pdftotext"), reason="LibreOffice and poppler-utils not installed"),
]


def to_pdf(docx: Path) -> Path:
    """Convert with LibreOffice headless, in a private profile so runs do not collide."""
    profile = docx.parent / "lo-profile"
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf", "--outdir", str(docx.parent), str(docx)],
        check=True, capture_output=True, timeout=180,
    )
    pdf = docx.with_suffix(".pdf")
    assert pdf.is_file(), "LibreOffice produced no PDF"
    return pdf


def page_lines(pdf: Path) -> list[list[str]]:
    """Non-empty text lines of each page, page-number footer excluded."""
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    out = []
    for page in range(1, pages + 1):
        text = subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
                              capture_output=True, text=True, check=True).stdout
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        out.append([line for line in lines if not (line.startswith("—") and line.endswith("—"))])
    return out


HANGING = "。，、；：！？”"


def printed_width(line: str) -> float:
    """Width in full-width characters; half-width marks count half; one hanging closing mark is not counted."""
    text = line.replace(" ", "")
    if text and text[-1] in HANGING:
        text = text[:-1]
    return sum(0.5 if ord(c) < 0x1100 else 1 for c in text)


@pytest.mark.parametrize("style", STYLES)
def test_libreoffice_renders_22_lines_a_page(style, tmp_path):
    """A page of body text holds 22 lines of 28 characters (GB/T 9704 5.2.2). The closing paragraph is made long
    enough to fill a page on its own, so a full page does not depend on where the example's breaks fall."""
    closing = "新的一年，我们将以更加务实的作风、更加有力的举措推动各项工作落地见效。" * 24
    town = tmp_path / "青石镇.yaml"
    town.write_text((EXAMPLES / "青石镇.yaml").read_text("utf-8") + f"closing: {closing}\n", encoding="utf-8")
    result = build(town, BuildOptions(style=style, out=tmp_path / f"{style}.docx"))
    pages = page_lines(to_pdf(result.path))
    assert len(pages) >= 3
    counts = [len(p) for p in pages]
    assert max(counts) == 22, counts           # a full body page: exactly 22 lines
    assert all(c <= 22 for c in counts), counts
    # 28 characters a line, measured on lines without digits or Latin letters (those are proportional);
    # a half-width mark such as the middle dot counts one half, and a closing mark may hang past the margin.
    widths = [printed_width(line) for page in pages for line in page if not any(c.isascii() and c.isalnum() for c in line)]
    assert widths and max(widths) <= 28.5 and widths.count(28) >= 3, widths
    first = pages[0]
    if style == "report":  # the report's title, then its occasion and speaker lines (#20)
        assert [line.replace(" ", "") for line in first[:3]] == ["政府工作报告", "——2024年12月5日在青石镇第十八届", "人民代表大会第五次会议上"]
        return
    assert first[0].replace(" ", "") == "青石镇2024年工作总结和2025年工作计划"


def test_draft_saved_by_an_office_suite_is_checked_and_protected(tmp_path):
    """LibreOffice re-saves the draft as .docx (as a clerk's editor would): check still reads it, build won't overwrite it."""
    import shutil as sh

    from typer.testing import CliRunner

    from drafter.cli.main import app

    town = tmp_path / "云岭乡.yaml"
    sh.copy(EXAMPLES / "云岭乡.yaml", town)
    build(town, BuildOptions())
    draft = town.with_suffix(".docx")
    resaved = tmp_path / "resaved"
    resaved.mkdir()
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--headless", "--convert-to",
                    "docx:MS Word 2007 XML", "--outdir", str(resaved), str(draft)], check=True, capture_output=True, timeout=180)
    sh.copy(resaved / draft.name, draft)
    runner = CliRunner()
    checked = runner.invoke(app, ["check", str(town)])
    assert checked.exit_code == 0, checked.output
    refused = runner.invoke(app, ["build", str(town)])
    assert refused.exit_code == 1 and "被修改过" in refused.output
