"""The line reader of plain town files (town/plainyaml.py) gives libyaml's data and line map, or leaves the file to
libyaml: never other data, never data where libyaml finds a problem."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.init.scaffold import scaffold_text
from drafter.town.load import Loader, parse_yaml
from drafter.town.plainyaml import read_plain
from drafter.town.yamltree import Unusual, plain

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
from towns import write_towns  # noqa: E402

FILES = sorted(ROOT.glob("examples/*.yaml")) + sorted((ROOT / "bench" / "realistic").glob("*.yaml"))


def by_libyaml(text: str) -> tuple[object, dict]:
    """What the long way reads: libyaml's node tree, walked by yamltree.plain."""
    loader = Loader(text)
    try:
        return plain(loader, loader.get_single_node())
    finally:
        loader.dispose()


def same(text: str) -> bool:
    """read_plain reads text as libyaml does (the same values of the same types, the same lines); raises Unusual
    when it leaves the text to libyaml."""
    data, lines = read_plain(text)
    ref_data, ref_lines = by_libyaml(text)
    return repr(data) == repr(ref_data) and lines == ref_lines


def read_alike_or_left(text: str) -> None:
    """read_plain reads text as libyaml does, or leaves it to libyaml; never reads what libyaml cannot."""
    try:
        quick = read_plain(text)
    except Unusual:
        return
    try:
        ref = by_libyaml(text)
    except (yaml.YAMLError, Unusual):
        pytest.fail(f"read a file libyaml does not read plainly:\n{text}")
    assert repr(quick[0]) == repr(ref[0]) and quick[1] == ref[1], text


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_examples_are_read_as_libyaml_reads_them(path: Path) -> None:
    assert same(path.read_text("utf-8"))


def test_the_scaffold_and_generated_towns_are_read_as_libyaml_reads_them(tmp_path: Path) -> None:
    assert same(scaffold_text())
    for town in write_towns(tmp_path, 30):
        assert same(town.read_text("utf-8"))


# Each: a file the line reader leaves to libyaml (what it would read is not what it can be sure of).
UNUSUAL = {
    "block scalar": "town: 青石镇\nnote: |\n  一行\n  两行\n",
    "value over two lines": "town: 青石镇\ngoal: 生态\n  家园\n",
    "anchor and alias": "a: &x 1\nb: *x\n",
    "tag": "town: !!str 青石镇\n",
    "tab": "town:\t青石镇\n",
    "carriage return": "town: 青石镇\r\nyear: 2024\r\n",
    "repeated key": "town: 青石镇\ntown: 石桥镇\n",
    "colon in a value": "town: 青石镇: 二\n",
    "time": "at: 12:30\n",
    "hash in a value": "town: 青石#镇\n",
    "flow map over two lines": "indicators:\n  - {name: 产值,\n     value: 3}\n",
    "unclosed flow map": "indicators:\n  - {name: 产值, value: 3\n",
    "escape in quotes": 'town: "青石\\n镇"\n',
    "document marker": "---\ntown: 青石镇\n",
    "date that does not exist": "date: 2024-02-30\n",
    "list at the root": "- 青石镇\n",
    "key that is not a string": "true: 1\n",
    "Chinese key": "乡镇: 青石镇\n",
    "list in a list": "a:\n  - - 1\n",
    "item on the next line": "a:\n  -\n    b: 1\n",
    "empty flow value": "a: {b: , c: 1}\n",
    "lone dash in a flow map": "a: {b: - , c: 1}\n",  # (Hypothesis found it read as '-' where libyaml fails)
    "lone dash as a value": "a: -\n",
    "merge key": "a: {<<: {b: 1}}\n",
    "line separator": "town: 青石\u2028镇\n",
    "only comments": "# 注释\n",
}


@pytest.mark.parametrize("text", UNUSUAL.values(), ids=UNUSUAL.keys())
def test_what_is_not_plain_is_left_to_libyaml(text: str) -> None:
    with pytest.raises(Unusual):
        read_plain(text)


def test_a_file_left_to_libyaml_reads_as_before() -> None:
    """parse_yaml takes the long way for such a file: the same data, or the same problem at the same line."""
    assert parse_yaml("town: 青石镇\ngoal: 生态\n  家园\n", "t.yaml")[0] == {"town": "青石镇", "goal": "生态 家园"}
    assert parse_yaml("a: &x 1\nb: 2\n", "t.yaml")[0] == {"a": 1, "b": 2}


def test_forms_yaml_allows_are_read_as_libyaml_reads_them() -> None:
    texts = [
        "town: 青石镇   # 注释\nyear: 2024\n\n# 注释\nsections:\n- topic: 农业\n  items:\n  - title: 茶\n    facts:\n    - 一句\n",
        "a:\n    b:\n        - {what: 新建, value: -3.5, unit: 亩, approx: 余}\n        - {what: '它''s', ratio: [12, 12]}\n",
        'a: "引号里的 # 不是注释"\nb: \'单引号\'  # 注释\nc:\nd: ~\ne: null\nf: yes\ng: 1_000\nh: 0x1F\ni: 1e3\nj: .5\n',
        "a: {}\nb: []\nc: [ 1 , 2 ]\nd: { x: 1 }\ne: [{a: 1}, [2, 3], '4']\n",
        "  town: 缩进的根\n  year: 2024\n",
        "date: 2024-12-05\nflag: false\nsay: 它说“好”，就‘好’\n",
    ]
    for text in texts:
        assert same(text), text


