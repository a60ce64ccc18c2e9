"""Plain YAML data -> typed frozen records (drafter.town.record); every problem collected with its key path.

A small replacement for pydantic on the build path: importing pydantic alone costs about as much
as the whole import floor of `drafter build`. Field types come from annotations; limits from
`field(metadata=...)` (drafter.town.record) (ge, gt, le, items, single, null, key, and `check`: value -> message or None); checks across fields
from `check()` (on the built instance) and `check_raw(data)` (on the raw mapping, so they run even when a field is invalid)."""

import datetime as dt
import re
import sys
import types
import typing
from decimal import Decimal
from functools import cache
from typing import Any, Literal, Union

from drafter.town.record import MISSING, Field, fields, is_record
from drafter.tuples import NamedTuple

Loc = tuple[str | int, ...]
MARKUP_CHARS = "⟦⟧"
# Characters a Word document cannot hold (C0/C1 controls but tab, non-characters, lone surrogates).
CONTROL_CLASS = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]"


def hidden_control(text: str) -> re.Match[str] | None:
    """The first character of CONTROL_CLASS in text, or None. Every one of them is a character str.isprintable
    refuses, so a printable text (nearly every one a clerk writes) is passed without the pattern, which re compiles on
    first need (its ranges take ~0.3 ms) and keeps."""
    return None if text.isprintable() else re.search(CONTROL_CLASS, text)


# A number written with thousands separators (23,450 or 1，234.5), which YAML reads as text.
GROUPED = r"^\d{1,3}([,，]\d{3})+(\.\d+)?$"  # only for a value already wrong (re compiles it when first used)
INVALID = object()
# No amount in a township's report comes near this (1 万亿); larger ones are typing slips.
LARGEST = Decimal(10) ** 12


class Issue(NamedTuple):
    """One problem: where (key path), what, and a hint."""

    loc: Loc
    message: str
    hint: str = ""


class Invalid(Exception):
    """Raised by validate() with every Issue found."""

    def __init__(self, issues: list[Issue]) -> None:
        super().__init__(f"{len(issues)} problems")
        self.issues = issues


@cache
def hints(cls: type) -> dict[str, Any]:
    """Resolved annotations of a record class, as typing.get_type_hints gives them, each annotation's text evaluated once
    in its module (the model's ten classes write 28 texts 88 times; get_type_hints compiles each of the 88)."""
    out: dict[str, Any] = {}
    for base in reversed(cls.__mro__):
        for name, value in base.__dict__.get("__annotations__", {}).items():
            out[name] = resolved(base.__module__, value) if isinstance(value, str) else value
    return out


@cache
def resolved(module: str, text: str) -> Any:
    """An annotation's text evaluated in its module's names (None: NoneType, as get_type_hints gives it)."""
    value = eval(text, vars(sys.modules[module]))  # noqa: S307 (drafter's own annotations, not input)
    return type(None) if value is None else value


@cache
def keyed(cls: type) -> dict[str, Field]:
    """A record class's fields by the key a clerk writes (metadata key: the YAML key of a field named otherwise);
    internal ones, set by drafter, left out."""
    return {f.metadata.get("key", f.name): f for f in fields(cls) if not f.metadata.get("internal")}


@cache
def shape(tp: Any) -> tuple[Any, tuple[Any, ...]]:
    """(origin, args) of a type (typing.get_origin and get_args, worked out once per type)."""
    return typing.get_origin(tp), typing.get_args(tp)


def validate(cls: type, data: Any) -> Any:
    """data -> cls instance, or Invalid listing every problem."""
    issues: list[Issue] = []
    result = convert(cls, data, (), issues)
    if issues or result is INVALID:
        raise Invalid(issues)
    return result


