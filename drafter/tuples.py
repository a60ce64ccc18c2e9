"""NamedTuple: typing.NamedTuple's class form, made for a third of its cost.

A cold `drafter build` makes some thirty NamedTuple classes while importing. typing makes each by calling
collections.namedtuple, then checks every annotation (compiling it again when it is a string, as in every module
with `from __future__ import annotations`) and sets the class's bases again to the ones it already has: about 100 us
a class of the 160 it costs, some 3 ms of every cold build. This metaclass makes the same class the same way, without
those two steps: collections.namedtuple's class with its defaults and module, and the class body's docstring,
qualified name, methods and properties set as typing sets them. Annotations are kept as written (strings stay
strings: nothing reads a NamedTuple's annotations at run time, and type checkers read the source).

The class itself is collections.namedtuple's, made without compiling source: namedtuple compiles each class's __new__
from text (eval, ~25 us a class, 30 of them); here that function's code is compiled once for each number of fields and
given each class's field names (CodeType.replace), the rest as namedtuple makes it (tests/house/test_tuples.py holds
it to typing's class).

Only the plain class form is taken: a Generic base, a base of another kind or a method using super() is a TypeError.
Type checkers see typing.NamedTuple itself."""

from __future__ import annotations

import sys
from collections import _tuplegetter  # type: ignore[attr-defined]  # (namedtuple's field property, in C)
from types import CodeType, FunctionType
from typing import TYPE_CHECKING, Any

# What typing will not let a class body set, and the namespace entries that are not attributes of the class.
PROHIBITED = frozenset({"__new__", "__init__", "__slots__", "__getnewargs__", "_fields", "_field_defaults",
                        "_make", "_replace", "_asdict", "_source"})
SPECIAL = frozenset({"__module__", "__name__", "__annotations__"})
# __new__'s code for each number of fields, its arguments named _0, _1, … (given the fields' names for each class).
NEW_CODE: dict[int, CodeType] = {}


class NamedTupleMeta(type):
    """Makes `class X(NamedTuple): …` a collections.namedtuple class, as typing.NamedTupleMeta does."""

    def __new__(mcs, typename: str, bases: tuple[type, ...], ns: dict[str, Any]) -> Any:
        if len(bases) != 1 or "__classcell__" in ns:
            raise TypeError(f"{typename}: drafter.tuples.NamedTuple takes the plain class form only")
        annotations = ns.get("__annotations__", {})
        fields = list(annotations)
        defaulted = [name for name in fields if name in ns]
        if defaulted and fields[-len(defaulted):] != defaulted:
            raise TypeError(f"{typename}: a field without a default follows one with a default")
        for key in ns.keys() & PROHIBITED:
            raise AttributeError(f"Cannot overwrite NamedTuple attribute {key}")
        cls = namedtuple_class(typename, tuple(fields), tuple(ns[name] for name in defaulted), ns["__module__"])
        cls.__annotations__ = cls.__new__.__annotations__ = dict(annotations)
        for key, value in ns.items():
            if key not in SPECIAL and key not in annotations:
                setattr(cls, key, value)
        return cls


def new_code(count: int) -> CodeType:
    """The code of `lambda _cls, _0, _1, …: _tuple_new(_cls, (_0, _1, …))`, compiled once for each count."""
    code = NEW_CODE.get(count)
    if code is None:
        names = ", ".join(f"_{i}" for i in range(count)) + ("," if count == 1 else "")
        code = NEW_CODE[count] = eval(f"lambda _cls, {names}: _tuple_new(_cls, ({names}))", {"__builtins__": {}}).__code__
    return code


def namedtuple_class(typename: str, fields: tuple[str, ...], defaults: tuple, module: str) -> type:
    """collections.namedtuple(typename, fields, defaults=defaults, module=module), its __new__ not compiled again."""
    for name in (typename, *fields):
        if not name.isidentifier():
            raise ValueError(f"Type names and field names must be valid identifiers: {name!r}")
    for index, name in enumerate(fields):
        if name.startswith("_"):
            raise ValueError(f"Field names cannot start with an underscore: {name!r}")
        if name in fields[:index]:
            raise ValueError(f"Encountered duplicate field name: {name!r}")
    fields = tuple(map(sys.intern, fields))
    count, tuple_new = len(fields), tuple.__new__
    arg_list = ", ".join(fields) + ("," if count == 1 else "")
    repr_fmt = "(" + ", ".join(f"{name}=%r" for name in fields) + ")"
    code = new_code(count).replace(co_varnames=("_cls", *fields))
    new = FunctionType(code, {"_tuple_new": tuple_new, "__builtins__": {}, "__name__": f"namedtuple_{typename}"}, "__new__")
    new.__defaults__, new.__doc__ = defaults, f"Create new instance of {typename}({arg_list})"

    def _make(cls: type, iterable: Any) -> Any:
        result: tuple = tuple_new(cls, iterable)
        if len(result) != count:
            raise TypeError(f"Expected {count} arguments, got {len(result)}")
        return result

    def _replace(self: Any, /, **kwds: Any) -> Any:
        result = self._make(map(kwds.pop, fields, self))
        if kwds:
            raise ValueError(f"Got unexpected field names: {list(kwds)!r}")
        return result

    def __repr__(self: Any) -> str:
        return self.__class__.__name__ + repr_fmt % self

    def _asdict(self: Any) -> dict[str, Any]:
        return dict(zip(self._fields, self))

    def __getnewargs__(self: Any) -> tuple:
        return tuple(self)

    _make.__doc__ = f"Make a new {typename} object from a sequence or iterable"
    _replace.__doc__ = f"Return a new {typename} object replacing specified fields with new values"
    __repr__.__doc__ = "Return a nicely formatted representation string"
    _asdict.__doc__ = "Return a new dict which maps field names to their values."
    __getnewargs__.__doc__ = "Return self as a plain tuple.  Used by copy and pickle."
    for method in (new, _make, _replace, __repr__, _asdict, __getnewargs__):
        method.__qualname__ = f"{typename}.{method.__name__}"
    namespace: dict[str, Any] = {
        "__doc__": f"{typename}({arg_list})", "__slots__": (), "_fields": fields,
        "_field_defaults": dict(zip(fields[count - len(defaults):], defaults)) if defaults else {},
        "__new__": new, "_make": classmethod(_make), "_replace": _replace, "__repr__": __repr__, "_asdict": _asdict,
        "__getnewargs__": __getnewargs__, "__match_args__": fields, "__module__": module,
    }
    for index, name in enumerate(fields):
        namespace[name] = _tuplegetter(index, sys.intern(f"Alias for field number {index}"))
    return type(typename, (tuple,), namespace)


if TYPE_CHECKING:
    from typing import NamedTuple as NamedTuple
else:
    NamedTuple = type.__new__(NamedTupleMeta, "NamedTuple", (), {"__module__": __name__})
