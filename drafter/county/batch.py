"""A county at once: many town files built in a pool of processes, each by the single-file rules (atomic write,
an edited draft never overwritten without --force), a bad file reported and passed over; a file named like a town
file that cannot be one (a folder, a broken link, a pipe) and two files that would write one draft are rows of the
summary with their reason; stopping the batch (Ctrl-C, SIGTERM) stops its workers and leaves no half-written draft."""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

from drafter.build.draft import BuildOptions, build
from drafter.errors import DrafterError, OutputError, Problem, TownFileError
from drafter.files.crashlog import save_traceback
from drafter.files.textio import regular
from drafter.tuples import NamedTuple

SUFFIXES = (".yaml", ".yml")
INTERRUPTED = "已中断，没有生成"


class Outcome(NamedTuple):
    """One town file's build: what was written, or why not."""

    file: Path
    town: str = ""
    style: str = ""  # the style's short name (分条式 …)
    chars: int = 0
    gaps: int = 0
    out: Path | None = None
    error: str = ""  # Chinese lines, file:line [key] as the single build says them
    warnings: tuple[str, ...] = ()
    skipped: str = ""  # why a file named like a town file was not read: a folder, a broken link, a pipe

    @property
    def ok(self) -> bool:
        return not self.error and not self.skipped

    @property
    def interrupted(self) -> bool:
        """True when the batch was stopped before this file was built."""
        return self.error == f"{self.file}：{INTERRUPTED}"


def town_files(paths: list[Path]) -> list[Path]:
    """The town files named: files as given, folders by their .yaml/.yml entries (sorted, hidden ones left out),
    whatever they are (skip_reason tells a file that cannot be read)."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out += sorted(p for p in path.iterdir() if p.suffix.lower() in SUFFIXES and not p.name.startswith("."))
        else:
            out.append(path)
    return out


def skip_reason(path: Path) -> str:
    """Why path cannot be a town file ('' when it is a regular file)."""
    try:
        regular(path, TownFileError, "数据文件")
    except DrafterError as exc:
        return exc.problems[0].message
    return ""


def plan(files: list[Path], options: BuildOptions, out_dir: Path | None) -> tuple[list[tuple[Path, BuildOptions]], dict[Path, str]]:
    """Each file with its options (its output in out_dir when given), and the files that would write one output
    with another (x.yaml beside x.yml), each with its reason: those are not built, the others are."""
    jobs = [(f, options._replace(out=out_dir / f"{f.stem}.{options.fmt}" if out_dir else None,
                                 rotation=i if options.seed is None else None)) for i, f in enumerate(files)]
    writers: dict[Path, list[Path]] = {}
    for f, o in jobs:
        writers.setdefault((o.out or f.with_suffix(f".{o.fmt}")).resolve(), []).append(f)
    clashes = {}
    for target, group in writers.items():
        for f in group if len(group) > 1 else ():
            others = "、".join(str(g) for g in group if g != f)
            clashes[f] = str(Problem(str(f), None, "", f"与 {others} 会写入同一个输出文件 {target.name}，都没有生成", "请删去或改名其中一个"))
    return [(f, o) for f, o in jobs if f not in clashes], clashes


BUSY = False  # in a worker: a build is under way (a stop then ends it, its temporary file removed)


def stop_worker(signum: int, frame: Any) -> None:
    """A worker told to stop (SIGTERM from the batch): mid-build, unwind (the atomic write removes its temporary
    file) and leave; idle, leave at once. Told once: a second SIGTERM is ignored while it unwinds (the pool sends
    every worker one when it sees another gone, which cut a worker's removal of its temporary file short)."""
    if BUSY:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        raise KeyboardInterrupt
    os._exit(1)


def start_worker() -> None:
    """A worker ignores Ctrl-C (the batch stops it) and stops cleanly on SIGTERM."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, stop_worker)


def build_one(path: Path, options: BuildOptions, worker: bool = False) -> Outcome:
    """Build one town file; drafter's errors (and, as one line with a saved log, anything unexpected) become the
    outcome's error."""
    global BUSY
    BUSY = True
    try:
        result = build(path, options)
    except DrafterError as exc:
        return Outcome(path, error=str(exc))
    except KeyboardInterrupt:
        if worker:
            os._exit(1)  # stopped by the batch: the draft's temporary file is already gone
        raise
    except Exception as exc:
        if os.environ.get("DRAFTER_DEBUG"):
            raise
        log = save_traceback(exc)
        return Outcome(path, error=f"{path}：内部错误（{type(exc).__name__}）" + (f"，详细信息已保存到 {log}" if log else ""))
    finally:
        BUSY = False
    return Outcome(path, result.town, result.label, result.chars, result.gaps, result.path, warnings=result.warnings)


def pool(jobs: int) -> ProcessPoolExecutor:
    """Worker processes: forked where the platform can (they start with drafter already imported), else spawned
    (Windows has no fork; each worker imports drafter afresh and builds the same drafts)."""
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    return ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=start_worker)