def convert(cls: type, data: Any, loc: Loc, issues: list[Issue]) -> Any:
    """A mapping -> a record instance (or INVALID, with issues recorded)."""
    shorthand = getattr(cls, "FROM_STRING", None)
    if shorthand and isinstance(data, str):
        data = {shorthand: data}
    if not isinstance(data, dict):
        written = getattr(cls, "SHAPE", "")
        issues.append(Issue(loc, f"这一项应写成{written}" if written else "应为键值映射（键: 值）"))
        return INVALID
    fields = keyed(cls)
    types_of = hints(cls)
    for key, message in cls.check_raw(data) if hasattr(cls, "check_raw") else ():
        issues.append(Issue(loc + ((key,) if key else ()), message))
    for key in data:
        if key not in fields and str(key).replace(".", "", 1).isdigit():
            keys = list(data)
            before = data[keys[keys.index(key) - 1]] if keys.index(key) else ""
            issues.append(Issue(loc + (str(key),), f"数字里不要写逗号：花括号里的逗号把 {before},{key} 拆成了两项",
                                f"写成 {before}{key}"))
        elif key not in fields:
            import difflib  # only for a message

            close = difflib.get_close_matches(str(key), list(fields), n=1, cutoff=0.5)
            hint = f"是不是“{close[0]}”？" if close else f"可用的键：{'、'.join(fields)}"
            issues.append(Issue(loc + (str(key),), f"未知的键“{key}”", hint))
    values: dict[str, Any] = {}
    ok = True
    for name, f in fields.items():
        required = f.default is MISSING and f.default_factory is MISSING
        if name in data and data[name] is None and f.metadata.get("null"):
            values[f.name] = None  # null means something here (yi_threshold: null keeps 万元), not "the default"
            continue
        if name not in data or (data[name] is None and not required):
            if required:
                issues.append(Issue(loc + (name,), "缺少必填项", "请参考 drafter init 生成的模板"))
                ok = False
            continue
        value = convert_value(types_of[f.name], data[name], loc + (name,), issues, f.metadata)
        if value is INVALID:
            ok = False
        else:
            values[f.name] = value
    if not ok or any(k not in fields for k in data):
        return INVALID
    instance = cls(**values)
    for key, message in instance.check() if hasattr(instance, "check") else ():
        issues.append(Issue(loc + ((key,) if key else ()), message))
    return instance


def convert_value(tp: Any, raw: Any, loc: Loc, issues: list[Issue], meta: typing.Mapping) -> Any:
    """One value of type tp (Optional, Literal, list, dict of titles, tuple, record, str, int, Decimal, bool, date)."""
    origin, args = shape(tp)
    if origin is Union or origin is types.UnionType:  # Optional[X] and X | None
        if raw is None:
            return None
        return convert_value(next(a for a in args if a is not type(None)), raw, loc, issues, meta)
    if origin is Literal:
        if raw in args:
            return raw
        return fail(issues, loc, f"应为以下之一：{'、'.join(map(str, args))}")
    if origin is list:
        if meta.get("single") and isinstance(raw, str):
            raw = [raw]
        if not isinstance(raw, list):
            return fail(issues, loc, "应为列表（每项以“- ”开头）")
        if "most" in meta and len(raw) > meta["most"]:
            return fail(issues, loc, f"最多 {meta['most']} 项（现有 {len(raw)} 项）", "报告的序号写到九十九为止，请合并相近的内容")
        items = [convert_value(args[0], item, loc + (i,), issues, meta) for i, item in enumerate(raw)]
        return INVALID if any(i is INVALID for i in items) else items
    if origin is dict:
        return mapping(args[1], raw, loc, issues, meta)
    if origin is tuple:
        if not isinstance(raw, list) or len(raw) != len(args):
            return fail(issues, loc, f"应为 {len(args)} 个数字组成的列表，如 [359, 363]")
        limits = meta.get("items", [{}] * len(args))
        items = [convert_value(a, r, loc + (i,), issues, m) for i, (a, r, m) in enumerate(zip(args, raw, limits))]
        return INVALID if any(i is INVALID for i in items) else tuple(items)
    if isinstance(tp, type) and is_record(tp):
        return convert(tp, raw, loc, issues)
    value = scalar(tp, raw, loc, issues, meta)
    message = meta["check"](value) if "check" in meta and value is not INVALID else None
    return fail(issues, loc, message) if message else value


