"""Record: what @dataclass(frozen=True) gives the town model, written once instead of generated for every class.

dataclasses makes a frozen class's __init__, __setattr__, __delattr__, __eq__, __hash__ and __repr__ by compiling
source text for each class when its module is imported (about 5 ms of every cold build for the model's classes), and
its import and decorator cost another 3.5 M instructions (its import compiles a regular expression). A Fields
subclass declares its fields as a dataclass does (annotations, defaults, field(default_factory=…, metadata=…)); they
are collected when the class is made (fields() lists them, replace() makes a changed copy, the schema reads them),
and the methods are inherited, behaving as the generated ones do: keyword or positional construction with defaults
and default factories, no assignment after, equality and hashing by the fields' values, a repr naming each field
(tests/town/test_record.py holds each against a twin made by dataclasses)."""

from collections.abc import Callable, Mapping
from typing import Any

from drafter.tuples import NamedTuple


class Missing:
    """The mark of a field with no default (dataclasses' MISSING)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = Missing()
NO_METADATA: Mapping[str, Any] = {}


class FrozenInstanceError(AttributeError):
    """A field of a frozen record assigned or deleted (as dataclasses.FrozenInstanceError)."""


class Field:
    """One field: its name and annotation (set when its class is made), default or default factory, metadata."""

    __slots__ = ("name", "type", "default", "default_factory", "metadata", "init")

    def __init__(self, default: Any = MISSING, default_factory: Any = MISSING, metadata: Mapping[str, Any] | None = None,
                 init: bool = True) -> None:
        if default is not MISSING and default_factory is not MISSING:
            raise ValueError("cannot specify both default and default_factory")
        self.name, self.type, self.init = "", None, init
        self.default, self.default_factory = default, default_factory
        self.metadata = NO_METADATA if metadata is None else metadata

    def __repr__(self) -> str:
        return f"Field(name={self.name!r}, default={self.default!r}, default_factory={self.default_factory!r})"


def field(*, default: Any = MISSING, default_factory: Any = MISSING, metadata: Mapping[str, Any] | None = None,
          init: bool = True) -> Any:
    """A field's default, default factory and metadata, as dataclasses.field declares them."""
    return Field(default, default_factory, metadata, init)


def collect(cls: type) -> tuple[Field, ...]:
    """cls's fields, as @dataclass collects them: its bases' first, then its own annotated names in order (one it
    declares again keeps its place); each class attribute left as dataclass leaves it (the default, or none)."""
    found: dict[str, Field] = {}
    for base in reversed(cls.__mro__[1:]):
        found.update((f.name, f) for f in base.__dict__.get("__record_fields__", ()))
    for name, annotation in cls.__dict__.get("__annotations__", {}).items():
        value = cls.__dict__.get(name, MISSING)
        made = value if isinstance(value, Field) else Field(default=value)
        if made.default is not MISSING and made.default.__class__.__hash__ is None:  # (a list shared by every record)
            raise ValueError(f"mutable default {type(made.default)} for field {name} is not allowed: use default_factory")
        made.name, made.type = name, annotation
        found[name] = made
        if made.default is not MISSING:
            setattr(cls, name, made.default)
        elif name in cls.__dict__:
            delattr(cls, name)
    return tuple(found.values())


def fields(record: Any) -> tuple[Field, ...]:
    """The fields of a Fields class or instance, in order (as dataclasses.fields)."""
    found = getattr(record, "__record_fields__", None)
    if found is None:
        raise TypeError("must be called with a Fields class or instance")
    return tuple(found)


def is_record(thing: Any) -> bool:
    """True for a Fields class or instance (as dataclasses.is_dataclass)."""
    return hasattr(thing, "__record_fields__")


def replace(record: Any, **changes: Any) -> Any:
    """A copy of a Fields instance with some fields changed (as dataclasses.replace)."""
    values = {f.name: record.__dict__[f.name] for f in fields(record) if f.init}
    return type(record)(**(values | changes))


def asdict(record: Any) -> dict[str, Any]:
    """A Fields instance's fields and their values, records and lists of them made dicts too (as dataclasses.asdict)."""
    def plain(value: Any) -> Any:
        if is_record(value) and not isinstance(value, type):
            return {f.name: plain(getattr(value, f.name)) for f in fields(value)}
        if isinstance(value, (list, tuple)):
            return type(value)(plain(v) for v in value)
        if isinstance(value, dict):
            return {plain(k): plain(v) for k, v in value.items()}
        return value
    return plain(record)


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
        fields = [f for f in cls.__record_fields__ if f.init]  # type: ignore[attr-defined]
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
    """Base of a class of fields declared as a dataclass's are, whose __init__ behaves as the one @dataclass generates
    (keyword or positional, defaults and factories), not compiled from source for each class: its instances can be
    changed and compare by identity, as those of a @dataclass(eq=False) do."""

    __slots__ = ()
    __record_fields__: tuple[Field, ...] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.__record_fields__ = collect(cls)

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
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

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
