"""Benchmark helpers: run a command in a fresh process and read its wall time and peak memory, or count its CPU
instructions under callgrind."""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import tempfile
import time


def run(argv: list[str], cwd: str | None = None) -> tuple[float, float]:
    """(wall seconds, peak RSS in MiB) of one child process; raises on failure."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(argv)} failed: {proc.stderr.read().decode(errors='replace')}")
    proc.stderr.close()
    return wall, usage.ru_maxrss / 1024


def median_run(argv: list[str], repeat: int, cwd: str | None = None) -> tuple[float, float]:
    """Median wall time and max peak memory over `repeat` runs, after one unmeasured warm-up."""
    run(argv, cwd)
    results = [run(argv, cwd) for _ in range(repeat)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def paired_runs(commands: dict[str, list[str]], repeat: int, cwd: str | None = None) -> dict[str, list[tuple[float, float]]]:
    """Each command run `repeat` times, interleaved (a, b, c, a, b, c …) after one warm-up each, so that a noisy
    machine slows all of them alike; {name: [(wall, peak MiB), …]} in run order."""
    for argv in commands.values():
        run(argv, cwd)
    out: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, argv in commands.items():
            out[name].append(run(argv, cwd))
    return out


def paired_ratio(runs: dict[str, list[tuple[float, float]]], top: str, bottom: str) -> float:
    """Median of the per-round ratios top / bottom of paired runs."""
    return statistics.median(t[0] / b[0] for t, b in zip(runs[top], runs[bottom]))


def instructions(argv: list[str], cwd: str | None = None, env: dict[str, str] | None = None) -> int:
    """CPU instructions of one child process under valgrind's callgrind (the same count on a loaded machine)."""
    with tempfile.TemporaryDirectory() as out:
        done = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}/cg.out", *argv], cwd=cwd,
                              env=env, capture_output=True, text=True)
    found = re.search(r"Collected : (\d+)", done.stderr)
    if done.returncode or not found:
        raise RuntimeError(f"{' '.join(argv)} failed under callgrind:\n{done.stderr[-2000:]}")
    return int(found.group(1))
