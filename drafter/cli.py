"""Command line: parse options, call the library, turn a DrafterError into Chinese lines and exit 1."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from drafter import __version__
from drafter.errors import DrafterError

app = typer.Typer(
    help="drafter：乡镇年度工作总结和工作计划起草助手。填写一个 YAML 数据文件，生成符合公文格式的 Word 初稿。",
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
)


def fail(exc: DrafterError) -> None:
    """Print a DrafterError as Chinese lines on stderr and exit 1."""
    typer.echo(f"错误：{exc}" if len(exc.problems) == 1 else f"错误（共 {len(exc.problems)} 处）：\n{exc}", err=True)
    raise typer.Exit(1)


def version_callback(value: bool) -> None:
    """--version: print the version and stop."""
    if value:
        typer.echo(f"drafter {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(False, "--version", callback=version_callback, is_eager=True, help="显示版本号并退出。"),
) -> None:
    """drafter：乡镇年度工作总结和工作计划起草助手。"""


@app.command()
def mine(
    corpus: Optional[List[Path]] = typer.Argument(None, help="语料：报告文件（.txt/.docx）或目录，默认为当前目录下的 seeds/。"),
    out: Path = typer.Option(Path("phrasebank"), "--out", "-o", help="短语库输出目录。"),
) -> None:
    """从往年报告中挖掘短语库和章节骨架（写入 --out 目录）。"""
    from drafter.mine.report import run_mine

    try:
        run_mine(corpus or [Path("seeds")], out)
    except DrafterError as exc:
        fail(exc)
