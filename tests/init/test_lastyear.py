"""Issue #14: start from last year's report — a pre-filled town file, promises kept, no self-copying."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import docx
import pytest
import yaml
from typer.testing import CliRunner

from drafter.build.draft import BuildOptions, build
from drafter.cli.main import app
from drafter.town.load import load_town
from tests.conftest import SEEDS

runner = CliRunner()
SEED_FILES = sorted(SEEDS.glob("*.txt"))


def init_from(tmp_path: Path, seed: Path) -> Path:
    target = tmp_path / f"{seed.stem}.yaml"
    result = runner.invoke(app, ["init", str(target), "--from", str(seed)])
    assert result.exit_code == 0, result.output
    return target


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.name[:3])
def test_every_seed_gives_a_town_file_that_builds(tmp_path, seed):
    town_file = init_from(tmp_path, seed)
    town = load_town(town_file)
    assert town.sections and town.promises and town.last_report == seed.name
    result = build(town_file, BuildOptions(out=tmp_path / "d.md", fmt="md"))
    assert result.chars > 300 and result.gaps > 0  # this year's facts are the clerk's to fill


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.name[:3])
def test_the_figures_it_fills_are_exactly_the_report_s(tmp_path, seed):
    """Every previous value is a figure of the report, with its unit; masked figures are left empty, never guessed."""
    text = seed.read_text("utf-8")
    data = yaml.safe_load(init_from(tmp_path, seed).read_text("utf-8"))
    for ind in data["indicators"] or []:
        assert "value" not in ind  # this year's value is the clerk's
        if "previous" in ind:
            shown = f"{ind['previous']:g}" if isinstance(ind["previous"], float) else str(ind["previous"])
            assert re.search(rf"(?<![0-9.]){re.escape(shown)}{re.escape(ind['unit'])}", text), (ind, shown)


def test_a_report_with_figures_fills_them_and_its_particulars(tmp_path):
    data = yaml.safe_load(init_from(tmp_path, SEEDS / "002_c1a740cf2cacea5b.txt").read_text("utf-8"))
    assert data["town"] == "【待补充：乡镇名称】" and data["kind"] == "镇" and data["year"] == 2023 and data["superior"] == "市委、市政府"
    assert [(i["name"], i["previous"], i["unit"]) for i in data["indicators"]][:2] == [("规上工业总产值", 18.91, "亿元"),
                                                                                         ("固定资产投资", 35031, "万元")]
    assert [s["topic"] for s in data["sections"]][:2] == ["党建", "产业与招商"]
    assert data["sections"][0]["items"][0]["title"] == "“学”字为先"


def test_a_named_report_gives_the_town_and_its_issuer(tmp_path):
    text = init_from(tmp_path, SEEDS / "003_c72caf1134e8d65b.txt").read_text("utf-8")
    data = yaml.safe_load(text)
    assert data["town"] == "斋坛乡" and data["issuer"] == "斋坛乡人民政府" and data["year"] == 2023
    # the plan section's heading stands over its items, each a promise of its own
    assert "  # 去年计划：思想破冰，实施基层治理“提温工程”" in text
    assert any(p["text"] == "落实主体责任，进一步提升困难化解能力" for p in data["promises"])


def test_last_year_s_words_stay_in_comments(tmp_path):
    """Last year's sentences are shown to the clerk, but none reaches this year's draft."""
    seed = SEEDS / "000_83943749a2b22504.txt"
    town_file = init_from(tmp_path, seed)
    assert "# 去年：积极主动保障351国道" in town_file.read_text("utf-8")
    shutil.copy(seed, tmp_path)
    draft = build(town_file, BuildOptions(out=tmp_path / "d.docx")).path
    result = runner.invoke(app, ["check", str(town_file), str(draft), "--json"])
    data = json.loads(result.output)
    assert data["originality"] == [] and data["longest"] < 20


def test_unanswered_promises_are_warned_of_and_strict_makes_them_errors(tmp_path):
    town_file = tmp_path / "t.yaml"
    town_file.write_text("town: 小溪乡\nyear: 2024\nsections:\n  - topic: 项目建设\n    items:\n"
                         "      - title: 溪东新区二期开工建设\n        facts: [完成溪东新区二期征地和场平]\n"
                         "promises:\n  - {topic: 项目建设, text: 全力推进溪东新区二期建设}\n"
                         "  - {topic: 乡村振兴, text: 新建共富工坊2家}\n", encoding="utf-8")
    result = runner.invoke(app, ["build", str(town_file), "--out", str(tmp_path / "d.docx")])
    assert result.exit_code == 0
    assert "去年计划“新建共富工坊2家”，今年总结中未见相应内容" in result.output and "溪东新区二期建设”" not in result.output
    checked = runner.invoke(app, ["check", str(town_file), str(tmp_path / "d.docx"), "--json"])
    assert [f["text"] for f in json.loads(checked.output)["promises"]] == ["新建共富工坊2家"]
    strict = runner.invoke(app, ["build", str(town_file), "--out", str(tmp_path / "e.docx"), "--strict"])
    assert strict.exit_code == 1 and "[promises[1]]" in strict.output


def test_a_paragraph_pasted_from_last_year_is_found(tmp_path):
    seed = SEEDS / "000_83943749a2b22504.txt"
    town_file = init_from(tmp_path, seed)
    draft = build(town_file, BuildOptions(out=tmp_path / "d.docx")).path
    document = docx.Document(str(draft))
    pasted = seed.read_text("utf-8").splitlines()[8][:60]  # a sentence of last year's problems
    document.add_paragraph(pasted)
    document.save(str(draft))
    result = runner.invoke(app, ["check", str(town_file), str(draft), "--from", str(seed), "--json"])
    found = json.loads(result.output)["originality"]
    assert result.exit_code == 2 and any(seed.name in f["detail"] and len(f["text"]) >= 20 for f in found)


def test_the_whole_path_on_seed_000(tmp_path):
    """Seed 000 as last year: init --from, this year's figures filled in, build, check."""
    seed = SEEDS / "000_83943749a2b22504.txt"
    shutil.copy(seed, tmp_path)
    town_file = init_from(tmp_path, seed)
    data = yaml.safe_load(town_file.read_text("utf-8"))
    data["town"], data["issuer"], data["date"] = "大桥乡", "大桥乡人民政府", dt.date(2023, 12, 8)
    facts = iter([("完成项目征地", 86, "亩"), ("新建安置房", 24, "幢"), ("新增参保人员", 1320, "人"), ("发放救助资金", 156, "万元"),
                  ("化解信访积案", 12, "件"), ("发展党员", 9, "名"), ("整治河道", 6.5, "公里")] * 5)
    for section in data["sections"]:
        for item in section["items"]:
            what, value, unit = next(facts)
            item["facts"] = [{"what": what, "value": value, "unit": unit}]
    data["problems"] = ["产业支撑不强，缺少带动力强的大项目", "集镇功能配套仍有短板"]
    data["plans"] = [{"topic": "项目建设", "items": [{"title": "抓实重点项目", "facts": [{"what": "完成项目投资", "value": 1.2, "unit": "亿元"}]}]}]
    town_file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    built = runner.invoke(app, ["build", str(town_file), "--out", str(tmp_path / "2023.docx")])
    assert built.exit_code == 0, built.output
    assert "去年计划“" in built.output  # some of last year's plans are not answered by these facts
    checked = runner.invoke(app, ["check", str(town_file), str(tmp_path / "2023.docx"), "--json"])
    result = json.loads(checked.output)
    assert "Traceback" not in checked.output and result["numbers"] == [] and result["coverage"] == []
    assert result["originality"] == [] and result["longest"] < 20  # nothing of last year's report copied
    assert result["promises"]


