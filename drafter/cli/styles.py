"""`drafter styles` front end: the built-in styles listed, a style folder tried out (its part headings, size, gaps)."""

from __future__ import annotations

from pathlib import Path

from drafter.cli.zh import say


def show() -> None:
    """Print the built-in styles, each with its short name and description."""
    from drafter.compose.style import BUILTIN, load_style

    for name in BUILTIN:
        spec = load_style(name).spec
        say(f"{name:<10}{spec.label}：{spec.description}")
    say("也可以用自己的样式：drafter styles export numbered 我县提纲/ 导出后修改，生成时写 --style 我县提纲/")


def trial(folder: Path, town_path: Path | None) -> tuple[list[str], int, int, str]:
    """Render a town file (the scaffold's example by default) in a style folder: its part headings, characters,
    placeholders and the style's label."""
    from drafter.build.draft import BuildOptions, draft_markup
    from drafter.compose.style import load_style
    from drafter.files.resources import DATA
    from drafter.markup import parse
    from drafter.town.load import load_town

    style = load_style(str(folder))
    town = load_town(town_path or DATA / "scaffold.yaml")
    blocks = parse(draft_markup(town, BuildOptions(style=str(folder))))
    top = "division" if any(b.kind == "division" for b in blocks) else "h1"  # the parts' headings, not the sections'
    parts = [b.text for b in blocks if b.kind == top]
    gaps = sum(1 for b in blocks for s in b.spans if s.kind == "gap")
    return parts, sum(len(b.text) for b in blocks), gaps, style.label
