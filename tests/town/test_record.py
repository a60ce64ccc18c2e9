"""Record behaves as @dataclass(frozen=True) does for the model's classes, and Fields as @dataclass(eq=False): a twin
made by dataclasses is the reference for each (fields, construction, equality, hashing, repr, replace, asdict)."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from dataclasses import dataclass, field
from decimal import Decimal

import pytest

from drafter.town import record
from drafter.town.model import Fact, Part, Town
from drafter.town.record import Fields, Record


class Mine(Record):
    value: Decimal
    unit: str = ""
    parts: list[str] = record.field(default_factory=list)
    note: str | None = None


@dataclass(frozen=True)
class Twin:
    value: Decimal
    unit: str = ""
    parts: list[str] = field(default_factory=list)
    note: str | None = None


CALLS = [
    ((Decimal(5),), {}),
    ((Decimal(5), "亩"), {}),
    ((), {"value": Decimal("1.5"), "note": "约"}),
    ((Decimal(2),), {"parts": ["a"], "unit": "户"}),
    ((Decimal(2), "人", ["x"], "n"), {}),
]


@pytest.mark.parametrize(("args", "kwargs"), CALLS)
def test_made_read_compared_and_shown_as_a_frozen_dataclass(args: tuple, kwargs: dict) -> None:
    mine, twin = Mine(*args, **kwargs), Twin(*args, **kwargs)
    assert tuple(getattr(mine, f.name) for f in record.fields(mine)) == dataclasses.astuple(twin)
    assert record.asdict(mine) == dataclasses.asdict(twin)
    assert repr(mine) == repr(twin).replace("Twin", "Mine")
    assert mine == Mine(*args, **kwargs) and mine != Mine(Decimal(99))
    assert mine.__eq__(twin) is NotImplemented
    assert list(vars(mine)) == [f.name for f in dataclasses.fields(Twin)]
    with pytest.raises(TypeError):  # a list field: unhashable, as the twin
        hash(twin)
    with pytest.raises(TypeError):
        hash(mine)
    assert Mine(Decimal(1)).parts is not Mine(Decimal(1)).parts


@pytest.mark.parametrize(("args", "kwargs"), [((), {}), ((Decimal(1),), {"value": Decimal(2)}), ((), {"value": 1, "size": 2}),
                                              ((1, "", [], None, "extra"), {})])
def test_a_wrong_call_is_refused_as_the_dataclass_refuses_it(args: tuple, kwargs: dict) -> None:
    with pytest.raises(TypeError):
        Twin(*args, **kwargs)
    with pytest.raises(TypeError):
        Mine(*args, **kwargs)


def test_no_field_is_assigned_or_deleted_after() -> None:
    part = Part(Decimal(5), "亩")
    with pytest.raises(record.FrozenInstanceError):
        part.unit = "户"  # type: ignore[misc]
    with pytest.raises(record.FrozenInstanceError):
        del part.unit
    with pytest.raises(record.FrozenInstanceError):
        part.other = 1  # type: ignore[attr-defined]


def test_hash_replace_pickle_and_copy() -> None:
    part = Part(Decimal(5), "亩", approx="余")
    assert hash(part) == hash(Part(value=Decimal(5), unit="亩", approx="余"))
    assert len({part, Part(Decimal(5), "亩", approx="余")}) == 1
    assert record.replace(part, unit="户") == Part(Decimal(5), "户", approx="余")
    with pytest.raises(TypeError):
        record.replace(part, size=1)
    fact = Fact(what="产值", value=Decimal(3), figures=[part])
    town = Town(town="青石镇", year=2024, sections=[], indicators=[])
    for thing in (part, fact, town):
        assert pickle.loads(pickle.dumps(thing)) == thing
        assert copy.deepcopy(thing) == thing and copy.copy(thing) == thing


def test_a_maker_makes_what_the_keyword_call_makes() -> None:
    from drafter.town.record import maker

    for values in ({"value": Decimal(5)}, {"value": Decimal(2), "parts": ["a"], "note": "n"}):
        made, called = maker(Mine)(values), Mine(**values)
        assert made == called and list(vars(made)) == list(vars(called)) and type(made) is Mine
    assert maker(Mine)({"value": Decimal(1)}).parts is not maker(Mine)({"value": Decimal(1)}).parts
    fact = maker(Fact)({"what": "产值", "value": Decimal(3)})
    assert fact == Fact(what="产值", value=Decimal(3)) and fact.figures == []


class Open(Fields):
    value: Decimal
    unit: str = ""
    parts: list[str] = record.field(default_factory=list)
    note: str | None = None


@dataclass(eq=False, repr=False)
class OpenTwin:
    value: Decimal
    unit: str = ""
    parts: list[str] = field(default_factory=list)
    note: str | None = None


def test_a_fields_class_is_made_and_changed_as_a_plain_dataclass_is():
    """Fields (a style's parts and settings): the generated __init__'s behaviour without its compiled source; the
    instances can be changed and compare by identity, as @dataclass(eq=False) makes them."""
    for args, kwargs in CALLS:
        ours, theirs = Open(*args, **kwargs), OpenTwin(*args, **kwargs)
        assert vars(ours) == vars(theirs) and record.asdict(ours) == dataclasses.asdict(theirs)
    assert Open(Decimal(1)).parts is not Open(Decimal(1)).parts
    one = Open(Decimal(1))
    one.unit = "亩"
    assert one.unit == "亩" and one == one and one != Open(Decimal(1), "亩")
    for cls in (Open, OpenTwin):
        with pytest.raises(TypeError):
            cls()
        with pytest.raises(TypeError):
            cls(Decimal(1), nosuch=2)


def test_the_schema_reads_each_model_class_s_annotations_as_get_type_hints_does():
    """schema.hints evaluates each annotation's text once per module: the same types typing.get_type_hints gives, for
    every dataclass a town file or a style file is read into."""
    import typing

    from drafter.compose.style import StyleFile
    from drafter.town import schema

    seen: set[type] = set()
    todo: list[type] = [Town, StyleFile]
    while todo:
        cls = todo.pop()
        if cls in seen:
            continue
        seen.add(cls)
        assert schema.hints(cls) == typing.get_type_hints(cls), cls
        for hint in typing.get_type_hints(cls).values():
            for inner in [hint, *typing.get_args(hint), *(a for h in typing.get_args(hint) for a in typing.get_args(h))]:
                if isinstance(inner, type) and record.is_record(inner):
                    todo.append(inner)
    assert len(seen) >= 9


def test_fields_are_collected_as_dataclasses_collects_them():
    """Names, order, defaults, factories and metadata as dataclasses.fields gives them; class attributes left as
    @dataclass leaves them (the default, or none); a base's fields first, one declared again keeping its place."""
    for ours, theirs in ((Mine, Twin), (Open, OpenTwin)):
        assert [(f.name, f.default, f.default_factory, f.type) for f in record.fields(ours)] == \
            [(f.name, f.default if f.default is not dataclasses.MISSING else record.MISSING,
              f.default_factory if f.default_factory is not dataclasses.MISSING else record.MISSING, f.type)
             for f in dataclasses.fields(theirs)]
        for name in ("value", "unit", "parts", "note"):
            assert hasattr(ours, name) == hasattr(theirs, name) and getattr(ours, name, 0) == getattr(theirs, name, 0)
    assert record.fields(Part(Decimal(1))) == record.fields(Part)
    assert dict(next(f for f in record.fields(Part) if f.name == "value").metadata) == {"ge": 0}

    class More(Mine):
        unit: str = "亩"
        extra: int = 0

    assert [f.name for f in record.fields(More)] == ["value", "unit", "parts", "note", "extra"]
    assert More(Decimal(1)).unit == "亩" and Mine(Decimal(1)).unit == ""
    assert record.is_record(Town) and record.is_record(Part(Decimal(1))) and not record.is_record(Twin)
    with pytest.raises(TypeError):
        record.fields(Twin)
    with pytest.raises(ValueError):
        record.field(default=1, default_factory=list)


def test_the_model_and_styles_do_not_import_dataclasses():
    """A cold build imports no dataclasses (its import compiles a pattern; its decorator compiles each class's
    methods): the model's and the styles' classes are Records."""
    import subprocess
    import sys

    probe = ("import sys; import drafter.cli.app, drafter.build.draft, drafter.write.quick, drafter.write.fonts, "
             "drafter.town.load; print('dataclasses' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.strip() == "False"


def test_a_mutable_default_is_refused_as_dataclasses_refuses_it():
    with pytest.raises(ValueError):
        @dataclass
        class TwinWithList:
            parts: list[str] = []  # noqa: RUF012

    with pytest.raises(ValueError, match="default_factory"):
        class MineWithList(Record):
            parts: list[str] = []  # noqa: RUF012
