"""The commented town-file scaffold -> a new file for `drafter init` (never over an existing one)."""

from __future__ import annotations

import datetime as dt
import json
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.errors import OutputError, Problem
from drafter.files.textio import atomic_write

if TYPE_CHECKING:
    from drafter.init.lastyear import Item, LastYear

# The town's name when last year's report does not give it: the draft shows it highlighted, check lists it.
PLACEHOLDER = "【待补充：乡镇名称】"


def scaffold_text() -> str:
    """The packaged scaffold (drafter/data/scaffold.yaml)."""
    return resources.files("drafter").joinpath("data/scaffold.yaml").read_text("utf-8")


def write_scaffold(path: Path, force: bool = False) -> Path:
    """Write the scaffold to path; refuse to overwrite an existing file without force."""
    if path.is_dir():
        path = path / "town.yaml"
    if path.exists() and not force:
        raise OutputError(Problem(str(path), None, "", "文件已存在，没有覆盖", "换一个文件名，或加 --force 覆盖"))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(scaffold_text(), encoding="utf-8")
    except OSError as exc:
        raise OutputError(Problem(str(path), None, "", f"无法写入：{exc.strerror}")) from exc
    return path


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's quoting is YAML's)."""
    return json.dumps(text, ensure_ascii=False)


def comment(text: str) -> str:
    """Text safe inside a one-line comment."""
    return " ".join(text.split())


def head_lines(last: LastYear) -> list[str]:
    """The particulars: each read value with where it came from, each missing one as a placeholder or comment."""
    lines = [f"# drafter 乡镇数据文件：由去年的报告 {comment(last.path.name)} 生成（drafter init --from）。",
             "# 带“请核对”的项请逐一核对；把今年的事实和数字填进各项的 facts（写法见 drafter init 生成的模板），用不上的整项删除。",
             "# 去年的原话只写在注释里，不会进入今年的初稿；今年的初稿也会与去年的报告比对，避免照抄。"]
    if last.style == "congress":
        lines.append("# 去年的报告是政府工作报告（报告式）：生成时可加 --style congress。")
    lines.append("")
    if last.town:
        lines.append(f"town: {q(last.town)}   # 请核对")
    else:
        why = "去年报告中乡镇名已遮蔽" if last.masked else "去年报告中没有读到乡镇名"
        lines.append(f"town: {q(PLACEHOLDER)}   # {why}，请填写本乡镇全称（如 青石镇）")
    lines.append(f"kind: {last.kind or '乡'}" + ("" if last.kind else "   # 请核对：乡 或 镇"))
    if last.year is not None:
        lines.append(f"year: {last.year}   # 今年（去年报告计划的那一年，读自{comment(last.year_from)}），请核对")
    else:
        lines.append(f"year: {dt.date.today().year}   # 去年的报告中没有读到年份：这里暂填今年，请核对")
    lines.append(f"county: {q(last.county)}   # 请核对" if last.county else "# county: 所属县（市、区）   # 去年报告中没有写明，可填写")
    lines.append(f"superior: {q(last.superior)}   # 去年报告中的写法，请核对" if last.superior else "# superior: 县委、县政府   # 请填写上级领导机关")
    lines.append(f"issuer: {q(last.issuer)}" if last.issuer else "# issuer: 某某镇人民政府   # 署名")
    lines.append(f"last_report: {q(last.path.name)}   # 去年的报告：drafter check 会列出今年初稿中与它相同的 20 字以上的片段")
    return lines


def from_last_year_text(last: LastYear) -> str:
    """A commented town file for this year, started from last year's report (drafter.init.lastyear.LastYear)."""
    lines = head_lines(last)
    lines += ["", "indicators:" if last.indicators else "indicators: []   # 去年的报告中没有读到主要经济指标，请按模板填写"]
    year = f"{last.year - 1}年" if last.year else "去年"
    for ind in last.indicators:
        lines.append(f"  # 去年：{comment(ind.clause)}")
        lines += [f"  - name: {q(ind.what)}", f"    unit: {q(ind.unit)}"]
        if ind.value is None:
            lines.append("    # previous:   # 去年报告中的数已遮蔽或无法读取，请填写上年数")
        else:
            period = f"（去年报告为 {year}{last.period} 的数，请核对是否为上年全年数）" if last.period else "（请核对）"
            lines.append(f"    previous: {ind.value}   # 上年数，取自去年的报告{period}")
        lines.append("    # value:   # 今年的数，请填写")
    lines += ["", "sections:" if last.sections else "sections: []   # 去年的报告中没有读到工作总结的各节，请按模板填写"]
    for part in last.sections:
        heading = f"    # 去年的标题：{comment(part.heading)}（今年的标题由 drafter 撰写，也可写 heading）" if part.heading else None
        lines += [f"  - topic: {part.topic}"] + ([heading] if heading else []) + ["    items:"]
        items: list[Item | None] = list(part.items) or [None]
        for item in items:
            said = f"        # 去年：{comment(item.said)}" if item and item.said else None
            if item and item.title:
                lines.append(f"      - title: {q(item.title)}")
                lines += [said] if said else []
                lines.append("        facts: []   # 今年的事实和数字")
            else:
                lines += ["      - facts: []   # 今年的事实和数字"] + ([said] if said else [])
    lines += ["", "problems: []   # 今年存在的问题和不足，每项一句", "",
              "# 今年的计划：按模板填写 plans（去年的计划见下面的 promises）",
              "plans: []", ""]
    lines.append("promises:   # 去年计划的各项：今年总结中没有相应内容的，build 和 check 会提醒；figures 是去年许下的数，check 会比对"
                 if last.promises else "promises: []")
    heading = ""
    for promise in last.promises:
        if promise.heading and promise.heading != heading and promise.heading != promise.said:
            lines.append(f"  # 去年计划：{comment(promise.heading)}")
        heading = promise.heading
        figures = ", ".join(f"{{what: {q(f.what)}, value: {f.value}, unit: {q(f.unit)}}}" for f in promise.figures)
        lines.append(f"  - {{topic: {promise.topic}, text: {q(promise.said)}" + (f", figures: [{figures}]}}" if figures else "}"))
    return "\n".join(lines) + "\n"


def write_from_last_year(path: Path, source: Path, force: bool = False) -> Path:
    """A town file for this year from last year's report at source; refuse to overwrite without force."""
    from drafter.init.lastyear import read_last_year

    if path.is_dir():
        path = path / "town.yaml"
    if path.exists() and not force:
        raise OutputError(Problem(str(path), None, "", "文件已存在，没有覆盖", "换一个文件名，或加 --force 覆盖"))
    text = from_last_year_text(read_last_year(source))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, text.encode("utf-8"))
    except OSError as exc:
        raise OutputError(Problem(str(path), None, "", f"无法写入：{exc.strerror}")) from exc
    return path
