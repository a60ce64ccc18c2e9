"""Files the user names -> bytes or text, read safely: regular files only, within a size limit, encoding detected
by strict decoding (UTF-8 first, then GB18030/GBK); and written atomically. Every refusal is a DrafterError naming the file."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from drafter.errors import DrafterError, OutputError, Problem

MB = 1024 * 1024
# The largest files drafter reads (README, “限制”): a town file, a draft, a corpus report, a .docx's unpacked body.
TOWN_LIMIT = 1 * MB
DRAFT_LIMIT = 20 * MB
CORPUS_LIMIT = 5 * MB
DOCX_BODY_LIMIT = 20 * MB
DOCX_TOTAL_LIMIT = 100 * MB  # a .docx's parts all together, unpacked (pictures included)


def megabytes(size: int) -> str:
    """1572864 -> '1.5 MB'."""
    return f"{size / MB:.1f} MB"


# The errors Path.exists takes for "nothing there" (pathlib's own lists): no such name, a file where a folder should
# be, a bad descriptor, a loop of links; on Windows a drive not ready, a name it cannot hold, a link it cannot follow.
ABSENT = (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP)
ABSENT_WINDOWS = (21, 123, 1921)


def status(path: Path) -> os.stat_result | None:
    """stat of what is at path (following links), None when nothing is there, as Path.exists tells it (one stat
    for what exists, is_dir and is_file each make): a name missing, a link to nothing or a loop, a file where a
    folder should be; any other failure (no permission on a folder) raised as Path.exists raises it."""
    try:
        return path.stat()
    except OSError as exc:
        if exc.errno in ABSENT or getattr(exc, "winerror", None) in ABSENT_WINDOWS:
            return None
        raise
    except ValueError:  # a name Path.exists calls absent (a NUL in it)
        return None


def regular(path: Path, error: type[DrafterError], what: str = "文件") -> os.stat_result:
    """stat of a regular file; error when it does not exist, is a folder, a device, a pipe or unreadable."""
    try:
        info = path.stat()
    except FileNotFoundError as exc:
        broken = path.is_symlink()
        raise error(Problem(str(path), None, "", f"{what}不存在" + ("（是一个指向不存在文件的快捷方式）" if broken else ""))) from exc
    except OSError as exc:  # a symlink loop, a path too long, no permission on a folder
        raise error(Problem(str(path), None, "", f"无法访问{what}：{exc.strerror}")) from exc
    if stat.S_ISDIR(info.st_mode):
        raise error(Problem(str(path), None, "", f"这是一个文件夹，不是{what}"))
    if not stat.S_ISREG(info.st_mode):
        raise error(Problem(str(path), None, "", f"这不是普通文件（可能是设备或管道），不能作为{what}读取"))
    return info


def read_limited(path: Path, limit: int, error: type[DrafterError], what: str = "文件") -> bytes:
    """The bytes of a regular file no larger than limit (refused before reading when larger)."""
    info = regular(path, error, what)
    if info.st_size > limit:
        raise error(Problem(str(path), None, "", f"{what}过大（{megabytes(info.st_size)}，上限 {megabytes(limit)}）",
                            "请检查是否选错了文件"))
    try:
        with path.open("rb") as handle:  # (read as large as it is: a buffer of limit bytes costs more than the read)
            data = handle.read(info.st_size + 1)
            if len(data) > info.st_size:  # it grew since it was looked at: read on to the limit
                data += handle.read(max(limit + 1 - len(data), 0))
    except OSError as exc:
        raise error(Problem(str(path), None, "", f"无法读取{what}：{exc.strerror}")) from exc
    if len(data) > limit:  # it grew while we looked
        raise error(Problem(str(path), None, "", f"{what}过大（上限 {megabytes(limit)}）"))
    return data


def decode(data: bytes, name: str, error: type[DrafterError] = DrafterError) -> tuple[str, str]:
    """Bytes -> (text, encoding); `error` when binary or in neither UTF-8 nor GB18030."""
    if b"\x00" in data[:4096]:
        raise error(Problem(name, None, "", "这是二进制文件，不是文本文件"))
    try:  # utf-8-sig's decoding, without importing its codec on every cold start: a leading BOM dropped
        return (data[3:] if data.startswith(b"\xef\xbb\xbf") else data).decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        pass
    raise error(Problem(name, None, "", "无法识别文件编码（既不是 UTF-8 也不是 GBK/GB18030）", "请用记事本或 WPS 另存为 UTF-8 编码"))


def stale_parts(folder: Path) -> list[Path]:
    """Temporary files killed builds left in folder (.{name}.{pid}.{n}.part): their writer's process is gone."""
    out = []
    try:
        with os.scandir(folder) as entries:
            names = [entry.name for entry in entries if entry.name.startswith(".") and entry.name.endswith(".part")]
    except OSError:
        return []
    for name in names:
        pid = name[:-5].rsplit(".", 2)[-2] if name.count(".") >= 4 else ""
        if pid.isdigit() and not alive(int(pid)):
            out.append(folder / name)
    return out


def alive(pid: int) -> bool:
    """True when a process with this id is running."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists but is not ours
        return True
    return True


# Folders this process has cleared of killed builds' temporary files: a county's batch writes hundreds of drafts into
# one folder, and a build killed while this process runs leaves its file to the next process that writes there.
SWEPT: set[str] = set()
# This process's temporary files so far (their names: .{stem}.{pid}.{n}.part, n counting up).
WRITES = iter(range(1 << 62))


def new_part(folder: Path, prefix: str) -> tuple[int, str]:
    """A new temporary file in folder named prefix{n}.part, open for writing: (descriptor, path). The folder is made
    when missing, and cleared of killed builds' temporary files the first time this process writes there."""
    if str(folder) not in SWEPT:
        folder.mkdir(parents=True, exist_ok=True)
        for part in stale_parts(folder):
            part.unlink(missing_ok=True)
        SWEPT.add(str(folder))
    remade = False
    while True:
        tmp = f"{folder}{os.sep}{prefix}{next(WRITES)}.part"
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600), tmp
        except FileExistsError:
            continue
        except FileNotFoundError:  # the folder went away since: made again, once
            if remade:
                raise
            folder.mkdir(parents=True, exist_ok=True)
            remade = True


def atomic_write(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same directory (named for this process, so that a later build can
    clean it up if this one is killed), then rename over the target. Stopped at any point (a batch's worker told to
    stop unwinds with KeyboardInterrupt), this process's temporary files for the target are removed."""
    prefix = f".{path.stem}.{os.getpid()}."
    try:
        try:
            fd, tmp = new_part(path.parent, prefix)
        except OSError as exc:
            raise OutputError(Problem(str(path), None, "--out", f"无法写入：{exc.strerror}")) from exc
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        remove_own_parts(path.parent, prefix)
        raise


def remove_own_parts(folder: Path, prefix: str) -> None:
    """Remove this process's temporary files in folder (named prefix…part)."""
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.startswith(prefix) and entry.name.endswith(".part"):
                    Path(entry.path).unlink(missing_ok=True)
    except OSError:
        pass
