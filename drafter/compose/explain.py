"""A template's failure (Jinja's syntax and runtime errors, the sandbox's refusals, a budget run out, a bad call) ->
one Chinese Problem naming the template file, its line and what is wrong (an unclosed tag where it opens, an unknown
name with the nearest valid one)."""

from __future__ import annotations

import difflib
import os
import re
import traceback
from collections.abc import Callable
from pathlib import Path

import jinja2
from jinja2.sandbox import SecurityError

from drafter.errors import Problem

# Tags that open a block and the tag that closes it.
BLOCKS = ("for", "if", "macro", "block", "call", "filter", "with", "autoescape", "set", "trans")
# How Jinja names tokens in its messages.
TOKENS = {"end of print statement": "}}", "end of statement block": "%}", "end of template": "模板结尾", "name": "名称",
          "end of comment": "#}", "integer": "数字", "string": "文字"}
# What a template sees as each of drafter's objects (for 'c.heads has no …').
SHOWN = {"Composer": "c", "Opening": "c.opening", "Headings": "c.heads", "Facts": "c.facts", "Plans": "c.plans",
         "Closing": "c.closing", "Frame": "c.frame", "Part": "part（一个部分）", "Town": "town", "Section": "一节（section）",
         "Item": "一项（item）", "Fact": "一条事实（fact）", "Indicator": "一项指标（indicator）", "Settings": "town.settings",
         "dict": "字典", "list": "列表", "tuple": "列表", "str": "文字", "int": "数字", "Decimal": "数字", "TemplateModule": "导入的模板"}
# What a template most often means when it writes a bare name: a key of the town file, a part of the composer.
TOWN_KEYS = ("town", "township", "year", "next_year", "county", "superior", "period", "issuer", "date", "goal", "notice",
             "indicators", "sections", "honours", "problems", "plans", "closing", "session", "speaker", "extra", "unit_name")
COMPOSER_KEYS = ("opening", "heads", "facts", "plans", "closing", "frame", "parts", "title", "has", "fixed")
# Methods that change a list or dict, which the sandbox refuses.
CHANGES = ("append", "extend", "insert", "pop", "remove", "clear", "update", "setdefault", "popitem", "sort", "reverse",
           "add", "discard")
# Python's errors as a clerk should read them.
KINDS = {"ZeroDivisionError": "除数为零", "IndexError": "下标超出范围（列表没有这一项）", "KeyError": "没有这个键",
         "ValueError": "值不合要求", "OverflowError": "数值过大", "AttributeError": "对象没有这个属性",
         "RecursionError": "模板递归调用太深，已停止（宏或 include 调用了它自己）", "MemoryError": "模板占用的内存过多，已停止"}


class BudgetExceeded(Exception):
    """A template ran out of its time or size budget (compose.guard; the message is Chinese)."""


