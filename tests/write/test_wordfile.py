"""Issue #11: a Word file that behaves like one a good office made — outline, styles, fonts, page numbers, table."""

from __future__ import annotations

import re
import zipfile

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH

from drafter.build.draft import BuildOptions, build
from drafter.check.audit import audit, read_draft
from drafter.town.load import load_town
from tests.conftest import EXAMPLES, STYLES

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def with_settings(tmp_path, extra: str):
    text = (EXAMPLES / "青石镇.yaml").read_text("utf-8") + f"\nsettings: {{{extra}}}\n"
    path = tmp_path / "青石镇.yaml"
    path.write_text(text, "utf-8")
    return path


@pytest.mark.parametrize("style", STYLES)
def test_headings_use_words_heading_styles_by_the_reports_hierarchy(tmp_path, style):
    result = build(EXAMPLES / "青石镇.yaml", BuildOptions(style=style, out=tmp_path / "d.docx"))
    document = docx.Document(str(result.path))
    levels = {}
    for p in document.paragraphs:
        if p.style.style_id.startswith("Heading"):
            levels.setdefault(p.style.style_id, []).append(p.text)
            outline = p.style.element.find(f"{W}pPr/{W}outlineLvl").get(f"{W}val")
            assert int(outline) == int(p.style.style_id[-1]) - 1
    if style == "congress":
        assert levels["Heading1"] == ["2024年工作总结", "2025年工作计划"]
        assert levels["Heading2"][0].startswith("一、")
    else:
        assert levels["Heading1"][0].startswith("一、")
    if style == "numbered":
        assert levels["Heading2"][0].startswith("（一）")


def test_every_style_the_document_refers_to_is_defined(tmp_path):
    path = with_settings(tmp_path, "table: true")
    result = build(path, BuildOptions(style="numbered", out=tmp_path / "d.docx", annotate=True, toc=True))
    with zipfile.ZipFile(result.path) as package:
        defined = set(re.findall(r'w:styleId="([^"]+)"', package.read("word/styles.xml").decode()))
        for part in ("word/document.xml", "word/comments.xml", "word/footer1.xml", "word/footer2.xml"):
            used = set(re.findall(r'<w:(?:pStyle|rStyle|tblStyle) w:val="([^"]+)"', package.read(part).decode()))
            assert used and used <= defined, (part, used - defined)
        comments = package.read("word/comments.xml").decode()
    assert "CommentText" in comments and "CommentReference" in defined


@pytest.mark.parametrize(("font_set", "expected"), [("gb2312", {"仿宋_GB2312": "仿宋", "方正小标宋简体": "小标宋", "楷体_GB2312": "楷体"}),
                                                    ("plain", {"仿宋": "FangSong", "宋体": "SimSun", "楷体": "KaiTi", "黑体": "SimHei"})])
def test_a_font_table_names_each_font_with_its_alternate(tmp_path, font_set, expected):
    path = with_settings(tmp_path, f"fonts: {font_set}")
    result = build(path, BuildOptions(out=tmp_path / "d.docx"))
    with zipfile.ZipFile(result.path) as package:
        table = package.read("word/fontTable.xml").decode()
        styles = package.read("word/styles.xml").decode()
        assert "fontTable.xml" in package.read("word/_rels/document.xml.rels").decode()
        assert "theme" not in package.namelist() and not any(n.startswith("word/theme") for n in package.namelist())
    for name, alternate in expected.items():
        assert re.search(rf'<w:font w:name="{name}"><w:altName w:val="{alternate}"/><w:charset w:val="86"/>', table), name
    assert "Theme" not in styles  # no theme font can win over a named one
    if font_set == "plain":
        assert "方正" not in styles and "GB2312" not in styles


