"""Font family names -> where this machine has each (fc-list on Linux, 麒麟 and 统信UOS; the registry and the Fonts
folders on Windows; the font folders elsewhere), kept in the cache until the machine's fonts change.

Fonts are matched by their family names, never by file names: Windows XP's simfang.ttf is 仿宋_GB2312 and
Vista's simfang.ttf is 仿宋 (docs/wps.md §8, id 42577654436, id 1547041304). On Linux each family is asked of
fontconfig with `fc-list ':family=NAME'` (empty output when absent); fc-match is not used, it always answers with
some fallback (§8)."""

from __future__ import annotations

import os
import shutil
import struct
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from drafter.files.cache import cached_data, system

FONT_KEY = r"SOFTWARE\Microsoft\Windows NT\CurrentVersion\Fonts"
SUFFIXES = (".ttf", ".ttc", ".otf", ".otc")
# The name table's family names: 1 (family), 4 (full name), 16 (typographic family).
FAMILY_IDS = (1, 4, 16)

Registry = Callable[[], list[tuple[str, str]]]


def normal(name: str) -> str:
    """A family name as compared: case and spaces ignored."""
    return "".join(name.split()).casefold()


def windows_registry() -> list[tuple[str, str]]:
    """(value name, file) of every font registered for the machine (HKLM) and the user (HKCU, Windows 10 1809+)."""
    winreg = windows_registry_module()
    out = []
    for hive in (winreg.HKEY_LOCAL_MACHINE, winreg.HKEY_CURRENT_USER):
        try:
            key = winreg.OpenKey(hive, FONT_KEY)
        except OSError:
            continue
        with key:
            index = 0
            while True:
                try:
                    name, data, _ = winreg.EnumValue(key, index)
                except OSError:
                    break
                out.append((str(name), str(data)))
                index += 1
    return out


def windows_registry_module() -> Any:
    """The standard library's winreg (Windows only; typeshed declares it for win32 alone, hence Any)."""
    import importlib

    return importlib.import_module("winreg")


def registry_names(entries: list[tuple[str, str]]) -> dict[str, str]:
    """Registry values -> {normal family name: file}: '仿宋_GB2312 (TrueType)', 'SimSun & NSimSun (TrueType)' …"""
    out: dict[str, str] = {}
    for name, data in entries:
        base = name.rsplit(" (", 1)[0] if name.endswith(")") else name
        for family in base.split(" & "):
            out.setdefault(normal(family), data)
    return out


def windows_folders(environ: dict[str, str] | None = None) -> list[Path]:
    """%WINDIR%\\Fonts and the user's %LOCALAPPDATA%\\Microsoft\\Windows\\Fonts."""
    env = os.environ if environ is None else environ
    folders = [Path(env.get("WINDIR") or env.get("SystemRoot") or "C:\\Windows") / "Fonts"]
    if env.get("LOCALAPPDATA"):
        folders.append(Path(env["LOCALAPPDATA"]) / "Microsoft" / "Windows" / "Fonts")
    return folders


def unix_folders() -> list[Path]:
    """Where fonts are installed on Linux (and the fontconfig caches that change with them) and on macOS."""
    return [Path(name) for name in unix_folder_names()]


def unix_folder_names() -> list[str]:
    """unix_folders as names (stamp stats them for every draft of a batch: no Path made)."""
    home = os.path.expanduser("~")
    return ["/usr/share/fonts", "/usr/local/share/fonts", f"{home}/.local/share/fonts", f"{home}/.fonts",
            "/var/cache/fontconfig", f"{home}/.cache/fontconfig", "/Library/Fonts", f"{home}/Library/Fonts",
            "/System/Library/Fonts"]


def families(path: Path) -> set[str]:
    """The family names a font file gives itself (every language), from its name table; empty when unreadable."""
    try:
        with path.open("rb") as handle:
            head = handle.read(12)
            offsets = [0]
            if head[:4] == b"ttcf":
                count = struct.unpack(">I", head[8:12])[0]
                offsets = list(struct.unpack(f">{min(count, 64)}I", handle.read(4 * min(count, 64))))
            names: set[str] = set()
            for offset in offsets:
                names |= face_names(handle, offset)
            return names
    except (OSError, struct.error, ValueError):
        return set()