def mapping(tp: Any, raw: Any, loc: Loc, issues: list[Issue], meta: typing.Mapping) -> Any:
    """A mapping of titles (text) to values of type tp (a title with nothing under it yet: an empty value)."""
    if not isinstance(raw, dict):
        return fail(issues, loc, "应为键值映射（标题: 内容）")
    if "most" in meta and len(raw) > meta["most"]:
        return fail(issues, loc, f"最多 {meta['most']} 项（现有 {len(raw)} 项）")
    out, ok = {}, True
    for key, value in raw.items():
        here = loc + (str(key),)
        name = scalar(str, key, here, issues, {}) if isinstance(key, str) else fail(issues, here, "标题应为文字")
        item = convert_value(tp, [] if value is None else value, here, issues, meta.get("values", {}))
        if name is INVALID or item is INVALID:
            ok = False
        else:
            out[name] = item
    return out if ok else INVALID


def scalar(tp: Any, raw: Any, loc: Loc, issues: list[Issue], meta: typing.Mapping) -> Any:
    """str (non-empty text), int, Decimal (finite), bool or date, with ge/gt/le limits."""
    if tp is str:
        if not isinstance(raw, str):
            return fail(issues, loc, "应为文本")
        text = "".join(line.strip() for line in raw.strip().splitlines())
        if not text and not meta.get("empty"):
            return fail(issues, loc, "不能为空")
        if any(c in text for c in MARKUP_CHARS):
            return fail(issues, loc, "文本中不能含有 ⟦ 或 ⟧（drafter 保留字符）")
        hidden = hidden_control(text)
        if hidden:
            return fail(issues, loc, f"文本第 {hidden.start() + 1} 个字符是看不见的控制字符（U+{ord(hidden.group(0)):04X}），"
                                     "多半是从网页或别的软件粘贴带进来的", "删掉这个字符，或把这段文字重新输入一遍")
        return text
    if tp is bool:
        return raw if isinstance(raw, bool) else fail(issues, loc, "应为 true 或 false")
    if tp is dt.date:
        if isinstance(raw, dt.date) and not isinstance(raw, dt.datetime):
            return raw
        return fail(issues, loc, "应为日期，如 2024-12-05")
    if isinstance(raw, str) and re.match(GROUPED, raw.strip()):
        return fail(issues, loc, f"数字里不要写逗号：写成 {raw.strip().replace(',', '').replace('，', '')}")
    if isinstance(raw, bool) or not isinstance(raw, (int, float, Decimal)) or (tp is int and not isinstance(raw, int)):
        return fail(issues, loc, "应为整数" if tp is int else "应为数字")
    value: int | Decimal = raw if isinstance(raw, int) and tp is int else Decimal(str(raw))
    if isinstance(value, Decimal) and not value.is_finite():
        return fail(issues, loc, "必须是有限的数值")
    if isinstance(value, Decimal) and abs(value) > LARGEST:
        return fail(issues, loc, "数值过大（超过一万亿）", "请检查单位和位数")
    if "gt" in meta and value <= meta["gt"]:
        return fail(issues, loc, f"必须大于 {meta['gt']}")
    if "ge" in meta and value < meta["ge"]:
        return fail(issues, loc, "不能为负数" if meta["ge"] == 0 else f"不能小于 {meta['ge']}")
    if "le" in meta and value > meta["le"]:
        return fail(issues, loc, f"不能大于 {meta['le']}")
    return value


def fail(issues: list[Issue], loc: Loc, message: str, hint: str = "") -> object:
    """Record an issue and return INVALID."""
    issues.append(Issue(loc, message, hint))
    return INVALID
