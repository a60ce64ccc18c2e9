"""Issue #12: every figure of a .docx is marked; `drafter update` rewrites the changed ones (and what derives from
them) in a draft the clerk has edited, reports what it may not touch, and never loses the clerk's work."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import zipfile
from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

from drafter.build.draft import BuildOptions, build
from drafter.cli.main import app
from drafter.ooxml.props import read_properties
from drafter.update.apply import UpdateOptions, update
from drafter.write import marks
from tests.conftest import EXAMPLES, STYLES, write

runner = CliRunner()
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
BASE = (EXAMPLES / "青石镇.yaml").read_text("utf-8")


def changed(text: str, *pairs: tuple[str, str]) -> str:
    """The example's town file with some of its lines' values replaced (each old text must be there once)."""
    for old, new in pairs:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def bookmarks(path: Path) -> dict[str, str]:
    """drafter's marks in a .docx: bookmark name -> the live text inside it."""
    from drafter.ooxml import revise

    with zipfile.ZipFile(path) as package:
        root = revise.parse_xml(package.read("word/document.xml"))
    return {f.name: f.text for f in revise.find_bookmarks(root, lambda n: marks.parse(n) is not None)}


def manifest(path: Path) -> marks.Manifest:
    with zipfile.ZipFile(path) as package:
        return marks.Manifest.from_properties(read_properties(package.read("docProps/custom.xml")))


def body_text(path: Path) -> str:
    """The body's live text, a paragraph a line (an insertion's text in, a deletion's out)."""
    from drafter.ooxml import revise

    with zipfile.ZipFile(path) as package:
        root = revise.parse_xml(package.read("word/document.xml"))
    return "\n".join(revise.paragraph_text(p) for p in root.iter(f"{W}p"))


