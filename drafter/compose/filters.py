"""Jinja's named filters (every number format a template may use) and options, shared by the built-in styles'
environment and the guarded one of a user's style."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from drafter.compose.base import cn_number, fig


def date_cn(value: dt.date) -> str:
    """2024-12-05 -> '2024年12月5日' (Arabic numerals, no zero padding)."""
    return f"{value.year}年{value.month}月{value.day}日"


FILTERS: dict[str, Callable[[Any], str]] = dict(
    cn=cn_number,                                   # 3 -> 三
    h1no=lambda n: f"{cn_number(n)}、",             # 1 -> 一、
    h2no=lambda n: f"（{cn_number(n)}）",           # 1 -> （一）
    leadno=lambda n: f"{cn_number(n)}是",           # 1 -> 一是
    year=lambda n: str(int(n)),                      # 2024 -> 2024
    date_cn=date_cn,
    fig=fig,
)
# Lines of markup as the templates write them: a tag's own line leaves nothing behind.
OPTIONS: dict[str, Any] = dict(trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, autoescape=False)
