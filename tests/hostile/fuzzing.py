"""Fuzz bookkeeping: how many examples each campaign ran, how they ended, the slowest one (a hang shows here before
a timeout would), written to $FUZZ_REPORT as JSON at exit when it is set. Measurement only, nothing is asserted."""

from __future__ import annotations

import atexit
import json
import os
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager

COUNTS: dict[str, Counter] = defaultdict(Counter)
SLOWEST: dict[str, float] = defaultdict(float)


@contextmanager
def timed(campaign: str) -> Iterator[Counter]:
    """Count one example of a campaign and keep its time if it is the slowest; the counter takes its outcome."""
    start = time.perf_counter()
    try:
        yield COUNTS[campaign]
    finally:
        COUNTS[campaign]["examples"] += 1
        SLOWEST[campaign] = max(SLOWEST[campaign], time.perf_counter() - start)


def report() -> None:
    path = os.environ.get("FUZZ_REPORT")
    if path and COUNTS:
        data = {name: {**counts, "slowest_seconds": round(SLOWEST[name], 2)} for name, counts in COUNTS.items()}
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(data, ensure_ascii=False) + "\n")


atexit.register(report)
