"""drafter.tuples.NamedTuple makes the class typing.NamedTuple makes (without re-checking annotations or resetting
bases): the same fields, defaults, methods, docstring, names, equality, pickling and errors."""

from __future__ import annotations

import copy
import pickle
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