def interrupt(signum: int, frame: Any) -> None:
    """SIGTERM to the batch: stop as Ctrl-C does."""
    raise KeyboardInterrupt


def run_batch(paths: list[Path], options: BuildOptions, out_dir: Path | None, jobs: int,
              done: Callable[[Outcome], None] = lambda o: None) -> list[Outcome]:
    """Build every town file of paths, jobs at a time; done(outcome) after each build; outcomes in the files' order
    (skipped files and clashing pairs among them, with their reasons). Stopped by Ctrl-C or SIGTERM, the drafts
    not finished are outcomes with the error INTERRUPTED."""
    files = town_files(paths)
    skipped = {f: why for f in files if (why := skip_reason(f))}
    work, clashes = plan([f for f in files if f not in skipped], options, out_dir)
    if out_dir is not None and work:
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(Problem(str(out_dir), None, "--out-dir", f"无法创建输出目录：{exc.strerror}")) from exc
    built: dict[Path, Outcome] = {}
    before = signal.signal(signal.SIGTERM, interrupt) if threading.current_thread() is threading.main_thread() else None
    try:
        run_jobs(work, jobs, built, done)
    finally:
        if before is not None:
            signal.signal(signal.SIGTERM, before)
    return [Outcome(f, skipped=skipped[f]) if f in skipped else Outcome(f, error=clashes[f]) if f in clashes
            else built.get(f) or Outcome(f, error=f"{f}：{INTERRUPTED}") for f in files]


def run_jobs(work: list[tuple[Path, BuildOptions]], jobs: int, built: dict[Path, Outcome], done: Callable[[Outcome], None]) -> None:
    """Build work into built (by file), in this process or a pool; stopped, the pool's workers are stopped too."""
    try:
        if jobs <= 1 or len(work) <= 1:
            for f, o in work:
                built[f] = build_one(f, o)
                done(built[f])
            return
        executor = pool(min(jobs, len(work)))
        try:
            futures: list[Future] = [executor.submit(build_one, f, o, True) for f, o in work]
            for future in futures:
                future.add_done_callback(lambda fut: done(fut.result()) if not fut.cancelled() and fut.exception() is None else None)
            for (f, _), future in zip(work, futures):
                built[f] = future.result()
        except KeyboardInterrupt:
            stop(executor)
            raise
        executor.shutdown()
    except KeyboardInterrupt:
        return


def stop(executor: ProcessPoolExecutor) -> None:
    """Cancel what has not started and stop the workers (each removes the temporary file of the draft it was
    writing), then wait for them to be gone."""
    processes = list(getattr(executor, "_processes", {}).values())
    for process in processes:
        if process.is_alive():
            os.kill(process.pid, signal.SIGTERM)
    executor.shutdown(wait=True, cancel_futures=True)
    for process in processes:
        process.join()