def test_page_numbers_follow_the_standard_or_a_setting(tmp_path):
    document = docx.Document(str(build(EXAMPLES / "青石镇.yaml", BuildOptions(out=tmp_path / "gb.docx")).path))
    section = document.sections[0]
    assert document.settings.odd_and_even_pages_header_footer
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    assert odd.style.paragraph_format.alignment == 2 and even.style.paragraph_format.alignment == 0  # right, left
    assert odd.style.element.find(f"{W}pPr/{W}ind").get(f"{W}right") == "280"  # one 4号 character in
    assert even.style.element.find(f"{W}pPr/{W}ind").get(f"{W}left") == "280"
    centred = docx.Document(str(build(with_settings(tmp_path, "page_numbers: center"), BuildOptions(out=tmp_path / "c.docx")).path))
    assert not centred.settings.odd_and_even_pages_header_footer
    assert centred.sections[0].footer.paragraphs[0].style.name == "公文页码（居中）"


def test_the_signature_keeps_with_the_last_lines_of_the_body(tmp_path):
    document = docx.Document(str(build(EXAMPLES / "青石镇.yaml", BuildOptions(out=tmp_path / "d.docx")).path))
    last, sign, date = document.paragraphs[-3:]
    flag = lambda p, tag: p._p.pPr.find(f"{W}{tag}").get(f"{W}val")  # noqa: E731
    assert flag(last, "keepNext") == "1" and flag(last, "widowControl") == "1"
    assert flag(sign, "keepNext") == "1" and flag(sign, "keepLines") == "1" and flag(date, "keepLines") == "1"


@pytest.mark.parametrize("style", STYLES)
def test_toc_lists_the_headings_linked_to_bookmarks_with_a_hint_to_update(tmp_path, style):
    from drafter.write.word.contents import HINT

    document = docx.Document(str(build(EXAMPLES / "青石镇.yaml", BuildOptions(style=style, out=tmp_path / "d.docx", toc=True)).path))
    paragraphs = document.paragraphs
    if style == "report":  # the contents follow the title and the lines under it (occasion, speaker)
        assert [p.style.name for p in paragraphs[:3]] == ["公文标题", "公文题注", "公文题注"]
        paragraphs = [paragraphs[0], *paragraphs[3:]]
    assert paragraphs[1].text == "目　录" and paragraphs[1].style.name == "公文目录标题"
    assert paragraphs[1].style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    entries = [p for p in paragraphs if p.style.name.startswith("toc ")]
    headings = [p for p in paragraphs if p.style.name.lower().startswith("heading ") and int(p.style.name[-1]) <= 3]
    assert len(entries) == len(headings) > 3
    marks = {b.get(f"{W}name"): b.getparent() for b in document.element.body.iter(f"{W}bookmarkStart")}
    for entry, heading in zip(entries, headings):
        assert entry.style.name == heading.style.name.lower().replace("heading", "toc")  # toc 1 for heading 1 …
        text, _, page = "".join(t.text for t in entry._p.iter(f"{W}t")).partition(heading.text)
        assert text == "" and page.isdigit() and int(page) >= 2  # the heading's words, then its page
        anchor = entry._p.find(f"{W}hyperlink").get(f"{W}anchor")
        assert anchor.startswith("_Toc") and marks[anchor] is heading._p
        assert f"PAGEREF {anchor} \\h" in "".join(i.text for i in entry._p.iter(f"{W}instrText"))
    hint = paragraphs[2 + len(entries)]
    assert hint.text == HINT and hint.style.name == "公文目录提示"
    assert hint._p.xpath("./w:r/w:fldChar[@w:fldCharType='end']")  # the hint is the field's last result: an update removes it
    assert entries[0]._p.xpath("./w:r/w:fldChar[@w:fldCharType='begin'][@w:dirty='true']")
    assert paragraphs[3 + len(entries)].paragraph_format.page_break_before  # the body starts on a page of its own