def shown_path(path: str) -> str:
    """A template's path as the clerk typed it: relative to the working directory when it lies below it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return path
    return path if relative.startswith("..") else relative


def frame_line(exc: BaseException, folder: Path) -> tuple[str, int | None]:
    """The template file and line the failure happened at: the innermost frame of a template (.j2) in folder."""
    found: tuple[str, int | None] = ("", None)
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename.endswith(".j2") and Path(frame.filename).resolve().is_relative_to(folder.resolve()):
            found = (frame.filename, frame.lineno)
    return found


def nearest(name: str, choices: list[str], key: Callable[[str], str] = lambda choice: choice) -> str:
    """'（是不是“heads”？）' for the choice whose key is nearest to name, or ''."""
    keyed = {key(c): c for c in choices if c != name}
    close = difflib.get_close_matches(name, list(keyed), n=2, cutoff=0.6)
    return f"（是不是{'或'.join(f'“{keyed[c]}”' for c in close)}？）" if close else ""


def template_names(env: jinja2.Environment, path: str, variables: list[str]) -> list[str]:
    """Every name a template may use: the render's variables, the environment's globals, and what the template
    itself sets, loops over, imports or defines."""
    names = [*variables, *env.globals, "loop"]
    try:
        tree = env.parse(Path(path).read_text("utf-8"))
    except (OSError, UnicodeDecodeError, jinja2.TemplateSyntaxError):
        return names
    names += [n.name for n in tree.find_all(jinja2.nodes.Name) if n.ctx in ("store", "param")]
    names += [m.name for m in tree.find_all(jinja2.nodes.Macro)]
    names += [i.target for i in tree.find_all(jinja2.nodes.Import)]
    return names


def undefined(exc: jinja2.UndefinedError, env: jinja2.Environment, path: str) -> str:
    """'名称“heds”不存在' / '“c”中没有“heds”（是不是“heads”？）' / '列表没有第 9 项'."""
    obj, name = getattr(exc, "obj", jinja2.utils.missing), getattr(exc, "name", None)
    if name is None:
        match = re.match(r"'(.+?)' is undefined", exc.message or "")
        name, obj = (match.group(1), jinja2.utils.missing) if match else (None, obj)
    if name is None:
        return f"模板用到了不存在的名称或属性（{exc.message}）"
    if obj is jinja2.utils.missing:
        if name in TOWN_KEYS or name in COMPOSER_KEYS:  # town.sections written as sections
            return f"名称“{name}”不存在（是不是“{'town' if name in TOWN_KEYS else 'c'}.{name}”？）"
        names = template_names(env, path, ["town", "c", "style"])
        close = nearest(str(name), names) or nearest(str(name), [f"town.{a}" for a in TOWN_KEYS] + [f"c.{a}" for a in COMPOSER_KEYS],
                                                      lambda choice: choice.split(".")[-1])
        return f"名称“{name}”不存在{close}"
    kind = SHOWN.get(type(obj).__name__, type(obj).__name__)
    kind = f"“{kind}”" if kind.isascii() else kind
    if not isinstance(name, str):
        return f"{kind}没有第 {name} 项" if isinstance(name, int) else f"{kind}中没有“{name}”"
    choices = [str(k) for k in obj] if isinstance(obj, dict) else [a for a in dir(obj) if not a.startswith("_")]
    return f"{kind}中没有“{name}”{nearest(name, choices)}"


def token(text: str) -> str:
    """A token as Jinja names it -> as the clerk writes it."""
    return TOKENS.get(text, text)


def unclosed(env: jinja2.Environment, source: str, before: int | None = None) -> tuple[str, int] | None:
    """The innermost block tag still open at the end of a template (or before line before) and its line, read off
    the template's tokens."""
    stack: list[tuple[str, int]] = []
    try:
        tokens = list(env.lex(source))
    except jinja2.TemplateSyntaxError:
        return None
    tokens = [t for t in tokens if t[1] != "whitespace"]
    for i, (line, kind, _) in enumerate(tokens):
        if before is not None and line >= before:
            break
        if kind != "block_begin" or i + 1 >= len(tokens) or tokens[i + 1][1] != "name":
            continue
        tag = tokens[i + 1][2]
        rest = [v for _, _, v in tokens[i + 2 : i + 40]]
        statement = rest[: rest.index("%}")] if "%}" in rest else rest
        if tag in BLOCKS and not (tag == "set" and "=" in statement):
            stack.append((tag, line))
        elif tag.startswith("end") and stack and stack[-1][0] == tag[3:]:
            stack.pop()
    return stack[-1] if stack else None


