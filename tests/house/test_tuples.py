"""drafter.tuples.NamedTuple makes the class typing.NamedTuple makes (without re-checking annotations or resetting
bases): the same fields, defaults, methods, docstring, names, equality, pickling and errors."""

from __future__ import annotations

import copy
import pickle
import re
import typing

import pytest

from drafter import tuples


class Ours(tuples.NamedTuple):
    """A figure and where it stands."""

    text: str
    number: int
    span: tuple[int, int] | None = None
    words: tuple[str, ...] = ()

    @property
    def size(self) -> int:
        return len(self.text)

    def shown(self) -> str:
        return f"{self.text}{self.number}"


class Theirs(typing.NamedTuple):
    """A figure and where it stands."""

    text: str
    number: int
    span: tuple[int, int] | None = None
    words: tuple[str, ...] = ()

    @property
    def size(self) -> int:
        return len(self.text)

    def shown(self) -> str:
        return f"{self.text}{self.number}"


def test_the_class_is_the_one_typing_makes():
    assert type(Ours) is type(Theirs) is type
    assert Ours.__mro__[1:] == Theirs.__mro__[1:] == (tuple, object)
    for name in ("_fields", "_field_defaults", "__match_args__", "__doc__", "__slots__", "__module__"):
        assert getattr(Ours, name) == getattr(Theirs, name), name
    # annotations kept as written (typing wraps strings in ForwardRef): the same hints either way
    assert Ours.__qualname__ == "Ours" and Ours.__annotations__ == {
        "text": "str", "number": "int", "span": "tuple[int, int] | None", "words": "tuple[str, ...]"}
    assert Ours.__annotations__ == {name: ref.__forward_arg__ for name, ref in Theirs.__annotations__.items()}
    assert typing.get_type_hints(Ours) == typing.get_type_hints(Theirs)
    assert Ours.__new__.__defaults__ == Theirs.__new__.__defaults__ == (None, ())
    # typing's class also keeps the base it was declared with (typing.NamedTuple, a function) as __orig_bases__
    assert sorted(set(vars(Ours)) ^ set(vars(Theirs))) == ["__orig_bases__"]


def test_instances_behave_alike():
    ours, theirs = Ours("增长", 3, words=("粮食",)), Theirs("增长", 3, words=("粮食",))
    assert tuple(ours) == tuple(theirs) == ("增长", 3, None, ("粮食",))
    assert repr(ours) == repr(theirs).replace("Theirs", "Ours")
    assert ours == theirs and hash(ours) == hash(theirs)
    assert ours.size == theirs.size == 2 and ours.shown() == theirs.shown() == "增长3"
    assert ours._replace(number=4) == Ours("增长", 4, None, ("粮食",))
    assert ours._asdict() == theirs._asdict()
    assert Ours._make(["a", 1, None, ()]) == Theirs._make(["a", 1, None, ()])
    assert Ours(number=1, text="a") == Ours("a", 1)
    assert pickle.loads(pickle.dumps(ours)) == ours and type(pickle.loads(pickle.dumps(ours))) is Ours
    assert copy.deepcopy(ours) == ours
    match ours:
        case Ours(text, number):
            assert (text, number) == ("增长", 3)


def test_wrong_calls_fail_as_typing_s_do():
    for cls in (Ours, Theirs):
        with pytest.raises(TypeError, match="missing 1 required positional argument: 'number'"):
            cls("a")
        with pytest.raises(TypeError, match="unexpected keyword argument 'other'"):
            cls("a", 1, other=2)
        with pytest.raises(AttributeError):
            cls("a", 1).text = "b"  # type: ignore[misc]


def test_a_default_before_a_required_field_is_refused():
    with pytest.raises(TypeError):
        class Wrong(tuples.NamedTuple):  # noqa: F841
            first: int = 0
            second: int  # type: ignore[misc]


