"""levels() reads the levels of government a text names by hand; it finds what the three patterns that define it
find (compose/base.py), on texts made of the characters they look at."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.compose.base import levels

RUN = re.compile(r"[省市县](?:、?[省市县])+")
BODY = re.compile(r"(?<![城都超集门社园景小片辖街夜菜花灯坊校矿库])([省市县区州旗])(?=委|政府|人大|政协|级|里)")
WHOLE = re.compile(r"全([县市])")
ALPHABET = "省市县区州旗、全委政府人大协级里城都超集门社园景小片辖街夜菜花灯坊校矿库乡镇中a，"


def by_patterns(text: str) -> frozenset[str]:
    found = {c for m in RUN.finditer(text) for c in m.group(0) if c in "省市县区州旗"}
    return frozenset(found | {m.group(1) for m in BODY.finditer(text)} | {m.group(1) for m in WHOLE.finditer(text)})


@settings(max_examples=3000)
@given(st.text(alphabet=ALPHABET, max_size=14))
def test_levels_finds_what_the_patterns_find(text: str) -> None:
    assert levels.__wrapped__(text) == by_patterns(text)


def test_levels_of_the_sentences_a_report_writes() -> None:
    cases = {"省市县委全会精神": {"省", "市", "县"}, "城市建设": set(), "省、市各项决策部署": {"省", "市"}, "全县上下": {"县"},
             "县委、县政府": {"县"}, "超市和社区": set(), "市级示范": {"市"}, "景区提升": set(), "自治区党委": set(),
             "旗委": {"旗"}, "省、、市": set(), "": set()}
    for text, want in cases.items():
        assert levels(text) == want == by_patterns(text), text
