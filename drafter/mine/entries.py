"""Occurrences -> sorted phrase-bank entries (text or pattern, freq, reports, topics, sources)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable


# An entry lists at most this many of its sources (file:line); freq still counts them all.
SOURCES_MAX = 10
MASK = re.compile(r"\*+")
# A masked run followed by a unit or preceded by a digit is a number; otherwise a name.
NUMBER_CONTEXT = re.compile(r"\*+(?=[万亿千百十个户人亩元次家名所座项条%％年月日天吨株件只台余多])|(?<=[0-9.])\*+|\*+(?=[0-9.])")
YEAR = re.compile(r"(?<![0-9])(19|20)\d\d(?=年)")


def slotify(text: str) -> str:
    """Replace masked runs (`*`) by slots: {数} for a masked figure, {名} for a masked name."""
    text = NUMBER_CONTEXT.sub("{数}", text)
    return MASK.sub("{名}", text)


def has_mask(text: str) -> bool:
    """True when text contains a masked run."""
    return "*" in text


@dataclass
class Bucket:
    """Occurrences of one text (or pattern) in one category."""

    key: tuple[str, ...]
    data: dict = field(default_factory=dict)
    freq: int = 0
    reports: set[str] = field(default_factory=set)
    topics: set[str] = field(default_factory=set)
    sources: set[tuple[str, int]] = field(default_factory=set)


class Collector:
    """Accumulates occurrences per key; `entries()` gives the sorted, stable list."""

    def __init__(self) -> None:
        self.buckets: dict[tuple[str, ...], Bucket] = {}

    def add(self, key: tuple[str, ...], report: str, line: int, topics: Iterable[str] = (), **data: object) -> Bucket:
        """Count one occurrence of key at report:line, with its topics and extra data."""
        bucket = self.buckets.get(key)
        if bucket is None:
            bucket = self.buckets[key] = Bucket(key, dict(data))
        bucket.freq += 1
        bucket.reports.add(report)
        bucket.topics.update(topics)
        bucket.sources.add((report, line))
        return bucket

    def entries(self, min_freq: int = 1, min_reports: int = 1) -> list[dict]:
        """Entries at or above the thresholds, most frequent first, ties by text."""
        kept = [b for b in self.buckets.values() if b.freq >= min_freq and len(b.reports) >= min_reports]
        kept.sort(key=lambda b: (-b.freq, b.key))
        return [to_entry(b) for b in kept]


def to_entry(bucket: Bucket) -> dict:
    """One bucket -> the dict written to YAML (keys in a fixed, readable order)."""
    entry: dict = {}
    entry.update(bucket.data)
    entry["freq"] = bucket.freq
    entry["reports"] = len(bucket.reports)
    entry["topics"] = sorted(bucket.topics)
    entry["sources"] = [f"{r}:{n}" for r, n in sorted(bucket.sources)[:SOURCES_MAX]]
    return entry
