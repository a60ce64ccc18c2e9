"""Text two documents may share without copying: the canonical formulas, and each town's own words, blanked out
before spans are compared (check's originality audit, the county's cross-town check); the spans a draft shares with
the corpus, counted without them."""

from __future__ import annotations

import difflib
import re
from functools import lru_cache
from importlib import resources

import yaml

# What a blanked-out character becomes: no span runs through it.
MASK = "\x00"
# User strings shorter than this are not masked before the originality check (too common to matter).
MIN_EXEMPT = 4
# Shared spans are found from windows of this many characters, then measured exactly.
PROBE = 8


@lru_cache(maxsize=1)
def canonical_formulas() -> tuple[str, ...]:
    """Political formulas that must be quoted exactly (drafter/data/canonical.yaml)."""
    text = resources.files("drafter").joinpath("data/canonical.yaml").read_text("utf-8")
    return tuple(yaml.safe_load(text)["formulas"])


def masked(paragraphs: list[str], exempt: list[str], always: tuple[str, ...] = ()) -> list[str]:
    """Paragraphs with every occurrence of every exempt string blanked out (positions kept); exempt strings shorter
    than MIN_EXEMPT are left, those in always are not. The strings are indexed by their first characters, so each
    paragraph is read once however many strings there are."""
    return list(map(Masker(exempt, always), paragraphs))


class Masker:
    """masked() for one paragraph at a time, the exempt strings indexed once."""

    def __init__(self, exempt: list[str], always: tuple[str, ...] = ()) -> None:
        strings = {s for s in exempt if len(s) >= MIN_EXEMPT} | {s for s in always if s}
        head = min((len(s) for s in strings), default=MIN_EXEMPT)
        self.by_head: dict[str, list[str]] = {}
        for s in sorted(strings, key=len, reverse=True):
            self.by_head.setdefault(s[:head], []).append(s)
        # every place where some string's first characters stand (overlapping places too), found by the regex engine
        self.starts = re.compile("(?=(" + "|".join(map(re.escape, sorted(self.by_head))) + "))") if self.by_head else None

    def __call__(self, text: str) -> str:
        if self.starts is None:
            return text
        blank = bytearray(len(text))
        for found in self.starts.finditer(text):
            i = found.start()
            for s in self.by_head[found.group(1)]:
                if text.startswith(s, i):
                    blank[i : i + len(s)] = b"\x01" * len(s)
                    break  # the longest string starting here covers the others
        if 1 not in blank:
            return text
        pieces, last = [], 0
        for run in BLANKED.finditer(blank):  # each blanked run becomes as many MASKs
            pieces += [text[last : run.start()], MASK * (run.end() - run.start())]
            last = run.end()
        return "".join(pieces) + text[last:]


BLANKED = re.compile(b"\x01+")


def unmasked(text: str) -> int:
    """The characters of a masked text that count (not blanked out)."""
    return len(text) - text.count(MASK)


# A corpus up to this many characters is indexed by its PROBE-character windows once per process (the bundled seeds:
# some 30,000); a larger one (a county's own --corpus) is streamed through each draft instead.
INDEXED = 400_000


class CorpusIndex:
    """A corpus's lines, where each of its PROBE-character windows stands (None for a large corpus), and a
    SequenceMatcher per line (difflib keeps what it works out about its second sequence, the corpus line)."""

    def __init__(self, corpus: list) -> None:
        self.lines = [(document.name, line) for document in corpus for line in document.lines]
        self.windows: dict[str, list[tuple[int, int]]] | None = None
        if sum(len(line.text) for _, line in self.lines) <= INDEXED:
            self.windows = {}
            for li, (_, line) in enumerate(self.lines):
                t = line.text
                for j in range(len(t) - PROBE + 1):
                    self.windows.setdefault(t[j : j + PROBE], []).append((li, j))
        self.matchers: dict[int, difflib.SequenceMatcher] = {}

    def matcher(self, li: int, span: str) -> difflib.SequenceMatcher:
        """A matcher of span against corpus line li."""
        found = self.matchers.get(li)
        if found is None:
            found = self.matchers[li] = difflib.SequenceMatcher(None, "", self.lines[li][1].text, autojunk=False)
        found.set_seq1(span)
        return found


# The index of the corpus last used (a county's drafts are all checked against one corpus), by its documents (kept,
# so that their ids stay their own).
INDEXES: dict[tuple[int, ...], tuple[list, CorpusIndex]] = {}


def corpus_index(corpus: list) -> CorpusIndex:
    """The corpus's index, made on first use."""
    key = tuple(map(id, corpus))
    held = INDEXES.get(key)
    if held is None:
        INDEXES.clear()
        held = INDEXES[key] = (list(corpus), CorpusIndex(corpus))
    return held[1]


def corpus_spans(paragraphs: list[str], corpus: list, exempt: list[str], min_len: int) -> tuple[list[tuple[int, str, str]], int]:
    """(paragraph index, shared text, 'file:line') of each span a paragraph shares verbatim with a corpus line in which
    at least min_len characters count, and the largest count. A span is found on the words as written and counted without the exempt
    strings in it: a canonical formula a seed wraps in its own words is measured on those words, on both sides of it
    together (the formula does not cut a copied clause in two pieces too short to count), and the town's own title
    or words count for nothing.

    The draft's PROBE-character windows are indexed (small) and the corpus streamed through them, so memory stays
    proportional to the draft; each run of hits is then measured exactly against the corpus lines that produced it."""
    mask = Masker(exempt)  # applied only to the paragraphs that share a window with the corpus
    index = corpus_index(corpus)
    lines = index.lines
    hits: dict[int, dict[int, set[tuple[int, int]]]] = {}
    if index.windows is not None:  # a corpus of the usual size, indexed once per process: the draft is looked up in it
        look = index.windows.get
        for pi, raw in enumerate(paragraphs):
            for i in range(len(raw) - PROBE + 1):
                places = look(raw[i : i + PROBE])
                if places:
                    hits.setdefault(pi, {})[i] = set(places)
    else:  # a large one is streamed through the draft's windows, so memory stays proportional to the draft
        mine: dict[str, list[tuple[int, int]]] = {}
        for pi, raw in enumerate(paragraphs):
            for i in range(len(raw) - PROBE + 1):
                mine.setdefault(raw[i : i + PROBE], []).append((pi, i))
        for li, (_, line) in enumerate(lines):
            t = line.text
            for j in range(len(t) - PROBE + 1):
                for pi, i in mine.get(t[j : j + PROBE], ()):
                    hits.setdefault(pi, {}).setdefault(i, set()).add((li, j))
    found: dict[tuple[int, str], tuple[int, str, str]] = {}
    longest = 0
    for pi, at in sorted(hits.items()):
        raw = paragraphs[pi]
        text = mask(raw)
        runs: list[list[int]] = []
        for i in sorted(at):
            if runs and i == runs[-1][-1] + 1:
                runs[-1].append(i)
            else:
                runs.append([i])
        for run in runs:
            start, end = run[0], run[-1] + PROBE
            if not unmasked(text[start:end]):
                continue  # a formula or the town's own words alone
            span = raw[start:end]
            for li in sorted({li for i in run for li, _ in at[i]}):
                name, line = lines[li]
                for a, _, size in index.matcher(li, span).get_matching_blocks():
                    count = unmasked(text[start + a : start + a + size])
                    longest = max(longest, count)
                    if count >= min_len:
                        shared = span[a : a + size]
                        found.setdefault((pi, shared), (pi, shared, f"{name}:{line.number}"))
    return list(found.values()), longest
