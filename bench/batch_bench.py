"""A county, a province: `drafter build FOLDER --out-dir …` on generated town files of the examples' size, with one
job and with all cores, against a pandoc md -> docx loop over the same number of files in the same run.

Run: python bench/batch_bench.py [COUNT]      (default 1,000 town files; pandoc from Debian is installed if missing)
Reports per second exclude start-up (a `drafter --version` process, timed in the same run). Peak memory is the
largest total resident size of the command's process tree, sampled every 10 ms; it is measured for 100 and for
COUNT towns to show it does not grow with the number of towns. Targets (issue #13, a 2-core machine): >= 100
reports/s with all cores; memory flat; a county of 30 towns in under 1 s after start-up.

    python bench/batch_bench.py --county [N] [--rounds R] [--drafter CMD] [--against CMD]

A county (issue #22): N generated towns (default 60), round after round: `drafter build DIR --out-dir OUT` into an
empty folder, the same again over the drafts it wrote (the sheet changed: every draft checked untouched, then
replaced), `drafter check DIR OUT`, and N pandoc md -> docx runs of the drafts' Markdown, one after the other; each
figure is divided by pandoc's of the same round and the median of those ratios printed (target <= 0.25, all cores).
--drafter: the drafter command to measure (default: `drafter` on PATH); --against: a second one (an install of the
base, say), run in the same rounds.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_bench import ensure_pandoc  # noqa: E402
from towns import write_towns  # noqa: E402


def tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants (Linux /proc)."""
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/status", "rb") as handle:
                for line in handle:
                    if line.startswith(b"VmRSS:"):
                        total += int(line.split()[1]) * 1024
                        break
            with open(f"/proc/{p}/task/{p}/children", "rb") as handle:
                stack += [int(c) for c in handle.read().split()]
        except (OSError, ValueError):
            continue
    return total


def measure(argv: list[str]) -> tuple[float, float]:
    """(wall seconds, peak MiB of the whole process tree) of one command."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, tree_rss(proc.pid))
        time.sleep(0.01)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed: {proc.stderr.read().decode(errors='replace')[-2000:]}")
    return wall, peak / 2**20


def timed(argv: list[str], codes: tuple[int, ...] = (0,)) -> float:
    """Wall seconds of one command, which must exit with one of codes (check exits 2 when it finds something)."""
    start = time.perf_counter()
    run = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    if run.returncode not in codes:
        raise RuntimeError(f"{' '.join(argv)} failed ({run.returncode}): {run.stderr.decode(errors='replace')[-2000:]}")
    return wall


def option(name: str, default: str | None = None) -> str | None:
    """The value after --name on the command line."""
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default


def county_bench() -> None:
    """The county figures of issue #22, paired with pandoc round by round."""
    import statistics

    at = sys.argv.index("--county")
    count = int(sys.argv[at + 1]) if len(sys.argv) > at + 1 and sys.argv[at + 1].isdigit() else 60
    rounds = int(option("--rounds", "5") or 5)
    pandoc = ensure_pandoc()
    drafters = {"now": (option("--drafter") or shutil.which("drafter") or "drafter").split()}
    if option("--against"):
        drafters["base"] = str(option("--against")).split()
    steps = ("build", "again", "check")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        towns = root / "towns"
        write_towns(towns, count)
        first = drafters["now"]
        subprocess.run(first + ["build", str(towns), "--out-dir", str(root / "md"), "--format", "md"], check=True, capture_output=True)
        mds = sorted((root / "md").glob("*.md"))
        for cmd in drafters.values():  # warm-up: caches filled, files in the page cache
            subprocess.run(cmd + ["build", str(towns), "--out-dir", str(root / "warm")], check=True, capture_output=True)
        walls: dict[str, list[float]] = {f"{k} {s}": [] for k in drafters for s in steps}
        walls["pandoc"] = []
        for r in range(rounds):
            for name, cmd in drafters.items():
                out = root / f"out-{name}-{r}"
                walls[f"{name} build"].append(timed(cmd + ["build", str(towns), "--out-dir", str(out)]))
                walls[f"{name} again"].append(timed(cmd + ["build", str(towns), "--out-dir", str(out)]))
                walls[f"{name} check"].append(timed(cmd + ["check", str(towns), str(out)], (0, 2)))
            start = time.perf_counter()
            for md in mds:
                subprocess.run([pandoc, str(md), "-o", str(md.with_suffix(".docx"))], check=True, capture_output=True)
            walls["pandoc"].append(time.perf_counter() - start)
    print(f"a county of {count} generated towns, {os.cpu_count()} cores, {rounds} rounds; "
          + "; ".join(f"{k} = {' '.join(v)}" for k, v in drafters.items()))
    print(f"{'what':<44}{'wall s':>9}{'/ pandoc':>10}")
    labels = {"build": "drafter build DIR --out-dir OUT", "again": "the same again (drafts there, all replaced)",
              "check": "drafter check DIR OUT"}
    for name in drafters:
        for step in steps:
            key = f"{name} {step}"
            ratio = statistics.median(a / p for a, p in zip(walls[key], walls["pandoc"]))
            print(f"{name + ': ' + labels[step]:<44}{statistics.median(walls[key]):>9.2f}{ratio:>10.2f}")
    print(f"{f'{count} pandoc md -> docx runs':<44}{statistics.median(walls['pandoc']):>9.2f}{1:>10.2f}")
    print("\ntarget (issue #22): build and check each <= 0.25 x pandoc (median of the rounds' ratios)")


