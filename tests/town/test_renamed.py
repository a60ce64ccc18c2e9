"""Issue #18.4: a town file written by an earlier drafter keeps working — a key renamed since 0.1 (settings.font_set,
now fonts) is read under its new name with a one-line notice naming file, line and both names."""

from __future__ import annotations

from typer.testing import CliRunner

from drafter.build.draft import BuildOptions, build
from drafter.cli.main import app
from drafter.town.load import RENAMED, load_town
from tests.conftest import EXAMPLES, write

runner = CliRunner()
OLD = (EXAMPLES / "青石镇.yaml").read_text("utf-8") + "settings:\n  font_set: plain\n  table: true\n"


def test_font_set_is_read_as_fonts_with_a_notice(tmp_path):
    path = write(tmp_path, OLD)
    town = load_town(path)
    assert town.settings.fonts == "plain"
    line = OLD.splitlines().index("  font_set: plain") + 1
    assert town.notices == (f"提示：{path}:{line} [settings.font_set]：“font_set”已改名为“fonts”，已按 fonts 读取（请把数据文件中的 font_set 改为 fonts）",)
    result = build(path, BuildOptions(out=tmp_path / "d.docx"))
    assert result.warnings[0] == town.notices[0]
    with __import__("zipfile").ZipFile(result.path) as package:
        assert "仿宋_GB2312" not in package.read("word/fontTable.xml").decode()  # the plain fonts, as asked


def test_every_command_that_reads_the_town_file_says_it_once(tmp_path):
    path = write(tmp_path, OLD)
    built = runner.invoke(app, ["build", str(path), "--out", str(tmp_path / "d.docx")])
    assert built.exit_code == 0 and built.output.count("已改名为“fonts”") == 1
    checked = runner.invoke(app, ["check", str(path), str(tmp_path / "d.docx")])
    assert checked.output.count("已改名为“fonts”") == 1
    updated = runner.invoke(app, ["update", str(path), str(tmp_path / "d.docx")])
    assert updated.exit_code == 0 and updated.output.count("已改名为“fonts”") == 1


def test_a_key_under_both_names_is_an_error_at_its_line(tmp_path):
    path = write(tmp_path, "town: 小溪乡\nyear: 2024\nsettings:\n  fonts: plain\n  font_set: gb2312\n")
    result = runner.invoke(app, ["build", str(path)])
    assert result.exit_code == 1 and f"{path}:5 [settings.font_set]：“font_set”是“fonts”的旧名，两个都写了" in result.output


def test_the_renamed_keys_are_listed_in_the_readme():
    readme = (EXAMPLES.parent / "README.md").read_text("utf-8")
    for (path, old), new in RENAMED.items():
        assert f"| `{'.'.join((*map(str, path), old))}` | `{'.'.join((*map(str, path), new))}` |" in readme
