"""Issue #23.1: every .docx drafter writes passes the format rules WPS needs (each style, with and without --toc,
--annotate, the indicator table, after a tracked update); a file broken in any one way fails its rule."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drafter.build.draft import BuildOptions, build
from drafter.check.wordfile import RULES, check_file, check_parts, read_parts
from drafter.cli.main import app
from drafter.update.apply import UpdateOptions, update
from tests.conftest import EXAMPLES, MINIMAL, STYLES, write

runner = CliRunner()
BASE = (EXAMPLES / "青石镇.yaml").read_text("utf-8")
TABLE = "\nsettings: {table: true}\n"
NEW = (("value: 18.91, unit: 亿元, previous: 16.58", "value: 19.62, unit: 亿元, previous: 16.58"),
       ("value: 63, unit: 户", "value: 71, unit: 户"))
VARIANTS = {"plain": (False, False, False), "toc": (True, False, False), "annotate": (False, True, False),
            "table": (False, False, True), "all": (True, True, True)}


def town_text(table: bool, new: bool = False) -> str:
    text = BASE + (TABLE if table else "")
    for old, replacement in NEW if new else ():
        text = text.replace(old, replacement)
    return text


def explain(findings: list) -> str:
    return "\n".join(f"{RULES[f.rule][0]} | {f.where} | {f.message}" for f in findings)


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("variant", list(VARIANTS))
def test_every_draft_and_its_tracked_update_pass_every_rule(tmp_path, style, variant):
    toc, annotate, table = VARIANTS[variant]
    town = write(tmp_path, town_text(table), "青石镇.yaml")
    draft = build(town, BuildOptions(style=style, out=tmp_path / "d.docx", toc=toc, annotate=annotate)).path
    found = check_file(draft)
    assert not found.findings, explain(found.findings)
    assert found.saved_by == "drafter"
    write(tmp_path, town_text(table, new=True), "青石镇.yaml")
    for track in (True, False):
        report = update(town, draft, UpdateOptions(out=tmp_path / f"u{track}.docx", track=track, when=dt.datetime(2025, 1, 2)))
        assert len(report.changed) >= 3 and not report.conflicts
        found = check_file(report.path)
        assert not found.findings, explain(found.findings)
    revised = zipfile.ZipFile(tmp_path / "uTrue.docx").read("word/document.xml").decode()
    assert "<w:delText>18.91亿元</w:delText>" in revised or "<w:delText>18.91</w:delText>" in revised


@pytest.mark.parametrize("settings", ["fonts: plain", "page_numbers: center"])
def test_a_draft_with_gaps_and_other_settings_passes(tmp_path, settings):
    town = write(tmp_path, MINIMAL + f"settings: {{{settings}}}\n")
    draft = build(town, BuildOptions(out=tmp_path / "d.docx", toc=True, annotate=True)).path
    assert "【待补充" in zipfile.ZipFile(draft).read("word/document.xml").decode()
    found = check_file(draft)
    assert not found.findings, explain(found.findings)


@pytest.fixture(scope="module")
def full(tmp_path_factory) -> dict[str, bytes]:
    """The parts of a numbered draft with contents, comments and the table."""
    folder = tmp_path_factory.mktemp("full")
    town = write(folder, town_text(True), "青石镇.yaml")
    return read_parts(build(town, BuildOptions(out=folder / "d.docx", toc=True, annotate=True)).path.read_bytes())


@pytest.fixture(scope="module")
def gapped(tmp_path_factory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("gapped")
    return read_parts(build(write(folder, MINIMAL), BuildOptions(out=folder / "d.docx")).path.read_bytes())


def last(old: str, new: str):
    """Replace the last occurrence of old."""
    return lambda text: new.join(text.rsplit(old, 1))


def first(old: str, new: str):
    return lambda text: text.replace(old, new, 1)


def every(pattern: str, new: str):
    return lambda text: re.sub(pattern, new, text, flags=re.S)


INSERTED = '<w:r><w:t>插入</w:t></w:r>'
PLANTS = [
    ("toc", "document.xml", every(r"<w:hyperlink .*?</w:hyperlink>", ""), "没有预先写入的条目"),
    ("toc", "document.xml", last("一、工作总结", "一、工作回顾"), "不一致"),
    ("toc", "document.xml", every(r"（目录页码为生成时估算[^<]*", ""), "没有提示读者更新目录"),
    ("toc", "document.xml", every(r'w:name="_Toc', 'w:name="_Tx'), "不存在"),
    ("fields", "footer1.xml", first("</w:r><w:r><w:instrText", "<w:instrText"), "不在各自的文字段中"),
    ("fields", "footer1.xml", first('<w:r><w:fldChar w:fldCharType="separate"/></w:r>', ""), "缺少分隔标记"),
    ("fields", "footer1.xml", first("<w:t>1</w:t>", "<w:t></w:t>"), "没有预先写入的页码"),
    ("fields", "footer2.xml", first(" \\* MERGEFORMAT", ""), "MERGEFORMAT"),
    ("fields", "document.xml", first("<w:cols ", "<w:pgNumType/><w:cols "), "空的页码格式"),
    ("tables", "document.xml", first('<w:gridCol w:w="2204"/>', '<w:gridCol w:w="2000"/>'), "不是各列宽度之和"),
    ("tables", "document.xml", first('<w:tblLayout w:type="fixed"/>', '<w:tblLayout w:type="autofit"/>'), "不是固定列宽"),
    ("tables", "document.xml", first('<w:tcW w:type="dxa" w:w="880"/>', '<w:tcW w:type="dxa" w:w="900"/>'), "单元格的宽度"),
    ("tables", "document.xml", every(r"<w:tblGrid>.*?</w:tblGrid>", ""), "没有定义列宽"),
    ("tables", "document.xml", first("</w:tc></w:tr>", "</w:tc><w:tc><w:p/></w:tc></w:tr>"), "列数与列宽定义不符"),
    ("ids", "document.xml", every(r'w:id="10001"', 'w:id="10000"'), "书签编号 10000 重复"),
    ("ids", "document.xml", first("</w:p>", '<w:ins w:id="10000" w:author="x" w:date="2025-01-01T00:00:00Z">' + INSERTED + "</w:ins></w:p>"),
     "与书签或批注的编号相同"),
    ("ids", "document.xml", first('<w:commentReference w:id="0"/>', '<w:commentReference w:id="9999"/>'), "不存在的批注"),
    ("ids", "document.xml", first('w:name="_dr1p', 'w:name="1dr1p'), "不合 Word 的规则"),
    ("ids", "document.xml", first('<w:bookmarkEnd w:id="10002"/>', ""), "没有结束标记"),
    ("ids", "comments.xml", first('w:id="1"', 'w:id="0"'), "批注编号 0 重复"),
    ("revisions", "document.xml", first("</w:p>", '<w:del w:id="90000" w:author="x" w:date="2025-01-01T00:00:00Z">' + INSERTED + "</w:del></w:p>"),
     "应为 w:delText"),
    ("revisions", "document.xml", first("</w:p>", "<w:r><w:delText>删</w:delText></w:r></w:p>"), "不在删除的修订中"),
    ("styles", "document.xml", last('<w:pStyle w:val="DrafterBody"/>', '<w:pStyle w:val="NoSuchStyle"/>'), "NoSuchStyle"),
    ("styles", "document.xml", last('<w:pStyle w:val="DrafterBody"/>', '<w:pStyle w:val="DrafterLeadIn"/>'), "类型不符"),
    ("styles", "styles.xml", first('<w:basedOn w:val="Normal"/>', '<w:basedOn w:val="Gone"/>'), "Gone"),
    ("proofing", "styles.xml", every(r"<w:noProof/>", ""), "没有“不检查拼写和语法”标记"),
    ("fonts", "styles.xml", first("<w:rFonts ", '<w:rFonts w:eastAsiaTheme="minorEastAsia" '), "主题字体"),
    ("fonts", "styles.xml", first(' w:eastAsia="仿宋_GB2312"', ""), "没有指定中文字体"),
    ("language", "styles.xml", first('w:eastAsia="zh-CN"', 'w:eastAsia="ja-JP"'), "默认的中文语言"),
    ("language", "document.xml", first("<w:r><w:t>", '<w:r><w:rPr><w:lang w:eastAsia="zh-TW"/></w:rPr><w:t>'), "zh-TW"),
    ("language", "settings.xml", first('w:eastAsia="zh-CN"', 'w:eastAsia="ja-JP"'), "主题字体语言"),
    ("properties", "custom.xml", first("</Properties>", '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="99" '
                                              'name="long"><vt:lpwstr>' + "长" * 300 + "</vt:lpwstr></property></Properties>"),
     "只保留前 255 个"),
]


def planted(parts: dict[str, bytes], part: str, change) -> dict[str, bytes]:
    name = next(n for n in parts if n.endswith("/" + part))
    text = parts[name].decode("utf-8")
    changed = change(text)
    assert changed != text, f"the plant did not take in {part}"
    return {**parts, name: changed.encode("utf-8")}


@pytest.mark.parametrize(("rule", "part", "change", "says"), PLANTS, ids=[f"{p[0]}-{i}" for i, p in enumerate(PLANTS)])
def test_each_rule_bites_on_a_file_broken_its_way(full, rule, part, change, says):
    assert not check_parts(full)
    found = check_parts(planted(full, part, change))
    assert any(f.rule == rule and says in f.message for f in found), explain(found)


def test_a_gap_without_its_no_proof_mark_is_found(gapped):
    assert not check_parts(gapped)
    found = check_parts(planted(gapped, "styles.xml", every(r'(w:styleId="DrafterGap">.*?)<w:noProof/>', r"\1")))
    assert [f.rule for f in found] == ["proofing"] and found[0].where.startswith("document.xml 第"), explain(found)


def test_check_format_says_in_chinese_what_breaks_and_exits_2(tmp_path, full):
    good = tmp_path / "好.docx"
    good.write_bytes(to_docx(full))
    result = runner.invoke(app, ["check", "--format", str(good)])
    assert result.exit_code == 0, result.output
    assert "格式检查" in result.output and "通过" in result.output
    bad = tmp_path / "坏.docx"
    bad.write_bytes(to_docx(planted(full, "footer1.xml", first(" \\* MERGEFORMAT", ""))))
    result = runner.invoke(app, ["check", "--format", str(bad)])
    assert result.exit_code == 2, result.output
    assert "页码和域" in result.output and "MERGEFORMAT" in result.output and "footer1.xml" in result.output
    result = runner.invoke(app, ["check", "--format", "--json", str(bad)])
    assert result.exit_code == 2 and '"rule": "fields"' in result.output
    (tmp_path / "不是.docx").write_text("文本", "utf-8")
    result = runner.invoke(app, ["check", "--format", str(tmp_path / "不是.docx")])
    assert result.exit_code == 1 and "不是有效的 .docx" in result.output


def to_docx(parts: dict[str, bytes]) -> bytes:
    from io import BytesIO

    out = BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return out.getvalue()


def test_rules_have_chinese_names_and_advice():
    assert {p[0] for p in PLANTS} == set(RULES)
    assert all(re.search(r"[\u4e00-\u9fff]", name + advice) for name, advice in RULES.values())


def test_docx_reader_refuses_what_is_not_a_package(tmp_path):
    path = Path(tmp_path / "x.docx")
    path.write_bytes(b"PK\x03\x04 broken")
    from drafter.errors import DraftError

    with pytest.raises(DraftError):
        check_file(path)