PLAIN = st.one_of(
    st.integers(-10**6, 10**6).map(str),
    st.floats(0, 1e6, allow_nan=False).map(lambda f: f"{f:.2f}"),
    st.sampled_from(["青石镇", "新建道路", "true", "no", "~", "2024-12-05", "1-10月", "“云岭白茶”", "余", "a b", "'q'", '"d"',
                     "0o17", "+5", ".inf", "1,000", "它说'好'", "-3x"]),
)
ODD = st.sampled_from(["", "-", "- a", "x: y", "#c", "a #c", "[1]", "{a: 1}", "&a 1", "*a", "!x 1", "|", "> b", "%p", "@x", "`x`"])
SCALARS = st.one_of(*[PLAIN] * 9, ODD)
KEYS = st.sampled_from(["town", "what", "value", "unit", "items", "facts", "previous", "a_b", "X1", "town", "what", "on", "null"])


@st.composite
def documents(draw: st.DrawFn) -> str:
    """A YAML text of block maps and lists, flow maps and lists and scalars, written in the ways a clerk might."""
    def flow() -> str:
        if draw(st.integers(0, 4)) == 0:
            return "[" + ", ".join(draw(SCALARS) for _ in range(draw(st.integers(0, 3)))) + "]"
        return "{" + ", ".join(f"{k}: {draw(SCALARS)}" for k in draw(st.lists(KEYS, unique=True, max_size=4))) + "}"

    def value() -> str:
        return flow() if draw(st.booleans()) else draw(SCALARS)

    def block(kind: str, level: int, indent: int) -> list[str]:
        pad, out = " " * indent, []
        for key in draw(st.lists(KEYS, unique=True, min_size=1, max_size=3)) if kind == "map" else range(draw(st.integers(1, 3))):
            comment = draw(st.sampled_from(["", "", "  # 注", " #x"]))
            inner = draw(st.sampled_from(["map", "list", "value", "value"] if level < 3 else ["value"]))
            if kind == "map" and inner == "value":
                out.append(f"{pad}{key}: {value()}{comment}")
            elif kind == "map":
                out.append(f"{pad}{key}:{comment}")
                step = 0 if inner == "list" and draw(st.booleans()) else draw(st.sampled_from([2, 4]))
                out += block(inner, level + 1, indent + step)
            elif inner == "map":  # a map in a list: its first key on the dash's line
                body = block("map", level + 1, indent + 2)
                out += [f"{pad}- {body[0].lstrip(' ')}", *body[1:]]
            else:
                out.append(f"{pad}- {value()}{comment}")
        if draw(st.booleans()):
            out.insert(draw(st.integers(0, len(out))), draw(st.sampled_from(["", "# 注释", pad + "  # 缩进的注释"])))
        return out

    return "\n".join(block("map", 0, 0)) + "\n"


@settings(max_examples=300, deadline=None)
@given(documents())
def test_generated_files_are_read_as_libyaml_reads_them_or_left_to_it(text: str) -> None:
    read_alike_or_left(text)


EDITS = list(":#- \"'[]{},|>&*!?%@`\n\t\r0123456789.~") + ["  ", "- ", ": ", " #", "\n  ", "\n- ", "null", "yes", "2024-02-30",
                                                         "12:30", "\u2028", "\x85", "\ufeff", "<<: "]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(FILES), st.lists(st.tuples(st.floats(0, 1), st.sampled_from(EDITS), st.integers(0, 2)), min_size=1, max_size=3))
def test_an_edited_example_is_read_as_libyaml_reads_it_or_left_to_it(path: Path, edits: list) -> None:
    """Typing slips in a real file (a character added, dropped or replaced): read as libyaml reads it, or left to it."""
    text = path.read_text("utf-8")
    for where, piece, cut in edits:
        at = int(where * len(text))
        text = text[:at] + piece + text[at + cut :]
    read_alike_or_left(text)


def test_what_yaml_cannot_print_is_left_to_libyaml() -> None:
    """plainyaml's OUTSIDE_CLASS, written as the characters left out, leaves out exactly what YAML does not print or
    breaks lines with beyond \\n (with tab and carriage return): checked at every code point; and each of them is one
    str.isprintable refuses (read_plain tests a printable file without the pattern)."""
    from drafter.town.plainyaml import OUTSIDE_CLASS

    OUTSIDE = re.compile(OUTSIDE_CLASS)

    def printable(c: int) -> bool:
        return (c == 0x0A or 0x20 <= c <= 0x7E or 0xA0 <= c <= 0x2027 or 0x202A <= c <= 0xD7FF or 0xE000 <= c <= 0xFEFE
                or 0xFF00 <= c <= 0xFFFD or c >= 0x10000)

    assert [c for c in range(0x110000) if (OUTSIDE.match(chr(c)) is None) != printable(c)] == []
    assert [c for c in range(0x110000) if OUTSIDE.match(chr(c)) and chr(c).isprintable()] == []
    ideographic_space, nbsp = "\u3000", "\xa0"  # printable in YAML, not to str.isprintable: read by the pattern
    data, _ = read_plain(f"town: 青石{ideographic_space}镇\nyear: 2024\nissuer: 青石镇{nbsp}人民政府\n")
    assert data == {"town": f"青石{ideographic_space}镇", "year": 2024, "issuer": f"青石镇{nbsp}人民政府"}


def test_every_hidden_control_character_is_one_isprintable_refuses() -> None:
    from drafter.town.schema import CONTROL_CLASS, hidden_control

    control = re.compile(CONTROL_CLASS)
    assert [c for c in range(0x110000) if control.match(chr(c)) and chr(c).isprintable()] == []
    assert hidden_control("青石镇\u3000人民政府") is None and hidden_control("产值\x07") is not None
