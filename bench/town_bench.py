"""Per-town cost in one process: `build` (load, compose, write, atomic write) of the examples and of generated towns,
each town built once to warm the process, then round after round; optionally paired against another checkout.

    python bench/town_bench.py                          # this checkout: ms per town, median of the rounds
    python bench/town_bench.py --against /tmp/base      # paired: each round runs both checkouts in turn
    python bench/town_bench.py --instructions [--against DIR]   # CPU instructions per town under callgrind

Sets: the examples (examples/*.yaml and bench/realistic/*.yaml, in every style), 60 generated towns (bench/towns.py,
the batch's default style), and "new": 240 generated towns of which each pass builds 60 the process has not seen (as a
county's batch builds each town once; the passes above rebuild the same towns, which per-process caches favour). With --against, each round starts a fresh process for each checkout, one after the
other, and the ratio is the median of the rounds' ratios (a noisy machine slows both alike). --instructions counts
instructions (valgrind --tool=callgrind) of a process that makes four passes less one that makes two, each process
after an uncounted one has byte-compiled the modules and filled the caches: stable on a shared machine where wall
time is not (12 generated towns a pass, 12 new ones for the new set: it takes minutes). Target (issue #22): at least 3 x fewer per town.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import instructions as count_instructions  # noqa: E402

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
ROUNDS = 7
STYLES = ("numbered", "topical", "congress")
NEW = 60  # towns a pass of the "new" set builds
CALLGRIND_TOWNS = 12  # towns of a pass under callgrind (the generated and the new set), which runs some fifty times slower


def work(root: Path, folder: Path, which: str) -> list[tuple[Path, str]]:
    """(town file, style) of a set: the examples in every style, or the generated towns in the default style (under
    callgrind, which runs some fifty times slower, the first 12)."""
    if which == "examples":
        files = sorted(root.glob("examples/*.yaml")) + sorted(root.glob("bench/realistic/*.yaml"))
        return [(f, s) for f in files for s in STYLES]
    if which == "new":
        return [(f, "numbered") for f in sorted((folder.parent / "new").glob("*.yaml"))]
    return [(f, "numbered") for f in sorted(folder.glob("*.yaml"))[: CALLGRIND_TOWNS if os.environ.get("CALLGRIND") else None]]


def worker(which: str, folder: Path, rounds: int) -> None:
    """In this process: a warm-up round, then rounds; print [(wall ms, CPU ms) per town of each round] as JSON."""
    from drafter.build.draft import BuildOptions, build

    jobs = work(Path.cwd(), folder, which)
    out = Path(tempfile.mkdtemp())
    times = []
    for r in range(rounds + 1):
        start, cpu = time.perf_counter(), time.process_time()
        size = CALLGRIND_TOWNS if os.environ.get("CALLGRIND") else NEW
        for i, (town, style) in enumerate(jobs[r * size : (r + 1) * size] if which == "new" else jobs):
            build(town, BuildOptions(style=style, out=out / f"{i}.docx", force=True))
        if r:
            count = NEW if which == "new" else len(jobs)
            times.append((1000 * (time.perf_counter() - start) / count, 1000 * (time.process_time() - cpu) / count))
    print(json.dumps(times))


def worker_call(tree: Path, which: str, folder: Path, rounds: int, counted: bool = False) -> tuple[list[str], dict[str, str]]:
    """(argv, environment) of this script's worker under another checkout's drafter (its own examples too, cwd=tree)."""
    env = dict(os.environ, PYTHONPATH=str(tree), **({"CALLGRIND": "1"} if counted else {}))
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # (compiling modules in every process would count in the instructions)
    return [sys.executable, str(HERE / "town_bench.py"), "--worker", which, str(folder), str(rounds)], env


def run_worker(tree: Path, which: str, folder: Path, rounds: int) -> subprocess.CompletedProcess:
    """The worker run to its end."""
    argv, env = worker_call(tree, which, folder, rounds)
    run = subprocess.run(argv, cwd=tree, env=env, capture_output=True, text=True)
    if run.returncode:
        raise RuntimeError(f"{' '.join(argv)} failed:\n{run.stderr[-3000:]}")
    return run


def instructions(tree: Path, which: str, folder: Path, rounds: int) -> int:
    """Instructions of a worker process doing rounds measured rounds (plus its warm-up) under callgrind."""
    argv, env = worker_call(tree, which, folder, rounds, counted=True)
    return count_instructions(argv, str(tree), env)


def main() -> None:
    if sys.argv[1:2] == ["--worker"]:
        worker(sys.argv[2], Path(sys.argv[3]), int(sys.argv[4]))
        return
    against = Path(sys.argv[sys.argv.index("--against") + 1]).resolve() if "--against" in sys.argv else None
    trees = {"now": ROOT, **({"base": against} if against else {})}
    sys.path.insert(0, str(HERE))
    from towns import write_towns

    with tempfile.TemporaryDirectory() as folder:
        towns = Path(folder) / "towns"
        write_towns(towns, 60)
        write_towns(Path(folder) / "new", 4 * NEW)  # a warm-up pass and three timed passes of towns never seen
        print(f"{os.cpu_count()} cores; trees: " + ", ".join(f"{k} = {v}" for k, v in trees.items()))
        if "--instructions" in sys.argv:
            print(f"{'set':<10}{'towns':>6}" + "".join(f"{k + ' Minstr/town':>20}" for k in trees) + ("" if not against else f"{'base / now':>12}"))
            for which in ("examples", "towns", "new"):
                count = len(work(ROOT, towns, which)) if which == "examples" else CALLGRIND_TOWNS
                for tree in trees.values():  # byte-compiled modules and the user's caches in place before counting
                    run_worker(tree, which, towns, 0)
                per = {k: (instructions(t, which, towns, 3) - instructions(t, which, towns, 1)) / (2 * count) / 1e6
                       for k, t in trees.items()}
                print(f"{which:<10}{count:>6}" + "".join(f"{per[k]:>20.1f}" for k in trees)
                      + ("" if not against else f"{per['base'] / per['now']:>12.2f}"))
            return
        rounds = int(os.environ.get("ROUNDS", ROUNDS))
        print(f"{rounds} rounds; each: a fresh process per tree, one warm-up pass, then 3 timed passes (their median);"
              " CPU: the process's CPU time (the wall time also waits for each draft's fsync)")
        print(f"{'set':<10}{'towns':>6}" + "".join(f"{k + ' ' + m:>15}" for k in trees for m in ("wall ms", "CPU ms"))
              + ("" if not against else f"{'wall base/now':>15}{'CPU base/now':>14}"))
        for which in ("examples", "towns", "new"):
            count = len(work(ROOT, towns, which)) if which != "new" else NEW
            per: dict[str, list[tuple[float, float]]] = {k: [] for k in trees}
            for _ in range(rounds):
                for k, tree in trees.items():
                    passes = json.loads(run_worker(tree, which, towns, 3).stdout)
                    per[k].append((statistics.median(p[0] for p in passes), statistics.median(p[1] for p in passes)))
            line = f"{which:<10}{count:>6}" + "".join(f"{statistics.median(p[m] for p in per[k]):>15.2f}" for k in trees for m in (0, 1))
            if against:
                line += "".join(f"{statistics.median(b[m] / n[m] for b, n in zip(per['base'], per['now'])):>{w}.2f}"
                                for m, w in ((0, 15), (1, 14)))
            print(line)


if __name__ == "__main__":
    main()
