"""Phrase bank directory (mined YAML) -> Bank, and the one seeded chooser every phrase pick goes through."""

import hashlib
import random
import zlib
from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import yaml

from drafter.errors import PhrasebankError, Problem
from drafter.files.cache import cached_data
from drafter.files.resources import data_dir
from drafter.tuples import NamedTuple

# File -> keys that the build reads from it.
REQUIRED = {
    "openings": ("clauses",),
    "headings": ("formulas", "fillers"),
    "verdicts": ("entries",),
    "phrases": ("entries",),
    "skeletons": ("styles",),
}
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Bank(NamedTuple):
    """The categories the build draws phrases from."""

    openings: list[dict]
    formulas: list[dict]
    fillers: list[dict]
    verdicts: list[dict]
    phrases: list[dict]
    skeletons: dict
    corpus: list[dict]

    def role(self, category: str, role: str) -> list[dict]:
        """Entries of a category (openings or phrases) with the given role."""
        return [e for e in getattr(self, category) if e.get("role") == role]


# What is derived from a bank alone (its entries filtered and indexed), per bank, for the life of the process.
MEMOS: dict[int, tuple[Bank, dict]] = {}


def bank_memo(bank: Bank) -> dict:
    """A dict for what is derived from this bank alone (kept while the bank is: read_bank keeps a few)."""
    held = MEMOS.get(id(bank))
    if held is None or held[0] is not bank:
        if len(MEMOS) >= 8:
            MEMOS.clear()
        held = MEMOS[id(bank)] = (bank, {})
    return held[1]


def bank_dir(directory: Path | None) -> Path:
    """The bank to use: the given directory, or the one shipped in the package."""
    return directory if directory is not None else data_dir("phrasebank", "openings.yaml")


def load_bank(directory: Path | None = None) -> Bank:
    """Read and check a phrase bank directory (cached while its files are unchanged)."""
    root = bank_dir(directory)
    return read_bank(root, builtin_stamps(root) if directory is None else stamps_of(root))


def stamps_of(root: Path) -> tuple[int, ...]:
    """The bank's files' modification times (0 for a missing one)."""
    return tuple((root / f"{name}.yaml").stat().st_mtime_ns if (root / f"{name}.yaml").is_file() else 0 for name in REQUIRED)


@lru_cache(maxsize=2)
def builtin_stamps(root: Path) -> tuple[int, ...]:
    """stamps_of the bank shipped with drafter, taken once a process (it does not change under a running drafter;
    a county's batch loads the bank for every draft)."""
    return stamps_of(root)


@lru_cache(maxsize=8)
def read_bank(root: Path, stamps: tuple[int, ...]) -> Bank:
    """A phrase bank from the cache of its parsed files, or parsed (and cached) now."""
    data = cached_data("bank", repr((str(root.resolve()), stamps)), lambda: parse_bank(root))
    return Bank(
        openings=data["openings"]["clauses"],
        formulas=data["headings"]["formulas"],
        fillers=data["headings"]["fillers"],
        verdicts=data["verdicts"]["entries"],
        phrases=data["phrases"]["entries"],
        skeletons=data["skeletons"]["styles"],
        corpus=data["openings"].get("corpus", []),
    )


def parse_bank(root: Path) -> dict[str, dict]:
    """Parse and check the YAML files of a phrase bank; PhrasebankError names the missing file or key."""
    data: dict[str, dict] = {}
    for name, keys in REQUIRED.items():
        path = root / f"{name}.yaml"
        if not path.is_file():
            raise PhrasebankError(Problem(str(path), None, "", "短语库缺少此文件", "请用 drafter mine 重新生成短语库"))
        try:
            content = yaml.load(path.read_text("utf-8"), Loader=Loader)
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            raise PhrasebankError(Problem(str(path), None, "", f"短语库文件无法解析：{exc}")) from exc
        for key in keys:
            if not isinstance(content, dict) or not isinstance(content.get(key), (list, dict)):
                raise PhrasebankError(Problem(str(path), None, key, "短语库文件缺少此类别", "请用 drafter mine 重新生成"))
        data[name] = {key: content[key] for key in (*keys, "corpus") if key in content}
    return data


def town_seed(name: str) -> int:
    """The default seed: derived from the town's name, so a rebuild gives the same draft."""
    return int(hashlib.sha256(name.encode("utf-8")).hexdigest()[:8], 16)


