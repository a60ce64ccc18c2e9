"""Command line: parse options, call the library, turn a DrafterError into Chinese lines and exit 1; anything
unexpected into one Chinese line and a log file."""

import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import typer

from drafter import __version__
from drafter.cli import zh as clizh
from drafter.cli.collector import importing
from drafter.cli.styles import styles_app
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


@app.command()
def check(
    town: Path = typer.Argument(..., metavar="数据文件", help="乡镇数据文件（YAML）。"),
    draft: Path | None = typer.Argument(None, metavar="[初稿]", help="要检查的初稿（.docx/.md/.txt）；默认为数据文件同名的 .docx，没有则即时生成。"),
    corpus: list[Path] | None = typer.Option(None, "--corpus", help="另加的语料（往年报告的文件或目录），与自带的样本报告一起比对。"),
    min_overlap: int = typer.Option(20, "--min-overlap", help="与语料逐字相同达到多少字即列出。"),
    style: str = typer.Option("numbered", "--style", "-s", metavar="<样式>", help="没有初稿文件时，即时生成所用的样式（全县检查时，初稿没有记下样式的按它算：样式中固定的句子不算雷同）。"),
    seed: int | None = typer.Option(None, "--seed", help="没有初稿文件时，即时生成所用的种子。"),
    as_json: bool = typer.Option(False, "--json", help="以 JSON 输出，便于程序处理。"),
    figures: Path | None = typer.Option(None, "--figures", help="生成时用过的全县统计表（.xlsx）：按表中的数核对。"),
    last_year: Path | None = typer.Option(None, "--from", metavar="<去年的报告>", help="去年的报告：与它逐字相同的片段也列出（默认取数据文件中写的去年报告）。"),
    mapping: list[str] | None = typer.Option(None, "--map", metavar="<表中名称=数据文件中名称>", help="统计表中的指标名称与数据文件中不同时的对应。"),
    word_format: bool = typer.Option(False, "--format", help="只检查一个 Word 文件的格式能否在 WPS 和 Word 中正常显示（目录、页码、表格、编号、样式、字体）：drafter check --format 初稿.docx"),
) -> None:
    """检查初稿：数字是否都有来源、数据是否都已写入、有无照抄、有无未补齐的【待补充】。

    加 --format 时第一个参数写 Word 文件，只检查它的格式（WPS 和 Word 能否正常显示目录、页码、表格等）。

    第一个参数写一个目录时检查全县：目录中每个数据文件对应的初稿（在第二个参数给出的目录中，默认同目录）各自检查，
    并比对各乡镇初稿之间有无相同的长片段。

    全部通过时退出码为 0，有检查未通过时为 2，输入有误时为 1。"""
    if word_format:
        from drafter.cli.wordcheck import run_format_check

        if call(lambda: run_format_check(town, as_json)).failed:
            raise typer.Exit(2)
        return
    from drafter.cli.check import run_check, run_county_check

    sheet = None
    if figures is not None:
        from drafter.town.sheet import load_sheet

        pairs = parse_mapping(mapping or [])
        sheet = call(lambda: load_sheet(figures, pairs))
    if town.is_dir():
        if call(lambda: run_county_check(town, draft, corpus or [], min_overlap, as_json, sheet, style)):
            raise typer.Exit(2)
        return

    result = call(lambda: run_check(town, draft, corpus or [], min_overlap, style, seed, as_json, sheet, last_year))
    if result.failed:
        raise typer.Exit(2)