def syntax(exc: jinja2.TemplateSyntaxError, env: jinja2.Environment) -> tuple[int | None, str]:
    """A syntax error -> (line, message): where a block opens that is never closed, a tag in the wrong place, an
    unknown tag (with the nearest known one), an expression left unfinished."""
    message, line = exc.message or "", exc.lineno
    closing = re.search(r"The innermost block that needs to be closed is '(\w+)'", message)
    if message.startswith("Unexpected end of template") and closing:
        opened = unclosed(env, exc.source or "")
        tag, at = opened if opened else (closing.group(1), line)
        return at, f"{{% {tag} %}} 没有闭合：模板结束前缺少 {{% end{tag} %}}"
    unknown = re.match(r"Encountered unknown tag '(\w+)'", message)
    known = ["for", "if", "elif", "else", "set", "macro", "import", "from", "include", "extends", "block", "call", "filter",
             "with", "autoescape", "raw", *[f"end{b}" for b in BLOCKS]]
    if unknown and unknown.group(1) not in known:
        return line, f"不认识的标签 {{% {unknown.group(1)} %}}{nearest(unknown.group(1), known)}"
    if unknown and closing:
        tag = closing.group(1)
        opened = unclosed(env, exc.source or "", line)
        where = f"第 {opened[1]} 行的 " if opened and opened[0] == tag else "前面的 "
        return line, f"这里应先用 {{% end{tag} %}} 闭合{where}{{% {tag} %}}，却遇到了 {{% {unknown.group(1)} %}}"
    if unknown:
        return line, f"多余的 {{% {unknown.group(1)} %}}：前面没有与它配对的开始标签"
    expected = re.match(r"(?:unexpected end of template, )?expected token '(.+?)', got '(.+?)'", message)
    if expected:
        return line, f"这里应是“{token(expected.group(1))}”，却写了“{token(expected.group(2))}”"
    ended = re.match(r"unexpected end of template, expected '(.+?)'", message)
    if ended:
        return line, f"模板在这里结束了，缺少“{token(ended.group(1))}”"
    char = re.match(r"unexpected char '(.+?)'", message)
    if char:
        return line, f"不认识的字符“{char.group(1)}”"
    stray = re.match(r"unexpected '(.+?)'", message)
    if stray:
        return line, f"多余的“{token(stray.group(1))}”"
    if "Missing end of comment tag" in message:
        return line, "注释 {# 没有用 #} 结束"
    if message.startswith("tag name expected"):
        return line, "{% 之后缺少标签名"
    if "unexpected end of template" in message.lower():
        return line, "模板在这里意外结束（有标记没有写完）"
    return line, f"模板语法有误（{message}）"


def call_problem(exc: TypeError) -> str:
    """A TypeError of a template's call or operator, in words: a missing or extra argument, text plus a number."""
    text = str(exc)
    named = re.match(r"(\w+)\.(\w+)\(\) (missing \d+ required|takes \d+ positional|got an unexpected keyword argument '(\w+)')", text)
    if named:
        where = f"{SHOWN.get(named.group(1), named.group(1))}.{named.group(2)}"
        if named.group(3).startswith("missing"):
            return f"调用 {where} 时少了参数"
        if named.group(4):
            return f"调用 {where} 时用了它没有的参数名“{named.group(4)}”"
        return f"调用 {where} 时参数太多"
    if "can only concatenate str" in text or "unsupported operand" in text:
        return "数字和文字不能直接用 + 相加（连接文字请用 ~）"
    if "not iterable" in text:
        return "for 循环的对象不是列表"
    if "not callable" in text:
        return "调用了一个不能调用的对象（多写了括号？）"
    return "调用的参数类型不对"


def explain(exc: BaseException, folder: Path, template: str, env: jinja2.Environment) -> Problem:
    """Any failure of a render from folder -> one Problem at the template file and line it happened at."""
    name, line = frame_line(exc, folder)
    if isinstance(exc, jinja2.TemplateSyntaxError):
        path = exc.filename or str(folder / (exc.name or template))
        at, message = syntax(exc, env)
        return Problem(shown_path(path), at, "", message, "改正模板后重新生成")
    path = shown_path(name or str(folder / template))
    if isinstance(exc, jinja2.TemplateNotFound):
        return Problem(path, line, "", f"找不到模板文件“{exc.name}”", f"模板文件应在样式文件夹 {shown_path(str(folder))} 中")
    if isinstance(exc, BudgetExceeded):
        return Problem(path, line, "", str(exc))
    if isinstance(exc, SecurityError):
        attr = re.search(r"attribute '(.+?)'", exc.message or "")
        if attr and attr.group(1) in CHANGES:
            return Problem(path, line, "", f"模板不能改动数据（{attr.group(1)}）", "模板只读取 town 和 c 给出的内容")
        what = f"“{attr.group(1)}”" if attr else "这个对象"
        return Problem(path, line, "", f"模板不允许访问{what}：模板在沙箱中运行，不能读取内部属性、打开文件或导入模块")
    if isinstance(exc, jinja2.UndefinedError):
        return Problem(path, line, "", undefined(exc, env, name), "名称和属性见样式文件夹中的 README.md")
    if isinstance(exc, TypeError):
        return Problem(path, line, "", call_problem(exc), "函数和参数见样式文件夹中的 README.md")
    kind = type(exc).__name__
    if kind in ("RecursionError", "MemoryError"):
        return Problem(path, line, "", KINDS[kind])
    return Problem(path, line, "", f"模板出错：{KINDS.get(kind, kind)}", "检查这一行用到的名称和参数")

