"""Build speed: cold `drafter build` vs the import floor and pandoc; warm in-process build per report.

Run: python bench/build_bench.py   (installs Debian's pandoc with apt-get when it is missing; ROUNDS=45 for more rounds)
     python bench/build_bench.py --instructions   (also counts CPU instructions of the floors and the cold build
     under valgrind's callgrind: the same figures on a loaded machine, where wall times move by a tenth; and where
     the cold build's instructions over the floor go: drafter's imports, the first town file, the first draft, the rest)
By default the figures are taken in a throwaway virtualenv with a regular `pip install .`, which is
what a clerk gets (byte-compiled modules); `--installed` measures the drafter already installed here
instead (an editable install recompiles drafter's modules on every run when PYTHONDONTWRITEBYTECODE is set).
Targets: cold build at most 1.5 x the import floor (issue #3), 1.15 x the import floor of the packages it needs
(issue #22: those of drafter's dependencies a cold build has imported when it exits, found by a probe run; a plain
draft needs neither python-docx nor lxml); a warm in-process build per report at most pandoc's whole-process time
converting the same draft's Markdown to .docx.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import instructions, paired_ratio, paired_runs  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "青石镇.yaml"
REPEAT = int(os.environ.get("ROUNDS", 15))  # (ROUNDS=45: a steadier median on a noisy machine, three times as long)
# drafter's third-party dependencies (pyproject.toml) and what they bring: the probe reports which a build imported.
DEPENDENCIES = ("typer", "docx", "jinja2", "yaml", "lxml", "jieba", "openpyxl", "rich", "pypdf")
WARM_BUILDS = 30


def ensure_pandoc() -> str:
    """pandoc's path, installing the Debian package when missing."""
    if not shutil.which("pandoc"):
        subprocess.run(["apt-get", "install", "-y", "-qq", "pandoc"], check=False, capture_output=True)
        if not shutil.which("pandoc"):
            subprocess.run(["apt-get", "update", "-qq"], check=True, capture_output=True)
            subprocess.run(["apt-get", "install", "-y", "-qq", "pandoc"], check=True, capture_output=True)
    return shutil.which("pandoc") or "pandoc"


def warm_per_report(tmp: Path) -> float:
    """Median seconds per build of the example, all in this one process after a first build."""
    from drafter.build.draft import BuildOptions, build

    build(EXAMPLE, BuildOptions(out=tmp / "warm.docx", force=True))
    times = []
    for i in range(WARM_BUILDS):
        start = time.perf_counter()
        build(EXAMPLE, BuildOptions(out=tmp / f"warm{i}.docx"))
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def needed(cli: list[str], example: Path, out: Path) -> list[str]:
    """The dependencies a cold `drafter build` of example has imported when it exits."""
    probe = (f"import sys, atexit; atexit.register(lambda: print(' '.join(m for m in {DEPENDENCIES!r} if m in sys.modules))); "
             f"sys.argv = ['drafter', 'build', {str(example)!r}, '--out', {str(out)!r}, '--force']; "
             "from drafter.cli.start import run; run()")
    done = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True)
    return done.stdout.split("\n")[-2].split()


def stage_programs(example: Path) -> dict[str, list[str]]:
    """Processes that stop part way through a cold build, for counting where its instructions go (--instructions):
    drafter's imports as the command makes them (collector paused, then frozen), then the first load_town, the first
    draft's markup, and a second draft in the same process (what a warm one costs)."""
    head = ("import gc; gc.disable(); import drafter.cli.app, drafter.build.draft, drafter.write.quick, "
            "drafter.write.fonts; gc.freeze(); gc.enable()\n"
            "from pathlib import Path\nfrom drafter.build.draft import BuildOptions, collector_paused, draft_markup, load_town\n"
            f"example = Path({str(example)!r})\n")
    draft = "with collector_paused():\n    town = load_town(example)\n    draft_markup(town, BuildOptions())\n"
    steps = {"imports": "", "load": "with collector_paused():\n    load_town(example)\n", "draft": draft,
             "again": draft + "    draft_markup(town, BuildOptions(seed=7))\n"}
    return {name: [sys.executable, "-c", head + body] for name, body in steps.items()}


def bare_ratio(runs: dict[str, list[tuple[float, float]]]) -> float:
    """Median over the rounds of (cold - (drafter's imports - the packages imported alike)) / needed floor: the cold
    build's ratio were drafter's own modules free to import (its work alone: the town file, the draft, the .docx)."""
    return statistics.median((c[0] - (i[0] - p[0])) / n[0]
                             for c, i, p, n in zip(runs["cold"], runs["imports"], runs["paused"], runs["needed"]))


def in_fresh_venv() -> None:
    """Re-run this script with --installed inside a new virtualenv holding a regular install of the project."""
    with tempfile.TemporaryDirectory() as folder:
        venv = Path(folder) / "venv"
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", str(ROOT)], check=True)
        env = dict(os.environ, PATH=f"{venv / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}")
        print("(measured in a fresh virtualenv with `pip install .`)")
        subprocess.run([str(venv / "bin" / "python"), __file__, "--installed", *sys.argv[1:]], check=True, env=env, cwd=folder)


