"""Trust: provenance comments, the four audits of `drafter check`, planted errors caught, clean drafts pass."""

from __future__ import annotations

import json
import shutil

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from drafter.build.draft import BuildOptions, build
from drafter.check.audit import MASK, NumberIndex, audit, expected_figures, masked, shown
from drafter.cli.main import app
from drafter.mine.corpus import corpus_files, read_document
from drafter.town.load import load_town
from drafter.write.word import SUPPLIED
from tests.conftest import EXAMPLES, MINIMAL, SEEDS, STYLES, write

runner = CliRunner()


@pytest.fixture(scope="module")
def corpus():
    return [read_document(p) for p in corpus_files([SEEDS])]


@pytest.mark.parametrize("example", ["青石镇", "云岭乡"])
@pytest.mark.parametrize("style", STYLES)
def test_clean_examples_pass_every_check(example, style, corpus, tmp_path):
    path = EXAMPLES / f"{example}.yaml"
    result = build(path, BuildOptions(style=style, out=tmp_path / "d.md", fmt="md"))
    found = audit(load_town(path), [b.text for b in result.blocks], corpus, "d")
    assert not found.failed, (found.numbers, found.coverage, found.originality, found.placeholders)
    assert found.longest < 20 and found.counted["numbers"] >= 20


def test_annotate_comments_name_each_figure_source(tmp_path, town_file):
    plain = build(town_file, BuildOptions(out=tmp_path / "plain.docx"))
    assert list(docx.Document(str(plain.path)).comments) == []
    noted = build(town_file, BuildOptions(out=tmp_path / "noted.docx", annotate=True))
    comments = list(docx.Document(str(noted.path)).comments)
    texts = [c.text for c in comments]
    assert "同比增长14.1%：indicators[0] 18.91 / 16.58 − 1" in texts
    assert "调解成功率达98.9%：sections[2].items[0].facts[1] 359 / 363" in texts
    figures = sum(1 for b in noted.blocks for s in b.spans if s.kind == "fig")
    supplied = [s.text for b in noted.blocks for s in b.spans if s.kind == "how"]
    assert supplied and len(comments) == figures + len(supplied)  # every figure, and every 做法 drafter wrote itself
    assert texts.count(SUPPLIED) == len(supplied)
    assert {c.author for c in comments} == {"drafter"}
    assert {c._comment_elm.date.date().isoformat() for c in comments} == {"2024-12-05"}  # pinned, not "now"
    again = build(town_file, BuildOptions(out=tmp_path / "again.docx", annotate=True))
    assert again.path.read_bytes() == noted.path.read_bytes()


def edit(path, replace: dict[str, str] | None = None, add: list[str] = ()):
    """Edit a draft as a clerk would in Word: change run text, append paragraphs."""
    document = docx.Document(str(path))
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            for old, new in (replace or {}).items():
                run.text = run.text.replace(old, new)
    for text in add:
        document.add_paragraph(text)
    document.save(str(path))


def check_json(*args: str) -> tuple[int, dict]:
    result = runner.invoke(app, ["check", *args, "--json"])
    return result.exit_code, json.loads(result.stdout)


def test_planted_wrong_number_is_caught(town_file):
    build(town_file, BuildOptions())
    edit(town_file.with_suffix(".docx"), {"98.9%": "99.8%"})
    code, report = check_json(str(town_file))
    assert code == 2
    assert [f["text"] for f in report["numbers"]] == ["99.8"]
    assert report["coverage"] == [{"paragraph": None, "text": "98.9%", "detail": "sections[2].items[0].facts[1].ratio"}]


def test_invented_number_is_listed_with_its_paragraph(town_file):
    build(town_file, BuildOptions())
    edit(town_file.with_suffix(".docx"), add=["全镇新增市场主体1234户。"])
    code, report = check_json(str(town_file))
    assert code == 2 and report["numbers"][0]["text"] == "1234"
    paragraphs = docx.Document(str(town_file.with_suffix(".docx"))).paragraphs
    assert paragraphs[report["numbers"][0]["paragraph"] - 1].text == "全镇新增市场主体1234户。"