def test_the_town_s_own_past_reports_give_its_drafts_their_phrases(tmp_path):
    """drafter mine on the town's past reports gives a phrase bank its drafts draw on, under the same rules: the
    draft changes, keeps clear of last year's sentences, and stays clean."""
    from drafter.check.lint import lone_ordinals, punctuation

    seed = SEEDS / "000_83943749a2b22504.txt"
    own = tmp_path / "往年报告"
    own.mkdir()
    shutil.copy(seed, own)
    mined = runner.invoke(app, ["mine", str(own), "--out", str(tmp_path / "本镇短语库")])
    assert mined.exit_code == 0, mined.output
    town_file = init_from(tmp_path, seed)
    shutil.copy(seed, tmp_path)
    plain = build(town_file, BuildOptions(out=tmp_path / "a.docx"))
    voiced = build(town_file, BuildOptions(out=tmp_path / "b.docx", phrasebank=tmp_path / "本镇短语库"))
    assert [b.text for b in plain.blocks] != [b.text for b in voiced.blocks]
    texts = [b.text for b in voiced.blocks]
    assert lone_ordinals(texts) == [] and punctuation(texts) == []
    result = json.loads(runner.invoke(app, ["check", str(town_file), str(voiced.path), "--json"]).output)
    assert result["originality"] == [] and result["longest"] < 20
