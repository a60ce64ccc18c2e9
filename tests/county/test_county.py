"""Issue #13: a county's drafts checked together — one table, and no long span shared by two towns' drafts outside
their own facts, the canonical formulas and the year's formulas."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from drafter.build.draft import BuildOptions, build
from drafter.check.audit import MASK
from drafter.cli.main import app
from drafter.county.audit import shared_spans
from tests.conftest import EXAMPLES

runner = CliRunner()
COPIED = "全镇上下坚持以项目论英雄、以实绩论成败，推动各项工作走深走实"  # 30 characters written twice


def test_a_span_two_drafts_share_is_found_with_both_towns():
    drafts = [("甲镇", ["开头不同的一段。" + COPIED + "。结尾也不同"]),
              ("乙镇", ["另起一段。", "我们" + COPIED + "，取得实效。"]),
              ("丙镇", ["完全不同的文字，没有任何一段与别的乡镇相同，长度也足够长。"])]
    [span] = shared_spans(drafts, 20)
    assert COPIED in span.text and span.places == (("乙镇", 2), ("甲镇", 1))
    assert shared_spans(drafts, 40) == []


def test_masked_text_breaks_a_shared_span():
    text = COPIED[:12] + MASK * 6 + COPIED[18:]
    assert shared_spans([("甲镇", [text]), ("乙镇", [text])], 20) == []


def test_short_shared_phrases_are_not_listed():
    drafts = [("甲镇", ["扎实推进乡村振兴，" + "甲" * 30]), ("乙镇", ["扎实推进乡村振兴，" + "乙" * 30])]
    assert shared_spans(drafts, 20) == []


def county(tmp_path: Path) -> tuple[Path, Path]:
    """The three examples built into a drafts folder, as a county office would have them."""
    towns, drafts = tmp_path / "各乡镇", tmp_path / "初稿"
    towns.mkdir()
    for path in EXAMPLES.glob("*.yaml"):
        shutil.copy(path, towns)
        build(towns / path.name, BuildOptions(out=drafts / f"{path.stem}.docx"))
    return towns, drafts


def test_the_county_table_covers_every_town(tmp_path):
    towns, drafts = county(tmp_path)
    result = runner.invoke(app, ["check", str(towns), str(drafts), "--json"])
    data = json.loads(result.output)
    assert [t["town"] for t in data["towns"]] == ["云岭乡", "石桥镇", "青石镇"]
    for town in data["towns"]:
        assert town["error"] == "" and town["audit"]["numbers"] == [] and town["audit"]["coverage"] == []
    # no town's own facts, no canonical formula and no year formula is reported as shared
    for span in data["shared"]:
        assert not any(f"{y}年工作总结和{y + 1}年工作计划" in span["text"] for y in (2024, 2025))
        assert "以习近平新时代中国特色社会主义思想为指导" not in span["text"]
    assert result.exit_code == (2 if data["failed"] else 0)


def test_a_copied_passage_between_two_towns_fails_the_county(tmp_path):
    towns, drafts = county(tmp_path)
    for name in ("青石镇", "石桥镇"):
        (drafts / f"{name}.docx").unlink()
        text = build(towns / f"{name}.yaml", BuildOptions(out=drafts / f"{name}.md", fmt="md")).path
        text.write_text(text.read_text("utf-8") + f"\n{COPIED}。\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(towns), str(drafts)])
    assert result.exit_code == 2
    assert "全县初稿检查：3 个乡镇" in result.output and COPIED[:15] in result.output


def test_a_missing_draft_and_a_broken_town_file_are_rows_not_crashes(tmp_path):
    towns, drafts = county(tmp_path)
    (drafts / "云岭乡.docx").unlink()
    (towns / "坏乡.yaml").write_text("town: 坏乡\nyear: 20x4\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(towns), str(drafts), "--json"])
    data = json.loads(result.output)
    errors = {t["file"].rsplit("/", 1)[1]: t["error"] for t in data["towns"]}
    assert "未找到初稿" in errors["云岭乡.yaml"] and "[year]" in errors["坏乡.yaml"]
    assert result.exit_code == 2
    empty = tmp_path / "空"
    empty.mkdir()
    assert runner.invoke(app, ["check", str(empty)]).exit_code == 1


def test_a_county_checked_by_a_pool_finds_what_one_process_finds(tmp_path, monkeypatch):
    from drafter.county import audit as county_audit

    towns, drafts = county(tmp_path)
    (drafts / "云岭乡.docx").unlink()  # a row with an error among them
    (towns / "坏乡.yaml").write_text("town: 坏乡\nyear: 20x4\n", encoding="utf-8")
    alone = runner.invoke(app, ["check", str(towns), str(drafts), "--json"])
    monkeypatch.setattr(county_audit, "POOLED", 2)
    monkeypatch.setattr(county_audit.os, "cpu_count", lambda: 2)
    pooled = runner.invoke(app, ["check", str(towns), str(drafts), "--json"])
    assert json.loads(pooled.output) == json.loads(alone.output) and pooled.exit_code == alone.exit_code == 2