@lru_cache(maxsize=1 << 12)
def key_crc(key: str) -> int:
    """A choice key's CRC-32 (where a county's towns start on it), kept per key for the process."""
    return zlib.crc32(key.encode("utf-8"))


def shuffle(rng: random.Random, items: list) -> None:
    """rng.shuffle(items), the same draws and the same order (Fisher-Yates from the end, each index drawn as
    random.Random._randbelow does: getrandbits of its bit length until below the bound), without two calls per item:
    a draft shuffles some hundred short lists (tests/compose/test_choices.py holds it to random.shuffle)."""
    getrandbits = rng.getrandbits
    for i in range(len(items) - 1, 0, -1):
        bits = (i + 1).bit_length()
        j = getrandbits(bits)
        while j > i:
            j = getrandbits(bits)
        items[i], items[j] = items[j], items[i]


def below(rng: random.Random, bound: int) -> int:
    """rng.randrange(bound) for a bound of at least 1: the same draws (random.Random._randbelow), without randrange's
    argument checks and two calls (tests/compose/test_choices.py)."""
    bits = bound.bit_length()
    drawn = rng.getrandbits(bits)
    while drawn >= bound:
        drawn = rng.getrandbits(bits)
    return drawn


class Chooser:
    """Seeded choices in 'once' mode: within a draft a phrase returns only after its alternatives are used.

    With a rotation (a town's place in a batch), the first choice under each key is not drawn at random but taken
    at that place in the options' own order (shifted by the key), so the towns of one county take different
    options wherever there are enough: towns i and j meet on a key only when i and j differ by a multiple of its
    number of options."""

    def __init__(self, seed: int, rotation: int | None = None) -> None:
        self.rng = random.Random(seed)
        self.rotation = rotation
        self.turns: dict[str, int] = defaultdict(int)
        self.used: dict[str, set[str]] = defaultdict(set)
        self.last: dict[str, str] = {}

    def turn(self, key: str, options: list[str]) -> list[str]:
        """options rotated to this town's place for key (unchanged without a rotation). A key's later turns in one
        draft step on by the town's place divided by the number of options, so towns that meet on a first
        choice part on the second (two-phrase headings then differ across a county as pairs, not just singly)."""
        if self.rotation is None or not options:
            return options
        turns = self.turns[key]
        self.turns[key] += 1
        shift = (key_crc(key) + self.rotation + turns * (self.rotation // len(options))) % len(options)
        return options[shift:] + options[:shift]

    def pick(self, key: str, options: Sequence[str]) -> str | None:
        """One of options (None when there are none), avoiding those already used under key."""
        unique = list(dict.fromkeys(options))
        if not unique:
            return None
        used = self.used[key]
        fresh = [o for o in unique if o not in used] if used else unique
        if not fresh:  # a new round, which does not open with the phrase just given
            used.clear()
            fresh = [o for o in unique if o != self.last.get(key)] or unique
        choice = self.turn(key, fresh)[0] if self.rotation is not None else fresh[below(self.rng, len(fresh))]
        self.used[key].add(choice)
        self.last[key] = choice
        return choice

    def unused(self, key: str, options: Sequence[str]) -> list[str]:
        """The options not yet used under key, in their own order, each once (nothing drawn)."""
        used = self.used[key]
        return [o for o in dict.fromkeys(options) if o not in used] if used else list(dict.fromkeys(options))

    def order(self, key: str, options: Sequence[str]) -> list[str]:
        """The options not yet used under key, in a seeded random order (none is marked as used)."""
        unused = self.unused(key, options)
        if self.rotation is not None:
            return self.turn(key, unused)
        if len(unused) > 1:  # (a list of one or none: random.shuffle draws nothing)
            shuffle(self.rng, unused)
        return unused

    def fresh(self, key: str, options: Sequence[str]) -> str | None:
        """One of the options not yet used under key (None when all are), not yet marked as used."""
        unused = self.order(key, options)
        return unused[0] if unused else None

    def mark(self, key: str, choice: str) -> None:
        """Count choice as used under key."""
        self.used[key].add(choice)
        self.last[key] = choice

    def take(self, key: str, options: Sequence[str], count: int) -> list[str]:
        """count distinct picks (fewer when options run out)."""
        picks: list[str] = []
        for _ in range(min(count, len(set(options)))):
            choice = self.pick(key, [o for o in options if o not in picks])
            if choice is not None:
                picks.append(choice)
        return picks