def test_planted_copied_paragraph_is_caught_with_its_source(town_file):
    build(town_file, BuildOptions())
    copied = (SEEDS / "000_83943749a2b22504.txt").read_text("utf-8").splitlines()[13][:60]
    edit(town_file.with_suffix(".docx"), add=[copied])
    code, report = check_json(str(town_file))
    assert code == 2 and report["longest"] >= 40
    assert any(f["detail"] == "000_83943749a2b22504.txt:14" and len(f["text"]) >= 40 for f in report["originality"])


def test_users_own_text_and_canonical_formulas_are_exempt(tmp_path, corpus):
    seed_sentence = "全面落实“应保尽保、应退尽退”政策，全乡440户558人纳入低保"  # a seed's words, given by the clerk
    town = write(tmp_path, MINIMAL + f"sections:\n  - topic: 民生保障\n    items:\n      - facts: ['{seed_sentence}']\n")
    result = build(town, BuildOptions(out=tmp_path / "d.md", fmt="md"))
    paragraphs = [b.text for b in result.blocks] + ["以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党的二十大精神"]
    found = audit(load_town(town), paragraphs, corpus, "d")
    assert found.originality == []


def test_missing_figure_is_a_placeholder_listed_by_check(tmp_path):
    town = write(tmp_path, MINIMAL)
    build(town, BuildOptions())
    code, report = check_json(str(town))
    assert code == 2
    assert "【待补充：上级领导机关（superior）】" in [f["text"] for f in report["placeholders"]]


def test_coverage_lists_a_figure_the_edited_draft_lost(town_file):
    build(town_file, BuildOptions())
    edit(town_file.with_suffix(".docx"), {"412.6亩": "若干亩"})
    code, report = check_json(str(town_file))
    assert code == 2 and report["coverage"][0]["detail"] == "sections[0].items[0].facts[1].value"


def test_check_without_draft_builds_in_memory_and_reads_md(tmp_path):
    town = tmp_path / "云岭乡.yaml"
    shutil.copy(EXAMPLES / "云岭乡.yaml", town)
    result = runner.invoke(app, ["check", str(town), "--style", "congress"])
    assert result.exit_code == 0, result.output
    assert "通过" in result.output and "即时生成" in result.output
    build(town, BuildOptions(fmt="md"))
    assert runner.invoke(app, ["check", str(town), str(town.with_suffix(".md"))]).exit_code == 0


def test_check_reports_bad_input_with_exit_1(tmp_path, town_file):
    result = runner.invoke(app, ["check", str(town_file), str(tmp_path / "missing.docx")])
    assert result.exit_code == 1 and "初稿文件不存在" in result.output


def test_expected_figures_cover_indicators_and_facts():
    figures = dict(expected_figures(load_town(EXAMPLES / "青石镇.yaml")))
    assert figures["3.5031亿元"] == "indicators[1].value" and figures["87.6%"] == "indicators[1].completion"


def test_check_accepts_a_clerks_correct_rewording_of_a_figure(town_file):
    """Issue #9: another correct form of the same value passes (万元 for 亿元, a rate to fewer places, 余/约)."""
    text = town_file.read_text("utf-8").replace("{what: 动员常住人口参加医保, value: 8500, unit: 人, approx: true}",
                                                  "{what: 动员常住人口参加医保, value: 0.85, unit: 万人, approx: true}")
    town_file.write_text(text, "utf-8")
    build(town_file, BuildOptions())
    draft = town_file.with_suffix(".docx")
    body = "".join(p.text for p in docx.Document(str(draft)).paragraphs)
    assert "3.5031亿元" in body and "14.1%" in body and "0.85万余人" in body
    edit(draft, {"3.5031亿元": "35031万元", "14.1%": "14%", "0.85万余人": "约8500人", "2.68亿元": "26800万元"})
    code, report = check_json(str(town_file), str(draft))
    assert code == 0, report


def test_check_still_catches_a_wrong_form(town_file):
    build(town_file, BuildOptions())
    edit(town_file.with_suffix(".docx"), {"3.5031亿元": "3.53亿元"})
    code, report = check_json(str(town_file))
    assert code == 2 and report["coverage"][0]["detail"] == "indicators[1].value"
    assert [f["text"] for f in report["numbers"]] == ["3.53"]