def main() -> None:
    if "--county" in sys.argv:
        county_bench()
        return
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    pandoc = ensure_pandoc()
    drafter = [shutil.which("drafter")] if shutil.which("drafter") else [sys.executable, "-m", "drafter"]
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        towns = write_towns(root / "towns", count)
        small = root / "towns100"
        small.mkdir()
        for path in towns[:100]:
            shutil.copy(path, small)
        county = root / "county"
        county.mkdir()
        for path in towns[:30]:
            shutil.copy(path, county)
        startup = min(measure(drafter + ["--version"])[0] for _ in range(5))
        measure(drafter + ["build", str(county), "--out-dir", str(root / "warmup")])  # caches filled, files in the page cache
        runs = {}
        for label, source, jobs in (("1 job", root / "towns", 1), (f"{cores} jobs", root / "towns", cores),
                                    (f"{cores} jobs, 100 towns", small, cores), (f"{cores} jobs, county of 30", county, cores)):
            out = root / f"out-{len(runs)}"
            runs[label] = measure(drafter + ["build", str(source), "--out-dir", str(out), "--jobs", str(jobs)])
        # the reference: pandoc converting the same number of drafts' Markdown, one process each
        subprocess.run(drafter + ["build", str(root / "towns"), "--out-dir", str(root / "md"), "--format", "md"],
                       check=True, capture_output=True)
        start = time.perf_counter()
        for md in sorted((root / "md").glob("*.md")):
            subprocess.run([pandoc, str(md), "-o", str(md.with_suffix(".docx"))], check=True, capture_output=True)
        pandoc_wall = time.perf_counter() - start
    print(f"{count} generated town files, {cores} cores; start-up (drafter --version) {startup:.3f} s")
    print(f"{'run':<28}{'wall s':>9}{'reports/s':>11}{'peak MiB':>10}")
    sizes = {"1 job": count, f"{cores} jobs": count, f"{cores} jobs, 100 towns": 100, f"{cores} jobs, county of 30": 30}
    for label, (wall, peak) in runs.items():
        print(f"{label:<28}{wall:>9.2f}{sizes[label] / max(wall - startup, 1e-9):>11.0f}{peak:>10.0f}")
    print(f"{'pandoc md -> docx loop':<28}{pandoc_wall:>9.2f}{count / pandoc_wall:>11.0f}")
    full, hundred = runs[f"{cores} jobs"][1], runs[f"{cores} jobs, 100 towns"][1]
    print(f"\nreports/s with all cores: {count / (runs[f'{cores} jobs'][0] - startup):.0f} (target >= 100); "
          f"x pandoc loop: {pandoc_wall / runs[f'{cores} jobs'][0]:.1f}")
    print(f"peak memory, {count} towns / 100 towns: {full / hundred:.2f} (flat = about 1)")
    print(f"county of 30 after start-up: {runs[f'{cores} jobs, county of 30'][0] - startup:.2f} s (target < 1 s)")


if __name__ == "__main__":
    main()
