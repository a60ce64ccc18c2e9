"""Mining: the committed phrase bank is reproducible; known entries carry the right sources."""

from __future__ import annotations

import shutil

import docx
import pytest
import yaml
from typer.testing import CliRunner

from drafter.cli.main import app
from drafter.mine.bank import dump, mine
from tests.conftest import PHRASEBANK, SEEDS

runner = CliRunner()
SEED_000 = "000_83943749a2b22504.txt"
SEED_002 = "002_c1a740cf2cacea5b.txt"


@pytest.fixture(scope="module")
def bank() -> dict:
    return mine([SEEDS])


def entries(bank: dict, file: str, key: str) -> list[dict]:
    return bank[file][key]


def test_committed_phrasebank_is_reproduced_byte_for_byte(bank):
    committed = sorted(p.name for p in PHRASEBANK.glob("*.yaml"))
    assert committed == sorted(f"{name}.yaml" for name in bank)
    for name, data in bank.items():
        assert dump(data) == (PHRASEBANK / f"{name}.yaml").read_text("utf-8"), name


def test_header_names_each_corpus_file_with_sha256(bank):
    import hashlib

    corpus = bank["openings"]["corpus"]
    assert [c["file"] for c in corpus] == sorted(p.name for p in SEEDS.glob("*.txt"))
    for c in corpus:
        assert c["sha256"] == hashlib.sha256((SEEDS / c["file"]).read_bytes()).hexdigest()
    assert {c["file"][:3]: c["style"] for c in corpus} == {
        "000": "numbered", "001": "topical", "002": "numbered", "003": "congress", "004": "numbered"}


def test_heading_formula_with_literal_and_slot_parts(bank):
    formula = next(f for f in entries(bank, "headings", "formulas") if f["pattern"] == "坚持{领域}，在{成效}")
    assert formula["style"] == "numbered" and formula["part"] == "review" and formula["level"] == 2
    assert formula["parts"] == [{"text": "坚持"}, {"slot": "领域"}, {"text": "，在"}, {"slot": "成效"}]
    assert formula["sources"] == [f"{SEED_002}:{n}" for n in (4, 6, 8, 10, 12)]
    assert "坚持党的领导，在夯实党建基础上有突破" in formula["examples"]
    congress = next(f for f in entries(bank, "headings", "formulas") if f["style"] == "congress" and f["part"] == "review")
    assert congress["pattern"] == "{领域}，{成效}进一步提升"


def test_leadin_title_by_topic(bank):
    entry = next(e for e in entries(bank, "leadins", "entries") if e["text"] == "重点项目重点保障")
    assert entry["sources"] == [f"{SEED_000}:3"] and "项目建设" in entry["topics"]


def test_collocation_sources_point_at_lines_that_contain_it(bank):
    entry = next(e for e in entries(bank, "collocations", "collocations") if e["text"] == "扎实推进")
    assert entry["pattern"] == "adverb+verb" and entry["reports"] >= 2 and entry["freq"] >= 3
    for source in entry["sources"]:
        name, line = source.rsplit(":", 1)
        assert "扎实推进" in (SEEDS / name).read_text("utf-8").splitlines()[int(line) - 1]


def test_idioms_jieba_keeps_whole(bank):
    idioms = {e["text"]: e for e in entries(bank, "collocations", "idioms")}
    assert idioms["全面落实"]["freq"] >= 5 and idioms["全面落实"]["reports"] >= 2
    assert "深入开展" in idioms and "贯彻落实" in idioms
    adverbial = {e["text"] for e in entries(bank, "collocations", "collocations") if e["pattern"] == "adverb+verb"}
    assert {"扎实推进", "持续推进", "稳步推进"} <= adverbial


