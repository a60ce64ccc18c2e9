"""Town YAML file -> validated Town; every problem at once, each with file:line and key path."""

from __future__ import annotations

import difflib
import typing
from pathlib import Path

import yaml
from pydantic import BaseModel, ValidationError

from drafter.errors import Problem, TownFileError
from drafter.model import Town
from drafter.textio import decode

# libyaml's parser when PyYAML has it (it keeps node marks just the same), else the pure-Python one.
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
Loc = tuple[typing.Union[str, int], ...]

MESSAGES = {
    "missing": "缺少必填项",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "int_from_float": "应为整数",
    "decimal_parsing": "应为数字",
    "decimal_type": "应为数字",
    "string_type": "应为文本",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "list_type": "应为列表（每项以“- ”开头）",
    "tuple_type": "应为两个数字组成的列表，如 [359, 363]",
    "dict_type": "应为键值映射",
    "model_type": "应为键值映射",
    "date_from_datetime_parsing": "应为日期，如 2024-12-05",
    "date_parsing": "应为日期，如 2024-12-05",
    "date_type": "应为日期，如 2024-12-05",
    "string_too_short": "不能为空",
    "finite_number": "必须是有限的数值",
    "too_short": "项数不够",
    "too_long": "项数过多",
}


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


def model_at(loc: Loc) -> type[BaseModel] | None:
    """The model class that holds the last key of loc (for 'did you mean')."""
    cls: type[BaseModel] | None = Town
    for part in loc:
        if isinstance(part, int) or cls is None:
            continue
        field = cls.model_fields.get(part)
        if field is None:
            return None
        cls = find_model(field.annotation)
    return cls


def find_model(annotation) -> type[BaseModel] | None:
    """The BaseModel subclass inside an annotation such as Optional[list[Item]]."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = find_model(arg)
        if found:
            return found
    return None


def to_problem(error: dict, name: str, lines: dict[Loc, int]) -> Problem:
    """One pydantic error -> a located Chinese Problem."""
    loc: Loc = tuple(p for p in error["loc"] if not (isinstance(p, str) and p[:1].isupper()))
    line = next((lines[loc[:i]] for i in range(len(loc), -1, -1) if loc[:i] in lines), None)
    kind, ctx = error["type"], error.get("ctx", {})
    hint = ""
    if kind == "extra_forbidden":
        owner = model_at(loc[:-1])
        allowed = list(owner.model_fields) if owner else []
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.5)
        message = f"未知的键“{loc[-1]}”"
        hint = f"是不是“{close[0]}”？" if close else (f"可用的键：{'、'.join(allowed)}" if allowed else "")
    elif kind in ("greater_than_equal", "greater_than"):
        message = "不能为负数" if ctx.get("ge") == 0 else "必须大于 0"
    elif kind in ("less_than_equal", "less_than"):
        message = f"不能大于 {ctx.get('le', ctx.get('lt'))}"
    elif kind == "literal_error":
        message = f"应为以下之一：{ctx.get('expected', '')}"
    elif kind == "value_error":
        message = str(ctx.get("error", error["msg"]))
    else:
        message = MESSAGES.get(kind, error["msg"])
    if kind == "missing":
        hint = "请参考 drafter init 生成的模板"
    return Problem(name, line, key_path(loc), message, hint)


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
        return Town.model_validate(data)
    except ValidationError as exc:
        problems = [to_problem(e, name, lines) for e in exc.errors()]
        raise TownFileError(sorted(problems, key=lambda p: (p.line or 0, p.key))) from exc
