"""Record: what @dataclass(frozen=True) gives the town model, written once instead of generated for every class.

dataclasses makes a frozen class's __init__, __setattr__, __delattr__, __eq__, __hash__ and __repr__ by compiling
source text for each class when its module is imported: for the model's classes about 5 ms of every cold build. A
Record subclass is declared @dataclass(init=False, repr=False, eq=False), so that dataclasses still describes its
fields (schema reads them, dataclasses.replace works), and inherits these methods, which behave as the generated ones
do: keyword or positional construction with defaults and default factories, no assignment after, equality and
hashing by the fields' values, a repr naming each field."""

import dataclasses
from collections.abc import Callable
from typing import Any

from drafter.tuples import NamedTuple

MISSING = dataclasses.MISSING


class Layout(NamedTuple):
    """A Record class's fields, worked out once: their names in order, a dict of each default (MISSING for none),
    the fields made by a factory, the required ones."""

    names: tuple[str, ...]
    template: dict[str, Any]
    factories: tuple[tuple[str, Any], ...]
    required: tuple[str, ...]


LAYOUTS: dict[type, Layout] = {}


def layout(cls: type) -> Layout:
    """cls's Layout (kept for the process)."""
    found = LAYOUTS.get(cls)
    if found is None:
        fields = [f for f in dataclasses.fields(cls) if f.init]
        found = LAYOUTS[cls] = Layout(
            tuple(f.name for f in fields),
            {f.name: f.default for f in fields},
            tuple((f.name, f.default_factory) for f in fields if f.default_factory is not MISSING),
            tuple(f.name for f in fields if f.default is MISSING and f.default_factory is MISSING),
        )
    return found


def filled(plan: Layout, values: dict[str, Any]) -> dict[str, Any]:
    """A record's fields in order: values, the defaults and new factory values for the rest (a required field left
    out stays MISSING)."""
    full = plan.template.copy()
    full.update(values)
    for name, factory in plan.factories:
        if full[name] is MISSING:
            full[name] = factory()
    return full


def positional(name: str, plan: Layout, args: tuple, kwargs: dict[str, Any]) -> dict[str, Any]:
    """kwargs with args given their fields' names, in order."""
    if len(args) > len(plan.names):
        raise TypeError(f"{name}() takes {len(plan.names)} positional arguments but {len(args)} were given")
    twice = set(plan.names[: len(args)]) & kwargs.keys()
    if twice:
        raise TypeError(f"{name}() got multiple values for argument {min(twice)!r}")
    return kwargs | dict(zip(plan.names, args))


class Fields:
    """Base of a dataclass declared @dataclass(init=False, repr=False, eq=False) whose __init__ is this one, as the
    generated one behaves (keyword or positional, defaults and factories), not compiled from source for each class:
    its instances can be changed and compare by identity, as such a dataclass's do."""

    __slots__ = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        plan = LAYOUTS.get(type(self)) or layout(type(self))
        if args:
            kwargs = positional(type(self).__name__, plan, args, kwargs)
        values = filled(plan, kwargs)
        if len(values) != len(plan.template):
            unknown = sorted(kwargs.keys() - plan.template.keys())
            raise TypeError(f"{type(self).__name__}() got an unexpected keyword argument {unknown[0]!r}")
        for name in plan.required:
            if values[name] is MISSING:
                raise TypeError(f"{type(self).__name__}() missing required argument {name!r}")
        object.__setattr__(self, "__dict__", values)


class Record(Fields):
    """Base of a frozen record class (see the module's docstring)."""

    __slots__ = ()

    def __setattr__(self, name: str, value: Any) -> None:
        raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self.__dict__ == other.__dict__

    def __hash__(self) -> int:
        return hash(tuple(self.__dict__[name] for name in layout(type(self)).names))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={self.__dict__[name]!r}" for name in layout(type(self)).names)
        return f"{type(self).__qualname__}({shown})"


def maker(cls: type) -> Callable[[dict[str, Any]], Any]:
    """values -> a cls Record (cls(**values) for values that name fields only and every required one, as the quick
    schema's are), without the keyword call: the town file's every item, fact and figure is made this way."""
    plan, new, fix = layout(cls), object.__new__, object.__setattr__

    def make(values: dict[str, Any]) -> Any:
        record: Any = new(cls)
        fix(record, "__dict__", filled(plan, values))
        return record

    return make
