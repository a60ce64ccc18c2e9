"""`drafter fonts` front end: the 公文 fonts as this machine has them, a Chinese table, and how to install the rest."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from drafter.files.fonts import machine
from drafter.write.fonts import INSTALL, FontStatus, status


def run_fonts() -> list[FontStatus]:
    """Look the fonts up afresh (and remember them for build), print the table; the statuses."""
    fonts = status(refresh=True)
    console = Console()
    table = Table(title="公文字体：本机的情况")
    table.add_column("字体", no_wrap=True)
    table.add_column("本机", overflow="fold")
    table.add_column("缺少时 Word 显示为", no_wrap=True)
    table.add_column("缺少时 WPS", overflow="fold")
    for f in fonts:
        table.add_row(f.name, f"[green]有[/] {escape(f.found)}" if f.found else "[red]没有[/]", f.word, f.wps)
    console.print(table)
    missing = [f for f in fonts if not f.found]
    if not missing:
        console.print("公文字体齐全。", highlight=False)
        return fonts
    for where, names in group(missing).items():
        console.print(f"获取 {'、'.join(names)}：{where}", markup=False, highlight=False, soft_wrap=True)
    console.print(INSTALL[machine()], markup=False, highlight=False, soft_wrap=True)
    if any(f.name.endswith("GB2312") or f.name == "方正小标宋简体" for f in missing):
        console.print("暂时没有这几种字体时，可在数据文件中写 settings: {fonts: plain}，改用每台 Windows 电脑都有的宋体、仿宋、黑体、楷体。",
                      markup=False, highlight=False, soft_wrap=True)
    return fonts


def group(fonts: list[FontStatus]) -> dict[str, list[str]]:
    """{where to get them: the fonts got there}, in the fonts' order."""
    out: dict[str, list[str]] = {}
    for f in fonts:
        out.setdefault(f.where, []).append(f.name)
    return out
