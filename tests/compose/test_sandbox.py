"""The sandbox keeps Jinja's verdicts (per type and attribute name, per bound method's function) without changing them."""

from __future__ import annotations

import jinja2
import pytest
from jinja2.sandbox import SecurityError, unsafe

from drafter.compose.render import Sandbox


class Thing:
    def fine(self) -> str:
        return "ok"

    @unsafe
    def harmful(self) -> str:
        return "done"

    def deletes(self) -> str:
        return "gone"

    deletes.alters_data = True  # type: ignore[attr-defined]


def test_an_unsafe_method_is_refused_every_time_and_a_safe_one_called() -> None:
    env = Sandbox(undefined=jinja2.StrictUndefined)
    fine = env.from_string("{{ t.fine() }}")
    for name in ("harmful", "deletes"):
        template = env.from_string("{{ t." + name + "() }}")
        for _ in range(2):  # the second time from the kept verdict
            with pytest.raises(SecurityError):
                template.render(t=Thing())
    assert [fine.render(t=Thing()) for _ in range(2)] == ["ok", "ok"]


class Passing:
    @jinja2.pass_context
    def context(self, ctx: jinja2.runtime.Context, word: str) -> str:
        return f"{ctx['who']}:{word}"

    @jinja2.pass_environment
    def environment(self, env: jinja2.Environment) -> str:
        return type(env).__name__

    def plain(self, word: str, twice: bool = False) -> str:
        return word * (2 if twice else 1)

    def stops(self) -> str:
        raise StopIteration


def test_a_method_is_called_as_jinja_calls_it_the_first_time_and_every_time_after() -> None:
    source = ("{{ p.context('a') }} {{ p.environment() }} {{ p.plain('b', twice=true) }} [{{ p.stops() }}]"
              "{% for x in [1] %}{{ p.plain('c') }}{% endfor %}")
    env = Sandbox()
    template = env.from_string(source)
    expected = jinja2.sandbox.SandboxedEnvironment().from_string(source).render(p=Passing(), who="w")
    assert expected == "w:a SandboxedEnvironment bb []c"
    assert [template.render(p=Passing(), who="w") for _ in range(3)] == [expected.replace("SandboxedEnvironment", "Sandbox")] * 3
    assert {f.__name__: v for f, v in env.direct.items()} == {"context": False, "environment": False, "plain": True, "stops": True}


@pytest.mark.parametrize("source", [
    '{{ "{0.__class__}".format(1) }}',  # a format string reaching for an attribute: Jinja's formatter refuses it
    '{{ "{0}".format(1) }}|{{ "{x}".format_map({"x": 2}) }}|{{ s.format(3) }}',
    "{{ d.missing }}|{{ d.key }}|{{ t.fine() }}|{{ t.fine }}",
    "{{ t.__class__ }}|{{ t.fine.__func__ }}|{{ (1).real }}|{{ s.upper() }}",
])
def test_attributes_read_as_in_jinjas_sandbox(source: str) -> None:
    values = {"s": "a{0}", "d": {"key": "v"}, "t": Thing()}
    expected = jinja2.sandbox.SandboxedEnvironment().from_string(source).render(values)
    env = Sandbox()
    assert [env.from_string(source).render(values) for _ in range(2)] == [expected, expected]


def test_an_unsafe_attribute_is_refused_under_strict_undefined() -> None:
    env = Sandbox(undefined=jinja2.StrictUndefined)
    with pytest.raises(SecurityError):
        env.from_string("{{ t.__class__ }}").render(t=Thing())