@app.command()
def update(
    town: Path = typer.Argument(..., metavar="数据文件", help="更新后的乡镇数据文件（YAML）。"),
    draft: Path = typer.Argument(..., metavar="初稿", help="已经修改过的 Word 初稿（.docx，由 drafter build 生成）。"),
    out: Path | None = typer.Option(None, "--out", "-o", help="输出文件，默认为“初稿名（更新）.docx”；原初稿不动。"),
    in_place: bool = typer.Option(False, "--in-place", help="直接更新原初稿（先备份为“初稿名.备份.docx”）。"),
    track: bool = typer.Option(False, "--track", help="以修订（修订模式）写入每处改动，作者为 drafter，可在 Word 或 WPS 中逐条接受。"),
    force: bool = typer.Option(False, "--force", help="手工改过的数字也强制更新，并允许覆盖已存在的输出文件。"),
    style: str | None = typer.Option(None, "--style", "-s", metavar="<样式>", help="重算数字所用的样式；默认为初稿中记录的样式（样式文件夹移动过时用它指明）。"),
) -> None:
    """把数据文件中的新数字写进已经修改过的初稿，其余内容保持原样。

    只改 drafter 写入的数字，以及随之变化的同比、完成率和“增长/下降/持平”；你改过的文字、格式、批注都不动。
    被手工改写、删除或移动过的数字不会被覆盖，而是逐条列出。

    全部更新时退出码为 0，有未能更新、需要手工处理的地方时为 2，输入有误时为 1。"""
    from drafter.cli.update import run_update
    from drafter.update.apply import UpdateOptions

    if in_place and out is not None:
        fail(DrafterError("--in-place 与 --out 不能同时使用"))
    report = call(lambda: run_update(town, draft, UpdateOptions(out, in_place, track, force, style=style), say))
    if report.left:
        raise typer.Exit(2)


@app.command()
def init(
    path: Path | None = typer.Argument(None, metavar="[数据文件]", help="要生成的数据文件路径（不加 --from 时默认 town.yaml）。"),
    source: Path | None = typer.Option(None, "--from", metavar="<去年的报告>",
                                          help="从去年的报告开始（.docx、.doc、.pdf、.txt 或从网页复制的文字）：预填乡镇信息、各节各项、上年指标数和去年的计划。"),
    force: bool = typer.Option(False, "--force", help="覆盖已存在的文件。"),
) -> None:
    """生成一个带中文注释的乡镇数据文件模板；加 --from 则从去年的报告开始。"""
    from drafter.init.scaffold import write_from_last_year, write_scaffold

    if source is not None:
        if path is None:
            fail(DrafterError(f"缺少参数：要生成的数据文件名（今年的数据文件）。例如：drafter init 2025.yaml --from {source}"))
        target = path or Path("town.yaml")
        written = call(lambda: write_from_last_year(target, source, force))
        say(f"已从去年的报告生成：{written}。请核对注释中标明的各项，填入今年的事实和数字后运行：drafter build {written}")
        return
    written = call(lambda: write_scaffold(path or Path("town.yaml"), force))
    say(f"已生成模板：{written}。按注释填写后运行：drafter build {written}")


@app.command()
def fonts() -> None:
    """列出公文用的字体（方正小标宋简体、仿宋、楷体、黑体、宋体等）本机有没有，缺少时 Word 和 WPS 会显示成什么，以及怎么安装。"""
    from drafter.cli.fonts import run_fonts

    call(run_fonts)


app.add_typer(styles_app(call), name="styles")


@app.command()
def mine(
    corpus: list[Path] | None = typer.Argument(None, metavar="[语料]...", help="语料：报告文件（.txt/.docx）或目录，默认为当前目录下的 seeds/。"),
    out: Path = typer.Option(Path("phrasebank"), "--out", "-o", help="短语库输出目录。"),
) -> None:
    """从往年报告中挖掘短语库和章节骨架（写入 --out 目录）。"""
    from drafter.cli.mine import run_mine

    call(lambda: run_mine(corpus or [Path("seeds")], out))


def command_app(argv: list[str]) -> typer.Typer:
    """The app that parses argv: for `drafter <command> …` one that holds that command alone (typer makes a click
    command of every command an app holds, on every start: 2-3 ms; a command's options, help and errors are its own),
    the whole app for anything else (no command, an option first, a name it does not know)."""
    import copy

    name = argv[1] if len(argv) > 1 else ""
    commands = [c for c in app.registered_commands if c.callback and (c.name or c.callback.__name__) == name]
    groups = [g for g in app.registered_groups if g.name == name]
    if not commands and not groups:
        return app
    one = copy.copy(app)
    one.registered_commands, one.registered_groups = commands, groups
    return one


def run() -> None:
    """The `drafter` command: the CLI, then a quick exit (every object is left to the process's end rather than
    traced by a last garbage collection, which costs a short command about a fifth of its time)."""
    import gc
    import sys

    try:
        command_app(sys.argv)()
    except BrokenPipeError:  # a message printed after the work was done
        pipe_closed()
        raise SystemExit(1) from None
    finally:
        gc.freeze()