def face_names(handle, offset: int) -> set[str]:  # type: ignore[no-untyped-def]  # a binary file object
    """The family names of one face whose table directory starts at offset."""
    handle.seek(offset + 4)
    tables = struct.unpack(">H", handle.read(2))[0]
    handle.seek(offset + 12)
    directory = handle.read(16 * tables)
    for i in range(tables):
        tag, _, start, length = struct.unpack(">4sIII", directory[16 * i : 16 * i + 16])
        if tag == b"name":
            handle.seek(start)
            table = handle.read(min(length, 1 << 20))
            count, strings = struct.unpack(">2xHH", table[:6])
            out = set()
            for n in range(count):
                platform, _, _, name_id, size, at = struct.unpack(">6H", table[6 + 12 * n : 18 + 12 * n])
                raw = table[strings + at : strings + at + size]
                if name_id in FAMILY_IDS and platform in (0, 3):
                    out.add(raw.decode("utf-16-be", "replace"))
                elif name_id in FAMILY_IDS and platform == 1 and raw.isascii():
                    out.add(raw.decode("ascii"))
            return out
    return set()


def scan(folders: Iterable[Path], wanted: set[str]) -> dict[str, str]:
    """{normal family name: file} for the wanted names found in the font files of these folders (and below)."""
    found: dict[str, str] = {}
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.suffix.lower() in SUFFIXES:
                for family in families(path):
                    if normal(family) in wanted:
                        found.setdefault(normal(family), str(path))
                if wanted <= found.keys():
                    return found
    return found


def fc_list(name: str) -> str:
    """fontconfig's first file for a family ('' when fontconfig has no such family)."""
    import subprocess

    try:
        done = subprocess.run(["fc-list", f":family={name}", "file"], capture_output=True, text=True, timeout=20, check=False)
    except (OSError, subprocess.SubprocessError):
        return ""
    lines = sorted(line.strip().rstrip(":") for line in done.stdout.splitlines() if line.strip())
    return lines[0] if lines else ""


def probe(names: list[str], kind: str = "", registry: Registry | None = None, folders: list[Path] | None = None,
          ask: Callable[[str], str] | None = None) -> dict[str, str]:
    """{name: the file that has it, '' when none} for each family name, looked up afresh. kind: 'windows' or
    'fontconfig' (default: this machine's); registry, folders and ask (fc-list) may be given (the tests do)."""
    kind = kind or machine()
    wanted = {normal(n) for n in names}
    if kind == "windows":
        known = registry_names((registry or windows_registry)())
        found = {key: file for key, file in known.items() if key in wanted}
        found.update(scan(folders if folders is not None else windows_folders(), wanted - found.keys()))
        return {n: found.get(normal(n), "") for n in names}
    if kind == "fontconfig":
        return {n: (ask or fc_list)(n) for n in names}
    found = scan(folders if folders is not None else unix_folders(), wanted)
    return {n: found.get(normal(n), "") for n in names}


def machine() -> str:
    """How this machine's fonts are found: windows, fontconfig (fc-list on the path), or folders."""
    if system() == "nt":
        return "windows"
    return "fontconfig" if has_fc_list() else "folders"


@lru_cache(maxsize=1)
def has_fc_list() -> bool:
    """True when fc-list is on the path (looked for once a process: a walk of the path's folders)."""
    return shutil.which("fc-list") is not None


def stamp(kind: str) -> str:
    """What changes when fonts are installed: the font folders' and fontconfig caches' times (and, on Windows, the
    registry keys' last writes). Cheap: a few stats."""
    folders = windows_folders() if kind == "windows" else unix_folder_names()
    times = []
    for folder in folders:
        try:
            times.append(str(os.stat(folder).st_mtime_ns))
        except OSError:
            times.append("-")
    if kind == "windows":
        try:
            winreg = windows_registry_module()
            for hive in (winreg.HKEY_LOCAL_MACHINE, winreg.HKEY_CURRENT_USER):
                with winreg.OpenKey(hive, FONT_KEY) as key:
                    times.append(str(winreg.QueryInfoKey(key)[2]))
        except (ImportError, OSError):
            times.append("-")
    return ",".join(times)


def installed(names: list[str], refresh: bool = False) -> dict[str, str]:
    """probe() for this machine, remembered until its fonts change (refresh: looked up again); what the cache file
    holds is kept in the process too (a county's batch asks for every draft: a few stats, not a file read)."""
    kind = machine()
    key = repr((kind, sorted(names), stamp(kind)))
    if refresh or key not in KNOWN:
        KNOWN.clear()
        KNOWN[key] = cached_data("fonts", key, lambda: probe(names, kind), refresh)
    return dict(KNOWN[key])


# The last lookup of this process, by its key (the fonts' stamp in it).
KNOWN: dict[str, dict[str, str]] = {}
