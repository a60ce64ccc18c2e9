"""Town YAML file -> validated Town; every problem at once, each with file:line and key path."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from drafter.errors import Problem, TownFileError
from drafter.files.textio import TOWN_LIMIT, decode, read_limited
from drafter.town.model import Town
from drafter.town.plainyaml import read_plain
from drafter.town.quickschema import validated
from drafter.town.record import replace
from drafter.town.schema import Invalid, Issue, Loc
from drafter.town.yamltree import Unusual, bad_scalar, complex_key, line_map, plain, shared_node

if TYPE_CHECKING:
    from drafter.town.sheet import Sheet


# libyaml's parser when PyYAML has it (it keeps node marks just the same), else the pure-Python one.
BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Loader(BaseLoader):  # type: ignore[misc,valid-type]
    """The safe loader, its answer to "which tag has this plain scalar" kept for the process: with no path resolvers
    (the safe loader has none) it depends on the node kind, the text and how it was written alone, and a county's
    town files write the same keys and many of the same values."""

    TAGS: dict[tuple, str] = {}

    def resolve(self, kind: type, value: object, implicit: object) -> str:
        if self.yaml_path_resolvers:  # (none in the safe loader; were one added, resolved as PyYAML does)
            return super().resolve(kind, value, implicit)
        key = (kind, value, implicit)
        tag = self.TAGS.get(key)
        if tag is None:
            if len(self.TAGS) >= 1 << 14:
                self.TAGS.clear()
            tag = self.TAGS[key] = super().resolve(kind, value, implicit)
        return tag
__all__ = ["Loader", "Unusual", "line_map", "load_town", "parse_yaml", "plain", "read_town_data"]


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


# libyaml's problems -> what a clerk should fix (the rest are shown as libyaml says them).
SYNTAX = {
    "found unexpected end of stream": "引号没有成对：这一行的引号没有结束",
    "found unexpected end of stream while scanning a quoted scalar": "引号没有成对：这一行的引号没有结束",
    "did not find expected '-' indicator": "列表各项的缩进不一致：“- ”要与上一项对齐",
    "did not find expected key": "缩进不一致，或键名后缺少冒号",
    "mapping values are not allowed": "这里不能出现冒号：冒号后要有空格，含冒号的文字请加引号",
    "could not find expected ':'": "键名后缺少冒号，或冒号后缺少空格（应写成“键: 值”）",
    "did not find expected ',' or '}'": "花括号没有成对，或两项之间缺少英文逗号",
    "did not find expected ',' or ']'": "方括号没有成对，或两项之间缺少英文逗号",
    "found character '\\t' that cannot start any token": "不能用 Tab 键缩进，请改用空格",
    "unacceptable character": "文件里有看不见的控制字符（多半是从网页或别的软件粘贴带进来的），请删掉",
    "found character that cannot start any token": "这一行开头有 YAML 不认识的符号（如 @、`、%），含这些符号的文字请加引号",
    "found undefined tag handle": "值前面有无效的 ! 标记，请去掉",
    "expected <block end>, but found": "缩进不一致：同一层的键要左对齐",
    "found unexpected ':'": "这里多了一个冒号，含冒号的文字请加引号",
}


def open_quote_line(text: str) -> int | None:
    """The first line (1-based) whose double or single quotes do not pair up: where an unclosed quote starts."""
    for number, line in enumerate(text.splitlines(), start=1):
        content = line.split(" #", 1)[0]
        if content.count('"') % 2 or (content.count("'") % 2 and "'" in content.split(":", 1)[-1].strip()[:1]):
            return number
    return None


def syntax_problem(exc: yaml.YAMLError, text: str, name: str) -> Problem:
    """A YAML syntax error -> a Chinese Problem at the line to fix."""
    mark = getattr(exc, "problem_mark", None)
    detail = getattr(exc, "problem", None) or getattr(exc, "reason", None) or str(exc)
    line = mark.line + 1 if mark else None
    position = getattr(exc, "position", None)  # the reader's errors carry a position
    if line is None and isinstance(position, int):
        line = text.encode("utf-8", "surrogatepass")[:position].count(b"\n") + 1  # libyaml counts bytes
        detail = f"unacceptable character {detail}"
    message = next((text for start, text in SYNTAX.items() if detail.startswith(start)), None)
    if message and message.startswith("引号"):
        line = open_quote_line(text) or line
    elif detail in ("could not find expected ':'", "did not find expected ',' or '}'", "did not find expected ',' or ']'"):
        context = getattr(exc, "context_mark", None)  # the key, or the bracket, that was never finished
        line = context.line + 1 if context else line
    return Problem(name, line, "", f"YAML 格式错误：{message or detail}", "检查缩进、冒号后的空格和引号是否成对")


def parse_yaml(text: str, name: str) -> tuple[object, dict[Loc, int]]:
    """YAML text -> (data, line map); malformed YAML -> TownFileError with its line. A file written the plain way
    is read from its lines (plainyaml), anything else by libyaml."""
    try:
        return read_plain(text)
    except Unusual:
        pass
    loader = Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}
        try:
            return plain(loader, node)
        except Unusual:
            pass  # the long way below: the same data, or the problem it finds
        shared = shared_node(node)
        if shared is not None:
            raise TownFileError(Problem(name, shared.start_mark.line + 1, "", "数据文件中不能使用锚点和别名（& 和 *）",
                                        "把要重复的内容直接写出来"))
        odd = complex_key(node)
        if odd is not None:
            raise TownFileError(Problem(name, odd.start_mark.line + 1, "", "键名只能是文字，这里的键是一个列表或映射",
                                        "去掉键前的“? ”和方括号、花括号，写成“键: 值”"))
        lines = line_map(node)
        broken = bad_scalar(loader, node)
        if broken is not None:
            raise TownFileError(scalar_problem(broken[0], key_path(broken[1]), name))
        return loader.construct_document(node), lines
    except yaml.YAMLError as exc:
        raise TownFileError(syntax_problem(exc, text, name)) from exc
    finally:
        loader.dispose()


def scalar_problem(node: yaml.Node, key: str, name: str) -> Problem:
    """A value YAML could not read -> a Problem at its line and key, saying what to write instead."""
    line = node.start_mark.line + 1
    value = str(node.value)[:30]
    if node.tag.endswith(":timestamp"):
        return Problem(name, line, key, f"“{value}”不是有效的日期", "格式为 年-月-日，如 2024-12-05，且日期要存在")
    if node.tag.endswith(":int") and len(str(node.value)) > 18:
        return Problem(name, line, key, "数字位数太多，无法读取", "请检查是否多打了数字")
    return Problem(name, line, key, f"无法读取“{value}”：{node.tag.rsplit(':', 1)[-1]} 类型的值无效", "去掉 !! 开头的类型标记，直接写值")


# Keys renamed since 0.1: (the path of the mapping that holds it, its old name) -> its new name. A town file written
# with an old name (by an earlier drafter init) is read under the new one, with a one-line notice (README, 数据文件).
RENAMED: dict[tuple[Loc, str], str] = {(("settings",), "font_set"): "fonts"}


def renamed(data: dict, lines: dict[Loc, int], name: str) -> list[str]:
    """Old key names in data moved to their new names (lines too); a notice for each, or TownFileError when a file
    has a key under both names."""
    notices = []
    for (path, old), new in RENAMED.items():
        mapping: object = data
        for part in path:
            mapping = mapping.get(part) if isinstance(mapping, dict) else None
        if not isinstance(mapping, dict) or old not in mapping:
            continue
        old_loc, new_loc = path + (old,), path + (new,)
        line = lines.get(old_loc)
        key = key_path(old_loc)
        if new in mapping:
            raise TownFileError(Problem(name, line, key, f"“{old}”是“{new}”的旧名，两个都写了", f"请删去 {old}"))
        mapping[new] = mapping.pop(old)
        lines[new_loc] = line or 0
        where = f"{name}:{line}" if line else name
        notices.append(f"提示：{where} [{key}]：“{old}”已改名为“{new}”，已按 {new} 读取（请把数据文件中的 {old} 改为 {new}）")
    return notices


def read_town_data(path: Path) -> tuple[dict, dict[Loc, int]]:
    """A town file parsed but not yet validated: (data, {key path: line})."""
    name = str(path)
    raw = read_limited(path, TOWN_LIMIT, TownFileError, "数据文件")
    if not raw.strip():
        raise TownFileError(Problem(name, None, "", "数据文件是空的", "可用 drafter init 生成模板"))
    text, _ = decode(raw, name, TownFileError)
    data, lines = parse_yaml(text, name)
    if not isinstance(data, dict):
        raise TownFileError(Problem(name, 1, "", "文件内容应为键值映射（town: …、year: … 等）", "可用 drafter init 生成模板"))
    return data, lines


def load_town(path: Path, sheet: Sheet | None = None, force: bool = False, warnings: list | None = None) -> Town:
    """Read and validate a town file, its indicators filled from the county's statistics sheet when one is given;
    TownFileError lists every problem (a figure that disagrees with the sheet among them, unless force: then the
    sheet's figure is taken and the problem added to warnings)."""
    name = str(path)
    data, lines = read_town_data(path)
    notices = renamed(data, lines, name)
    cells: dict[int, tuple] = {}
    if sheet is not None:
        from drafter.town.sheet_merge import merge

        data, cells, problems = merge(data, lines, sheet, name, force)
        if problems and not force:
            raise TownFileError(problems)
        if warnings is not None:
            warnings += problems
    try:
        town = validated(Town, data)
    except Invalid as exc:
        problems = [to_problem(issue, name, lines) for issue in exc.issues]
        raise TownFileError(sorted(problems, key=lambda p: (p.line or 0, p.key))) from exc
    if notices:
        town = replace(town, notices=tuple(notices))
    if not cells:
        return town
    indicators = [replace(ind, cells=cells.get(i)) for i, ind in enumerate(town.indicators)]
    return replace(town, indicators=indicators)
