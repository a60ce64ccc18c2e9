"""`drafter check --format 文件.docx` front end: the format rules a Word file breaks for WPS and Word, as a Chinese
table (or JSON), and the fonts it names that this machine lacks."""

from __future__ import annotations

import json
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from drafter.check.wordfile import RULES, WordCheck, check_file


def run_format_check(path: Path, as_json: bool = False) -> WordCheck:
    """Check a .docx's format and print the result; the caller turns a failure into the exit code."""
    result = check_file(path)
    if as_json:
        print(json.dumps({"file": str(path), "saved_by": result.saved_by, "failed": result.failed,
                          "findings": [{"rule": f.rule, "name": RULES[f.rule][0], "where": f.where, "message": f.message}
                                       for f in result.findings]}, ensure_ascii=False, indent=2))
        return result
    console = Console()
    summary = Table(title=f"格式检查：{escape(str(path))}", caption=f"最后由 {escape(result.saved_by)} 保存" if result.saved_by else None)
    summary.add_column("检查项")
    summary.add_column("结果")
    for rule, (name, _) in RULES.items():
        count = sum(f.rule == rule for f in result.findings)
        summary.add_row(name, f"[red]未通过（{count} 处）[/]" if count else "[green]通过[/]")
    console.print(summary)
    if not result.findings:
        return result
    table = Table(title="未通过的各处")
    table.add_column("检查项", no_wrap=True)
    table.add_column("位置", no_wrap=True)
    table.add_column("问题", overflow="fold")
    for f in result.findings:
        table.add_row(RULES[f.rule][0], escape(f.where), escape(f.message))
    console.print(table)
    for rule in dict.fromkeys(f.rule for f in result.findings):
        name, advice = RULES[rule]
        console.print(f"怎么办（{name}）：{advice}", markup=False, highlight=False, soft_wrap=True)
    return result
