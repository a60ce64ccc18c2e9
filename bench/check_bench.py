"""Time of `drafter check` on the examples: whole command (cold process) and the audit alone (in process).

Run: python bench/check_bench.py
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import median_run  # noqa: E402

from drafter.build.draft import BuildOptions, build  # noqa: E402
from drafter.check.audit import audit, read_draft  # noqa: E402
from drafter.cli.check import load_corpus  # noqa: E402
from drafter.town.load import load_town  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
REPEAT = 7


def main() -> None:
    cli = [shutil.which("drafter")] if shutil.which("drafter") else [sys.executable, "-m", "drafter"]
    corpus = load_corpus([], print)
    print(f"{'example':<10}{'style':<10}{'chars':>7}{'cold check s':>14}{'audit ms':>10}{'longest':>9}")
    with tempfile.TemporaryDirectory() as folder:
        for path in sorted((ROOT / "examples").glob("*.yaml")):
            town = load_town(path)
            for style in ("numbered", "topical", "congress"):
                draft = Path(folder) / f"{path.stem}-{style}.docx"
                build(path, BuildOptions(style=style, out=draft))
                cold, _ = median_run(cli + ["check", str(path), str(draft), "--json"], REPEAT)
                paragraphs = read_draft(draft)
                times = []
                for _ in range(REPEAT):
                    start = time.perf_counter()
                    result = audit(town, paragraphs, corpus, draft.name)
                    times.append(time.perf_counter() - start)
                chars = result.counted["characters"]
                print(f"{path.stem:<10}{style:<10}{chars:>7}{cold:>14.3f}{1000 * statistics.median(times):>10.1f}{result.longest:>9}")


if __name__ == "__main__":
    main()
