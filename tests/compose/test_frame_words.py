"""The frame's sentences that drafter puts together from parts ({parts: …}): each part is chosen apart, so every
option of a part must read well beside every option of the next. In sentences.yaml none says a word of its
neighbour's again (对上述问题，我们将坚持问题导向; 我们将认真研究，逐项研究对策、认真整改); in both files the plan's overall
requirements say nothing of their idioms of resolve or of the county's clause again (奋力进取、攻坚克难，奋力开创…;
推动全镇经济社会高质量发展，为临溪县高质量发展贡献…). frame.yaml's formulas keep their own repeats (我代表镇人民政府，
向大会作政府工作报告; 看到成绩的同时，我们也清醒地看到), as real reports have them."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from drafter.compose.base import run_set
from drafter.compose.phrases import load_bank
from drafter.compose.wording import data_root, read_yaml

CJK_PAIR = re.compile(r"[\u4e00-\u9fff]{2}")
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


def runs(text: str, length: int) -> set[str]:
    """Every run of length characters of text outside its slots (a slot's words are the town file's)."""
    return {run for piece in SLOT.split(text) for run in run_set(piece, length)}


def words(text: str) -> set[str]:
    """Every two-character run of Chinese in text, its slots left out."""
    return {run for run in runs(text, 2) if CJK_PAIR.fullmatch(run)}


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


def test_the_requirements_say_nothing_of_their_resolve_or_the_countys_clause_again():
    sentences = read_yaml(data_root() / "sentences.yaml")
    templates = {"sentences.yaml plan.requirements": sentences["plan"]["requirements"]["parts"],
                 "frame.yaml guiding": read_yaml(data_root() / "frame.yaml")["guiding"]["parts"]}
    resolve = [e["text"] for e in load_bank(None).role("openings", "other") if len(e["text"]) == 4]  # (Opening.resolve)
    county = sentences["plan"]["county"]
    assert resolve and "{县贡献}" in str(templates)
    repeats = []
    for where, parts in templates.items():
        for these, those in itertools.pairwise(parts):
            for a, b in itertools.product(these, those):
                if a.endswith("{决心}，"):
                    repeats += [f"{where}: {idiom} + {b}" for idiom in resolve if words(idiom) & words(b)]
                if b == "{县贡献}" and runs(a, 3) & runs(county, 3):
                    repeats.append(f"{where}: {a} + {county}")
    assert not repeats, "\n".join(repeats)


def test_a_repeat_is_caught():
    assert words("我们将认真研究") & words("，逐项研究对策、认真整改。") == {"认真", "研究"}
    assert words("{年}年各项工作虽有成效，") == {"年各", "各项", "项工", "工作", "作虽", "虽有", "有成", "成效"}
