"""Town YAML file -> validated Town; every problem at once, each with file:line and key path."""

from __future__ import annotations

from pathlib import Path

import yaml

from drafter.errors import Problem, TownFileError
from drafter.model import Town
from drafter.schema import Invalid, Issue, Loc, validate
from drafter.textio import decode

# libyaml's parser when PyYAML has it (it keeps node marks just the same), else the pure-Python one.
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

def line_map(node: yaml.Node, path: Loc = (), lines: dict | None = None) -> dict[Loc, int]:
    """Composed YAML node tree -> {key path: 1-based line} for every mapping key and sequence item."""
    lines = {} if lines is None else lines
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            child = path + (key.value,)
            lines[child] = key.start_mark.line + 1
            line_map(value, child, lines)
    elif isinstance(node, yaml.SequenceNode):
        for i, value in enumerate(node.value):
            lines[path + (i,)] = value.start_mark.line + 1
            line_map(value, path + (i,), lines)
    return lines


def key_path(loc: Loc) -> str:
    """('sections', 2, 'items', 0) -> 'sections[2].items[0]'."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def to_problem(issue: Issue, name: str, lines: dict[Loc, int]) -> Problem:
    """A schema Issue -> a Problem with the line of its key (or of the nearest enclosing key)."""
    loc = issue.loc
    line = next((lines[loc[:i]] for i in range(len(loc), -1, -1) if loc[:i] in lines), None)
    return Problem(name, line, key_path(loc), issue.message, issue.hint)


def parse_yaml(text: str, name: str) -> tuple[object, dict[Loc, int]]:
    """YAML text -> (data, line map); malformed YAML -> TownFileError with its line."""
    loader = Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        detail = getattr(exc, "problem", None) or str(exc)
        raise TownFileError(
            Problem(name, mark.line + 1 if mark else None, "", f"YAML 格式错误：{detail}", "检查缩进、冒号后的空格和引号是否成对")
        ) from exc
    finally:
        loader.dispose()
    return data, (line_map(node) if node is not None else {})


def load_town(path: Path) -> Town:
    """Read and validate a town file; TownFileError lists every problem."""
    name = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise TownFileError(Problem(name, None, "", f"无法读取文件：{exc.strerror}")) from exc
    text, _ = decode(raw, name, TownFileError)
    data, lines = parse_yaml(text, name)
    if not isinstance(data, dict):
        raise TownFileError(Problem(name, 1, "", "文件内容应为键值映射（town: …、year: … 等）", "可用 drafter init 生成模板"))
    try:
        return validate(Town, data)
    except Invalid as exc:
        problems = [to_problem(issue, name, lines) for issue in exc.issues]
        raise TownFileError(sorted(problems, key=lambda p: (p.line or 0, p.key))) from exc
