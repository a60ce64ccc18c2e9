"""Issue #19.5: check counts copying right — a canonical formula wrapped in a seed's own words is measured on those
words (both sides together), and drafter's own title is never a copy."""

from __future__ import annotations

import pytest

from drafter.check.audit import audit
from drafter.check.overlap import canonical_formulas, corpus_spans
from drafter.compose.phrases import load_bank
from drafter.compose.render import render
from drafter.markup import parse
from drafter.mine.corpus import corpus_files, read_document
from drafter.town.load import load_town
from tests.conftest import SEEDS, write

FORMULA = "以习近平新时代中国特色社会主义思想为指导"  # canonical, 20 characters
BEFORE = "紧紧围绕建设美丽幸福新乡村目标"  # a seed's own words, 15 characters
AFTER = "，坚持把项目建设作为第一抓手不放松"  # and 17 more


@pytest.fixture(scope="module")
def seeds():
    return [read_document(p) for p in corpus_files([SEEDS])]


@pytest.fixture
def wrapped(tmp_path):
    """A corpus report with one line that wraps the canonical formula in its own words on both sides."""
    body = "\n".join(["某乡2024年工作总结", BEFORE + FORMULA + AFTER + "。"] + ["全乡各项工作稳步推进，群众满意度持续提升。"] * 20)
    path = tmp_path / "seed.txt"
    path.write_text(body, "utf-8")
    return [read_document(path)]


def test_a_formula_wrapped_in_a_seeds_words_is_measured_on_those_words_together(wrapped):
    assert FORMULA in canonical_formulas()
    found, longest = corpus_spans(["今年以来，" + BEFORE + FORMULA + AFTER + "。"], wrapped, list(canonical_formulas()), 20)
    assert longest == len(BEFORE) + len(AFTER) + 1  # 33: the formula does not count, nor does it cut the copy in two
    assert [text for _, text, _ in found] == [BEFORE + FORMULA + AFTER + "。"]


def test_the_formula_with_a_few_words_of_its_own_is_no_copy(wrapped):
    found, longest = corpus_spans(["全乡上下" + FORMULA + AFTER[:6]], wrapped, list(canonical_formulas()), 20)
    assert found == [] and longest == 6  # ，坚持把项目
    alone, nothing = corpus_spans([FORMULA], wrapped, list(canonical_formulas()), 20)
    assert alone == [] and nothing == 0


def test_the_towns_own_words_inside_a_shared_span_do_not_count(wrapped):
    own = BEFORE + FORMULA  # the clerk wrote these words in the town file
    found, longest = corpus_spans([own + AFTER], wrapped, [own, *canonical_formulas()], 20)
    assert found == [] and longest == len(AFTER)


@pytest.mark.parametrize("style", ["numbered", "topical", "congress"])
def test_drafters_title_is_never_a_copy(tmp_path, seeds, style):
    # seed 003's title is 斋坛乡2022年工作总结和2023年工作计划: 乡 and the year formula make exactly 20 characters
    town = load_town(write(tmp_path, "town: 青山乡\nyear: 2022\nsuperior: 县委、县政府\n"))
    paragraphs = [b.text for b in parse(render(town, load_bank(), style, 1))]
    assert paragraphs[0].replace("\n", "") == "青山乡2022年工作总结和2023年工作计划"
    result = audit(town, paragraphs, seeds, "draft")
    assert not [f for f in result.originality if "工作总结和2023年工作计划" in f.text], result.originality
    assert result.longest < 20
    broken = audit(town, ["青山乡2022年工作总结\n和2023年工作计划", *paragraphs[1:]], seeds, "draft")  # as Word reads it
    assert broken.originality == [] or all("工作计划" not in f.text for f in broken.originality)
