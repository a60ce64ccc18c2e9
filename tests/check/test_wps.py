"""Issue #23.2: a draft as WPS saves it (tests/check/wps.py, from the public record) still passes the format rules,
`drafter check` still finds every figure, and `drafter update` still rewrites them and changes nothing else; headings
are found by their names and outline levels whatever their ids."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from typer.testing import CliRunner

from drafter.build.draft import BuildOptions, build
from drafter.check.audit import audit, read_draft
from drafter.check.wordfile import RULES, check_file, read_parts
from drafter.cli.main import app
from drafter.ooxml import revise
from drafter.ooxml.props import read_properties
from drafter.town.load import load_town
from drafter.update.apply import UpdateOptions, update
from drafter.write import marks
from tests.check.wps import BUILD, ICV, wps_saved
from tests.conftest import EXAMPLES, write

runner = CliRunner()
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
BASE = (EXAMPLES / "青石镇.yaml").read_text("utf-8") + "\nsettings: {table: true}\n"
NEW = BASE.replace("value: 18.91, unit: 亿元, previous: 16.58", "value: 19.62, unit: 亿元, previous: 16.58").replace(
    "value: 63, unit: 户", "value: 71, unit: 户")


def explain(findings: list) -> str:
    return "\n".join(f"{RULES[f.rule][0]} | {f.where} | {f.message}" for f in findings)


@pytest.fixture(params=["wps", "word-zh"])
def saved(request, tmp_path) -> tuple[Path, Path, Path]:
    """(town file, drafter's draft, the draft as WPS, or zh-CN Word's ids, saved it)."""
    town = write(tmp_path, BASE, "青石镇.yaml")
    draft = build(town, BuildOptions(out=tmp_path / "d.docx", toc=True, annotate=True)).path
    fake = tmp_path / "WPS.docx"
    fake.write_bytes(wps_saved(draft.read_bytes(), request.param))
    return town, draft, fake


def test_the_fake_carries_what_wps_writes(saved):
    _, _, fake = saved
    parts = read_parts(fake.read_bytes())
    custom = parts["docProps/custom.xml"].decode()
    assert f"<vt:lpwstr>{BUILD}</vt:lpwstr>" in custom and ICV in custom and 'pid="2" name="KSOProductBuildVer"' in custom
    assert "WPS Office_12.1.0.16120_F1E327BC" in parts["docProps/app.xml"].decode()
    document = parts["word/document.xml"].decode()
    assert "wpsCustomData" in document and 'w:name="_GoBack"' in document and 'w:hint="eastAsia"' in document
    assert "HYPERLINK \\l _Toc" in document and "<w:hyperlink" not in document and "w:rsid" not in document
    styles = parts["word/styles.xml"].decode()
    assert 'w:styleId="Heading1"' not in styles and ('w:styleId="2"><w:name w:val="heading 1"/>' in styles or
                                                     'w:styleId="1"><w:name w:val="heading 1"/>' in styles)
    assert 'w:name="_x000B__x000C_"' in parts["word/fontTable.xml"].decode() and "customXml/item1.xml" in parts


def test_a_wps_saved_draft_passes_the_format_rules(saved):
    _, _, fake = saved
    found = check_file(fake)
    assert not found.findings, explain(found.findings)
    assert found.saved_by == "WPS Office 12.1.0.16120"
    result = runner.invoke(app, ["check", "--format", str(fake)])
    assert result.exit_code == 0 and "WPS Office 12.1.0.16120" in result.output


def test_check_finds_every_figure_in_a_wps_saved_draft(saved):
    town, draft, fake = saved
    assert read_draft(fake) == read_draft(draft)  # the same paragraphs, the contents left out
    found = audit(load_town(town), read_draft(fake), [], "WPS.docx")
    assert not found.numbers and not found.coverage and not found.placeholders


def test_headings_are_found_by_name_and_level_whatever_their_ids(saved):
    _, draft, fake = saved

    def ordinals(path: Path) -> list[int]:
        parts = read_parts(path.read_bytes())
        root = revise.parse_xml(parts["word/document.xml"])
        above = revise.headings_above(root, revise.heading_style_ids(parts["word/styles.xml"]))
        return [above[p][0] for p in root.iter(f"{W}p") if p.find(f"{W}pPr/{W}pStyle") is not None]
    styles = read_parts(fake.read_bytes())["word/styles.xml"]
    ids = revise.heading_style_ids(styles)
    names = {s.get(f"{W}styleId"): s.find(f"{W}name").get(f"{W}val") for s in etree.fromstring(styles).iter(f"{W}style")}
    assert ids == {i for i, n in names.items() if n.startswith("heading ")} and all(i.isdigit() for i in ids)
    assert names["1"] in ("Normal", "heading 1")  # WPS's 1 is Normal, zh-CN Word's is heading 1
    assert ordinals(fake) == ordinals(draft) and max(ordinals(fake)) > 10


def masked(document: bytes) -> bytes:
    """document.xml with the text inside drafter's marks blanked and the marks' CRC left off: what an update may change."""
    root = revise.parse_xml(document)
    inside: set[str] = set()
    for element in root.iter(f"{W}bookmarkStart", f"{W}bookmarkEnd", f"{W}t", f"{W}delText"):
        if element.tag == f"{W}bookmarkStart" and marks.parse(element.get(f"{W}name", "")):
            inside.add(element.get(f"{W}id"))
            mark = marks.parse(element.get(f"{W}name", ""))
            element.set(f"{W}name", mark._replace(crc="00000000").name)  # the text's CRC left off (the identity's kept)
        elif element.tag == f"{W}bookmarkEnd":
            inside.discard(element.get(f"{W}id"))
        elif inside:
            element.text = ""
    return etree.tostring(root, method="c14n")


@pytest.mark.parametrize("track", [False, True])
def test_update_rewrites_the_figures_of_a_wps_saved_draft_and_nothing_else(saved, tmp_path, track):
    town, draft, fake = saved
    write(tmp_path, NEW, "青石镇.yaml")
    options = UpdateOptions(out=tmp_path / "o.docx", track=track, when=dt.datetime(2025, 1, 2))
    mine = update(town, draft, options._replace(out=tmp_path / "mine.docx"))
    theirs = update(town, fake, options)
    assert [c[:3] for c in theirs.changed] == [c[:3] for c in mine.changed] and len(theirs.changed) >= 4
    assert not theirs.conflicts and not theirs.missing and not theirs.dropped
    before, after = read_parts(fake.read_bytes()), read_parts(theirs.path.read_bytes())
    assert sorted(before) == sorted(after)
    assert {n for n in before if before[n] != after[n]} == {"word/document.xml", "docProps/custom.xml"}
    if not track:
        assert masked(after["word/document.xml"]) == masked(before["word/document.xml"])
    props = read_properties(after["docProps/custom.xml"], foreign=True)
    assert props["KSOProductBuildVer"] == BUILD and props["ICV"] == ICV  # WPS's own kept
    assert "KSOProductBuildVer" not in read_properties(after["docProps/custom.xml"])  # and passed over by drafter's reader
    assert marks.Manifest.from_properties(props) is not None
    found = check_file(theirs.path)
    assert not found.findings, explain(found.findings)
    text = "\n".join(revise.paragraph_text(p) for p in revise.parse_xml(after["word/document.xml"]).iter(f"{W}p"))
    assert "19.62亿元" in text and "71户" in text and "18.91亿元" not in text


def test_tracked_changes_take_ids_above_every_part(tmp_path):
    town = write(tmp_path, BASE, "青石镇.yaml")
    draft = build(town, BuildOptions(out=tmp_path / "d.docx", annotate=True)).path
    parts = read_parts(draft.read_bytes())
    comments = parts["word/comments.xml"].decode()  # a change the clerk tracked inside a comment, with a high id
    parts["word/comments.xml"] = comments.replace("</w:p></w:comment>", '<w:ins w:id="77777" w:author="办公室" '
                                                  'w:date="2025-01-01T00:00:00Z"><w:r><w:t>核</w:t></w:r></w:ins></w:p></w:comment>', 1).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)
    draft.write_bytes(out.getvalue())
    write(tmp_path, NEW, "青石镇.yaml")
    report = update(town, draft, UpdateOptions(out=tmp_path / "o.docx", track=True, when=dt.datetime(2025, 1, 2)))
    root = revise.parse_xml(read_parts(report.path.read_bytes())["word/document.xml"])
    ids = [int(e.get(f"{W}id")) for e in root.iter(f"{W}ins", f"{W}del")]
    assert ids and min(ids) > 77777
    assert not check_file(report.path).findings


def test_a_style_based_on_a_heading_is_a_heading_and_an_outline_level_says_so_by_itself():
    styles = ('<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
              '<w:style w:type="paragraph" w:styleId="1"><w:name w:val="Normal"/></w:style>'
              '<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 1"/><w:basedOn w:val="1"/></w:style>'
              '<w:style w:type="paragraph" w:styleId="7"><w:name w:val="本单位标题"/><w:basedOn w:val="2"/></w:style>'
              '<w:style w:type="paragraph" w:styleId="8"><w:name w:val="正文缩进"/><w:basedOn w:val="2"/>'
              '<w:pPr><w:outlineLvl w:val="9"/></w:pPr></w:style>'
              '<w:style w:type="paragraph" w:styleId="a3"><w:name w:val="小节"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>'
              '<w:style w:type="paragraph" w:styleId="x"><w:name w:val="loop"/><w:basedOn w:val="y"/></w:style>'
              '<w:style w:type="paragraph" w:styleId="y"><w:name w:val="loop2"/><w:basedOn w:val="x"/></w:style></w:styles>')
    assert revise.heading_style_ids(styles.encode()) == {"2", "7", "a3"}
