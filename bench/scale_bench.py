"""How build and check scale with the length of one report: 100, 1,000 and 10,000 figures.

Run: python bench/scale_bench.py
A town file holds at most 99 sections of at most 99 items (issue #10's limits), so the report grows by sections,
then by items under them: (sections x items x facts) = 5x5x4, 25x10x4 and 99x26x4 (10,296 figures); the last row,
99x33x4, is the longest a town file may be (1 MB). Times are
in-process (imports excluded), the median of a few runs; check is the whole audit (numbers, coverage, originality
against the bundled seed reports, placeholders) on the built .docx's paragraphs. Target (issue #13): check of a
report of 1,000 sections' length (the examples run about 250 characters a section: 250,000 characters) in under
0.5 s, and both growing linearly; the last line gives that time from the largest report's rate. Issue #22: check
at most 2 us a character on the largest report.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from towns import town_yaml  # noqa: E402

from drafter.build.draft import BuildOptions, build  # noqa: E402
from drafter.check.audit import audit, read_draft  # noqa: E402
from drafter.cli.check import load_corpus  # noqa: E402
from drafter.town.load import load_town  # noqa: E402

SIZES = [(5, 5, 4), (25, 10, 4), (99, 26, 4), (99, 33, 4)]


def timed(action, repeat: int) -> tuple[float, object]:
    """Median seconds of repeat runs of action, and its last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    corpus = load_corpus([], print)
    print(f"{'sections x items x facts':<26}{'figures':>8}{'chars':>9}{'build s':>9}{'check s':>9}{'check us/char':>15}")
    with tempfile.TemporaryDirectory() as folder:
        for sections, items, facts in SIZES:
            path = Path(folder) / f"t{sections}.yaml"
            path.write_text(town_yaml(1, sections, items, facts), encoding="utf-8")
            repeat = 3 if sections > 50 else 5
            out = Path(folder) / f"t{sections}.docx"
            build_s, _ = timed(lambda path=path, out=out: build(path, BuildOptions(out=out, force=True)), repeat)
            town, paragraphs = load_town(path), read_draft(out)
            check_s, result = timed(lambda town=town, paragraphs=paragraphs, out=out: audit(town, paragraphs, corpus, out.name), repeat)
            chars = result.counted["characters"]
            print(f"{f'{sections} x {items} x {facts}':<26}{sections * items * facts:>8}{chars:>9}{build_s:>9.3f}{check_s:>9.3f}"
                  f"{1e6 * check_s / chars:>15.2f}")
    print(f"\ncheck of 1,000 sections' length (250,000 characters) at the largest report's rate: "
          f"{250_000 * check_s / chars:.3f} s (target < 0.5 s); {1e6 * check_s / chars:.2f} us a character (#22: <= 2)")


if __name__ == "__main__":
    main()
