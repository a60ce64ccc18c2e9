"""Last year's promises against this year's review: a promise is kept when a section of its topic says something
with its words, or any item shares several of them; the others are listed ("去年计划…，今年总结中未见相应内容")."""

from __future__ import annotations

from dataclasses import dataclass

from drafter.compose.fit import words
from drafter.town.model import Town

# Two-character words that say nothing about which work a promise means.
PLAIN = {"推进", "推动", "加强", "加快", "持续", "全面", "深入", "提升", "建设", "工作", "发展", "进一", "一步", "强化",
         "聚焦", "着力", "全力", "积极", "扎实", "不断", "进行", "开展", "实施", "完成", "确保", "力争", "狠抓", "抓好",
         "一是", "二是", "三是", "做好", "重点", "更加", "水平", "能力"}
# Shared words that make an item of another topic answer a promise.
ACROSS = 3


@dataclass(frozen=True)
class Unkept:  # not a NamedTuple: its field would shadow tuple.index
    """A promise of last year's that this year's review does not answer."""

    index: int
    topic: str
    text: str

    @property
    def message(self) -> str:
        return f"去年计划“{self.text}”，今年总结中未见相应内容"


def meaningful(text: str) -> set[str]:
    """The two-character words of text that name the work."""
    return {w for w in words(text) if w not in PLAIN and not any(c in "，。；：、“”（）,.;:0123456789" for c in w)}


def review_texts(town: Town) -> list[tuple[str, str]]:
    """(topic, words) of each item of this year's review, and of each section as a whole."""
    out = []
    for section in town.sections:
        topic = section.kind
        pieces = [section.heading or "", section.verdict or ""]
        for item in section.items:
            text = " ".join([item.title or "", *(item.measures or []), *(f.text or f.what or "" for f in item.facts)])
            out.append((topic, text))
            pieces.append(text)
        out.append((topic, " ".join(pieces)))
    return out


def unkept(town: Town) -> list[Unkept]:
    """Last year's promises this year's review does not answer."""
    texts = [(topic, meaningful(text)) for topic, text in review_texts(town)]
    out = []
    for i, promise in enumerate(town.promises):
        mine = meaningful(promise.text)
        kept = any((promise.topic and topic == promise.topic and shared and len(mine & shared) >= 1)
                   or len(mine & shared) >= ACROSS for topic, shared in texts)
        if not kept:
            out.append(Unkept(i, promise.topic or "", promise.text))
    return out