def test_the_indicator_table_is_a_three_line_table_of_figures_with_sources(tmp_path):
    path = with_settings(tmp_path, "table: true")
    result = build(path, BuildOptions(out=tmp_path / "d.docx", annotate=True))
    document = docx.Document(str(result.path))
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["指标", "单位", "本年", "上年", "同比（%）", "目标", "完成率（%）"]
    assert [c.text for c in table.rows[2].cells] == ["固定资产投资", "亿元", "3.5031", "—", "—", "4", "87.6"]
    tbl = table._tbl
    assert tbl.tblPr.find(f"{W}tblLayout").get(f"{W}type") == "fixed"
    widths = [int(g.get(f"{W}w")) for g in tbl.tblGrid.findall(f"{W}gridCol")]
    assert sum(widths) == 8844 and widths[0] > widths[2]
    borders = tbl.tblPr.find(f"{W}tblBorders")
    assert borders.find(f"{W}top").get(f"{W}sz") == "12" and borders.find(f"{W}insideH").get(f"{W}val") == "nil"
    assert table.rows[0].cells[0]._tc.tcPr.find(f"{W}tcBorders/{W}bottom").get(f"{W}sz") == "6"
    with zipfile.ZipFile(result.path) as package:
        comments = package.read("word/comments.xml").decode()
    assert "indicators[1].target 40000万元 ÷ 10000" in comments  # a cell figure names its source
    # the table's previous figure element precedes the first heading: the table stands after the indicator paragraph
    body = [e.tag.rsplit("}", 1)[1] for e in document.element.body.iterchildren()]
    assert body.index("tbl") == 4
    found = audit(load_town(path), read_draft(result.path), [], "d")
    assert not found.numbers and not found.coverage


def test_the_prepared_page_kept_in_the_cache_makes_the_same_draft(tmp_path, monkeypatch):
    from drafter.build import draft
    from drafter.write import word

    town = EXAMPLES / "青石镇.yaml"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(draft, "SLOW_WRITER", True)  # python-docx's path (the quick writer's frame is made from it)
    drafts = []
    for name in ("made", "from-cache"):  # the first build makes and keeps it, the second (a new process's) reads it
        word.prepared_reader.cache_clear()
        drafts.append(build(town, BuildOptions(out=tmp_path / f"{name}.docx")).path.read_bytes())
    assert list((tmp_path / "cache").glob("drafter/prepared-*/*.marshal")) and drafts[0] == drafts[1]


def test_paragraphs_written_as_text_are_the_paragraphs_built_element_by_element(monkeypatch):
    """The writer's two ways to a paragraph (plain runs as parsed text; the rest element by element) make the same
    XML and the same marks, whatever the text holds."""
    from lxml import etree

    from drafter.markup import Block, Span
    from drafter.write import paragraphs
    from drafter.write.word import Marker, add_blocks, open_package, prepared_reader
    from drafter.write.word import blocks as word_blocks

    town = load_town(EXAMPLES / "青石镇.yaml")
    texts = [" 前后有空格 ", "A&B <c> \"引号\" 'x'", "表情😀和全角　空格", "x"]
    blocks = [Block("h1", [Span("plain", "一、标题")]),
              Block("p", [Span("lead", "领起句。"), *(Span("plain", t) for t in texts), Span("br", ""),
                             Span("fig", "23.45亿元", "indicators[0].value"), Span("gap", "待补充项", "superior"),
                             Span("fig", "12个", "no.such[9].key")]),
              Block("p", [Span("plain", "含\t制表符")]), Block("p", [Span("plain", "")]), Block("p", [])]
    made = []
    for plain in (paragraphs.plain_block, lambda block: False):  # as written, then every paragraph element by element
        monkeypatch.setattr(word_blocks, "plain_block", plain)
        reader, ids = prepared_reader("gb2312", frozenset(b.kind for b in blocks), False)
        document, marker = open_package(reader), Marker(town)
        add_blocks(document, blocks, ids, marker)
        made.append((etree.tostring(document.element.body), marker.written, [i for _, i in marker.paragraphs]))
    assert made[0] == made[1] and made[0][1]  # a figure was marked
