"""Plain YAML data -> typed frozen records the quick way, for data with nothing wrong in it: each record class's
fields and types are worked out once per process into converters that neither track key paths nor collect issues.
At the first thing drafter.town.schema would report (or anything it treats with care), they give up and the data is
validated by schema.validate, which finds every problem with its key path; valid data gives the same values either way."""

from __future__ import annotations

import datetime as dt
import types
from collections.abc import Callable, Mapping
from decimal import Decimal
from functools import cache
from typing import Any, Literal, Union

from drafter.town.record import MISSING, Record, is_record, maker
from drafter.town.schema import LARGEST, MARKUP_CHARS, hidden_control, hints, keyed, shape, validate

Converter = Callable[[Any], Any]


class Slow(Exception):
    """The data needs schema.validate: it has a problem, or something the quick converters leave to it."""


def validated(cls: type, data: Any) -> Any:
    """data -> cls instance (schema.validate's, quickly when nothing is wrong), or schema.Invalid listing every problem."""
    try:
        return record_converter(cls)(data)
    except Slow:
        return validate(cls, data)


@cache
def record_converter(cls: type) -> Converter:
    """What schema.convert does with a mapping for cls, for a mapping with nothing wrong in it."""
    fields = keyed(cls)
    types_of = hints(cls)
    shorthand = getattr(cls, "FROM_STRING", None)
    check_raw = getattr(cls, "check_raw", None)
    checks = hasattr(cls, "check")
    construct: Converter = maker(cls) if issubclass(cls, Record) else lambda values: cls(**values)
    plan, required_keys = {}, set()
    for key, f in fields.items():
        required = f.default is MISSING and f.default_factory is MISSING
        plan[key] = (f.name, required, bool(f.metadata.get("null")), value_converter(types_of[f.name], f.metadata))
        if required:
            required_keys.add(key)

    def convert(data: Any) -> Any:
        if shorthand and isinstance(data, str):
            data = {shorthand: data}
        if (not isinstance(data, dict) or (check_raw is not None and check_raw(data)) or not data.keys() <= plan.keys()
                or not required_keys <= data.keys()):
            raise Slow
        values: dict[str, Any] = {}
        for key, raw in data.items():  # (the keys a file gives: a fact gives three of its fifteen)
            name, required, null, make = plan[key]
            if raw is None and null:
                values[name] = None
            elif raw is not None or required:
                values[name] = make(raw)
        instance = construct(values)
        if checks and instance.check():
            raise Slow
        return instance

    return convert


def value_converter(tp: Any, meta: Mapping) -> Converter:
    """What schema.convert_value does with a value of type tp, for a value with nothing wrong in it."""
    origin, args = shape(tp)
    if origin is Union or origin is types.UnionType:
        inner = value_converter(next(a for a in args if a is not type(None)), meta)
        return lambda raw: None if raw is None else inner(raw)
    if origin is Literal:
        def literal(raw: Any) -> Any:
            if raw in args:
                return raw
            raise Slow
        return literal
    if origin is list:
        return list_converter(value_converter(args[0], meta), bool(meta.get("single")), meta.get("most"))
    if origin is dict:
        return mapping_converter(value_converter(args[1], meta.get("values", {})), meta.get("most"))
    if origin is tuple:
        makers = [value_converter(a, m) for a, m in zip(args, meta.get("items", [{}] * len(args)))]

        def items(raw: Any) -> Any:
            if not isinstance(raw, list) or len(raw) != len(args):
                raise Slow
            return tuple(make(r) for make, r in zip(makers, raw))
        return items
    if isinstance(tp, type) and is_record(tp):
        return lambda raw: record_converter(tp)(raw)
    make, check = scalar_converter(tp, meta), meta.get("check")
    if check is None:
        return make

    def checked(raw: Any) -> Any:
        value = make(raw)
        if check(value):
            raise Slow
        return value
    return checked


def list_converter(item: Converter, single: bool, most: int | None) -> Converter:
    """A list of items (a single string taken as a list of one where single)."""
    def convert(raw: Any) -> Any:
        if single and isinstance(raw, str):
            raw = [raw]
        if not isinstance(raw, list) or (most is not None and len(raw) > most):
            raise Slow
        return [item(r) for r in raw]
    return convert


def mapping_converter(value: Converter, most: int | None) -> Converter:
    """A mapping of titles (text) to values (a title with nothing under it: an empty value)."""
    title = scalar_converter(str, {})

    def convert(raw: Any) -> Any:
        if not isinstance(raw, dict) or (most is not None and len(raw) > most):
            raise Slow
        out = {}
        for key, item in raw.items():
            if not isinstance(key, str):
                raise Slow
            out[title(key)] = value([] if item is None else item)
        return out
    return convert


def scalar_converter(tp: Any, meta: Mapping) -> Converter:
    """What schema.scalar does (str, bool, date, int, Decimal with their limits), for a value with nothing wrong in it."""
    if tp is str:
        empty = bool(meta.get("empty"))
        made: dict[str, Any] = {}  # a text's value (None: schema's to report), kept: a county's files share many

        def text(raw: Any) -> Any:
            if not isinstance(raw, str):
                raise Slow
            value = made.get(raw, made)
            if value is made:
                value = "".join(line.strip() for line in raw.strip().splitlines())
                if (not value and not empty) or any(c in value for c in MARKUP_CHARS) or hidden_control(value):
                    value = None
                if len(made) >= 1 << 14:
                    made.clear()
                made[raw] = value
            if value is None:
                raise Slow
            return value
        return text
    if tp is bool or tp is dt.date:
        def exact(raw: Any) -> Any:
            if tp is bool and isinstance(raw, bool):
                return raw
            if tp is dt.date and isinstance(raw, dt.date) and not isinstance(raw, dt.datetime):
                return raw
            raise Slow
        return exact
    limits = [(meta[k], k) for k in ("gt", "ge", "le") if k in meta]

    def number(raw: Any) -> Any:
        if isinstance(raw, bool) or not isinstance(raw, (int, float, Decimal)) or (tp is int and not isinstance(raw, int)):
            raise Slow  # a number written as text (23,450) among them: schema tells the clerk how to write it
        value: int | Decimal = raw if isinstance(raw, int) and tp is int else Decimal(str(raw))
        if isinstance(value, Decimal) and (not value.is_finite() or abs(value) > LARGEST):
            raise Slow
        for limit, kind in limits:
            if (kind == "gt" and value <= limit) or (kind == "ge" and value < limit) or (kind == "le" and value > limit):
                raise Slow
        return value
    return number

