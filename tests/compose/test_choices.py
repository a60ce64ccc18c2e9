"""The seeded choices: phrases.shuffle is random.shuffle, draw for draw."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.compose.phrases import below, shuffle


@settings(max_examples=300, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**64), size=st.integers(min_value=0, max_value=300))
def test_shuffle_orders_as_random_shuffle_does_and_leaves_the_generator_where_it_does(seed: int, size: int) -> None:
    ours, theirs = random.Random(seed), random.Random(seed)
    mine, reference = list(range(size)), list(range(size))
    shuffle(ours, mine)
    theirs.shuffle(reference)
    assert mine == reference
    assert ours.getstate() == theirs.getstate()


@settings(max_examples=300, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**64), bound=st.integers(min_value=1, max_value=2**70))
def test_below_draws_as_randrange_does(seed: int, bound: int) -> None:
    ours, theirs = random.Random(seed), random.Random(seed)
    assert [below(ours, bound) for _ in range(5)] == [theirs.randrange(bound) for _ in range(5)]
    assert ours.getstate() == theirs.getstate()


def test_lengths_at_powers_of_two_where_draws_are_refused_most() -> None:
    for size in (2, 3, 4, 5, 8, 9, 16, 17, 64, 65, 1024, 1025):
        for seed in range(20):
            ours, theirs = random.Random(seed), random.Random(seed)
            mine, reference = list(range(size)), list(range(size))
            shuffle(ours, mine)
            theirs.shuffle(reference)
            assert (mine, ours.random()) == (reference, theirs.random())


def test_a_six_character_run_is_kept_from_a_third_use_counting_repeats_inside_one_phrase() -> None:
    from drafter.compose.composer import Composer
    from drafter.compose.phrases import Chooser, load_bank
    from drafter.town.load import load_town
    from tests.conftest import EXAMPLES

    ctx = Composer(load_town(EXAMPLES / "青石镇.yaml"), load_bank(), Chooser(1), "numbered").ctx
    run = "持续推进乡村振兴"
    assert ctx.novel(run)
    ctx.wrote(run)
    assert ctx.novel("全面" + run)  # once placed: a second use is allowed
    ctx.wrote("全面" + run)
    assert not ctx.novel(run + "工作")  # twice placed: a third is not
    assert ctx.novel("深化农村改革")
    ctx.wrote("深化农村改革，深化农村改革")  # twice in one phrase
    assert not ctx.novel("继续深化农村改革")
