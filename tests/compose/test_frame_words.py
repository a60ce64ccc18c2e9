"""The frame's sentences that drafter puts together from parts (sentences.yaml, {parts: …}): each part is chosen
apart, so every option of a part must read well beside every option of the next; none says a word of its neighbour's
again (对上述问题，我们将坚持问题导向; 我们将认真研究，逐项研究对策、认真整改)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from drafter.compose.wording import data_root, read_yaml

CJK_PAIR = re.compile(r"(?=([\u4e00-\u9fff]{2}))")
SLOT = re.compile(r"\{[^}]*\}")


def put_together(node: object, path: str = "") -> Iterator[tuple[str, list[list[str]]]]:
    """Every {parts: [[…], […], …]} template in node, with where it is."""
    if isinstance(node, dict):
        if isinstance(node.get("parts"), list):
            yield path, node["parts"]
        for key, value in node.items():
            if key != "parts":
                yield from put_together(value, f"{path}.{key}" if path else str(key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from put_together(value, f"{path}[{i}]")


def words(text: str) -> set[str]:
    """Every two-character run of Chinese in text, its slots left out (a slot's words are the town file's)."""
    return {m.group(1) for piece in SLOT.split(text) for m in CJK_PAIR.finditer(piece)}


def test_the_templates_are_found():
    found = dict(put_together(read_yaml(data_root() / "sentences.yaml")))
    assert {"problems.intro", "problems.transition", "plan.requirements"} <= found.keys()


def test_no_part_says_a_word_of_the_next_part_again():
    repeats = []
    for where, parts in put_together(read_yaml(data_root() / "sentences.yaml")):
        for i, (these, those) in enumerate(itertools.pairwise(parts)):
            for a, b in itertools.product(these, those):
                if shared := words(a) & words(b):
                    repeats.append(f"{where} parts {i}/{i + 1}: {a} + {b} ({'、'.join(sorted(shared))})")
    assert not repeats, "\n".join(repeats)


def test_a_repeat_is_caught():
    assert words("我们将认真研究") & words("，逐项研究对策、认真整改。") == {"认真", "研究"}
    assert words("{年}年各项工作虽有成效，") == {"年各", "各项", "项工", "工作", "作虽", "虽有", "有成", "成效"}
