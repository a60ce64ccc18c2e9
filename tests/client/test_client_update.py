"""Issue #12 in a real client: a draft built, edited as a clerk edits it, saved by LibreOffice, then updated with
five new values; the clerk's edits stay, the new figures and what derives from them are in, the retyped figure is
reported, and `drafter check` passes. Tracked updates show in LibreOffice as changes by drafter."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

from drafter.build.draft import BuildOptions, build
from drafter.cli.main import app
from drafter.update.apply import UpdateOptions, update
from tests.client.test_client import SOFFICE
from tests.update.test_update import BASE, body_text, bookmarks, changed, manifest

pytestmark = [pytest.mark.client, pytest.mark.skipif(not SOFFICE, reason="LibreOffice not installed")]
runner = CliRunner()

NEW_VALUES = (
    ("value: 18.91, unit: 亿元", "value: 19.62, unit: 亿元"),          # indicators[0]: 同比 14.1% -> 18.3%
    ("value: 35031, unit: 万元, target: 40000", "value: 36000, unit: 万元, target: 40000"),  # retyped by the clerk
    ("value: 6120, unit: 万元, previous: 6120", "value: 5890, unit: 万元, previous: 6120"),  # 持平 -> 下降3.8%
    ("value: 412.6, unit: 亩", "value: 436.2, unit: 亩"),
    ("ratio: [359, 363]", "ratio: [361, 363]"),                        # 调解成功率 98.9% -> 99.4%
)
HEADING = "（一）项目为王，发展后劲持续增强"
ADDED = "群众安全感和满意度稳步提升。"
COMMENT = "请党政办再核一遍"


def libreoffice(source: Path, folder: Path, fmt: str = "docx") -> Path:
    """Open and save a file in LibreOffice (a private profile), as a clerk saving from Writer would."""
    folder.mkdir(exist_ok=True)
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{folder / 'lo-profile'}", "--headless", "--convert-to", fmt,
                    "--outdir", str(folder), str(source)], check=True, capture_output=True, timeout=300)
    return folder / f"{source.stem}.{fmt}"


def edit_as_a_clerk(path: Path) -> str:
    """Rewrite a heading, delete a paragraph, retype a figure, add a sentence and a comment; the deleted text."""
    document = docx.Document(str(path))
    paragraphs = document.paragraphs
    heading = next(p for p in paragraphs if p.style.style_id == "Heading2")
    heading.text = HEADING
    opening = next(p for p in paragraphs if p.text.startswith("今年以来"))
    deleted = opening.text
    opening._p.getparent().remove(opening._p)
    retyped = next(r for p in paragraphs for r in p.runs if r.text == "3.5031亿元")
    retyped.text = "36000万元"  # the county phoned the full-year figure through, in 万元
    disputes = next(p for p in paragraphs if "排查化解矛盾纠纷" in p.text)
    disputes.add_run(ADDED)
    document.add_comment(disputes.runs[0], text=COMMENT, author="党政办", initials="DZ")
    document.save(str(path))
    return deleted


def test_a_draft_edited_and_saved_by_libreoffice_takes_new_figures(tmp_path):
    town = tmp_path / "青石镇.yaml"
    town.write_text(BASE, encoding="utf-8")
    draft = build(town, BuildOptions(out=tmp_path / "初稿.docx")).path
    deleted = edit_as_a_clerk(draft)
    saved = libreoffice(draft, tmp_path / "lo")
    assert len(bookmarks(saved)) == 40 and len(manifest(saved).marks) == 40  # the marks survive LibreOffice
    town.write_text(changed(BASE, *NEW_VALUES), encoding="utf-8")

    result = runner.invoke(app, ["update", str(town), str(saved), "--out", str(tmp_path / "更新.docx")])
    assert result.exit_code == 2, result.output  # one figure left to the clerk
    text = body_text(tmp_path / "更新.docx")
    # the clerk's edits are all there
    assert HEADING in text and ADDED in text and deleted not in text and "36000万元" in text
    with zipfile.ZipFile(tmp_path / "更新.docx") as package:
        assert COMMENT in package.read("word/comments.xml").decode()
    # the new figures and what derives from them
    for new in ("规上工业总产值完成19.62亿元，同比增长18.3%", "完成全年目标任务的90.0%", "一般公共预算收入实现5890万元，同比下降3.8%",
                "完成项目征地436.2亩", "调解成功率达99.4%"):
        assert new in text, new
    for old in ("18.91", "14.1%", "87.6%", "与上年持平", "412.6", "98.9%"):
        assert old not in text, old
    # the retyped figure is reported, not overwritten, and said to agree with the new value
    assert "indicators[1].value：已被手工改写（与新数值一致，可不改）：36000万元 → 3.6亿元" in result.output
    assert "增减方向改变" in result.output and "indicators[3].change" in result.output
    checked = runner.invoke(app, ["check", str(town), str(tmp_path / "更新.docx")])
    assert checked.exit_code == 0, checked.output


def test_libreoffice_shows_tracked_updates_as_changes_by_drafter(tmp_path):
    town = tmp_path / "青石镇.yaml"
    town.write_text(BASE, encoding="utf-8")
    draft = build(town, BuildOptions(out=tmp_path / "初稿.docx")).path
    town.write_text(changed(BASE, *NEW_VALUES[:1]), encoding="utf-8")
    report = update(town, draft, UpdateOptions(track=True))
    odt = libreoffice(report.path, tmp_path / "lo", "odt")
    with zipfile.ZipFile(odt) as package:
        content = package.read("content.xml").decode()
    assert content.count("<text:changed-region") == 4  # two deletions, two insertions
    assert content.count("<dc:creator>drafter</dc:creator>") == 4
    assert "18.91亿元" in content and "19.62亿元" in content  # both kept until the clerk accepts
