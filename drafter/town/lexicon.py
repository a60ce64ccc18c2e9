"""Packaged lexicon data -> typed Lexicon (topics, part words, cue words); no jieba."""

from functools import lru_cache

import yaml

from drafter.files.cache import cached_data
from drafter.files.resources import DATA
from drafter.tuples import NamedTuple

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Topic(NamedTuple):
    """One topic of the hand-curated lexicon."""

    name: str
    label: str
    keywords: tuple[str, ...]


class Lexicon(NamedTuple):
    """Topics, part-classification words, cue words and slips never to reuse."""

    topics: tuple[Topic, ...]
    parts: dict[str, tuple[str, ...]]
    cues: dict[str, tuple[str, ...]]
    rejects: tuple[str, ...] = ()

    def topic(self, name: str) -> Topic | None:
        """The topic called name, or None."""
        return next((t for t in self.topics if t.name == name), None)

    def tag(self, heading: str, body: str = "", limit: int = 2) -> list[str]:
        """Topics of a section: heading keyword hits first, else the strongest body topics."""
        head = {t.name: sum(heading.count(k) for k in (t.label, *t.keywords)) for t in self.topics}
        text = {t.name: sum(body.count(k) for k in t.keywords) for t in self.topics}
        if any(head.values()):
            scores = {n: head[n] * HEADING_WEIGHT + text[n] for n in head if head[n]}
        else:
            scores = {n: v for n, v in text.items() if v >= MIN_BODY_HITS}
        ranked = sorted(scores, key=lambda n: (-scores[n], n))
        return sorted(ranked[:limit])

    def named(self, text: str) -> str | None:
        """The topic whose label or keyword text names first (None when it names none)."""
        found = [(text.find(k), -len(k), t.name) for t in self.topics for k in (t.label, *t.keywords) if k in text]
        return min(found)[2] if found else None

    def rejected(self, text: str) -> bool:
        """True when text holds a slip of the corpus (a garbled idiom such as 慎始如终)."""
        return any(r in text for r in self.rejects)

    def part_kind(self, heading: str) -> str | None:
        """review / indicators / problems / plan / thanks for a heading, or None."""
        for kind, words in self.parts.items():
            if any(w in heading for w in words):
                return kind
        return None


# A body mentions a topic's keywords at least this often before the topic is tagged.
MIN_BODY_HITS = 2
# One keyword in a heading outweighs this many in the body.
HEADING_WEIGHT = 10


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The packaged lexicon (drafter/data/lexicon.yaml)."""
    source = DATA / "lexicon.yaml"

    def parse() -> dict:
        return yaml.load(source.read_text("utf-8"), Loader=LOADER)

    # parsed once per installed file, then read back from the cache
    raw = cached_data("lexicon", repr((str(source), source.stat().st_mtime_ns)), parse)
    topics = tuple(Topic(n, v["label"], tuple(v["keywords"])) for n, v in raw["topics"].items())
    parts = {k: tuple(v) for k, v in raw["parts"].items()}
    cues = {k: tuple(v) for k, v in raw["cues"].items()}
    return Lexicon(topics, parts, cues, tuple(raw.get("rejects") or ()))
