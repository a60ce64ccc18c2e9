"""`drafter update` front end: run the update, then say in Chinese what changed and what is left to the clerk."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from drafter.update.apply import Change, UpdateOptions, UpdateReport, update

if TYPE_CHECKING:
    from collections.abc import Callable



def line(change: Change, with_before: bool = True) -> str:
    """'  indicators[0].value：18.91亿元 → 19.62亿元（“2024年1-10月，全镇规上工业…”）'."""
    if with_before and change.before:
        move = f"{change.before} → {change.after}" if change.after else change.before
    else:
        move = change.after
    where = f"（“{change.where}”）" if change.where else ""
    why = f"{change.why}：" if change.why else ""
    return f"  {change.key}：{why}{move}{where}"


def lines(report: UpdateReport, track: bool) -> list[str]:
    """The report, section by section (empty sections left out)."""
    out = list(report.notices)
    if report.path is not None:
        how = "（修订模式，可在 Word 或 WPS 中逐条接受或拒绝）" if track else ""
        out.append(f"已写入：{report.path}，更新 {len(report.changed)} 处数字{how}")
    elif report.left:
        out.append("没有可以自动更新的数字，没有写入新文件。")
    if report.backup is not None:
        out.append(f"原文件已备份为：{report.backup}")
    for change in report.changed:
        out.append(line(change))
    if report.turned:
        out.append(f"增减方向改变 {len(report.turned)} 处，请复核这些数字前后的措辞（如“实现”“平稳”“持续向好”）：")
        out += [line(c) for c in report.turned]
    if report.conflicts:
        out.append(f"未更新 {len(report.conflicts)} 处（原文已被手工改动，为保护修改没有覆盖；核对后手工修改，或加 --force 强制更新）：")
        out += [line(c) for c in report.conflicts]
    if report.dropped:
        out.append(f"数据文件中已没有、初稿中仍有的数字 {len(report.dropped)} 处（请手工删改）：")
        out += [line(c) for c in report.dropped]
    if report.missing:
        out.append(f"数据文件中新增、初稿中没有位置的数字 {len(report.missing)} 处（请手工补写，或重新生成初稿）：")
        out += [line(c, with_before=False) for c in report.missing]
    if not report.changed and not report.left:
        out.append("初稿中的数字都已是最新，没有需要更新的地方，没有写入新文件。")
    return out


def run_update(town: Path, draft: Path, options: UpdateOptions, say: Callable[[str], None]) -> UpdateReport:
    """Update and print the report through say."""
    report = update(town, draft, options)
    tell(report, options.track, say)
    return report


def tell(report: UpdateReport, track: bool, say: Callable[[str], None]) -> None:
    """Print the report; when its reader has gone (a closed pipe), say on stderr what was written, once, and print
    nothing more (the file is written either way: never say it was not)."""
    import os
    import sys

    texts = lines(report, track)
    try:
        for text in texts:
            say(text)
        sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # the interpreter's last flush goes nowhere instead of failing again
        os.close(devnull)
        done = f"已写入：{report.path}" if report.path is not None else "没有写入新文件"
        print(f"输出已被关闭，报告没有全部显示。{done}。", file=sys.stderr)
