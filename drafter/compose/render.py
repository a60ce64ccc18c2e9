"""Town + bank + style + seed -> markup text, through one sandboxed, strict Jinja environment."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from drafter.compose.base import cn_number, fig, gap
from drafter.compose.composer import Composer
from drafter.compose.phrases import Bank, Chooser, town_seed
from drafter.errors import Problem, TemplateError
from drafter.files.cache import cache_dir
from drafter.files.resources import data_dir
from drafter.town.model import Town

STYLES = {
    "numbered": "分条式：总结分（一）（二）……，每节以“一是、二是”引出做法和数据（常见于乡镇年度总结）",
    "topical": "要点式：先报主要经济指标，再以“招商引资成效显著。”式的短句领起各项重点工作（常见于报送材料）",
    "congress": "报告式：大标题“坚持……，……进一步提升”，含“各位代表”致谢段和“N大工程”计划（常见于人代会政府工作报告）",
}


def template_dir() -> Path:
    """The installed templates (drafter.templates), or the source tree's templates/."""
    return data_dir("templates", "base.j2")


def date_cn(value: dt.date) -> str:
    """2024-12-05 -> '2024年12月5日' (Arabic numerals, no zero padding)."""
    return f"{value.year}年{value.month}月{value.day}日"


def bytecode_cache() -> jinja2.BytecodeCache | None:
    """Jinja's compiled-template cache in the user's cache directory (keyed by template source)."""
    root = cache_dir("jinja")
    return jinja2.FileSystemBytecodeCache(str(root)) if root else None


@lru_cache(maxsize=1)
def environment() -> SandboxedEnvironment:
    """The one Jinja environment: sandboxed, StrictUndefined, named filters for every number format."""
    env = SandboxedEnvironment(
        loader=jinja2.FileSystemLoader(str(template_dir())),
        bytecode_cache=bytecode_cache(),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters.update(
        cn=cn_number,                                   # 3 -> 三
        h1no=lambda n: f"{cn_number(n)}、",             # 1 -> 一、
        h2no=lambda n: f"（{cn_number(n)}）",           # 1 -> （一）
        leadno=lambda n: f"{cn_number(n)}是",           # 1 -> 一是
        year=lambda n: str(int(n)),                      # 2024 -> 2024
        date_cn=date_cn,
        fig=fig,
    )
    env.globals.update(gap=gap)
    return env


def render(town: Town, bank: Bank, style: str, seed: int | None = None, rotation: int | None = None) -> str:
    """Render a town's draft as markup text in a style (rotation: the town's place in a batch, see Chooser)."""
    if style not in STYLES:
        raise TemplateError(Problem("", None, "--style", f"未知的文稿样式“{style}”", f"可选：{'、'.join(STYLES)}"))
    chooser = Chooser(town_seed(town.town) if seed is None else seed, rotation)
    composer = Composer(town, bank, chooser, style)
    env = environment()
    try:
        template = env.get_template(f"{style}/report.j2")
        return template.render(town=town, c=composer, style=style)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(Problem(exc.filename or style, exc.lineno, "", f"模板语法错误：{exc.message}")) from exc
    except jinja2.UndefinedError as exc:
        raise TemplateError(Problem(f"templates/{style}", None, "", f"模板引用了未定义的名称：{exc.message}")) from exc
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(Problem(str(exc.name), None, "", "找不到模板文件")) from exc