def test_what_typing_will_not_let_a_class_body_set_is_refused():
    with pytest.raises(AttributeError, match="_replace"):
        class Wrong(tuples.NamedTuple):  # noqa: F841
            first: int

            def _replace(self) -> None:  # type: ignore[override]
                pass


def test_forms_it_does_not_take_are_a_type_error():
    with pytest.raises(TypeError, match="plain class form"):
        class Generic(tuples.NamedTuple, typing.Generic[typing.T]):  # type: ignore[misc,name-defined]  # noqa: F841
            first: int
    with pytest.raises(TypeError, match="plain class form"):
        class Super(tuples.NamedTuple):  # noqa: F841
            first: int

            def text(self) -> str:
                return super().__repr__()


@pytest.mark.parametrize("fields, defaults", [(("only",), ()), (("a", "b"), (2,)), (("a", "b", "c", "d"), (None, (), 0)),
                                              (tuple(f"f{i}" for i in range(12)), ())])
def test_the_class_is_collections_namedtuple_s_without_its_compile(fields, defaults):
    """namedtuple_class gives __new__ the code compiled once for its number of fields: the class and every method
    otherwise as collections.namedtuple makes them (names, docs, defaults, argument names, errors)."""
    import collections

    ours = tuples.namedtuple_class("Pair", fields, defaults, "here")
    theirs = collections.namedtuple("Pair", fields, defaults=defaults, module="here")
    assert sorted(vars(ours)) == sorted(vars(theirs))
    for name, value in vars(theirs).items():
        mine = vars(ours)[name]
        if callable(getattr(value, "__func__", value)):
            mine, value = getattr(mine, "__func__", mine), getattr(value, "__func__", value)
            for attribute in ("__name__", "__qualname__", "__doc__", "__defaults__", "__kwdefaults__"):
                assert getattr(mine, attribute) == getattr(value, attribute), (name, attribute)
            assert mine.__code__.co_varnames == value.__code__.co_varnames, name
        elif name.startswith("_") or name in ("__match_args__",):
            assert mine == value, name
        else:  # a field's property
            assert (mine.__doc__, type(mine)) == (value.__doc__, type(value)), name
    values = tuple(range(len(fields)))
    assert ours(*values) == theirs(*values) and repr(ours(*values)) == repr(theirs(*values))
    assert ours(**dict(zip(fields, values)))._asdict() == theirs(**dict(zip(fields, values)))._asdict()
    assert ours._make(values)._replace(**{fields[0]: 9}) == theirs._make(values)._replace(**{fields[0]: 9})
    for call in (lambda cls: cls._make(values + (1,)), lambda cls: cls(*values)._replace(nosuch=1), lambda cls: cls()):
        with pytest.raises((TypeError, ValueError)) as mine_error:
            call(ours)
        with pytest.raises((TypeError, ValueError)) as their_error:
            call(theirs)
        assert (type(mine_error.value), str(mine_error.value)) == (type(their_error.value), str(their_error.value))


def test_bad_names_are_refused_as_namedtuple_refuses_them():
    import collections

    for typename, fields in (("Pair", ("a", "a")), ("Pair", ("_a",)), ("Pair", ("a b",)), ("1Pair", ("a",))):
        with pytest.raises(ValueError) as theirs:
            collections.namedtuple(typename, fields)
        with pytest.raises(ValueError, match=re.escape(str(theirs.value))):
            tuples.namedtuple_class(typename, fields, (), "here")


def test_new_s_code_is_namedtuple_s_but_for_its_argument_names():
    import collections

    ours = tuples.namedtuple_class("Pair", ("left", "right"), (), "here").__new__.__code__
    theirs = collections.namedtuple("Pair", ("left", "right")).__new__.__code__
    assert ours.co_code == theirs.co_code and ours.co_varnames == theirs.co_varnames == ("_cls", "left", "right")
    assert (ours.co_name, ours.co_argcount, ours.co_names) == (theirs.co_name, theirs.co_argcount, theirs.co_names)