def test_coverage_names_a_growth_rate_as_a_change(town_file):
    build(town_file, BuildOptions())
    edit(town_file.with_suffix(".docx"), {"14.1%": "若干"})
    code, report = check_json(str(town_file))
    assert code == 2 and report["coverage"][0]["detail"] == "indicators[0].change"


def test_corpus_given_as_the_seeds_counts_each_report_once(town_file):
    build(town_file, BuildOptions())
    code, report = check_json(str(town_file), "--corpus", str(SEEDS))
    assert code == 0 and report["counted"]["corpus"] == 5



PIECES = st.sampled_from(["1", "2", "3", "4", ".", "5", "亿元", "万", "元", "%", "约", "余", "人", "，", "增长", "\n"])


FORMS = st.tuples(st.sampled_from(["", "约"]), st.from_regex(r"[1-5]{1,3}(\.[1-5]{1,2})?", fullmatch=True),
                  st.sampled_from(["", "亿元", "万元", "%", "余人", "人"])).map("".join)


def spec_shown(form: str, text: str) -> bool:
    """A figure is shown where its text stands with a whole number: no digit or point just before it, and when it
    ends in its number, no digit (or point and digit) just after."""
    for start in (i for i in range(len(text)) if text.startswith(form, i)):
        end = start + len(form)
        before_ok = start == 0 or not (text[start - 1].isdigit() or text[start - 1] == ".")
        after = text[end : end + 2]
        after_ok = not form[-1].isdigit() or not (after[:1].isdigit() or (after[:1] == "." and after[1:2].isdigit()))
        if before_ok and after_ok:
            return True
    return False


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(PIECES, FORMS), max_size=20).map("".join), FORMS)
def test_the_number_index_finds_a_figure_only_as_a_whole_number(text, form):
    assert NumberIndex(text).shown(form) == spec_shown(form, text)
    if not form[-1].isdigit():  # with a unit after it, the old scan agrees
        assert NumberIndex(text).shown(form) == shown(form, text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["全面消除", "三年以上", "未发展党员村", "，", "共富工坊", "2", "家"]), max_size=20).map("".join),
       st.lists(st.sampled_from(["全面消除三年以上", "未发展党员村", "共富工坊2家", "共富工坊"]), max_size=3))
def test_masking_blanks_every_exempt_string_and_nothing_else(text, exempt):
    [out] = masked([text], exempt)
    assert len(out) == len(text)
    for s in exempt:
        start = text.find(s)
        while start != -1:
            assert out[start : start + len(s)] == MASK * len(s)
            start = text.find(s, start + 1)
    blanked = {i for s in exempt for i in range(len(text)) if text.startswith(s, i) for i in range(i, i + len(s))}
    assert all(out[i] == text[i] for i in range(len(text)) if i not in blanked)


def repacked(source, target, rename: dict[str, str], replace: dict[bytes, bytes]) -> None:
    """A copy of a .docx with parts renamed and bytes replaced in every part."""
    import zipfile

    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for name in old.namelist():
            data = old.read(name)
            for a, b in replace.items():
                data = data.replace(a, b)
            new.writestr(rename.get(name, name), data)


def test_a_drafts_text_is_read_from_its_main_part_wherever_the_package_puts_it(tmp_path):
    from drafter.check.audit import read_draft
    from drafter.errors import DraftError

    draft = build(EXAMPLES / "青石镇.yaml", BuildOptions(out=tmp_path / "d.docx")).path
    moved = tmp_path / "moved.docx"  # the main part named otherwise, as another program may write it
    repacked(draft, moved, {"word/document.xml": "word/main.xml"}, {b"/word/document.xml": b"/word/main.xml",
                                                                     b'Target="word/document.xml"': b'Target="word/main.xml"'})
    lines = read_draft(draft)
    assert read_draft(moved) == lines and lines[0] == docx.Document(str(draft)).paragraphs[0].text == "青石镇2024年工作总结和2025年工作计划"
    template = tmp_path / "template.docx"  # a Word template is not a draft (python-docx would not open it either)
    repacked(draft, template, {}, {b"wordprocessingml.document.main+xml": b"wordprocessingml.template.main+xml"})
    with pytest.raises(DraftError):
        read_draft(template)
