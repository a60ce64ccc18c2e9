"""A county at once: many town files built in a pool of processes, each by the single-file rules (atomic write,
an edited draft never overwritten without --force), a bad file reported and passed over."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import NamedTuple

from drafter.build.draft import BuildOptions, build
from drafter.errors import DrafterError, OutputError, Problem
from drafter.files.crashlog import save_traceback

SUFFIXES = (".yaml", ".yml")


class Outcome(NamedTuple):
    """One town file's build: what was written, or why not."""

    file: Path
    town: str = ""
    style: str = ""
    chars: int = 0
    gaps: int = 0
    out: Path | None = None
    error: str = ""  # Chinese lines, file:line [key] as the single build says them
    warnings: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.error


def town_files(paths: list[Path]) -> list[Path]:
    """The town files named: files as given, folders by their .yaml/.yml files (sorted, hidden ones left out)."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out += sorted(p for p in path.iterdir() if p.suffix.lower() in SUFFIXES and not p.name.startswith(".") and p.is_file())
        else:
            out.append(path)
    return out


def plan(files: list[Path], options: BuildOptions, out_dir: Path | None) -> list[tuple[Path, BuildOptions]]:
    """Each file with its options (its output in out_dir when given); two files writing one output is an error."""
    jobs = [(f, options._replace(out=out_dir / f"{f.stem}.{options.fmt}" if out_dir else None,
                                 rotation=i if options.seed is None else None)) for i, f in enumerate(files)]
    seen: dict[Path, Path] = {}
    problems = []
    for f, o in jobs:
        target = (o.out or f.with_suffix(f".{o.fmt}")).resolve()
        if target in seen:
            problems.append(Problem(str(f), None, "", f"与 {seen[target]} 会写入同一个输出文件 {target.name}", "请给其中一个改名"))
        seen.setdefault(target, f)
    if problems:
        raise OutputError(problems)
    return jobs


def build_one(path: Path, options: BuildOptions) -> Outcome:
    """Build one town file; drafter's errors (and, as one line with a saved log, anything unexpected) become the
    outcome's error."""
    try:
        result = build(path, options)
    except DrafterError as exc:
        return Outcome(path, error=str(exc))
    except Exception as exc:
        if os.environ.get("DRAFTER_DEBUG"):
            raise
        log = save_traceback(exc)
        return Outcome(path, error=f"{path}：内部错误（{type(exc).__name__}）" + (f"，详细信息已保存到 {log}" if log else ""))
    return Outcome(path, result.town, options.style, result.chars, result.gaps, result.path, warnings=result.warnings)


def pool(jobs: int) -> ProcessPoolExecutor:
    """Worker processes: forked where the platform can (they start with drafter already imported), else spawned
    (Windows has no fork; each worker imports drafter afresh and builds the same drafts)."""
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    return ProcessPoolExecutor(max_workers=jobs, mp_context=context)


def run_batch(paths: list[Path], options: BuildOptions, out_dir: Path | None, jobs: int,
              done: Callable[[Outcome], None] = lambda o: None) -> list[Outcome]:
    """Build every town file of paths, jobs at a time; done(outcome) after each; outcomes in the files' order."""
    work = plan(town_files(paths), options, out_dir)
    if out_dir is not None:
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(Problem(str(out_dir), None, "--out-dir", f"无法创建输出目录：{exc.strerror}")) from exc
    if jobs <= 1 or len(work) <= 1:
        outcomes = []
        for f, o in work:
            outcomes.append(build_one(f, o))
            done(outcomes[-1])
        return outcomes
    with pool(min(jobs, len(work))) as executor:
        futures: list[Future] = [executor.submit(build_one, f, o) for f, o in work]
        for future in futures:
            future.add_done_callback(lambda fut: done(fut.result()) if fut.exception() is None else None)
        return [future.result() for future in futures]
