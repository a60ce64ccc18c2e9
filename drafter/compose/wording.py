"""Packaged wording data (topic sheets, sentence templates, usage rules) -> typed Wording; cached, no jieba."""

import marshal
import os
from collections.abc import Callable, Iterator, Mapping
from functools import lru_cache
from pathlib import Path

import yaml

from drafter.errors import PhrasebankError, Problem
from drafter.files.cache import cached_data
from drafter.files.resources import DATA
from drafter.tuples import NamedTuple

# The kinds of phrase a topic sheet lists (see drafter/data/topics/README.md).
FIELDS = ("actions", "results", "gains", "aims", "projects", "leads", "plan_leads", "approaches")
ENTRY_KEYS = {"text", "source", "needs", "years", "when", "claim", "shows", "names"}
# What a phrase claims (drafter/data/topics/README.md): how work is done, a summary of the section's own facts,
# an outcome (shown by its figures or words), a concrete act or mechanism (named by the clerk).
CLAIMS = ("manner", "summary", "outcome", "act")
GENERIC = "通用"
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Entry(NamedTuple):
    """One phrase with where it comes from and when it fits."""

    text: str
    source: str
    needs: str = ""  # "rise": only over figures that rose
    years: tuple[int, int] | None = None  # only for summary years in this range
    when: tuple[str, ...] = ()  # only for items whose text holds one of these words
    claim: str = ""  # manner, summary, outcome or act (CLAIMS); "" for phrases mined from the seeds
    shows: tuple[str, ...] = ()  # an outcome: only where the clerk's words hold one of these
    names: tuple[str, ...] = ()  # an act: only where the clerk's words hold every one of these


class Sheet(NamedTuple):
    """A topic's label and its phrases by kind."""

    topic: str
    label: str
    entries: dict[str, tuple[Entry, ...]]

    def get(self, field: str) -> tuple[Entry, ...]:
        """The phrases of one kind (empty when the sheet lists none)."""
        return self.entries.get(field, ())


class Sheets(Mapping[str, Sheet]):
    """The topic sheets by topic, each read and made a Sheet when first asked for: a draft asks for its own topics
    only, a third of them. The cache keeps each sheet packed on its own (reading them all back cost every cold start
    2 ms; making them all Sheets another 0.6 ms)."""

    def __init__(self, raw: dict[str, bytes]) -> None:
        self.raw: dict[str, bytes] = raw
        self.made: dict[str, Sheet] = {}

    def __getitem__(self, topic: str) -> Sheet:
        sheet = self.made.get(topic)
        if sheet is None:
            sheet = self.made[topic] = unpack(self.raw[topic])
        return sheet

    def __iter__(self) -> Iterator[str]:
        return iter(self.raw)

    def __len__(self) -> int:
        return len(self.raw)


class Wording(NamedTuple):
    """Topic sheets, the generic sheet, sentence templates and usage rules."""

    sheets: Mapping[str, Sheet]
    generic: Sheet
    sentences: dict
    usage: dict


def data_root() -> Path:
    """drafter/data (installed or in the source tree)."""
    return DATA


def files(root: Path) -> list[Path]:
    """The wording files under root, sorted: sentences, usage and every topic sheet."""
    return [root / "sentences.yaml", root / "usage.yaml", *sorted((root / "topics").glob("*.yaml"))]


def stamps(root: Path) -> list[tuple[str, int]]:
    """Each wording file's name and time (files' order), for the cache's key; read with os.scandir, without a Path
    made and stat'ed for each file (a third of the time, on every start)."""
    out = []
    for name in ("sentences.yaml", "usage.yaml"):
        try:
            out.append((name, os.stat(root / name).st_mtime_ns))
        except OSError:
            pass
    try:
        with os.scandir(root / "topics") as found:
            out += sorted((e.name, e.stat().st_mtime_ns) for e in found if e.name.endswith(".yaml") and e.is_file())
    except OSError:
        pass
    return out


