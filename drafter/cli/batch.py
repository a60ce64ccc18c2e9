"""`drafter build` of many town files: a progress bar naming the town just built, then one table for the county
and every failed file's problems."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from drafter.build.draft import BuildOptions
from drafter.county.batch import Outcome, run_batch, skip_reason, town_files
from drafter.write.fonts import MISSING_FONTS


def run(paths: list[Path], options: BuildOptions, out_dir: Path | None, jobs: int) -> list[Outcome]:
    """Build with a progress bar on stderr, then print the summary table; the outcomes."""
    err = Console(stderr=True)
    files = [f for f in town_files(paths) if not skip_reason(f)]
    total = len(files)
    if options.figures is not None:
        audit_sheet(files, options, err)
    progress = Progress(TextColumn("[bold]生成初稿"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        TextColumn("{task.description}"), console=err, transient=True, auto_refresh=False)

    def done(outcome: Outcome) -> None:
        progress.update(task, advance=1, description=outcome.town or outcome.file.name, refresh=True)

    with progress:
        task = progress.add_task("", total=total)
        outcomes = run_batch(paths, options, out_dir, jobs, done)
    print_summary(outcomes)
    return outcomes


def audit_sheet(files: list[Path], options: BuildOptions, err: Console) -> None:
    """Audit the statistics sheet against every town file before anything is built: its problems stop the batch,
    unless --force, when they are printed as warnings."""
    from drafter.county.sheet_audit import audit
    from drafter.errors import SheetError
    from drafter.town.sheet import load_sheet

    if options.figures is None:
        return
    problems = audit(load_sheet(options.figures, options.figures_map), files)
    if problems and not options.force:
        raise SheetError(problems)
    for problem in problems:
        err.print(f"警告（已按 --force 继续）：{problem}", markup=False, highlight=False, soft_wrap=True)


def print_summary(outcomes: list[Outcome]) -> None:
    """One row per town file, then the problems of the ones that failed."""
    console = Console()
    failed = [o for o in outcomes if o.error]
    skipped = [o for o in outcomes if o.skipped]
    also = f"，跳过 {len(skipped)} 个" if skipped else ""
    table = Table(title=f"批量生成：{len(outcomes)} 个数据文件，成功 {len(outcomes) - len(failed) - len(skipped)} 个，失败 {len(failed)} 个{also}")
    for column in ("数据文件", "乡镇", "样式", "字数", "待补充", "输出", "状态"):
        table.add_column(column, justify="right" if column in ("字数", "待补充") else "left")
    folders = {o.out.parent for o in outcomes if o.out is not None}
    if len(folders) == 1:
        table.caption = f"输出目录：{escape(str(folders.pop()))}"
    for o in outcomes:
        status = "[green]已生成[/]" if o.ok else "[yellow]已中断[/]" if o.interrupted else "[red]跳过[/]" if o.skipped else "[red]失败[/]"
        table.add_row(escape(o.file.name), escape(o.town), escape(o.style), str(o.chars) if o.ok else "", str(o.gaps) if o.ok else "",
                      escape(o.out.name if o.out else ""), status)
    console.print(table)
    for o in skipped:
        console.print(f"跳过：{o.file}：{o.skipped}", markup=False, highlight=False, soft_wrap=True)
    for o in failed:
        if not o.interrupted:
            console.print(f"错误：{o.error}", markup=False, highlight=False, soft_wrap=True)
    machine: set[str] = set()
    for o in outcomes:
        for warning in o.warnings:
            if warning.startswith(MISSING_FONTS):  # this machine's fonts: said once for the batch
                if warning not in machine:
                    console.print(warning, markup=False, highlight=False, soft_wrap=True)
                machine.add(warning)
            elif not warning.startswith("统计表问题"):  # the sheet's were listed before the batch
                console.print(f"{o.town}：{warning}", markup=False, highlight=False, soft_wrap=True)