def test_verdicts_openings_and_phrases(bank):
    verdict = next(e for e in entries(bank, "verdicts", "entries") if e["text"] == "招商引资成效显著")
    assert verdict["sources"] == ["001_f6bc56b99b14787a.txt:5"]
    guidance = next(e for e in entries(bank, "openings", "clauses") if e["text"] == "以习近平新时代中国特色社会主义思想为指导")
    assert guidance["role"] == "guidance"
    roles = {e["role"] for e in entries(bank, "openings", "clauses")}
    assert {"leadership", "guidance", "goal", "report", "result"} <= roles
    assert any(e["text"] == "{乡镇名}在{上级}的正确领导下" for e in entries(bank, "openings", "clauses"))
    phrase_roles = {e["role"] for e in entries(bank, "phrases", "entries")}
    assert {"result", "problem", "plan", "transition", "closing", "tail"} <= phrase_roles


def test_masks_are_slots_never_text(bank):
    for name, data in bank.items():
        assert "*" not in yaml.safe_dump({k: v for k, v in data.items() if k != "corpus"}, allow_unicode=True), name


def test_report_years_are_slots_never_text(bank):
    """A seed's own years ({年}/{次年}) would otherwise leak into another year's draft."""
    import re

    for name, data in bank.items():
        text = yaml.safe_dump({k: v for k, v in data.items() if k != "corpus"}, allow_unicode=True)
        assert not re.search(r"20[0-9]{2}年", text), name


def test_skeletons_per_style(bank):
    styles = bank["skeletons"]["styles"]
    assert set(styles) == {"numbered", "topical", "congress"}
    assert [p["kind"] for p in styles["numbered"]["parts"]] == ["review", "problems", "plan"]
    assert [p["kind"] for p in styles["topical"]["parts"]] == ["indicators", "review", "problems", "plan"]
    assert "thanks" in [p["kind"] for p in styles["congress"]["parts"]]


def normalised(bank: dict) -> dict:
    """Bank without corpus headers, file extensions dropped from sources."""
    text = yaml.safe_dump({k: {kk: vv for kk, vv in v.items() if kk != "corpus"} for k, v in bank.items()}, allow_unicode=True)
    return yaml.safe_load(text.replace(".docx", "").replace(".txt", ""))


def test_docx_gbk_and_utf8_give_the_same_entries(tmp_path):
    names = [SEED_000, SEED_002]
    forms = {"utf8": tmp_path / "utf8", "gbk": tmp_path / "gbk", "docx": tmp_path / "docx"}
    for folder in forms.values():
        folder.mkdir()
    for name in names:
        text = (SEEDS / name).read_text("utf-8")
        shutil.copy(SEEDS / name, forms["utf8"] / name)
        (forms["gbk"] / name).write_bytes(text.encode("gb18030"))
        document = docx.Document()
        for line in text.splitlines():
            document.add_paragraph(line)
        document.save(forms["docx"] / name.replace(".txt", ".docx"))
    results = {form: normalised(mine([folder])) for form, folder in forms.items()}
    assert results["utf8"] == results["gbk"] == results["docx"]
    assert results["utf8"]["headings"]["formulas"]


def test_bad_corpus_files_warn_and_are_skipped(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEEDS / SEED_000, corpus / SEED_000)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    (corpus / "prose.txt").write_text("春天来了，山上的花开了。" * 40, encoding="utf-8")
    result = runner.invoke(app, ["mine", str(corpus), "--out", str(tmp_path / "bank")])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert "empty.txt：文件为空" in result.output
    assert "binary.txt：这是二进制文件" in result.output
    assert "prose.txt：找不到“一、”“（一）”等层次标题" in result.output
    assert (tmp_path / "bank" / "headings.yaml").is_file()


def test_corpus_without_any_report_is_an_error(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    result = runner.invoke(app, ["mine", str(tmp_path / "empty.txt"), "--out", str(tmp_path / "bank")])
    assert result.exit_code == 1 and "语料中没有可用的工作报告" in result.output
    result = runner.invoke(app, ["mine", str(tmp_path / "missing"), "--out", str(tmp_path / "bank")])
    assert result.exit_code == 1 and "不存在" in result.output
