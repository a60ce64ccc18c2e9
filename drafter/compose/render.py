"""Town + bank + style + seed -> markup text, through a sandboxed, strict Jinja environment per style folder (a
user's style in a guarded one: budgets on time and size, errors as one Chinese line naming file and line)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from types import BuiltinMethodType, MethodType
from typing import Any

import jinja2
from jinja2.bccache import Bucket
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment

from drafter.compose.base import gap
from drafter.compose.composer import Composer
from drafter.compose.filters import FILTERS, OPTIONS, date_cn
from drafter.compose.phrases import Bank, Chooser, town_seed
from drafter.compose.style import BUILTIN, load_style, template_dir
from drafter.errors import TemplateError
from drafter.files.cache import cache_folder
from drafter.town.model import Town

# What Jinja's wrap_str_format looks at (bound methods, Python's and C's).
METHODS = (MethodType, BuiltinMethodType)

# The built-in styles (templates/<name>/style.yaml holds each one's label and description).
STYLES = BUILTIN

__all__ = ["STYLES", "date_cn", "render", "template_dir"]


class TemplateCache(jinja2.FileSystemBytecodeCache):
    """Jinja's compiled-template cache in the user's cache folder (keyed by template source), made and written only
    when a template is first compiled: a draft that finds its templates there neither creates nor probes the folder,
    and one that cannot write there compiles them each time, as with no cache."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except OSError:  # (its folder is a file, say: compiled afresh)
            pass

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            Path(self.directory).mkdir(parents=True, exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError:
            pass


def bytecode_cache() -> jinja2.BytecodeCache | None:
    """The compiled-template cache (None with no home directory to keep it under)."""
    root = cache_folder("jinja")
    return TemplateCache(str(root)) if root else None


class Sandbox(SandboxedEnvironment):
    """Jinja's sandbox, its verdict on an attribute kept per (type, name): is_safe_attribute looks at the name and at
    the object's type alone (is_internal_attribute's isinstance tests), and a county's drafts ask the same few names
    of the same few types thousands of times. Objects whose __class__ is not their type are judged afresh; so is every
    callable but a bound method, whose verdict is kept per function."""

    def __init__(self, **options: object) -> None:
        super().__init__(**options)
        self.verdicts: dict[tuple[type, str], bool] = {}
        self.callables: dict[object, bool] = {}
        self.direct: dict[object, bool] = {}

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 (Jinja's names)
        """A call from the template: a bound method of a function that is safe to call and plain (one Jinja passes
        nothing to: no jinja_pass_arg), both kept per function, called as Context.call would call it, without its
        two attribute probes and the safety check's lookups per call; anything else, and every function the first
        time, as Jinja calls it."""
        function = __obj.__func__ if type(__obj) is MethodType else None
        if function is None or not __self.direct.get(function):
            if function is not None and function not in __self.direct:
                __self.direct[function] = not hasattr(function, "jinja_pass_arg") and __self.is_safe_callable(__obj)
            return super().call(__context, __obj, *args, **kwargs)
        kwargs.pop("_block_vars", None)
        kwargs.pop("_loop_vars", None)
        try:
            return __obj(*args, **kwargs)
        except StopIteration:
            return __context.environment.undefined("value was undefined because a callable raised a StopIteration exception")

    def getattr(self, obj: Any, attribute: str) -> Any:
        """Jinja's getattr, without handing every value to wrap_str_format, which wraps a str's format and format_map
        alone (a method whose __self__ is a str): those, and a missing attribute, go through Jinja's own."""
        try:
            value = getattr(obj, attribute)
        except AttributeError:
            return super().getattr(obj, attribute)
        if type(value) in METHODS and isinstance(value.__self__, str):
            return super().getattr(obj, attribute)
        if self.is_safe_attribute(obj, attribute, value):
            return value
        return self.unsafe_undefined(obj, attribute)

    def is_safe_callable(self, obj: object) -> bool:
        """Jinja's verdict, kept per function for a bound method (a new object at every call, whose attributes are
        its function's: the composer's methods are called hundreds of times a draft)."""
        function = getattr(obj, "__func__", None) if isinstance(obj, MethodType) else None
        if function is None:
            return super().is_safe_callable(obj)
        verdict = self.callables.get(function)
        if verdict is None:
            verdict = self.callables[function] = super().is_safe_callable(obj)
        return verdict

    def is_safe_attribute(self, obj: object, attr: str, value: object) -> bool:
        kind = type(obj)
        if kind is not obj.__class__:
            return super().is_safe_attribute(obj, attr, value)
        verdict = self.verdicts.get((kind, attr))
        if verdict is None:
            verdict = self.verdicts[(kind, attr)] = super().is_safe_attribute(obj, attr, value)
        return verdict


@lru_cache(maxsize=8)
def environment(roots: tuple[str, ...]) -> SandboxedEnvironment:
    """The environment of a built-in style: sandboxed, StrictUndefined, named filters for every number format,
    templates looked up in the style's folder, then the shared ones (base.j2, macros.j2), each read once a process
    (drafter's own files: not looked at again before each draft)."""
    env = Sandbox(loader=jinja2.FileSystemLoader(list(roots)), bytecode_cache=bytecode_cache(), auto_reload=False,
                  undefined=jinja2.StrictUndefined, **OPTIONS)
    env.filters.update(FILTERS)
    env.globals.update(gap=gap)
    return env


def render(town: Town, bank: Bank, style: str, seed: int | None = None, rotation: int | None = None) -> str:
    """Render a town's draft as markup text in a style, a built-in's name or a style folder (rotation: the town's
    place in a batch, see Chooser)."""
    chosen = load_style(style)
    chooser = Chooser(town_seed(town.town) if seed is None else seed, rotation)
    composer = Composer(town, bank, chooser, chosen.spec.base, chosen.spec)
    variables = {"town": town, "c": composer, "style": chosen.spec.name}
    if not chosen.builtin:
        from drafter.compose.guard import render_guarded

        return render_guarded(chosen.folder, chosen.spec.template, variables)
    env = environment((str(chosen.folder), str(template_dir())))
    try:
        return env.get_template(chosen.spec.template).render(variables)
    except jinja2.TemplateError as exc:  # a built-in template's failure is drafter's bug: said where, like a user's
        from drafter.compose.explain import explain

        raise TemplateError(explain(exc, chosen.folder.parent, chosen.spec.template, env)) from exc
