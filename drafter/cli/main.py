"""The command line, whole: drafter.cli.app's app (its error boundary and `build`) with every other command added
(check, update, init, fonts, styles, mine). `from drafter.cli.main import app` is the whole command line."""

from pathlib import Path

import typer

from drafter.cli.app import app, call, fail, parse_mapping
from drafter.cli.styles import styles_app
from drafter.cli.zh import say
from drafter.errors import DrafterError

__all__ = ["app"]


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
