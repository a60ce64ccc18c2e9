"""The command line's frame in Chinese: usage lines, section headings, option help and click's error lines.

typer ships its own copy of click with the frame's words written in English; everything it prints goes through
one echo function, which install() wraps so that each known English phrase is replaced by its Chinese one."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

# English phrase (a regular expression) -> Chinese. Order matters: longer, more specific phrases first.
PHRASES: list[tuple[str, str]] = [
    (r"Usage: ", "用法："),
    (r"\[OPTIONS\]", "[选项]"),
    (r"COMMAND \[ARGS\]\.\.\.", "命令 [参数]..."),
    (r"\[ARGS\]\.\.\.", "[参数]..."),
    (r"Try '(.+?)' for help\.", r"运行 '\1' 查看帮助。"),
    (r"Error: ", "错误："),
    (r"No such option: (\S+?)(?= |$|\n)", r"没有这个选项：\1"),
    (r"\(Possible options: (.+?)\)", r"（可用的选项：\1）"),
    (r"Did you mean (.+?)\?", r"是不是 \1？"),
    (r"Missing argument '(.+?)'\.", r"缺少参数 '\1'。"),
    (r"Missing option '(.+?)'\.", r"缺少选项 '\1'。"),
    (r"No such command '(.+?)'\.", r"没有这个命令 '\1'。"),
    (r"Option '(.+?)' requires an argument\.", r"选项 '\1' 需要一个值。"),
    (r"Option '(.+?)' does not take a value\.", r"选项 '\1' 不需要值。"),
    (r"Got unexpected extra argument(?:s|\(s\))? \((.+?)\)", r"多余的参数（\1）：这个命令不需要这么多参数"),
    (r"Missing command\.", "缺少命令。"),
    (r"Missing parameter: (\S+)", r"缺少参数：\1"),
    (r"Missing (\w+) '(.+?)'\.", r"缺少 '\2'。"),
    (r"Option '(.+?)' requires (\d+) arguments\.", r"选项 '\1' 需要 \2 个值。"),
    (r"Argument '(.+?)' takes (\d+) values\.", r"参数 '\1' 需要 \2 个值。"),
    (r"Takes (\d+) values but (\d+) given\.", r"需要 \1 个值，给了 \2 个。"),
    (r"Value must be an iterable\.", "应为多个值。"),
    (r"Could not open file '(.+?)': (.+)", r"无法打开文件 '\1'：\2"),
    (r"Invalid value: ", "值无效："),
    (r"Invalid value for '(.+?)': '(.+?)' is not a valid integer( range)?\.", r"'\1' 的值无效：'\2' 不是整数。"),
    (r"Invalid value for '(.+?)': '(.+?)' is not a valid int\.", r"'\1' 的值无效：'\2' 不是整数。"),
    (r"Invalid value for '(.+?)': '(.+?)' is not a valid float\.", r"'\1' 的值无效：'\2' 不是数字。"),
    (r"Invalid value for '(.+?)': '(.+?)' is not a valid boolean\.", r"'\1' 的值无效：'\2' 不是 true 或 false。"),
    (r"Invalid value for '(.+?)': (.+)", r"'\1' 的值无效：\2"),
    (r"Show this message and exit\.", "显示本帮助并退出。"),
    (r"Aborted!", "已取消。"),
    (r"\[required\]", "[必填]"),
    (r"\[default: (.*?)\]", r"[默认：\1]"),
    (r"^Options:$", "选项："),
    (r"^Arguments:$", "参数："),
    (r"^Commands:$", "命令："),
    (r"<str>", "<文本>"),
    (r"<path>", "<路径>"),
    (r"<int>", "<整数>"),
    (r"<integer>", "<整数>"),
]


@functools.cache
def compiled() -> list[tuple[re.Pattern[str], str]]:
    """PHRASES compiled, once, when the frame first prints (a plain build never does)."""
    return [(re.compile(pattern, re.M), chinese) for pattern, chinese in PHRASES]


def translate(text: str) -> str:
    """Replace every known English phrase of the frame by its Chinese one."""
    for pattern, chinese in compiled():
        text = pattern.sub(chinese, text)
    return text


def say(message: str, err: bool = False) -> None:
    """Print drafter's own (already Chinese) message, past the frame's translation."""
    from typer._click import utils

    getattr(utils.echo, "__wrapped__", utils.echo)(message, err=err)


def chinese_echo(echo: Callable[..., Any]) -> Callable[..., Any]:
    """An echo that translates the frame's words of what it prints."""
    def wrapped(message: Any = None, *args: Any, **kwargs: Any) -> Any:
        if isinstance(message, str):
            message = translate(message)
        return echo(message, *args, **kwargs)

    wrapped.__wrapped__ = echo  # type: ignore[attr-defined]
    return wrapped


def install() -> None:
    """Wrap the echo of typer's click (in every module that imported it by name)."""
    import typer
    from typer import _click
    from typer._click import core, decorators, exceptions, utils

    original = getattr(utils.echo, "__wrapped__", utils.echo)
    wrapped = chinese_echo(original)
    for module in (utils, core, decorators, exceptions, _click, typer):
        if getattr(module, "echo", None) is not None:
            setattr(module, "echo", wrapped)  # noqa: B010  # the module's own name, patched in place
