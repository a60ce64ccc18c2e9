"""Mining speed and memory: seeds/, and corpora 10, 30 and 100 times larger (seeds with perturbed figures and names).

Run: python bench/mine_bench.py [--max-scale 100]
Targets (issue #2): seeds under 3 s including jieba's dictionary load; 100x under 2 minutes, linear.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import median_run, run  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
NAME_CHARS = "青石云岭溪口桥头枫林竹园梅山柳湾松川杏花桃源龙泉凤鸣金沙银杏白鹭"


def perturb(text: str, rng: random.Random) -> str:
    """Same report with every digit and every two-character village or town name changed."""
    text = re.sub(r"[0-9]", lambda m: str(rng.randrange(10)), text)
    return re.sub(r"[\u4e00-\u9fff]{2}(?=[村乡镇])", lambda m: "".join(rng.sample(NAME_CHARS, 2)), text)


def make_corpus(folder: Path, scale: int) -> int:
    """Write scale copies of every seed, perturbed; returns the corpus size in bytes."""
    rng = random.Random(scale)
    size = 0
    for copy in range(scale):
        for seed in sorted(SEEDS.glob("*.txt")):
            data = perturb(seed.read_text("utf-8"), rng).encode("utf-8")
            (folder / f"{copy:03d}_{seed.name}").write_bytes(data)
            size += len(data)
    return size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--max-scale", type=int, default=100)
    args = parser.parse_args()
    mine = [sys.executable, "-m", "drafter", "mine"]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        wall, peak = median_run(mine + [str(SEEDS), "--out", f"{tmp}/bank0"], repeat=3)
        size = sum(p.stat().st_size for p in SEEDS.glob("*.txt"))
        rows.append(("seeds (1x)", 5, size, wall, peak))
        for scale in (s for s in (10, 30, 100) if s <= args.max_scale):
            corpus = Path(tmp) / f"corpus{scale}"
            corpus.mkdir()
            size = make_corpus(corpus, scale)
            wall, peak = run(mine + [str(corpus), "--out", f"{tmp}/bank{scale}"])
            rows.append((f"{scale}x", 5 * scale, size, wall, peak))
    print(f"{'corpus':<12}{'files':>7}{'MB':>8}{'wall s':>9}{'peak MiB':>10}{'s per MB':>10}")
    for name, files, size, wall, peak in rows:
        mb = size / 1e6
        print(f"{name:<12}{files:>7}{mb:>8.2f}{wall:>9.2f}{peak:>10.0f}{wall / mb:>10.2f}")
    base = rows[0]
    print(f"\nseeds: {base[3]:.2f} s (target < 3 s, jieba dictionary load included)")
    if len(rows) > 1:
        print(f"{rows[-1][0]}: {rows[-1][3]:.1f} s (target < 120 s)")
        for (n1, _, s1, w1, _), (n2, _, s2, w2, _) in zip(rows[1:], rows[2:]):
            print(f"marginal cost {n1} -> {n2}: {(w2 - w1) / ((s2 - s1) / 1e6):.2f} s per MB (linear when these agree)")


if __name__ == "__main__":
    main()
