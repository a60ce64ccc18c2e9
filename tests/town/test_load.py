"""Town-file validation: every problem at once, located, in Chinese, never a traceback."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from drafter.cli.main import app
from drafter.errors import TownFileError
from drafter.town.load import load_town
from tests.conftest import EXAMPLES, MINIMAL, write

runner = CliRunner()


def problems(path: Path) -> list[str]:
    with pytest.raises(TownFileError) as info:
        load_town(path)
    return [str(p) for p in info.value.problems]


def test_examples_are_valid():
    for example in sorted(EXAMPLES.glob("*.yaml")):
        town = load_town(example)
        assert town.sections and town.plans and town.indicators


def test_minimal_file_is_valid():
    town = load_town(Path(write(Path(__import__("tempfile").mkdtemp()), MINIMAL)))
    assert town.township == "乡" and town.next_year == 2025 and town.unit_name == "小溪乡人民政府"


def test_all_problems_reported_with_line_key_and_hint(tmp_path):
    path = write(tmp_path, """town: 青石镇
year: 二〇二四
superiour: 县委
indicators:
  - {name: 产值, value: -5, unit: 亿元, previous: 0}
  - {name: 投资, value: .nan}
  - {name: 税收, value: .inf}
sections:
  - topic: 项目建
    items:
      - titel: x
        facts: [abc, {what: 复垦, valu: 3}, {what: 成功率, ratio: [3, 0]}]
""")
    found = problems(path)
    joined = "\n".join(found)
    assert f"{path}:2 [year]：应为整数" in joined
    assert f"{path}:3 [superiour]：未知的键“superiour”（是不是“superior”？）" in joined
    assert f"{path}:5 [indicators[0].value]：不能为负数" in joined
    assert "[indicators[0].previous]：previous（上年值）为 0，无法计算同比增长率" in joined
    assert f"{path}:6 [indicators[1].value]：必须是有限的数值" in joined
    assert f"{path}:7 [indicators[2].value]：必须是有限的数值" in joined
    assert "[sections[0].topic]：未知话题“项目建”。是不是“项目建设”？可选：" in joined
    assert f"{path}:11 [sections[0].items[0].titel]：未知的键“titel”（是不是“title”？）" in joined
    assert "[sections[0].items[0].facts[1].valu]：未知的键“valu”（是不是“value”？）" in joined
    assert "[sections[0].items[0].facts[2].ratio[1]]：必须大于 0" in joined
    assert len(found) == 10


def test_missing_required_keys(tmp_path):
    found = problems(write(tmp_path, "county: 临溪县\n"))
    assert any("[town]：缺少必填项" in p for p in found)
    assert any("[year]：缺少必填项" in p for p in found)


def test_malformed_yaml_names_its_line(tmp_path):
    found = problems(write(tmp_path, "town: 青石镇\nyear: 2024\nsections:\n  - topic: 党建\n   items: []\n"))
    assert len(found) == 1 and ":5" in found[0] and "YAML 格式错误" in found[0]


def test_not_a_mapping(tmp_path):
    assert "键值映射" in problems(write(tmp_path, "- 1\n- 2\n"))[0]


def test_town_without_township_needs_kind(tmp_path):
    assert any("kind" in p for p in problems(write(tmp_path, "town: 青石\nyear: 2024\n")))
    assert load_town(write(tmp_path, "town: 青石\nkind: 镇\nyear: 2024\n")).township == "镇"


def test_gbk_file_is_accepted(tmp_path):
    path = tmp_path / "gbk.yaml"
    path.write_bytes("town: 青石镇\nyear: 2024\nproblems: [信访矛盾较多]\n".encode("gbk"))
    assert load_town(path).problems == ["信访矛盾较多"]


def test_undecodable_and_binary_files_are_reported(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_bytes(b"town: \xff\xfe\xfd\xfc\n")
    assert "无法识别文件编码" in problems(path)[0]
    path.write_bytes(b"\x00\x01\x02binary")
    assert "二进制" in problems(path)[0]


def test_markup_characters_are_rejected(tmp_path):
    assert any("⟦" in p for p in problems(write(tmp_path, MINIMAL + "problems: [坏⟦fig:1⟧]\n")))


def test_cli_reports_without_traceback(tmp_path):
    path = write(tmp_path, "town: 青石镇\nyear: abc\nfoo: 1\n")
    result = runner.invoke(app, ["build", str(path)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "错误（共 2 处）" in result.output and "[year]：应为整数" in result.output
    assert not (tmp_path / "town.docx").exists()


def test_cli_missing_file(tmp_path):
    result = runner.invoke(app, ["build", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 1 and "nope.yaml：数据文件不存在" in result.output


def long_way(text: str) -> tuple[object, dict]:
    """PyYAML's own constructor and the line map of the composed tree."""
    from drafter.town import load

    loader = load.Loader(text)
    node = loader.get_single_node()
    return loader.construct_document(node), load.line_map(node)


@pytest.mark.parametrize("text", [
    *(p.read_text("utf-8") for p in sorted(EXAMPLES.glob("*.yaml"))),
    "a: 1\na: {b: 2}\n",  # a repeated key: the last value wins, where the first stood
    "a: {b: 1, c: [x, y]}\na: 2\nc: [1, {d: 2020-01-01}, 3.5, .nan, yes, ~, '1', !!str 3, 0x1f]\n",
    "1: a\n2.5: b\nnull: c\ntrue: d\n",
    "- 1\n- [x, {y: z}]\n",
    "just text",
])
def test_one_walk_gives_what_the_yaml_constructor_gives(text):
    from drafter.town import load

    loader = load.Loader(text)
    fast = load.plain(loader, loader.get_single_node())
    data, lines = long_way(text)
    assert repr(fast[0]) == repr(data) and fast[1] == lines  # repr: the same keys in the same order, nan as nan


@pytest.mark.parametrize("text", ["a: &x 1\nb: *x\n", "<<: {a: 1}\nb: 2\n", "? [a]\n: 1\n", "a: !!binary aGVsbG8=\n",
                                  "d: 2024-02-30\n", "a: !!set {x, y}\n", "=: 1\n"])
def test_what_the_one_walk_does_not_know_goes_the_long_way(text):
    from drafter.town import load

    loader = load.Loader(text)
    with pytest.raises(load.Unusual):
        load.plain(loader, loader.get_single_node())
