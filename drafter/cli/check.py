"""`drafter check` front end: find the draft and corpus, run the audit, print a table or JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from drafter.check.audit import Audit, audit, read_draft
from drafter.errors import CorpusError, Problem, TownFileError
from drafter.files.resources import data_dir
from drafter.town.load import load_town

if TYPE_CHECKING:
    from collections.abc import Callable

    from drafter.town.model import Town
    from drafter.town.sheet import Sheet


CHECKS = (
    ("numbers", "数字核对", "不在数据文件中、也不是由其算出的数字"),
    ("coverage", "数据覆盖", "数据文件中有、初稿中没有的数字"),
    ("originality", "原创性", "与语料报告逐字相同的片段"),
    ("placeholders", "待补充", "尚未补齐的【待补充】"),
)


def load_corpus(extra: list[Path], warn: Callable[[str], None]) -> list:
    """The packaged seed reports plus the user's corpora, each report once; unreadable files are warned about."""
    from drafter.mine.corpus import corpus_files, read_document

    documents, seen = [], set()
    for path in corpus_files([data_dir("seeds", "000_83943749a2b22504.txt"), *extra]):
        try:
            document = read_document(path)
        except CorpusError as exc:
            warn(f"语料已跳过：{exc}")
            continue
        if document.sha256 not in seen:  # --corpus seeds/ does not count the bundled seeds twice
            seen.add(document.sha256)
            documents.append(document)
    return documents


def draft_paragraphs(town_path: Path, draft: Path | None, style: str, seed: int | None, sheet: Sheet | None = None) -> tuple[str, list[str]]:
    """The draft to check: the given file, the build's default output, or a fresh in-memory build."""
    if draft is None and town_path.with_suffix(".docx").exists():
        draft = town_path.with_suffix(".docx")
    if draft is not None:
        return str(draft), read_draft(draft)
    from drafter.build.draft import BuildOptions, draft_markup
    from drafter.markup import parse

    markup = draft_markup(load_town(town_path, sheet), BuildOptions(style=style, seed=seed))
    return f"（按 {style} 样式即时生成）", [block.text for block in parse(markup)]


def last_report(town: Town, town_path: Path, given: Path | None) -> Path | None:
    """Last year's report for the originality check: --from, else the town file's last_report (beside the file)."""
    if given is not None:
        return given
    if not town.last_report:
        return None
    path = Path(town.last_report)
    return path if path.is_absolute() else town_path.parent / path


def run_check(town_path: Path, draft: Path | None, corpus: list[Path], min_overlap: int,
              style: str = "numbered", seed: int | None = None, as_json: bool = False, sheet: Sheet | None = None,
              last_year: Path | None = None) -> Audit:
    """Audit a draft and print the result; the caller turns a failed audit into the exit code. With the county's
    statistics sheet, the town's indicators are the sheet's (and a missing figure names its cell)."""
    err = Console(stderr=True)
    town = load_town(town_path, sheet)
    for notice in town.notices:
        err.print(notice, markup=False, highlight=False, soft_wrap=True)
    name, paragraphs = draft_paragraphs(town_path, draft, style, seed, sheet)
    last = last_report(town, town_path, last_year)
    documents = load_corpus(corpus, lambda m: err.print(f"[yellow]警告[/]：{m}", highlight=False))
    if last is not None:  # read as init reads it: .doc, .pdf and a page's copy too
        from drafter.init.lastyear import report_document

        try:
            documents.append(report_document(last))
        except CorpusError as exc:
            err.print(f"[yellow]警告[/]：去年的报告已跳过：{exc}", highlight=False)
    result = audit(town, paragraphs, documents, name, min_overlap)
    if as_json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        print_table(result)
    return result


