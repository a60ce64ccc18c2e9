"""check reads a paragraph of plain runs itself, as python-docx's Paragraph.text reads it; any other paragraph is
left to python-docx."""

from __future__ import annotations

import docx
from docx.oxml.parser import parse_xml
from docx.text.paragraph import Paragraph

from drafter.check.reading import plain_text
from drafter.ooxml.textxml import W_NS

PARAGRAPHS = {
    "plain": '<w:r><w:t>青石镇</w:t></w:r><w:r><w:rPr><w:rStyle w:val="X"/></w:rPr><w:t xml:space="preserve"> 2024 </w:t></w:r>',
    "marked": '<w:bookmarkStart w:id="1" w:name="_dr1"/><w:r><w:t>18.91亿元</w:t></w:r><w:bookmarkEnd w:id="1"/><w:proofErr/>',
    "empty run": "<w:r/><w:r><w:t/></w:r>",
    "no runs": "",
    "tab": "<w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t></w:r>",
    "break": "<w:r><w:t>甲</w:t><w:br/><w:t>乙</w:t></w:r>",
    "hyperlink": '<w:hyperlink><w:r><w:t>链接</w:t></w:r></w:hyperlink><w:r><w:t>后</w:t></w:r>',
    "inserted": "<w:ins><w:r><w:t>插入</w:t></w:r></w:ins><w:r><w:t>原文</w:t></w:r>",
    "field": '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:t>1</w:t></w:r>',
}


def test_plain_paragraphs_read_as_python_docx_reads_them_and_the_rest_are_left_to_it() -> None:
    document = docx.Document()
    for name, runs in PARAGRAPHS.items():
        p = parse_xml(f'<w:p xmlns:w="{W_NS}"><w:pPr><w:pStyle w:val="P"/></w:pPr>{runs}</w:p>')
        mine = plain_text(p)
        if name in ("plain", "marked", "empty run", "no runs"):
            assert mine == Paragraph(p, document).text, name
        else:
            assert mine is None, name