def rewrite_document(path: Path, change) -> None:
    """Replace a .docx's word/document.xml by change(its bytes), the other parts kept."""
    with zipfile.ZipFile(path) as package:
        parts = {n: package.read(n) for n in package.namelist()}
    parts["word/document.xml"] = change(parts["word/document.xml"])
    with zipfile.ZipFile(path, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- marks --------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("key", ["indicators[0].value", "indicators[12].change", "sections[3].items[11].facts[2].figures[1].value",
                                 "plans[0].items[0].facts[0].ratio[0]", "sections[0].items[0].facts[1].ratio", "indicators[2].target"])
def test_a_key_codes_and_decodes(key):
    mark = marks.make(123, "p", key, "同比增长14.1%")
    assert mark is not None and len(mark.name) <= marks.NAME_LIMIT
    assert re.fullmatch(r"_[A-Za-z0-9_]+", mark.name)  # Word's bookmark alphabet; the underscore hides it
    assert marks.parse(mark.name) == mark


@pytest.mark.parametrize("name", ["_GoBack", "_Toc123", "_dr1p_Xx_12345678", "_dr1q_I0v_12345678", "dr1p_I0v_12345678",
                                  "_dr1p_I0v_1234567", "_dr1p_I0I0v_12345678x"])
def test_other_bookmarks_are_not_drafters(name):
    assert marks.parse(name) is None


def test_the_manifest_survives_word_s_property_length():
    written = [marks.Written(f"_dr{i}p_S1T2F3v_0000abcd", f"{i}.5万元", i // 5, "0000abcd") for i in range(1, 60)]
    props = marks.Manifest("congress", 7, written).properties()
    assert all(len(v) <= marks.PROPERTY_LIMIT for v in props.values()) and len(props) > 3
    assert marks.Manifest.from_properties(props) == marks.Manifest("congress", 7, written)
    assert marks.Manifest.from_properties({"drafter.write.marks.01": "{broken"}) is None


@pytest.mark.parametrize("style", STYLES)
def test_every_figure_of_every_style_is_marked(tmp_path, style):
    path = write(tmp_path, BASE + "settings:\n  table: true\n")
    result = build(path, BuildOptions(style=style, out=tmp_path / "d.docx"))
    figures = [(s.source, s.shown) for b in result.blocks for s in b.spans if s.kind == "fig"]
    found = bookmarks(result.path)
    assert sorted((marks.parse(n).key, t) for n, t in found.items()) == sorted(figures)
    assert {marks.parse(n).form for n in found} == {"p", "t"}
    listed = manifest(result.path)
    assert listed.style == style and {m.name: m.text for m in listed.marks} == found


def test_marks_are_deterministic_and_do_not_show(tmp_path):
    one = build(EXAMPLES / "青石镇.yaml", BuildOptions(out=tmp_path / "a.docx"))
    two = build(EXAMPLES / "青石镇.yaml", BuildOptions(out=tmp_path / "b.docx"))
    assert one.path.read_bytes() == two.path.read_bytes()
    # the text a reader sees is the text without marks
    assert "_dr" not in body_text(one.path)


# -- update -------------------------------------------------------------------------------------------------------

def test_update_rewrites_changed_figures_and_what_derives_from_them(tmp_path):
    town = write(tmp_path, BASE + "settings:\n  table: true\n")
    draft = build(town, BuildOptions(out=tmp_path / "初稿.docx")).path
    before, original = body_text(draft), sha(draft)
    write(tmp_path, changed(town.read_text("utf-8"), ("value: 18.91, unit: 亿元", "value: 15.9, unit: 亿元")), town.name)
    report = update(town, draft, UpdateOptions())
    assert sha(draft) == original  # the clerk's file is never touched
    assert report.path == tmp_path / "初稿（更新）.docx"
    after = body_text(report.path)
    assert "规上工业总产值完成15.9亿元，同比下降4.1%" in after and "18.91" not in after
    expected = before.replace("18.91亿元，同比增长14.1%", "15.9亿元，同比下降4.1%").replace("\n18.91\n", "\n15.9\n")
    assert expected.replace("\n14.1\n", "\n-4.1\n") == after  # nothing else changed, in the prose or the table
    table = docx.Document(str(report.path)).tables[0]
    assert [c.text for c in table.rows[1].cells][2:5] == ["15.9", "16.58", "-4.1"]
    assert {c.key for c in report.changed} == {"indicators[0].value", "indicators[0].change"}
    with zipfile.ZipFile(draft) as old, zipfile.ZipFile(report.path) as new:
        assert old.namelist() == new.namelist()
        same = [n for n in old.namelist() if old.read(n) == new.read(n)]
        assert sorted(set(old.namelist()) - set(same)) == ["docProps/custom.xml", "word/document.xml"]
    assert [c.key for c in report.turned] == ["indicators[0].change"] and not report.left


def test_update_again_after_an_update_sees_its_own_figures(tmp_path):
    town = write(tmp_path, BASE)
    draft = build(town, BuildOptions(out=tmp_path / "d.docx")).path
    write(tmp_path, changed(BASE, ("value: 63, unit: 户", "value: 71, unit: 户")), town.name)
    first = update(town, draft, UpdateOptions(out=tmp_path / "d1.docx", track=True))
    assert [c.key for c in first.changed] == ["sections[0].items[0].facts[2].value"]
    again = update(town, first.path, UpdateOptions(out=tmp_path / "d2.docx", track=True))
    assert again.path is None and not again.changed and not again.left  # nothing to do, no file written
    write(tmp_path, changed(BASE, ("value: 63, unit: 户", "value: 75, unit: 户")), town.name)
    third = update(town, first.path, UpdateOptions(out=tmp_path / "d3.docx", track=True))
    assert [(c.before, c.after) for c in third.changed] == [("71户", "75户")] and not third.left
    assert "签订征迁协议75户" in body_text(third.path)


def test_tracked_changes_are_revisions_by_drafter(tmp_path):
    town = write(tmp_path, BASE)
    draft = build(town, BuildOptions(out=tmp_path / "d.docx")).path
    write(tmp_path, changed(BASE, ("value: 6120, unit: 万元, previous: 6120", "value: 6300, unit: 万元, previous: 6120")), town.name)
    when = dt.datetime(2024, 12, 20, 9, 30, tzinfo=dt.timezone.utc)
    report = update(town, draft, UpdateOptions(track=True, when=when))
    with zipfile.ZipFile(report.path) as package:
        xml = package.read("word/document.xml").decode()
    deleted = re.findall(r'<w:del w:id="\d+" w:author="drafter" w:date="2024-12-20T09:30:00Z"><w:r>.*?<w:delText>(.*?)</w:delText>', xml)
    inserted = re.findall(r'<w:ins w:id="\d+" w:author="drafter" w:date="2024-12-20T09:30:00Z"><w:r>.*?<w:t>(.*?)</w:t>', xml)
    assert deleted == ["6120万元", "与上年持平"] and inserted == ["6300万元", "同比增长2.9%"]
    ids = re.findall(r'<w:(?:ins|del) w:id="(\d+)"', xml)
    assert len(ids) == len(set(ids)) == 4


def test_figures_the_clerk_typed_over_or_deleted_are_reported_not_overwritten(tmp_path):
    town = write(tmp_path, BASE)
    draft = build(town, BuildOptions(out=tmp_path / "d.docx")).path
    document = docx.Document(str(draft))
    runs = {r.text: r for p in document.paragraphs for r in p.runs}
    runs["412.6亩"].text = "四百余亩"  # typed over
    runs["32幢"].text = ""  # deleted, its mark left empty
    document.save(str(draft))
    write(tmp_path, changed(BASE, ("value: 412.6, unit: 亩", "value: 436.2, unit: 亩"), ("value: 32, unit: 幢", "value: 35, unit: 幢"),
                            ("value: 63, unit: 户", "value: 64, unit: 户")), town.name)
    report = update(town, draft, UpdateOptions())
    assert [(c.key, c.before, c.after, c.why) for c in report.conflicts] == [
        ("sections[0].items[0].facts[1].value", "四百余亩", "436.2亩", "已被手工改写"),
        ("sections[0].items[1].facts[1].value", "", "35幢", "已被删除")]
    assert report.conflicts[0].where.startswith("一是重点工程加速推进")
    text = body_text(report.path)
    assert "四百余亩" in text and "436.2" not in text and "64户" in text
    forced = update(town, draft, UpdateOptions(out=tmp_path / "forced.docx", force=True))
    assert "436.2亩" in body_text(forced.path) and [c.why for c in forced.conflicts] == ["已被删除"]


def test_a_deleted_paragraph_and_a_moved_figure_are_reported(tmp_path):
    town = write(tmp_path, BASE)
    draft = build(town, BuildOptions(out=tmp_path / "d.docx")).path
    document = docx.Document(str(draft))
    paragraphs = document.paragraphs
    gone = next(p for p in paragraphs if "纳入低保" in p.text)
    gone._p.getparent().remove(gone._p)
    # cut the paragraph with 排查化解矛盾纠纷 and paste it after the summary's first section
    mover = next(p for p in paragraphs if "排查化解矛盾纠纷" in p.text)
    target = next(p for p in paragraphs if "签订征迁协议" in p.text)
    target._p.addnext(mover._p)
    document.save(str(draft))
    write(tmp_path, changed(BASE, ("value: 558, unit: 人", "value: 560, unit: 人"), ("value: 363, unit: 起", "value: 370, unit: 起")), town.name)
    report = update(town, draft, UpdateOptions())
    assert [(c.key, c.why) for c in report.conflicts] == [("sections[2].items[0].facts[0].value", "已被移动"),
                                                         ("sections[3].items[0].facts[0].value", "已被删除")]
    assert report.path is None and report.left


def test_figures_new_to_the_town_file_are_listed(tmp_path):
    town = write(tmp_path, BASE)
    draft = build(town, BuildOptions(out=tmp_path / "d.docx")).path
    text = changed(BASE, ("  - {name: 一般公共预算收入, value: 6120, unit: 万元, previous: 6120}\n",
                          "  - {name: 一般公共预算收入, value: 6120, unit: 万元, previous: 6120}\n"
                          "  - {name: 税收收入, value: 4100, unit: 万元}\n"))
    write(tmp_path, text, town.name)
    report = update(town, draft, UpdateOptions())
    assert [(c.key, c.after) for c in report.missing] == [("indicators[4].value", "4100万元")]
    result = runner.invoke(app, ["update", str(town), str(draft)])
    assert result.exit_code == 2 and "indicators[4].value：4100万元" in result.output and "重新生成" in result.output


def test_in_place_keeps_a_backup_and_out_never_overwrites(tmp_path):
    town = write(tmp_path, BASE)
    draft = build(town, BuildOptions(out=tmp_path / "d.docx")).path
    original = draft.read_bytes()
    write(tmp_path, changed(BASE, ("value: 67, unit: 次", "value: 70, unit: 次")), town.name)
    result = runner.invoke(app, ["update", str(town), str(draft), "--in-place"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "d.备份.docx").read_bytes() == original and "开展安全生产检查70次" in body_text(draft)
    assert "原文件已备份为" in result.output
    (tmp_path / "taken.docx").write_bytes(b"the clerk's other file")
    write(tmp_path, changed(BASE, ("value: 67, unit: 次", "value: 72, unit: 次")), town.name)
    refused = runner.invoke(app, ["update", str(town), str(draft), "--out", str(tmp_path / "taken.docx")])
    assert refused.exit_code == 1 and "已存在" in refused.output
    assert (tmp_path / "taken.docx").read_bytes() == b"the clerk's other file"
    both = runner.invoke(app, ["update", str(town), str(draft), "--in-place", "--out", str(tmp_path / "x.docx")])
    assert both.exit_code == 1 and "不能同时使用" in both.output
    itself = runner.invoke(app, ["update", str(town), str(draft), "--out", str(draft), "--force"])
    assert itself.exit_code == 1 and "--in-place" in itself.output


def test_update_refuses_what_it_cannot_update(tmp_path):
    town = write(tmp_path, BASE)
    md = build(town, BuildOptions(out=tmp_path / "d.md", fmt="md")).path
    result = runner.invoke(app, ["update", str(town), str(md)])
    assert result.exit_code == 1 and "只能更新 Word 文档" in result.output
    plain = tmp_path / "plain.docx"
    docx.Document().save(str(plain))
    result = runner.invoke(app, ["update", str(town), str(plain)])
    assert result.exit_code == 1 and "没有 drafter 的数字标记" in result.output
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really")
    result = runner.invoke(app, ["update", str(town), str(broken)])
    assert result.exit_code == 1 and "无法" in result.output


def test_a_town_file_that_lost_a_figure_reports_the_draft_s_stale_one(tmp_path):
    town = write(tmp_path, BASE)
    draft = build(town, BuildOptions(out=tmp_path / "d.docx")).path
    write(tmp_path, changed(BASE, ("          - {what: 签订征迁协议, value: 63, unit: 户}\n", "")), town.name)
    report = update(town, draft, UpdateOptions())
    assert [(c.key, c.before) for c in report.dropped] == [("sections[0].items[0].facts[2].value", "63户")]


@pytest.mark.parametrize("track", [False, True])
def test_a_mark_a_client_shifted_off_its_unit_is_stretched_back(tmp_path, track):
    """LibreOffice, in a paragraph with a comment, saves a bookmark's end one character early (363|起): the
    update still rewrites the whole figure, once, and the mark holds it again afterwards."""
    from drafter.ooxml import revise

    town = write(tmp_path, BASE)
    draft = build(town, BuildOptions(out=tmp_path / "d.docx")).path

    def shift(xml: bytes) -> bytes:
        root = revise.parse_xml(xml)
        mark = next(f for f in revise.find_bookmarks(root, lambda n: marks.parse(n) is not None) if f.text == "363起")
        first, _ = revise.split_run(mark.texts[0], 3)
        first.getparent().addnext(mark.end)  # the end now sits between 363 and 起
        return revise.to_bytes(root)

    rewrite_document(draft, shift)
    assert "363" in bookmarks(draft).values()
    write(tmp_path, changed(BASE, ("value: 363, unit: 起", "value: 370, unit: 起")), town.name)
    report = update(town, draft, UpdateOptions(track=track))
    assert [(c.before, c.after) for c in report.changed] == [("363起", "370起")] and not report.conflicts
    assert "排查化解矛盾纠纷370起，调解成功率" in body_text(report.path)
    assert "370起" in bookmarks(report.path).values()


@pytest.mark.parametrize("body", [b"not xml at all", b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
                                  b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
                                  b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">&c;</w:document>'])
def test_a_damaged_document_part_is_a_clear_error(tmp_path, body):
    town = write(tmp_path, BASE)
    draft = build(town, BuildOptions(out=tmp_path / "d.docx")).path
    rewrite_document(draft, lambda _: body)
    before = sorted(p.name for p in tmp_path.iterdir())
    result = runner.invoke(app, ["update", str(town), str(draft)])
    assert result.exit_code == 1 and "无法" in result.output and "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing written
