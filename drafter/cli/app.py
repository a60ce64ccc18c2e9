"""The command line's app and its one error boundary (a DrafterError -> Chinese lines and exit 1; anything unexpected
-> one Chinese line and a log file), with `build`, the command a clerk runs most; drafter.cli.main adds the other
commands to the same app. `drafter build …` imports this module alone (the others' options cost a cold build half a
millisecond to declare), any other command line the whole app (drafter.cli.start)."""

import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import typer

from drafter import __version__
from drafter.cli import zh as clizh
from drafter.cli.collector import importing
from drafter.cli.zh import say
from drafter.errors import DrafterError

clizh.install()

T = TypeVar("T")

app = typer.Typer(
    help="drafter：乡镇年度工作总结和工作计划起草助手。填写一个 YAML 数据文件，生成符合公文格式的 Word 初稿。",
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
)


def fail(exc: DrafterError) -> None:
    """Print a DrafterError as Chinese lines on stderr and exit 1."""
    say(f"错误：{exc}" if len(exc.problems) == 1 else f"错误（共 {len(exc.problems)} 处）：\n{exc}", err=True)
    raise typer.Exit(1)


def call(action: Callable[[], T]) -> T:
    """Run a command's work: drafter's errors become their Chinese lines (exit 1); anything unexpected becomes
    one Chinese line, with the traceback saved to a log file rather than shown (DRAFTER_DEBUG=1 re-raises)."""
    try:
        return action()
    except DrafterError as exc:
        fail(exc)
    except KeyboardInterrupt:
        say("已中断，没有写入任何文件。", err=True)
        raise typer.Exit(130) from None
    except BrokenPipeError:
        pipe_closed()
        raise typer.Exit(1) from None
    except Exception as exc:
        if os.environ.get("DRAFTER_DEBUG"):
            raise
        from drafter.files.crashlog import save_traceback  # (imported only when it is needed)

        log = save_traceback(exc)
        where = f"详细信息已保存到 {log}，" if log else ""
        say(f"内部错误：drafter 遇到了意外情况（{type(exc).__name__}），没有写入任何文件。{where}"
                   "请把它和你的数据文件一起发给维护者。", err=True)
        raise typer.Exit(1) from None
    raise AssertionError("unreachable")


def pipe_closed() -> None:
    """Output piped to a reader that has gone: say so on stderr (not that nothing was written: it may have been), and
    let the interpreter's last flush go nowhere instead of failing again."""
    import sys

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    print("输出已被关闭（接收输出的程序已退出），其余输出没有显示。", file=sys.stderr)


def version_callback(value: bool) -> None:
    """--version: print the version and stop."""
    if value:
        say(f"drafter {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(False, "--version", callback=version_callback, is_eager=True, help="显示版本号并退出。"),
) -> None:
    """drafter：乡镇年度工作总结和工作计划起草助手。"""


STYLE_HELP = "文稿样式：numbered（分条式）、topical（要点式）、congress（报告式）。"


@app.command()
def build(
    towns: list[Path] = typer.Argument(..., metavar="数据文件...", help="乡镇数据文件（YAML），可写多个，或写一个目录（其中所有 .yaml 文件）。"),
    style: str = typer.Option("numbered", "--style", "-s", metavar="<样式>", help=STYLE_HELP),
    out: Path | None = typer.Option(None, "--out", "-o", help="输出文件，默认与数据文件同名同目录。"),
    seed: int | None = typer.Option(None, "--seed", help="措辞选择的随机种子；默认由乡镇名决定，重复生成结果相同。"),
    fmt: str = typer.Option("docx", "--format", "-f", metavar="<格式>", help="输出格式：docx、md 或 txt。"),
    reference_doc: Path | None = typer.Option(None, "--reference-doc", help="参考 Word 文档：其中的同名样式和页面设置优先。"),
    phrasebank: Path | None = typer.Option(None, "--phrasebank", help="自己挖掘的短语库目录（drafter mine 的输出）。"),
    force: bool = typer.Option(False, "--force", help="覆盖已存在且被修改过的文件。"),
    strict: bool = typer.Option(False, "--strict", help="数据缺项时报错，而不是在初稿中标注【待补充】。"),
    annotate: bool = typer.Option(False, "--annotate", help="为每个数字添加 Word 批注，注明它来自数据文件的哪一项或如何算出。"),
    toc: bool = typer.Option(False, "--toc", help="在标题后插入目录（长篇报告用；在 Word 或 WPS 中更新域后生成）。"),
    out_dir: Path | None = typer.Option(None, "--out-dir", help="批量生成时的输出目录，默认与各数据文件同目录。"),
    jobs: int = typer.Option(0, "--jobs", "-j", metavar="<整数>", help="批量生成时同时运行的进程数，默认为本机的处理器核数。"),
    figures: Path | None = typer.Option(None, "--figures", help="全县统计表（.xlsx，每个乡镇一行）：从中填入各乡镇主要指标的本年、上年、目标数。"),
    mapping: list[str] | None = typer.Option(None, "--map", metavar="<表中名称=数据文件中名称>", help="统计表中的指标名称与数据文件中不同时的对应，可写多次。"),
) -> None:
    """根据乡镇数据文件生成工作总结和工作计划初稿。

    写多个数据文件或一个目录时批量生成：逐个显示进度，某个文件有错时报告后继续，最后列出一张汇总表；
    有文件失败时退出码为 1。"""
    with importing():
        from drafter.build.draft import BuildOptions
        from drafter.build.draft import build as run_build
        from drafter.compose.style import load_style

    call(lambda: load_style(style))  # a bad style is said once, before any town is built
    options = BuildOptions(style, out, seed, fmt, reference_doc, phrasebank, force, strict, annotate, toc, figures,
                           parse_mapping(mapping or []))
    if len(towns) > 1 or towns[0].is_dir() or out_dir is not None:
        if out is not None:
            fail(DrafterError("批量生成时不能用 --out，请用 --out-dir 指定输出目录"))
        from drafter.cli.batch import run as run_batch

        outcomes = call(lambda: run_batch(towns, options, out_dir, jobs or os.cpu_count() or 1))
        if not outcomes:
            fail(DrafterError(f"没有找到数据文件（.yaml）：{'、'.join(map(str, towns))}"))
        if any(o.interrupted for o in outcomes):
            say(f"已中断：已生成的 {sum(o.ok for o in outcomes)} 篇完整保留，其余没有生成，也没有留下写了一半的文件。", err=True)
            raise typer.Exit(130)
        if any(not o.ok for o in outcomes):
            raise typer.Exit(1)
        return
    town = towns[0]
    result = call(lambda: run_build(town, options))
    for warning in result.warnings:
        say(warning, err=True)
    gaps = f"，{result.gaps} 处【待补充】" if result.gaps else ""
    say(f"已生成：{result.path}（{result.label}，{result.chars} 字{gaps}）")


def parse_mapping(pairs: list[str]) -> tuple[tuple[str, str], ...]:
    """--map 表中名称=数据文件中名称 (several) -> ((sheet name, town file name), …)."""
    out = []
    for pair in pairs:
        sheet_name, sep, town_name = pair.partition("=")
        if not sep or not sheet_name.strip() or not town_name.strip():
            fail(DrafterError(f"--map 应写成 表中名称=数据文件中名称，如 --map 工业总产值=规上工业总产值（收到“{pair}”）"))
        out.append((sheet_name.strip(), town_name.strip()))
    return tuple(out)
