"""Bytes -> text, with the encoding detected by strict decoding (UTF-8 first, then GB18030/GBK)."""

from __future__ import annotations

from drafter.errors import DrafterError, Problem


def decode(data: bytes, name: str, error: type[DrafterError] = DrafterError) -> tuple[str, str]:
    """Bytes -> (text, encoding); `error` when binary or in neither UTF-8 nor GB18030."""
    if b"\x00" in data[:4096]:
        raise error(Problem(name, None, "", "这是二进制文件，不是文本文件"))
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return text, "utf-8" if encoding == "utf-8-sig" else "gb18030"
    raise error(Problem(name, None, "", "无法识别文件编码（既不是 UTF-8 也不是 GBK/GB18030）", "请用记事本或 WPS 另存为 UTF-8 编码"))
