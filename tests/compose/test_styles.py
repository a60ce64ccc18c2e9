"""Issue #20: styles are folders (export, build unchanged, rename/reorder/add parts in style.yaml), parts of the town's
own (extra), and a user's template that cannot hurt anyone (sandbox, budget, one Chinese line per failure)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drafter.build.draft import BuildOptions, build, draft_markup
from drafter.check.audit import audit
from drafter.cli.main import app
from drafter.compose import guard
from drafter.compose.style import BUILTIN, load_style
from drafter.errors import TemplateError
from drafter.init.style import export_style
from drafter.markup import parse
from drafter.town.load import load_town
from drafter.town.record import asdict
from tests.conftest import EXAMPLES, write

runner = CliRunner()
EXTRA = """
extra:
  意见建议:
    - 建议县里统筹安排山区道路养护资金，今年到位资金300万元。
  亮点特色: 茶旅融合发展入选全市典型案例。
"""
# The worked example of README's 用自己的提纲: a county's five-part outline.
COUNTY = """name: 我县提纲
label: 我县提纲
description: 县委办报送通知要求的五部分提纲
base: numbered
template: report.j2
opening: 根据县委办公室《关于报送2024年工作总结和2025年工作思路的通知》要求，现将{乡镇名}有关情况报告如下：
parts:
  - kind: indicators
    title: 主要指标完成情况
  - kind: review
    title: 重点工作及亮点
  - kind: problems
    title: 存在的困难和问题
  - kind: plan
    title: "{次年}年工作思路"
  - kind: extra
    key: 意见建议
    title: 意见建议
  - kind: extras
