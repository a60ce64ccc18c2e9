"""`drafter styles` front end: the built-in styles listed, one exported, a style folder tried out (its part headings, size, gaps)."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import typer

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


def styles_app(call: Callable[[Callable[[], Any]], Any]) -> typer.Typer:
    """The `drafter styles` group (list, export, check), its work run through the CLI's error boundary call."""
    app = typer.Typer(help="文稿样式：列出内置样式；export 把一个样式导出到文件夹供修改；check 检查一个样式文件夹。",
                      add_completion=False, rich_markup_mode=None)

    @app.callback(invoke_without_command=True)
    def styles(ctx: typer.Context) -> None:
        """列出可选的文稿样式；export 导出一个样式供修改，check 检查改好的样式文件夹。"""
        if ctx.invoked_subcommand is None:
            call(show)

    @app.command("list")
    def styles_list() -> None:
        """列出内置的文稿样式。"""
        call(show)

    @app.command("export")
    def styles_export(
        name: str = typer.Argument(..., metavar="样式", help="要导出的样式：numbered、topical、congress、report，或一个样式文件夹。"),
        folder: Path = typer.Argument(..., metavar="文件夹", help="导出到的文件夹（新建；已有且不是空的需加 --force）。"),
        force: bool = typer.Option(False, "--force", help="文件夹不是空的也写入（只覆盖导出的同名文件，别的文件不动）。"),
    ) -> None:
        """把一个样式导出到文件夹：style.yaml、模板和一份中文说明（README.md），改好后用 --style 文件夹/ 生成。"""
        from drafter.init.style import export_style

        written = call(lambda: export_style(name, folder, force))
        say(f"已导出样式“{name}”到 {folder}：{'、'.join(p.name for p in written)}。")
        say(f"先读 {folder / 'README.md'}；改好后运行：drafter styles check {folder}/，再 drafter build 数据文件.yaml --style {folder}/")

    @app.command("check")
    def styles_check(
        folder: Path = typer.Argument(..., metavar="样式文件夹", help="要检查的样式文件夹（其中有 style.yaml 和模板）。"),
        town: Path | None = typer.Option(None, "--town", metavar="<数据文件>", help="用这个数据文件试生成；默认用 drafter init 的示例数据。"),
    ) -> None:
        """检查一个样式文件夹：读取 style.yaml，用示例数据（或 --town）试生成一遍，列出各部分的标题；有错时指出文件和行。"""
        parts, chars, gaps, label = call(lambda: trial(folder, town))
        say(f"样式可用：{label}，共 {len(parts)} 个部分：{' '.join(parts) or '（没有部分标题）'}")
        say(f"试生成 {chars} 字，{gaps} 处【待补充】。")

    return app
