"""NamedTuple: typing.NamedTuple's class form, made for a third of its cost.

A cold `drafter build` makes some thirty NamedTuple classes while importing. typing makes each by calling
collections.namedtuple, then checks every annotation (compiling it again when it is a string, as in every module
with `from __future__ import annotations`) and sets the class's bases again to the ones it already has: about 100 us
a class of the 160 it costs, some 3 ms of every cold build. This metaclass makes the same class the same way, without
those two steps: collections.namedtuple's class with its defaults and module, and the class body's docstring,
qualified name, methods and properties set as typing sets them. Annotations are kept as written (strings stay
strings: nothing reads a NamedTuple's annotations at run time, and type checkers read the source).

Only the plain class form is taken: a Generic base, a base of another kind or a method using super() is a TypeError.
Type checkers see typing.NamedTuple itself."""

from __future__ import annotations

import collections
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

# What typing will not let a class body set, and the namespace entries that are not attributes of the class.
PROHIBITED = frozenset({"__new__", "__init__", "__slots__", "__getnewargs__", "_fields", "_field_defaults",
                        "_make", "_replace", "_asdict", "_source"})
SPECIAL = frozenset({"__module__", "__name__", "__annotations__"})
# Called with names known only at run time (type checkers want literals in a namedtuple() call).
NAMEDTUPLE: Callable[..., Any] = collections.namedtuple


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
        cls = NAMEDTUPLE(typename, fields, defaults=[ns[name] for name in defaulted], module=ns["__module__"])
        cls.__annotations__ = cls.__new__.__annotations__ = dict(annotations)
        for key, value in ns.items():
            if key not in SPECIAL and key not in annotations:
                setattr(cls, key, value)
        return cls


if TYPE_CHECKING:
    from typing import NamedTuple as NamedTuple
else:
    NamedTuple = type.__new__(NamedTupleMeta, "NamedTuple", (), {"__module__": __name__})
