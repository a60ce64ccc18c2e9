"""`drafter mine` front end: run the miner with progress, write the bank, print the summary tables."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from drafter.files.cache import jieba_folder
from drafter.mine.bank import mine, summary, write_bank
from drafter.mine.corpus import corpus_files

# Show a progress bar when the corpus has more files than this.
PROGRESS_MIN_FILES = 20


def quiet_jieba() -> None:
    """jieba's dictionary cache kept in drafter's cache folder, and jieba's own failure to save one (a folder it may
    not write) not printed as a traceback: mining then only takes a second longer."""
    import logging

    import jieba

    folder = jieba_folder()
    if folder is not None:
        jieba.dt.tmp_dir = str(folder)
    logging.getLogger("jieba").addFilter(lambda record: not record.getMessage().startswith("Dump cache file failed"))


def run_mine(corpus: list[Path], out: Path, console: Console | None = None) -> dict:
    """Mine corpus into out/, printing warnings, progress (large corpora) and a summary."""
    console = console or Console(stderr=True)
    quiet_jieba()
    files = corpus_files(corpus)
    warn = lambda message: console.print(f"[yellow]警告[/]：{message}", highlight=False)  # noqa: E731
    if len(files) > PROGRESS_MIN_FILES:
        with Progress(TextColumn("分词与统计"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=console) as bar:
            task = bar.add_task("mine", total=len(files))
            bank = mine(corpus, warn, progress=lambda report: bar.advance(task))
    else:
        bank = mine(corpus, warn)
    written = write_bank(bank, out)
    per_category, per_topic = summary(bank)
    table = Table(title=f"短语库：{len(bank['openings']['corpus'])} 篇语料 -> {out}")
    table.add_column("类别")
    table.add_column("条目数", justify="right")
    for name, count in per_category:
        table.add_row(name, str(count))
    topics = Table(title="按话题统计")
    topics.add_column("话题")
    topics.add_column("条目数", justify="right")
    for name, count in sorted(per_topic.items(), key=lambda kv: (-kv[1], kv[0])):
        topics.add_row(name, str(count))
    out_console = Console()
    out_console.print(table)
    out_console.print(topics)
    out_console.print(f"已写入 {len(written)} 个文件。")
    return bank