def main() -> None:
    if "--installed" not in sys.argv:
        in_fresh_venv()
        return
    pandoc = ensure_pandoc()
    drafter = shutil.which("drafter")
    cli = [drafter] if drafter else [sys.executable, "-m", "drafter"]
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        subprocess.run(cli + ["build", str(EXAMPLE), "--format", "md", "--out", str(tmp / "draft.md")], check=True, capture_output=True)
        # floor, floor exiting as drafter does, build and pandoc in turn, round after round: a noisy machine slows
        # each round's runs alike, and the ratios are taken round by round
        subprocess.run(cli + ["build", str(EXAMPLE), "--out", str(tmp / "first.docx")], check=True, capture_output=True)
        uses = needed(cli, EXAMPLE, tmp / "probe.docx")  # after a first build, which keeps what later ones reuse
        runs_of = {
            "floor": [sys.executable, "-c", "import typer, docx, jinja2, yaml"],
            "needed": [sys.executable, "-c", f"import {', '.join(uses)}"],
            "frozen": [sys.executable, "-c", f"import {', '.join(uses)}, gc, os; gc.freeze(); os._exit(0)"],
            "paused": [sys.executable, "-c", f"import gc; gc.disable(); import {', '.join(uses)}; gc.freeze(); gc.enable()"],
            "imports": stage_programs(EXAMPLE)["imports"],
            "cold": cli + ["build", str(EXAMPLE), "--out", str(tmp / "cold.docx"), "--force"],
            "pandoc": [pandoc, str(tmp / "draft.md"), "-o", str(tmp / "pandoc.docx")],
        }
        runs = paired_runs(runs_of, REPEAT)
        warm = warm_per_report(tmp)
        counts = {}
        if "--instructions" in sys.argv:
            counts = {name: instructions(runs_of[name]) for name in ("needed", "paused", "cold")}
            counts |= {name: instructions(argv) for name, argv in stage_programs(EXAMPLE).items()}
    version = subprocess.run([pandoc, "--version"], capture_output=True, text=True).stdout.split("\n")[0]
    median = {name: (statistics.median(r[0] for r in rs), max(r[1] for r in rs)) for name, rs in runs.items()}
    print(f"{REPEAT} rounds of paired runs (after one warm-up each); example: {EXAMPLE.name}")
    print(f"{'what':<52}{'wall s':>9}{'peak MiB':>10}")
    labels = {"floor": "import floor (typer, docx, jinja2, yaml)", "needed": f"packages the build imports ({', '.join(uses)})",
              "frozen": "the same, exiting as drafter does (os._exit)",
              "paused": "the same, imported with the collector paused",
              "imports": "those and drafter's modules, imported as build does",
              "cold": "drafter build, cold process", "pandoc": f"pandoc draft.md -> docx ({version})"}
    for name, label in labels.items():
        print(f"{label:<52}{median[name][0]:>9.3f}{median[name][1]:>10.0f}")
    print(f"{'drafter build, warm in-process, per report':<52}{warm:>9.3f}")
    print(f"\ncold / four-package floor = {paired_ratio(runs, 'cold', 'floor'):.2f} (median of paired ratios; target <= 1.5)")
    print(f"cold / floor of the packages it needs = {paired_ratio(runs, 'cold', 'needed'):.2f} (#22: <= 1.15)")
    print(f"cold / that floor exiting as drafter does = {paired_ratio(runs, 'cold', 'frozen'):.2f}")
    print(f"cold / that floor imported as drafter does = {paired_ratio(runs, 'cold', 'paused'):.2f} (like for like: the "
          "collector paused while importing, see drafter/cli/collector.py)")
    print(f"cold less drafter's own imports / floor of the packages it needs = {bare_ratio(runs):.2f} (the draft's work"
          " alone: what the ratio would be if drafter's modules took no time to import)")
    print(f"warm per report / pandoc = {warm / median['pandoc'][0]:.2f} (target <= 1.0)")
    print(f"jieba imported on the build path: {'jieba' in sys.modules}")
    if counts:
        print(f"\nCPU instructions (callgrind): needed floor {counts['needed'] / 1e6:.1f} M, imported with the collector paused "
              f"{counts['paused'] / 1e6:.1f} M, cold build {counts['cold'] / 1e6:.1f} M; cold / needed floor = "
              f"{counts['cold'] / counts['needed']:.3f}, cold / paused floor = {counts['cold'] / counts['paused']:.3f}")
        over = {"the packages imported with the collector paused": counts["paused"] - counts["needed"],
                "drafter's own imports (collector paused too)": counts["imports"] - counts["paused"],
                "the first load_town": counts["load"] - counts["imports"],
                "the first draft's markup": counts["draft"] - counts["load"],
                "parse, .docx, the command line, the exit": counts["cold"] - counts["draft"],
                "(a second draft's markup in the same process)": counts["again"] - counts["draft"]}
        print(f"where the cold build's {(counts['cold'] - counts['needed']) / 1e6:.1f} M over the needed floor go:")
        for label, count in over.items():
            print(f"  {label:<50}{count / 1e6:>8.1f} M")
        bare = counts["cold"] - over["drafter's own imports (collector paused too)"]
        print(f"the cold build less drafter's own imports: {bare / 1e6:.1f} M = {bare / counts['needed']:.3f} x the needed floor")


if __name__ == "__main__":
    main()
