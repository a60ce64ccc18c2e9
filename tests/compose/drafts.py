"""Drafts to read wording over: the examples and bench/realistic's towns in every style, seeds 1-3 (markup, in this
process, so that a test's patched composer sees every choice it makes)."""

from __future__ import annotations

from drafter.build.draft import BuildOptions, draft_markup, load_town
from drafter.compose.render import STYLES
from tests.conftest import ROOT

SEEDS = (1, 2, 3)


def draft_every_example() -> int:
    """Make the markup of each example and realistic town in every style and seed; how many drafts were made."""
    towns = sorted((ROOT / "examples").glob("*.yaml")) + sorted((ROOT / "bench" / "realistic").glob("*.yaml"))
    made = 0
    for path in towns:
        town = load_town(path)
        for style in STYLES:
            for seed in SEEDS:
                draft_markup(town, BuildOptions(style=style, seed=seed))
                made += 1
    return made
