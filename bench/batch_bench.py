"""A county, a province: `drafter build FOLDER --out-dir …` on generated town files of the examples' size, with one
job and with all cores, against a pandoc md -> docx loop over the same number of files in the same run.

Run: python bench/batch_bench.py [COUNT]      (default 1,000 town files; pandoc from Debian is installed if missing)
Reports per second exclude start-up (a `drafter --version` process, timed in the same run). Peak memory is the
largest total resident size of the command's process tree, sampled every 10 ms; it is measured for 100 and for
COUNT towns to show it does not grow with the number of towns. Targets (issue #13, a 2-core machine): >= 100
reports/s with all cores; memory flat; a county of 30 towns in under 1 s after start-up.
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


def main() -> None:
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