def read_yaml(path: Path) -> object:
    """A YAML file's content; PhrasebankError names the file when it cannot be read."""
    try:
        return yaml.load(path.read_text("utf-8"), Loader=Loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise PhrasebankError(Problem(str(path), None, "", f"用语数据无法读取：{exc}")) from exc


def check_sheet(path: Path, raw: object) -> dict:
    """A topic sheet's content, checked: topic, label and well-formed entries of the known kinds."""
    def bad(key: str, message: str) -> PhrasebankError:
        return PhrasebankError(Problem(str(path), None, key, message))

    if not isinstance(raw, dict) or not isinstance(raw.get("topic"), str) or not isinstance(raw.get("label"), str):
        raise bad("topic", "话题表需要 topic 和 label")
    for field in set(raw) - {"topic", "label", *FIELDS}:
        raise bad(field, "话题表中未知的键")
    for field in FIELDS:
        for i, entry in enumerate(raw.get(field) or []):
            key = f"{field}[{i}]"
            if not isinstance(entry, dict) or not isinstance(entry.get("text"), str) or not isinstance(entry.get("source"), str):
                raise bad(key, "每一条需要 text 和 source")
            if set(entry) - ENTRY_KEYS:
                raise bad(key, f"未知的键：{'、'.join(sorted(set(entry) - ENTRY_KEYS))}")
            if field == "approaches" and not entry.get("when"):
                raise bad(key, "做法短语需要 when（条目含哪些词时使用）")
            when, years = entry.get("when") or [], entry.get("years")
            if not isinstance(when, list) or not all(isinstance(w, str) and w for w in when):
                raise bad(f"{key}.when", "when 应为词语的列表（数字请加引号）")
            if years is not None and not (isinstance(years, list) and len(years) == 2 and all(isinstance(y, int) for y in years)):
                raise bad(f"{key}.years", "years 应为 [起始年, 截止年]")
            if entry.get("needs") not in (None, "rise"):
                raise bad(f"{key}.needs", "needs 只能是 rise")
            claim_problem(entry, key, bad)
    return raw


def claim_problem(entry: dict, key: str, bad: Callable[[str, str], PhrasebankError]) -> None:
    """An entry's claim and the condition it needs: an outcome is shown (shows words or needs: rise), an act named."""
    claim = entry.get("claim")
    for word_key in ("shows", "names"):
        words = entry.get(word_key)
        if words is not None and not (isinstance(words, list) and words and all(isinstance(w, str) and w for w in words)):
            raise bad(f"{key}.{word_key}", f"{word_key} 应为词语的列表")
    if claim not in CLAIMS:
        raise bad(f"{key}.claim", f"每一条都要写 claim（它断言了什么），只能是 {'、'.join(CLAIMS)}")
    if claim == "outcome" and not entry.get("shows") and entry.get("needs") != "rise":
        raise bad(f"{key}.shows", "断言成效的说法（outcome）要写 shows（本节含哪些词时才算有据）或 needs: rise")
    if claim == "act" and not entry.get("names"):
        raise bad(f"{key}.names", "点名具体做法的说法（act）要写 names（本节文字中都出现这些词时才用）")


def parse_wording(root: Path) -> dict:
    """All wording files under root as plain data (what the cache keeps): the sentence templates, the usage rules,
    and each topic sheet by its topic, packed (pack; read back when a draft asks for it: Sheets)."""
    paths = files(root)
    sheets = [check_sheet(p, read_yaml(p)) for p in paths[2:]]
    return {"sentences": read_yaml(paths[0]), "usage": read_yaml(paths[1]),
            "sheets": {sheet["topic"]: pack(sheet) for sheet in sheets}}


def to_sheet(raw: dict) -> Sheet:
    """Plain sheet data -> Sheet."""
    entries = {
        field: tuple(
            Entry(e["text"], e["source"], e.get("needs", ""), tuple(e["years"]) if e.get("years") else None,
                  tuple(e.get("when") or ()), e.get("claim", ""), tuple(e.get("shows") or ()), tuple(e.get("names") or ()))
            for e in raw.get(field) or []
        )
        for field in FIELDS
    }
    return Sheet(raw["topic"], raw["label"], entries)


def pack(raw: dict) -> bytes:
    """A checked topic sheet in the cache's form: its topic, label and each kind's entries as tuples in Entry's order
    (made Entries again by unpack, a third of the time to_sheet takes over the sheet's own form)."""
    sheet = to_sheet(raw)
    return marshal.dumps((sheet.topic, sheet.label, {field: [tuple(e) for e in found] for field, found in sheet.entries.items()}))


def unpack(blob: bytes) -> Sheet:
    """pack's bytes -> the Sheet."""
    topic, label, entries = marshal.loads(blob)
    return Sheet(topic, label, {field: tuple(map(Entry._make, rows)) for field, rows in entries.items()})


@lru_cache(maxsize=2)
def load_wording(root: Path | None = None) -> Wording:
    """The wording data (parsed once, then from the cache while the files are unchanged)."""
    root = root or data_root()
    data = cached_data("wording", repr(("sheets apart, packed", str(root), stamps(root))), lambda: parse_wording(root))
    raw = dict(data["sheets"])
    generic = unpack(raw.pop(GENERIC)) if GENERIC in raw else Sheet(GENERIC, "", {})
    return Wording(Sheets(raw), generic, data["sentences"], data["usage"])