"""


def markup(town_path: Path, style: str, seed: int | None = None) -> str:
    return draft_markup(load_town(town_path), BuildOptions(style=style, seed=seed))


def headings(text: str, kind: str = "h1") -> list[str]:
    return [b.text for b in parse(text) if b.kind == kind]


def exported(tmp_path: Path, name: str = "numbered", folder: str = "我县提纲") -> Path:
    target = tmp_path / folder
    export_style(name, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def with_extra(tmp_path: Path, example: str = "青石镇") -> Path:
    return write(tmp_path, (EXAMPLES / f"{example}.yaml").read_text("utf-8") + EXTRA, f"{example}.yaml")


# -- styles are folders --------------------------------------------------------------------------
@pytest.mark.parametrize("style", BUILTIN)
def test_an_unchanged_export_builds_exactly_what_the_built_in_builds(tmp_path, style):
    folder = exported(tmp_path, style, f"导出-{style}")
    assert {p.name for p in folder.iterdir()} >= {"style.yaml", "report.j2", "macros.j2", "README.md"}
    towns = [*sorted(EXAMPLES.glob("*.yaml")), with_extra(tmp_path)]
    for town in towns:
        for seed in (None, 5):
            assert markup(town, str(folder), seed) == markup(town, style, seed), (town.stem, seed)


@pytest.mark.parametrize("style", BUILTIN)
def test_a_built_in_style_yaml_passes_the_checks_a_users_does(style):
    """Built-ins are read without the checks (a cold build's millisecond): the checks must pass on them, and the
    quick reading give the same settings."""
    from drafter.compose.style import read_style, template_dir

    folder = template_dir() / style
    checked = read_style(folder, False, -1)
    assert asdict(checked.spec) == asdict(load_style(style).spec)


def test_the_export_readme_explains_the_template_api_the_markup_and_three_changes(tmp_path):
    text = (exported(tmp_path) / "README.md").read_text("utf-8")
    for name in ("c.opening", "c.heads", "c.facts", "c.plans", "c.closing", "`town`", "c.parts", "c.frame"):
        assert name in text, name
    for line in ("@title", "@h1", "@h2", "@p", "@row", "@sub", "@salute", "⟦lead:", "⟦gap:"):
        assert line in text, line
    assert "改一个部分的标题" in text and "调整部分的顺序" in text and "增加一个部分" in text
    assert "{样式}" not in text and "{文件夹}" not in text and "我县提纲" in text
    assert "## 二、模板能用什么" in text and "## 四、三个改法" in text


def test_export_refuses_a_folder_in_use_and_force_replaces_only_its_own_files(tmp_path):
    folder = exported(tmp_path)
    (folder / "我的笔记.txt").write_text("不要动", encoding="utf-8")
    result = runner.invoke(app, ["styles", "export", "topical", str(folder)])
    assert result.exit_code == 1 and "不是空的" in result.output
    assert runner.invoke(app, ["styles", "export", "topical", str(folder), "--force"]).exit_code == 0
    assert (folder / "我的笔记.txt").read_text("utf-8") == "不要动"
    assert "name: topical" in (folder / "style.yaml").read_text("utf-8")


def test_a_part_is_renamed_in_style_yaml_alone(tmp_path):
    folder = exported(tmp_path)
    templates = {p.name: p.read_bytes() for p in folder.glob("*.j2")}
    edit(folder / "style.yaml", "  - kind: problems\n", "  - kind: problems\n    title: 存在的困难和问题\n")
    parts = headings(markup(EXAMPLES / "青石镇.yaml", str(folder)))
    assert parts[1] == "二、存在的困难和问题"
    assert {p.name: p.read_bytes() for p in folder.glob("*.j2")} == templates  # no Jinja touched


def test_parts_are_reordered_and_renumbered_in_style_yaml(tmp_path):
    folder = exported(tmp_path)
    yaml_path = folder / "style.yaml"
    text = yaml_path.read_text("utf-8")
    problems = "  - kind: problems\n    fallback: 存在的问题\n"
    plan = '  - kind: plan\n    fallback: "{次年}年工作打算"\n'
    yaml_path.write_text(text.replace(problems + plan, plan + problems), encoding="utf-8")
    parts = headings(markup(EXAMPLES / "青石镇.yaml", str(folder)))
    assert [p[:2] for p in parts] == ["一、", "二、", "三、"]
    assert "2025年" in parts[1] and "2025年" not in parts[2]


def test_the_county_five_part_outline(tmp_path):
    """README 用自己的提纲: 一、主要指标完成情况 二、重点工作及亮点 三、存在的困难和问题 四、2025年工作思路 五、意见建议."""
    folder = exported(tmp_path)
    (folder / "style.yaml").write_text(COUNTY, encoding="utf-8")
    text = markup(with_extra(tmp_path), str(folder))
    assert headings(text) == ["一、主要指标完成情况", "二、重点工作及亮点", "三、存在的困难和问题", "四、2025年工作思路",
                              "五、意见建议", "六、亮点特色"]
    blocks = parse(text)
    assert blocks[1].text == "根据县委办公室《关于报送2024年工作总结和2025年工作思路的通知》要求，现将青石镇有关情况报告如下："
    body = [b.text for b in blocks]
    assert sum("规上工业总产值" in t for t in body) == 1  # the indicators are said once, in their own part
    assert "建议县里统筹安排山区道路养护资金，今年到位资金300万元。" in body
    # a town that has not written 意见建议 yet gets a placeholder there, not a missing part
    bare = markup(EXAMPLES / "云岭乡.yaml", str(folder))
    assert "五、意见建议" in headings(bare) and "【待补充：意见建议的具体内容】" in "".join(b.text for b in parse(bare))


def test_a_county_builds_all_its_towns_in_its_style_and_checks_them(tmp_path):
    folder = exported(tmp_path)
    (folder / "style.yaml").write_text(COUNTY, encoding="utf-8")
    towns = tmp_path / "各乡镇"
    towns.mkdir()
    for path in EXAMPLES.glob("*.yaml"):
        shutil.copy(path, towns)
    result = runner.invoke(app, ["build", str(towns), "--out-dir", str(tmp_path / "初稿"), "--style", str(folder), "--jobs", "2"])
    assert result.exit_code == 0, result.output
    assert result.output.count("我县提纲") >= 3
    checked = runner.invoke(app, ["check", str(towns), str(tmp_path / "初稿"), "--json"])
    data = json.loads(checked.output)
    assert all(t["audit"]["coverage"] == [] and t["audit"]["numbers"] == [] for t in data["towns"])
    # the county's own fixed sentence, which every town writes alike, is not reported as shared (read off each
    # draft's manifest: the style it was built in)
    assert not [s for s in data["shared"] if "县委办公室" in s["text"] or "重点工作及亮点" in s["text"]]


# -- extra: the town's own parts --------------------------------------------------------------------
@pytest.mark.parametrize("style", BUILTIN)
def test_extra_parts_follow_the_plan_in_every_built_in_style(tmp_path, style):
    text = markup(with_extra(tmp_path), style)
    blocks = parse(text)
    kind = "division" if style == "congress" else "h1"
    parts = headings(text, kind)
    assert parts[-2:] == (["意见建议", "亮点特色"] if style == "congress" else [parts[-2][:2] + "意见建议", parts[-1][:2] + "亮点特色"])
    at = [b.text for b in blocks].index(parts[-2])
    assert blocks[at + 1].text == "建议县里统筹安排山区道路养护资金，今年到位资金300万元。"
    assert blocks[at + 3].text == "茶旅融合发展入选全市典型案例。"


def test_check_counts_the_figures_of_extra_parts(tmp_path):
    town = with_extra(tmp_path)
    result = build(town, BuildOptions(out=tmp_path / "d.md", fmt="md"))
    paragraphs = [b.text for b in result.blocks]
    found = audit(load_town(town), paragraphs, [], "d")
    assert found.coverage == [] and found.numbers == []
    before = found.counted["figures"]
    assert audit(load_town(EXAMPLES / "青石镇.yaml"), paragraphs, [], "d").counted["figures"] == before - 1  # 300万 counted
    dropped = [p for p in paragraphs if "300万元" not in p]
    missing = audit(load_town(town), dropped, [], "d").coverage
    assert [(f.text, f.detail) for f in missing] == [("300万", "extra.意见建议[0]")]


def test_extra_is_checked_like_the_rest_of_the_town_file(tmp_path):
    bad = write(tmp_path, "town: 小溪乡\nyear: 2024\nextra:\n  - 意见建议\n")
    with pytest.raises(Exception) as caught:
        load_town(bad)
    assert "town.yaml:3 [extra]" in str(caught.value) and "键值映射" in str(caught.value)
    inner = write(tmp_path, "town: 小溪乡\nyear: 2024\nextra:\n  意见建议:\n    - {a: 1}\n", "b.yaml")
    with pytest.raises(Exception) as caught:
        load_town(inner)
    assert "b.yaml:5 [extra.意见建议[0]]" in str(caught.value)


# -- a user's template cannot hurt anyone ---------------------------------------------------------
def broken(tmp_path: Path, old: str, new: str) -> tuple[Path, str]:
    """An export whose report.j2 has old replaced by new; the one error line a build gives."""
    folder = exported(tmp_path, folder="坏样式")
    edit(folder / "report.j2", old, new)
    with pytest.raises(TemplateError) as caught:
        markup(EXAMPLES / "青石镇.yaml", str(folder))
    message = str(caught.value)
    assert "\n" not in message and "Traceback" not in message
    return folder, message


BODY = "{% block body %}\n"


def line_of(folder: Path, text: str) -> int:
    return next(n for n, line in enumerate((folder / "report.j2").read_text("utf-8").splitlines(), 1) if text in line)


def test_an_unclosed_tag_is_named_at_the_line_it_opens(tmp_path):
    folder, message = broken(tmp_path, "{% endfor %}\n{% endblock %}", "{% endblock %}")
    opened = line_of(folder, "{% for part in c.parts %}")
    assert f"第 {opened} 行的 {{% for %}}" in message and "{% endfor %}" in message and "report.j2:" in message
    folder, message = broken(tmp_path / "2", "{% endblock %}", "")
    assert "{% block %} 没有闭合" in message and "{% endblock %}" in message


def test_an_unknown_name_or_attribute_names_the_nearest_valid_one(tmp_path):
    folder, message = broken(tmp_path, "c.heads.review(loop.index0)", "c.heds.review(loop.index0)")
    assert f"report.j2:{line_of(folder, 'c.heds')}：" in message and "“c”中没有“heds”（是不是“heads”？）" in message
    _, message = broken(tmp_path / "2", "{% for s in town.sections %}", "{% for s in sections %}")
    assert "名称“sections”不存在（是不是“town.sections”？）" in message
    _, message = broken(tmp_path / "3", BODY, BODY + "{{ town.sectons }}\n")
    assert "“town”中没有“sectons”（是不是“sections”" in message


@pytest.mark.parametrize("attack", [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ c.ctx.__dict__ }}",
    "{{ town.sections.append(1) }}",
    "{{ c.opening.plain_title.__globals__ }}",
    "{% include '/etc/passwd' %}",
    "{% include '../../../etc/passwd' %}",
    "{{ cycler.__init__.__globals__.os }}",
])
def test_the_sandbox_refuses_attribute_tricks_files_and_changes(tmp_path, attack):
    _, message = broken(tmp_path, BODY, BODY + attack + "\n")
    assert re.search(r"(不允许访问|不能改动数据|找不到模板文件)", message), message
    assert "/etc/passwd" not in message or "找不到模板文件" in message


def test_a_link_in_a_style_folder_reads_nothing_outside_it(tmp_path):
    secret = tmp_path / "私人文件.txt"
    secret.write_text("不该出现在初稿里的内容", encoding="utf-8")
    folder = exported(tmp_path)
    (folder / "link.j2").symlink_to(secret)
    edit(folder / "report.j2", BODY, BODY + "{% include 'link.j2' %}\n")
    with pytest.raises(TemplateError) as caught:
        markup(EXAMPLES / "青石镇.yaml", str(folder))
    assert "找不到模板文件“link.j2”" in str(caught.value) and "不该出现" not in str(caught.value)


@pytest.mark.parametrize("endless", [
    "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    "{% for i in 'x' * 100000 %}{% for j in 'x' * 100000 %}{% endfor %}{% endfor %}",
])
def test_a_template_that_runs_without_end_is_stopped(tmp_path, monkeypatch, endless):
    monkeypatch.setattr(guard, "SECONDS", 0.2)  # the budget, not the test, decides when to stop
    _, message = broken(tmp_path, BODY, BODY + endless + "\n")
    assert "秒仍未结束，已停止" in message


@pytest.mark.parametrize("enormous", [
    "{% for i in range(100000) %}{% for j in range(100000) %}一段很长的重复文字{% endfor %}{% endfor %}",
    "{% set ns = namespace(s='xxxxxxxxxx') %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
    "{% set ns = namespace(s='xxxxxxxxxx') %}{% for i in range(60) %}{% set ns.s = ns.s + ns.s %}{% endfor %}",
    "{% set ns = namespace(s='xxxxxxxxxx') %}{% for i in range(60) %}{% set ns.s = ns.s|replace('x', 'xx') %}{% endfor %}",
    "{{ 'x' * 1000000000 }}",
    "{{ 'x'|center(1000000000) }}",
    "{{ '%999999999d' % 1 }}",
    "{{ 2 ** 100000 }}",
])
def test_a_template_that_builds_an_enormous_text_is_stopped(tmp_path, enormous):
    _, message = broken(tmp_path, BODY, BODY + enormous + "\n")
    assert re.search(r"(过大|超过 \d+ 字)", message), message


def test_a_template_that_calls_itself_is_stopped(tmp_path):
    _, message = broken(tmp_path, BODY, BODY + "{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}\n")
    assert "递归" in message


def test_a_template_error_is_one_chinese_line_on_the_command_line(tmp_path):
    folder = exported(tmp_path)
    edit(folder / "report.j2", BODY, BODY + "{% if town.goal %}\n")
    result = runner.invoke(app, ["build", str(EXAMPLES / "青石镇.yaml"), "--style", str(folder), "--out", str(tmp_path / "d.docx")])
    assert result.exit_code == 1 and not (tmp_path / "d.docx").exists()
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("错误：") and "report.j2:" in lines[0] and "{% if %}" in lines[0]


def test_style_yaml_problems_name_file_line_and_key(tmp_path):
    folder = exported(tmp_path)
    edit(folder / "style.yaml", "  - kind: problems\n", "  - kind: problem\n    titel: 问题\n")
    edit(folder / "style.yaml", "title:\n", "title: \"{乡镇名}{年份}年工作总结\"\n")
    with pytest.raises(TemplateError) as caught:
        load_style(str(folder))
    message = str(caught.value)
    assert re.search(r"style\.yaml:\d+ \[parts\[1\]\.kind\]：应为以下之一", message)
    assert re.search(r"style\.yaml:\d+ \[parts\[1\]\.titel\]：未知的键“titel”（是不是“title”？）", message)
    assert re.search(r"style\.yaml:\d+ \[title\]：未知的占位符“\{年份\}”。是不是“\{年\}”？", message)


def test_a_style_that_is_neither_built_in_nor_a_style_folder(tmp_path):
    result = runner.invoke(app, ["build", str(EXAMPLES / "青石镇.yaml"), "--style", "fancy"])
    assert result.exit_code == 1 and "未知的文稿样式“fancy”" in result.output and "report" in result.output
    (tmp_path / "空文件夹").mkdir()
    result = runner.invoke(app, ["build", str(EXAMPLES / "青石镇.yaml"), "--style", str(tmp_path / "空文件夹")])
    assert result.exit_code == 1 and "没有 style.yaml" in result.output and "drafter styles export" in result.output


def test_styles_check_tries_a_folder_out(tmp_path):
    folder = exported(tmp_path)
    (folder / "style.yaml").write_text(COUNTY, encoding="utf-8")
    result = runner.invoke(app, ["styles", "check", str(folder)])
    assert result.exit_code == 0, result.output
    assert "一、主要指标完成情况 二、重点工作及亮点 三、存在的困难和问题 四、2025年工作思路 五、意见建议" in result.output
    listed = runner.invoke(app, ["styles"])
    assert all(name in listed.output for name in BUILTIN) and "政府工作报告" in listed.output


# -- update and check on a user style's drafts ----------------------------------------------------
def test_update_rewrites_figures_of_a_user_styles_draft_even_after_the_folder_moved(tmp_path):
    folder = exported(tmp_path)
    (folder / "style.yaml").write_text(COUNTY, encoding="utf-8")
    town = with_extra(tmp_path)
    draft = tmp_path / "青石镇.docx"
    build(town, BuildOptions(style=str(folder), out=draft))
    edit(town, "value: 18.91", "value: 19.26")
    result = runner.invoke(app, ["update", str(town), str(draft)])
    assert result.exit_code == 0, result.output
    assert "19.26亿元" in result.output
    # the folder moved beside the draft under its name: found there; gone: a Chinese line asks for --style
    moved = tmp_path / "别处" / folder.name
    moved.parent.mkdir()
    shutil.move(str(folder), str(moved))
    elsewhere = tmp_path / "稿" / "青石镇.docx"
    elsewhere.parent.mkdir()
    shutil.copy(draft, elsewhere)
    gone = runner.invoke(app, ["update", str(town), str(elsewhere)])
    assert gone.exit_code == 1 and "找不到了" in gone.output and "--style" in gone.output
    again = runner.invoke(app, ["update", str(town), str(elsewhere), "--style", str(moved)])
    assert again.exit_code == 0, again.output
    shutil.copytree(moved, elsewhere.parent / folder.name)
    assert runner.invoke(app, ["update", str(town), str(elsewhere), "--out", str(tmp_path / "u.docx")]).exit_code == 0


def test_check_on_a_user_styles_draft_and_on_the_fly(tmp_path):
    folder = exported(tmp_path)
    (folder / "style.yaml").write_text(COUNTY, encoding="utf-8")
    town = with_extra(tmp_path)
    build(town, BuildOptions(style=str(folder), out=tmp_path / "青石镇.docx"))
    result = runner.invoke(app, ["check", str(town), "--json"])
    assert '"coverage": []' in result.output and '"numbers": []' in result.output
    (tmp_path / "青石镇.docx").unlink()
    fly = runner.invoke(app, ["check", str(town), "--style", str(folder), "--json"])
    assert '"coverage": []' in fly.output