def print_table(result: Audit) -> None:
    """Summary table, then one table per check that found something."""
    console = Console()
    summary = Table(title=f"初稿检查：{result.draft}")
    summary.add_column("检查项")
    summary.add_column("结果")
    summary.add_column("说明")
    c = result.counted
    notes = {
        "numbers": f"共 {c['numbers']} 个数字，{len(result.numbers)} 个无来源",
        "coverage": f"数据文件 {c['figures']} 项数字，{len(result.coverage)} 项未出现",
        "originality": f"与 {c['corpus']} 篇语料最长重合 {result.longest} 字（阈值 {result.min_overlap} 字），{len(result.originality)} 处",
        "placeholders": f"{len(result.placeholders)} 处",
    }
    for key, label, _ in CHECKS:
        found = getattr(result, key)
        summary.add_row(label, "[red]未通过[/]" if found else "[green]通过[/]", notes[key])
    if result.promises:
        summary.add_row("去年计划", "[yellow]提醒[/]", f"{len(result.promises)} 项在今年总结中未见相应内容")
    if result.promise_figures:
        counts = {s: sum(f.text.endswith(s) for f in result.promise_figures) for s in ("超过", "达到", "未达到", "未提及")}
        behind = counts["未达到"] + counts["未提及"]
        summary.add_row("去年计划的数字", "[yellow]提醒[/]" if behind else "[green]通过[/]",
                        f"{len(result.promise_figures)} 个数：" + "，".join(f"{k} {v}" for k, v in counts.items()))
    console.print(summary)
    for title, column, found in (("去年计划的数字：今年总结的回应（未达到、未提及的请核对）", "比对", result.promise_figures),
                                  ("去年计划的各项：今年总结中未见相应内容（请核对，已做的写进总结）", "去年的计划", result.promises)):
        if found:
            table = Table(title=title)
            table.add_column("数据文件中的位置")
            table.add_column(column)
            for f in found:
                table.add_row(f.detail, escape(f.text))
            console.print(table)
    for key, label, meaning in CHECKS:
        found = getattr(result, key)
        if not found:
            continue
        table = Table(title=f"{label}：{meaning}")
        table.add_column("段落", justify="right")
        table.add_column("内容")
        table.add_column("来源 / 上下文")
        for f in found:
            table.add_row("" if f.paragraph is None else str(f.paragraph), f.text, f.detail)
        console.print(table)


def run_county_check(folder: Path, drafts: Path | None, corpus: list[Path], min_overlap: int, as_json: bool,
                     sheet: Sheet | None = None, style: str | None = None) -> bool:
    """Check every town of a folder against its draft and the drafts against each other; True when anything failed."""
    from drafter.county.audit import check_county
    from drafter.county.batch import town_files

    err = Console(stderr=True)
    files = town_files([folder])
    if not files:
        raise TownFileError(Problem(str(folder), None, "", "没有找到数据文件（.yaml）", "请给出放着各乡镇数据文件的目录"))
    documents = load_corpus(corpus, lambda m: err.print(f"[yellow]警告[/]：{m}", highlight=False))
    checks, shared = check_county(files, drafts, documents, min_overlap, sheet, style)
    failed = any(c.failed for c in checks) or bool(shared)
    if as_json:
        print(json.dumps({"towns": [{"file": str(c.file), "town": c.town, "draft": str(c.draft) if c.draft else None,
                                     "error": c.error, "longest_shared": c.longest_shared,
                                     "audit": c.audit.to_dict() if c.audit else None} for c in checks],
                          "shared": [{"text": s.text, "places": [list(p) for p in s.places]} for s in shared],
                          "failed": failed}, ensure_ascii=False, indent=2))
        return failed
    print_county(checks, shared, min_overlap)
    return failed


def print_county(checks: list, shared: list, min_overlap: int) -> None:
    """One row per town, then the spans towns share, then each failed town's problems."""
    from rich.markup import escape

    console = Console()
    table = Table(title=f"全县初稿检查：{len(checks)} 个乡镇，未通过 {sum(c.failed for c in checks)} 个")
    table.caption = f"无来源：初稿中找不到来源的数字；未写入：数据文件中有、初稿中没有的数字；重合：与语料、与他镇初稿最长相同片段的字数（{min_overlap} 字以上未通过）"
    for column in ("乡镇", "初稿", "无来源", "未写入", "待补充", "语料重合", "他镇重合", "结果"):
        table.add_column(column, justify="left" if column in ("乡镇", "初稿", "结果") else "right", no_wrap=column != "初稿")
    for c in checks:
        a = c.audit
        result = "[red]未通过[/]" if c.failed or c.longest_shared >= min_overlap else "[green]通过[/]"
        if a is None:
            table.add_row(escape(c.town or c.file.name), escape(c.draft.name if c.draft else "—"), "", "", "", "", "", result)
            continue
        table.add_row(escape(c.town), escape(c.draft.name), str(len(a.numbers)), str(len(a.coverage)),
                      str(len(a.placeholders)), str(a.longest), str(c.longest_shared), result)
    console.print(table)
    if shared:
        spans = Table(title=f"不同乡镇初稿中相同的片段（{min_overlap} 字以上，已除去各自的数据和规范表述）：{len(shared)} 处")
        spans.add_column("相同片段")
        spans.add_column("字数", justify="right")
        spans.add_column("出现在（乡镇：段落）")
        for s in shared:
            spans.add_row(escape(s.text), str(len(s.text)), escape("、".join(f"{t}：{p}" for t, p in s.places)))
        console.print(spans)
    for c in checks:
        if c.error:
            console.print(f"错误：{c.error}", markup=False, highlight=False, soft_wrap=True)
