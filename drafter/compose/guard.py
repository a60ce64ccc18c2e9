"""A user's style folder + the render's variables -> markup text, in a Jinja sandbox that also keeps a budget: no
attribute tricks, no file or module access, no change to drafter's objects; a template that runs too long, or builds
a text or a list too large, is stopped from inside the render; every failure is one located Chinese line (explain)."""

from __future__ import annotations

import contextvars
import functools
import re
import time
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.visitor import NodeTransformer

from drafter.compose.base import gap
from drafter.compose.explain import BudgetExceeded, explain
from drafter.compose.filters import FILTERS, OPTIONS
from drafter.errors import TemplateError

# A render may take this long (a draft takes a few hundredths of a second) …
SECONDS = 10.0
# … and write, or hold in one value, at most this many characters (a draft's markup is some tens of thousands).
CHARACTERS = 2_000_000
# A number a template passes as a width or a count (center, indent, range …) is at most this.
WIDEST = 100_000
# The clock is read every this many steps.
STEPS = 512


class Budget:
    """The time and size one render may use: counted by the guarded environment's hooks, checked from inside."""

    def __init__(self, seconds: float | None = None, characters: int | None = None) -> None:
        self.seconds, self.characters = seconds or SECONDS, characters or CHARACTERS
        self.deadline = time.monotonic() + self.seconds
        self.steps = 0
        self.written = 0

    def tick(self) -> None:
        """One step of the template (a call, an attribute, a loop turn): past the deadline, stop."""
        self.steps += 1
        if self.steps % STEPS == 0 and time.monotonic() > self.deadline:
            raise BudgetExceeded(f"模板运行超过 {self.seconds:g} 秒仍未结束，已停止（可能是循环套得太多或写成了不会结束的递归）")

    def wrote(self, text: str) -> None:
        """Count characters written to the draft."""
        self.written += len(text)
        if self.written > self.characters:
            raise BudgetExceeded(f"模板写出的文字超过 {self.characters} 字，已停止（一篇初稿只有几万字，多半是循环写重复了）")


BUDGET: contextvars.ContextVar[Budget | None] = contextvars.ContextVar("drafter_template_budget", default=None)


def tick() -> None:
    """A step of the current render (none outside a render, when Jinja folds constants while compiling)."""
    budget = BUDGET.get()
    if budget is not None:
        budget.tick()


def measured(value: Any, limit: int = CHARACTERS) -> Any:
    """value, when its characters and items (nested ones counted each time they are reached) stay within limit;
    else BudgetExceeded. Only str, bytes and built-in containers are looked into; the walk stops at the limit."""
    total, stack = 0, [value]
    while stack:
        item = stack.pop()
        if isinstance(item, (str, bytes)):
            total += len(item)
        elif isinstance(item, (list, tuple, set, frozenset)):
            total += 1 + len(item)
            if total <= limit:
                stack.extend(item)
        elif isinstance(item, dict):
            total += 1 + len(item)
            if total <= limit:
                stack.extend(item.keys())
                stack.extend(item.values())
        else:
            total += 1
        if total > limit:
            raise BudgetExceeded(f"模板生成的文字或列表过大（超过 {limit} 个字符或项），已停止")
    return value


def printable(value: Any) -> Any:
    """What a {{ … }} writes: text or a number; an object or a list is a slip (a method without its brackets, a list
    where a loop was meant) and stops the render."""
    from decimal import Decimal

    if isinstance(value, jinja2.Undefined):
        return str(value)  # a name that does not exist: its own error
    if value is None or isinstance(value, (str, int, float, Decimal)):
        return measured(value)
    what = "列表" if isinstance(value, (list, tuple, dict, set)) else "一个对象"
    hint = "是不是要用 for 循环逐项写出？" if what == "列表" else "是不是方法名后少写了括号，如 c.opening.paragraph()？"
    raise BudgetExceeded(f"这里要写出的是{what}，不是文字（{hint}）")


