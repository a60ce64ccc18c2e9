"""End to end: build each style, reopen the .docx, check text, order, figures, styles, fonts and page."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

from drafter.build.draft import BuildOptions, build
from drafter.check.audit import expected_figures
from drafter.cli.main import app
from drafter.town.load import load_town
from tests.conftest import EXAMPLES, MINIMAL, STYLES, write

runner = CliRunner()
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
H1 = re.compile(r"^[一二三四五六七八九十]+、")


def expected_text(town) -> list[str]:
    """Every figure (from check's list) and every fact as its wording, problems and honours, as the draft must show them."""
    out = [shown for shown, _ in expected_figures(town)]
    for section in (*town.sections, *town.plans):
        for item in section.items:
            for fact in item.facts:
                out.append(fact.text.rstrip("。；，") if fact.text else fact.what)
    return out + list(town.problems) + list(town.honours)


@pytest.fixture(scope="module", params=STYLES)
def built(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp(request.param)
    result = build(EXAMPLES / "青石镇.yaml", BuildOptions(style=request.param, out=folder / "draft.docx"))
    return request.param, result, docx.Document(str(result.path))


def test_every_figure_of_the_town_file_is_in_the_draft(built):
    _, result, document = built
    text = "\n".join(p.text for p in document.paragraphs)
    town = load_town(EXAMPLES / "青石镇.yaml")
    missing = [f for f in expected_text(town) if f not in text]
    assert missing == []
    assert "98.9%" in text and "14.1%" in text and "3.5031亿元" in text
    assert "【待补充" not in text and result.gaps == 0


def test_heading_order_and_styles(built):
    style, _, document = built
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    if style == "report":  # 政府工作报告: the frame of a report to the town's congress, no signature (#20.1)
        assert paragraphs[:5] == [("公文标题", "政府工作报告"), ("公文题注", "——2024年12月5日在青石镇第十八届\n人民代表大会第五次会议上"),
                                  ("公文题注", "镇长 陈立新"), ("公文称谓", "各位代表："), paragraphs[4]]
        assert paragraphs[4][1].startswith("现在，") and "请" in paragraphs[4][1] and "审议" in paragraphs[4][1]
        assert [t for s, t in paragraphs if s == "Heading 1"] == ["一、2024年工作回顾", "二、2025年工作安排"]
        assert len([t for s, t in paragraphs if s == "Heading 2"]) == 9 + 7
        assert paragraphs[-1][0] == "公文正文" and paragraphs[-1][1].startswith("各位代表") and paragraphs[-1][1].endswith("！")
        return
    assert paragraphs[0] == ("公文标题", "青石镇2024年工作总结和2025年工作计划")
    h1 = [t for s, t in paragraphs if s == ("Heading 2" if style == "congress" else "Heading 1")]
    numbers = [H1.match(t).group(0) for t in h1]
    parts = [t.split("、", 1)[1] for t in h1]
    if style == "numbered":  # part headings are mined from the numbered seeds
        assert parts[0] in ("工作总结", "2024年工作总结") and parts[1] in ("存在的不足", "存在的问题和不足")
        assert re.fullmatch(r"2025年(重点工作打算|工作要点)", parts[2])
        h2 = [t for s, t in paragraphs if s == "Heading 2"]
        assert [t[:3] for t in h2[:3]] == ["（一）", "（二）", "（三）"]
        town = load_town(EXAMPLES / "青石镇.yaml")
        assert len(h2) == len(town.sections) + len(town.plans) == 9 + 7
    elif style == "topical":
        assert parts == ["2024年主要经济指标完成情况", "重点工作完成情况", "工作中存在问题", "2025年工作打算"]
    else:
        divisions = [t for s, t in paragraphs if s == "Heading 1"]
        assert divisions == ["2024年工作总结", "2025年工作计划"]
        assert numbers[:9] == ["一、", "二、", "三、", "四、", "五、", "六、", "七、", "八、", "九、"]
        body = [t for s, t in paragraphs if s == "公文正文"]
        assert any(t.startswith("各位代表，") for t in body)
        # the plan is announced as "N大工程" only when the clerk named the 工程s; 青石镇's plans name none
        assert not any("大工程" in t for t in body) and any("以下七个方面" in t for t in body)
    assert paragraphs[-2] == ("公文署名", "青石镇人民政府")
    assert paragraphs[-1] == ("公文成文日期", "2024年12月5日")


def test_signature_follows_7_3_5_2(built):
    """The date's first character stands two characters right of the unit's (widths: digits half)."""
    style, _, document = built
    if style == "report":  # a speech is dated by its occasion line, not signed
        assert not [p for p in document.paragraphs if p.style.name in ("公文署名", "公文成文日期")]
        return
    sign, date = document.paragraphs[-2:]
    right = [int(p._p.pPr.find(f"{W}ind").get(f"{W}rightChars")) / 100 for p in (sign, date)]
    assert right == [3.5, 2.0]  # 青石镇人民政府 is 7 wide, 2024年12月5日 is 6.5: the date takes the 2
    assert right[0] + 7 - 2 == right[1] + 6.5


def test_lead_ins_are_a_character_style(built):
    style, _, document = built
    leads = [r for p in document.paragraphs for r in p.runs if r.style is not None and r.style.name == "公文引导语"]
    assert leads
    if style != "topical":
        assert leads[0].text == "一是重点工程加速推进。"
    assert all(r.font.bold is None for r in leads)  # bold lives in the style, not on the run


def test_fonts_and_styles_in_the_xml(built):
    style, result, document = built
    styles = document.styles
    headings = {"Heading 1": "黑体", "Heading 2": "黑体"} if style == "congress" else {"Heading 1": "黑体", "Heading 2": "楷体_GB2312"}
    fonts = {"公文正文": "仿宋_GB2312", "公文标题": "方正小标宋简体", **headings}
    for name, font in fonts.items():
        rfonts = styles[name].element.find(f"{W}rPr/{W}rFonts")
        assert rfonts.get(f"{W}eastAsia") == font and rfonts.get(f"{W}ascii") == font
    assert styles["公文标题"].font.size.pt == 22 and styles["公文正文"].font.size.pt == 16
    assert styles["公文引导语"].font.bold is True
    xml = zipfile.ZipFile(result.path).read("word/styles.xml").decode("utf-8")
    assert "Theme" not in re.search(r"<w:docDefaults>.*</w:docDefaults>", xml, re.S).group(0)
    for name in fonts:
        style_id = styles[name].style_id
        assert style_id.isascii() and style_id.startswith(("Drafter", "Heading"))
        block = re.search(rf'<w:style [^>]*w:styleId="{style_id}".*?</w:style>', xml, re.S).group(0)
        assert "Theme" not in block and 'w:eastAsia="zh-CN"' in block and 'w:val="-5"' in block
    body = styles["公文正文"].element.find(f"{W}pPr")
    ind, spacing = body.find(f"{W}ind"), body.find(f"{W}spacing")
    assert (ind.get(f"{W}firstLineChars"), ind.get(f"{W}firstLine")) == ("200", "640")
    assert (spacing.get(f"{W}line"), spacing.get(f"{W}lineRule")) == ("579", "exact")
    body_runs = [r for p in document.paragraphs for r in p.runs]
    assert all(r.font.name is None and r.font.size is None for r in body_runs)


def test_page_setup_grid_and_footer(built):
    _, result, document = built
    section = document.sections[0]
    mm = lambda v: round(v.mm)  # noqa: E731
    assert (mm(section.page_width), mm(section.page_height)) == (210, 297)
    assert tuple(map(mm, (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin))) == (37, 35, 28, 26)
    grid = section._sectPr.find(f"{W}docGrid")
    assert (grid.get(f"{W}type"), grid.get(f"{W}linePitch")) == ("lines", "579")
    for footer, name in ((section.footer, "公文页码"), (section.even_page_footer, "公文页码（双页）")):
        paragraph = footer.paragraphs[0]
        assert paragraph.style.name == name and paragraph.text.startswith("— ") and paragraph.text.endswith(" —")
        assert "PAGE" in "".join(paragraph._p.itertext())
    assert document.settings.odd_and_even_pages_header_footer


def test_core_properties_and_no_library_traces(built):
    style, result, document = built
    core = document.core_properties
    assert core.title == ("青石镇政府工作报告" if style == "report" else "青石镇2024年工作总结和2025年工作计划")
    assert core.author == core.last_modified_by == "青石镇人民政府"
    assert core.created.date().isoformat() == "2024-12-05"
    package = zipfile.ZipFile(result.path)
    assert not [n for n in package.namelist() if "thumbnail" in n or "customXml" in n or "WithEffects" in n]
    for name in ("docProps/core.xml", "docProps/app.xml"):
        text = package.read(name).decode("utf-8")
        assert "python-docx" not in text and "Macintosh" not in text


def test_chooser_never_repeats_a_pick_back_to_back():
    from drafter.compose.phrases import Chooser

    chooser = Chooser(3)
    picks = [chooser.pick("k", ["甲", "乙", "丙"]) for _ in range(30)]
    assert all(a != b for a, b in zip(picks, picks[1:]))
    assert all(sorted(picks[i : i + 3]) == ["丙", "乙", "甲"] for i in range(0, 30, 3))  # once mode: each round uses all


def test_long_titles_break_before_he():
    from drafter.compose.composer import Composer
    from drafter.compose.phrases import Chooser, load_bank
    from drafter.markup import width

    town = load_town(EXAMPLES / "青石镇.yaml")
    assert "⟦br⟧" not in Composer(town, load_bank(), Chooser(1), "numbered").opening.title()
    from drafter.town import record

    long = record.replace(town, town="巴彦浩特镇乌兰布统镇")
    title = Composer(long, load_bank(), Chooser(1), "numbered").opening.title()
    first, second = title.split("⟦br⟧")
    assert second.startswith("和") and width(first) <= 20 and width(second) <= 20


def test_shipped_base_package_is_reproducible():
    from drafter.write.basedoc import BASE_PATH, make_base

    assert BASE_PATH.read_bytes() == make_base()
    names = zipfile.ZipFile(BASE_PATH).namelist()
    assert "word/styles.xml" in names and not [n for n in names if "theme" in n or "thumbnail" in n]


def test_same_town_and_seed_give_identical_output(tmp_path):
    path = EXAMPLES / "云岭乡.yaml"
    first = build(path, BuildOptions(out=tmp_path / "a.docx"))
    second = build(path, BuildOptions(out=tmp_path / "b.docx"))
    assert first.markup == second.markup
    assert (tmp_path / "a.docx").read_bytes() == (tmp_path / "b.docx").read_bytes()
    other = build(path, BuildOptions(out=tmp_path / "c.docx", seed=7))
    assert other.markup != first.markup


def test_golden_markup(tmp_path):
    """The rendered markup of each style for the 青石镇 example (UPDATE_GOLDEN=1 rewrites it)."""
    golden = Path(__file__).parent / "golden"
    for style in STYLES:
        markup = build(EXAMPLES / "青石镇.yaml", BuildOptions(style=style, out=tmp_path / f"{style}.md", fmt="md")).markup
        path = golden / f"青石镇-{style}.markup"
        if os.environ.get("UPDATE_GOLDEN"):
            path.write_text(markup, encoding="utf-8")
        assert markup == path.read_text("utf-8"), style


def test_edited_draft_is_not_overwritten(town_file):
    assert runner.invoke(app, ["build", str(town_file)]).exit_code == 0
    draft = town_file.with_suffix(".docx")
    assert runner.invoke(app, ["build", str(town_file), "--style", "topical"]).exit_code == 0  # untouched: rebuilt
    edited = docx.Document(str(draft))
    edited.add_paragraph("办公室补充的一段话。")
    edited.save(str(draft))
    before = draft.read_bytes()
    result = runner.invoke(app, ["build", str(town_file)])
    assert result.exit_code == 1 and "被修改过" in result.output and "青石镇-2.docx" in result.output
    assert draft.read_bytes() == before
    assert runner.invoke(app, ["build", str(town_file), "--force"]).exit_code == 0
    assert "办公室补充的一段话。" not in "".join(p.text for p in docx.Document(str(draft)).paragraphs)


def test_foreign_file_is_not_overwritten(town_file):
    target = town_file.with_name("报告.docx")
    docx.Document().save(str(target))
    result = runner.invoke(app, ["build", str(town_file), "--out", str(target)])
    assert result.exit_code == 1 and "被修改过（或不是 drafter 生成的）" in result.output


def test_text_drafts_are_guarded_too(town_file):
    assert runner.invoke(app, ["build", str(town_file), "--format", "txt"]).exit_code == 0
    draft = town_file.with_suffix(".txt")
    assert draft.read_text("utf-8").startswith("青石镇2024年工作总结")
    assert runner.invoke(app, ["build", str(town_file), "--format", "txt"]).exit_code == 0
    draft.write_text(draft.read_text("utf-8") + "手工修改", encoding="utf-8")
    assert runner.invoke(app, ["build", str(town_file), "--format", "txt"]).exit_code == 1


def test_interrupted_write_leaves_nothing(town_file, monkeypatch):
    import drafter.files.textio as textio

    def boom(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(textio.os, "replace", boom)
    with pytest.raises(KeyboardInterrupt):
        build(town_file, BuildOptions())
    assert sorted(p.name for p in town_file.parent.iterdir()) == [town_file.name]


def test_reference_doc_styles_win(tmp_path, town_file):
    reference = docx.Document()
    style = reference.styles.add_style("公文正文", 1)
    style.font.name, style.font.size = "宋体", docx.shared.Pt(12)
    reference.add_paragraph("参考文档里的内容不会出现在初稿中。")
    ref_path = tmp_path / "ref.docx"
    reference.save(str(ref_path))
    result = runner.invoke(app, ["build", str(town_file), "--reference-doc", str(ref_path), "--out", str(tmp_path / "r.docx")])
    assert result.exit_code == 0, result.output
    document = docx.Document(str(tmp_path / "r.docx"))
    assert document.styles["公文正文"].font.size.pt == 12
    assert document.styles["公文标题"].font.size.pt == 22  # missing from the reference: drafter's
    assert document.styles["Heading 1"].font.size.pt == 14  # the reference's own heading style wins
    assert "参考文档里的内容" not in "".join(p.text for p in document.paragraphs)
    bad = runner.invoke(app, ["build", str(town_file), "--reference-doc", str(town_file), "--out", str(tmp_path / "x.docx")])
    assert bad.exit_code == 1 and "不是有效的 .docx 文件" in bad.output


def test_gaps_are_marked_and_strict_names_the_keys(tmp_path):
    path = write(tmp_path, MINIMAL)
    result = build(path, BuildOptions(out=tmp_path / "m.docx"))
    text = "\n".join(p.text for p in docx.Document(str(result.path)).paragraphs)
    for gap in ("【待补充：上级领导机关（superior）】", "【待补充：存在的问题和不足（problems）】", "【待补充：成文日期（date）】"):
        assert gap in text
    runs = [r for p in docx.Document(str(result.path)).paragraphs for r in p.runs if r.text.startswith("【待补充")]
    assert runs and all(r.style.name == "公文待补充" for r in runs)
    strict = runner.invoke(app, ["build", str(path), "--strict", "--out", str(tmp_path / "s.docx")])
    assert strict.exit_code == 1 and "[superior]" in strict.output and "[problems]" in strict.output and "[date]" in strict.output
    assert not (tmp_path / "s.docx").exists()


def test_superior_bodies_follow_from_the_county(tmp_path):
    path = write(tmp_path, MINIMAL + "county: 临溪县\n")
    text = build(path, BuildOptions(out=tmp_path / "c.md", fmt="md")).markup
    assert "在临溪县委、县政府的" in text and "superior" not in text
    assert load_town(write(tmp_path, MINIMAL + "county: 嵊州市\n", "city.yaml")).leaders == "嵊州市委、市政府"


def test_every_style_renders_a_minimal_file(tmp_path):
    path = write(tmp_path, MINIMAL)
    for style in STYLES:
        result = build(path, BuildOptions(style=style, out=tmp_path / f"{style}.docx"))
        assert result.gaps >= 3


def test_init_scaffold_builds_as_is(tmp_path):
    assert runner.invoke(app, ["init", str(tmp_path / "t.yaml")]).exit_code == 0
    again = runner.invoke(app, ["init", str(tmp_path / "t.yaml")])
    assert again.exit_code == 1 and "已存在" in again.output
    result = runner.invoke(app, ["build", str(tmp_path / "t.yaml")])
    assert result.exit_code == 0 and "已生成" in result.output
    scaffold = (tmp_path / "t.yaml").read_text("utf-8")
    from drafter.town import record
    from drafter.town.model import Town

    for key in (f.name for f in record.fields(Town) if not f.metadata.get("internal")):  # internal: set by drafter
        assert re.search(rf"^#?\s*{key}:", scaffold, re.M), key


def test_cli_version_styles_and_bad_options(tmp_path, town_file):
    assert runner.invoke(app, ["--version"]).output.startswith("drafter ")
    assert "congress" in runner.invoke(app, ["styles"]).output
    bad = runner.invoke(app, ["build", str(town_file), "--style", "poem"])
    assert bad.exit_code == 1 and "未知的文稿样式" in bad.output
    bad = runner.invoke(app, ["build", str(town_file), "--format", "pdf"])
    assert bad.exit_code == 1 and "不支持的输出格式" in bad.output
    missing_bank = runner.invoke(app, ["build", str(town_file), "--phrasebank", str(tmp_path / "nobank")])
    assert missing_bank.exit_code == 1 and "短语库缺少此文件" in missing_bank.output


def test_user_mined_phrasebank_is_used(tmp_path, town_file):
    from tests.conftest import SEEDS

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("000_83943749a2b22504.txt", "002_c1a740cf2cacea5b.txt"):
        (corpus / name).write_bytes((SEEDS / name).read_bytes())
    assert runner.invoke(app, ["mine", str(corpus), "--out", str(tmp_path / "mybank")]).exit_code == 0
    result = runner.invoke(app, ["build", str(town_file), "--phrasebank", str(tmp_path / "mybank"), "--format", "md"])
    assert result.exit_code == 0, result.output


def test_build_path_never_imports_jieba(tmp_path):
    code = (
        "import sys; from pathlib import Path; from drafter.build.draft import build, BuildOptions;"
        f"build(Path({str(EXAMPLES / '青石镇.yaml')!r}), BuildOptions(out=Path({str(tmp_path / 'x.docx')!r})));"
        "import drafter.cli.main; print('jieba' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_draft_is_made_with_the_collector_paused_and_it_is_back_on_after(tmp_path, monkeypatch):
    import gc

    from drafter.build import draft
    from drafter.errors import OutputError

    seen = []
    real = draft.draft_markup
    monkeypatch.setattr(draft, "draft_markup", lambda *a, **k: seen.append(gc.isenabled()) or real(*a, **k))
    assert gc.isenabled()
    build(EXAMPLES / "青石镇.yaml", BuildOptions(out=tmp_path / "a.docx"))
    assert seen == [False] and gc.isenabled()
    with pytest.raises(OutputError):  # a failed draft gives it back too
        build(EXAMPLES / "青石镇.yaml", BuildOptions(out=tmp_path / "a.docx", fmt="pdf"))
    assert gc.isenabled()
    gc.disable()
    try:  # a caller that paused it keeps it paused
        build(EXAMPLES / "青石镇.yaml", BuildOptions(out=tmp_path / "b.docx"))
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_what_the_first_draft_leaves_is_frozen_and_later_drafts_leave_it_to_the_collector(tmp_path):
    code = ("import gc, sys; from pathlib import Path; from drafter.build.draft import BuildOptions, build; "
            f"town = Path({str(EXAMPLES / '青石镇.yaml')!r}); counts = [gc.get_freeze_count()]; "
            "build(town, BuildOptions(out=Path(sys.argv[1]) / 'a.docx')); counts.append(gc.get_freeze_count()); "
            "build(town, BuildOptions(out=Path(sys.argv[1]) / 'b.docx')); counts.append(gc.get_freeze_count()); "
            "print(*counts, gc.isenabled())")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, check=True)
    before, first, second, enabled = out.stdout.split()
    # (a frozen object freed by its count leaves the frozen generation: the second count may be smaller, never larger)
    assert before == "0" and int(first) > 10000 and int(second) <= int(first) and enabled == "True"
