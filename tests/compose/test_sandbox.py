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
