"""Issue #23.1: a table of contents is left out wherever a draft's text is read (check, mine, init --from), so a draft
built with --toc reads as the same report as one built without."""

from __future__ import annotations

import pytest

from drafter.build.draft import BuildOptions, build
from drafter.check.audit import read_draft
from drafter.init.scaffold import write_from_last_year
from drafter.mine.corpus import docx_text
from drafter.ooxml.revise import parse_xml
from drafter.ooxml.toc import contents_paragraphs
from tests.conftest import EXAMPLES, STYLES

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@pytest.mark.parametrize("style", STYLES)
def test_a_draft_reads_the_same_with_or_without_its_contents(tmp_path, style):
    plain = build(EXAMPLES / "青石镇.yaml", BuildOptions(style=style, out=tmp_path / "a.docx")).path
    toc = build(EXAMPLES / "青石镇.yaml", BuildOptions(style=style, out=tmp_path / "b.docx", toc=True)).path
    assert read_draft(toc) == read_draft(plain)
    assert docx_text(toc) == docx_text(plain)
    if style == "numbered":
        first = write_from_last_year(tmp_path / "a.yaml", plain).read_text("utf-8")
        second = write_from_last_year(tmp_path / "b.yaml", toc).read_text("utf-8")
        assert first.replace("a.docx", "b.docx") == second


def body(xml: str):
    return parse_xml(f'<w:document xmlns:w="{W}"><w:body>{xml}</w:body></w:document>'.encode()).find(f"{{{W}}}body")


def p(inner: str = "", text: str = "") -> str:
    return f"<w:p>{inner}<w:r><w:t>{text}</w:t></w:r></w:p>"


def char(kind: str) -> str:
    return f'<w:r><w:fldChar w:fldCharType="{kind}"/></w:r>'


def instr(text: str) -> str:
    return f'<w:r><w:instrText xml:space="preserve"> {text} </w:instrText></w:r>'


def test_words_own_contents_and_its_title_are_found_and_nothing_else():
    xml = (p(text="标题") + p(text="目 录") + p(char("begin") + instr('TOC \\o "1-3" \\h') + char("separate"), "一、总结\t2")
           + p(char("begin") + instr("PAGEREF _Toc1 \\h") + char("separate"), "3") + p(char("end") + char("end"))
           + p(char("begin") + instr("PAGE") + char("separate") + char("end"), "正文"))
    root = body(xml)
    found = [("".join(t.text or "" for t in q.iter(f"{{{W}}}t"))) for q in root if q in contents_paragraphs(root)]
    assert found == ["目 录", "一、总结\t2", "3", ""]
    assert contents_paragraphs(body(p(text="目录") + p(text="正文"))) == set()