def small_numbers(args: Iterable[Any]) -> None:
    """Refuse a number too large to be a width or a count (center(1000000000), '%999999999d')."""
    for arg in args:
        if isinstance(arg, int) and not isinstance(arg, bool) and abs(arg) > WIDEST:
            raise BudgetExceeded(f"模板中的数 {arg} 过大（作宽度、次数等不能超过 {WIDEST}）")


WIDTH = re.compile(r"(\d{6,})")


def guarded_filter(function: Callable[..., Any]) -> Callable[..., Any]:
    """A filter that counts as a step, takes no huge number and returns nothing too large."""
    @functools.wraps(function)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        tick()
        small_numbers([*args, *kwargs.values()])
        return measured(function(*args, **kwargs))

    return wrapped


def budget_range(*args: int) -> Iterator[int]:
    """range() for templates: at most WIDEST numbers, each a step."""
    numbers = range(*args)
    if len(numbers) > WIDEST:
        raise BudgetExceeded(f"range 的范围过大（{len(numbers)} 个数，上限 {WIDEST}）")
    for n in numbers:
        tick()
        yield n


class Guard(NodeTransformer):
    """Rewrites a parsed template so that every loop turn and every ~ concatenation goes through the environment's
    budget (environment.budget_iter, environment.budget_join: names a template cannot shadow)."""

    def visit_For(self, node: nodes.For) -> nodes.Node:
        """{% for x in seq %} -> {% for x in budget_iter(seq) %}."""
        self.generic_visit(node)
        node.iter = nodes.Call(nodes.EnvironmentAttribute("budget_iter"), [node.iter], [], None, None, lineno=node.lineno)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        """a ~ b -> budget_join([a, b])."""
        self.generic_visit(node)
        items = nodes.List(node.nodes, lineno=node.lineno)
        return nodes.Call(nodes.EnvironmentAttribute("budget_join"), [items], [], None, None, lineno=node.lineno)


class GuardedEnvironment(ImmutableSandboxedEnvironment):
    """The sandbox for a user's templates: Jinja's (no underscore attributes, no unsafe callables, no changes to
    lists or dicts) plus a budget on every call, attribute, operator, filter, loop turn and concatenation."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.globals["range"] = budget_range

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        """Parse, then route loops and concatenation through the budget."""
        tree = super()._parse(source, name, filename)
        Guard().visit(tree)
        tree.set_environment(self)
        return tree

    def budget_iter(self, iterable: Iterable[Any]) -> Iterator[Any]:
        """A loop's items, each turn a step."""
        if isinstance(iterable, jinja2.Undefined):
            iterable = iter(iterable)  # StrictUndefined: fails here with its own message
        for item in iterable:
            tick()
            yield item

    def budget_join(self, items: list[Any]) -> str:
        """a ~ b ~ c, within the size budget."""
        tick()
        return measured("".join(map(str, items)))

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        """Jinja's rule, and no module reached through an attribute."""
        import types

        return super().is_safe_attribute(obj, attr, value) and not isinstance(value, types.ModuleType)

    def call(__self, __context: jinja2.runtime.Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        """A call from the template (a macro, a method, a function): a step, no huge number, no huge result."""
        tick()
        small_numbers([*args, *kwargs.values()])
        if isinstance(__obj, Callable) and getattr(__obj, "__name__", "") in ("format", "format_map") and args:  # type: ignore[arg-type]
            text = str(getattr(__obj, "__self__", ""))
            if WIDTH.search(text):
                raise BudgetExceeded("格式字符串中的宽度或精度过大")
        return measured(super().call(__context, __obj, *args, **kwargs))

    def getattr(self, obj: Any, attribute: str) -> Any:
        """obj.attribute, as a step."""
        tick()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        """obj[argument], as a step."""
        tick()
        return super().getitem(obj, argument)

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any) -> Any:
        """* ** % + within the budget: no power with a large exponent, no text or list made too large."""
        tick()
        if operator == "**" and isinstance(right, (int, float)) and abs(right) > 64:
            raise BudgetExceeded(f"乘方的指数 {right} 过大")
        if operator == "*" and (isinstance(left, (str, list, tuple)) or isinstance(right, (str, list, tuple))):
            count = right if isinstance(left, (str, list, tuple)) else left
            size = len(left) if isinstance(left, (str, list, tuple)) else len(right)
            if isinstance(count, int) and count * size > CHARACTERS:
                raise BudgetExceeded(f"模板生成的文字或列表过大（超过 {CHARACTERS} 个字符或项），已停止")
        if operator == "%" and isinstance(left, str) and WIDTH.search(left):
            raise BudgetExceeded("格式字符串中的宽度或精度过大")
        return measured(super().call_binop(context, operator, left, right))


class Missing(jinja2.StrictUndefined):
    """StrictUndefined whose error carries the object and the name asked for (for 'did you mean')."""

    __slots__ = ()

    def __init__(self, hint: str | None = None, obj: Any = jinja2.utils.missing, name: str | None = None,
                 exc: type[jinja2.TemplateRuntimeError] = jinja2.UndefinedError) -> None:
        super().__init__(hint, obj, name, exc)
        if exc is jinja2.UndefinedError:
            self._undefined_exception = functools.partial(NameMissing, obj=obj, name=name)  # type: ignore[assignment]  # a factory of the same error


class NameMissing(jinja2.UndefinedError):
    """A name or attribute a template asked for that does not exist, with what it was asked of."""

    def __init__(self, message: str, obj: Any = None, name: Any = None) -> None:
        super().__init__(message)
        self.obj, self.name = obj, name


# A template file is a page or two; one larger than this is not a template.
TEMPLATE_LIMIT = 1024 * 1024


class FolderLoader(jinja2.FileSystemLoader):
    """Templates of one style folder, and only of it: a name, or a link, that leads outside the folder (a style
    sent from elsewhere may hold a link to the clerk's own files) is not found; a file too large is refused."""

    def __init__(self, folder: str) -> None:
        super().__init__(folder)
        self.root = Path(folder).resolve()

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        """The template's source, once its real path is known to lie in the folder."""
        from jinja2.loaders import split_template_path

        path = self.root.joinpath(*split_template_path(template)).resolve()
        if not path.is_relative_to(self.root) or not path.is_file():
            raise jinja2.TemplateNotFound(template)
        if path.stat().st_size > TEMPLATE_LIMIT:
            raise BudgetExceeded(f"模板文件 {template} 过大（超过 1 MB），不像是模板")
        return super().get_source(environment, template)


@lru_cache(maxsize=8)
def guarded_environment(folder: str) -> GuardedEnvironment:
    """The environment of one user style folder (its templates only; nothing compiled is cached on disk)."""
    env = GuardedEnvironment(loader=FolderLoader(folder), undefined=Missing, finalize=printable, **OPTIONS)
    env.filters.update(FILTERS)
    env.filters = {name: guarded_filter(f) for name, f in env.filters.items()}
    env.globals.update(gap=gap)
    return env


def render_guarded(folder: Path, template: str, variables: dict[str, Any], budget: Budget | None = None) -> str:
    """Render a user style's entry template within a budget; any failure is a TemplateError of one located line."""
    env = guarded_environment(str(folder))
    token = BUDGET.set(budget or Budget())
    try:
        out: list[str] = []
        current = BUDGET.get()
        assert current is not None
        for chunk in env.get_template(template).generate(variables):
            current.wrote(chunk)
            out.append(chunk)
        return "".join(out)
    except TemplateError:
        raise
    except (Exception, RecursionError, MemoryError) as exc:
        raise TemplateError(explain(exc, folder, template, env)) from None
    finally:
        BUDGET.reset(token)

