"""Last year's promises against this year's review: a promise is kept when a section of its topic says something
with its words, or any item shares several of them; the others are listed ("去年计划…，今年总结中未见相应内容").
Each figure a promise names is compared with this year's figure of the same kind and words: 超过, 达到, 未达到, 未提及."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

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
        pieces = [section.heading or "", section.verdict or ""]
        texts = [" ".join([item.title or "", *(item.measures or []), *(f.text or f.what or "" for f in item.facts)])
                 for item in section.items]
        for topic in section.kinds:  # a section of two topics answers the promises of either
            out += [(topic, text) for text in texts] + [(topic, " ".join(pieces + texts))]
    return out


def unkept(town: Town) -> list[Unkept]:
    """Last year's promises this year's review does not answer."""
    texts = [(topic, meaningful(text)) for topic, text in review_texts(town)]
    figured = {a.index for a in answers(town) if a.found}
    out = []
    for i, promise in enumerate(town.promises):
        if i in figured:  # a figure it promised is answered
            continue
        mine = meaningful(promise.text)
        kept = any((promise.topic and topic == promise.topic and shared and len(mine & shared) >= 1)
                   or len(mine & shared) >= ACROSS for topic, shared in texts)
        if not kept:
            out.append(Unkept(i, promise.topic or "", promise.text))
    return out


@dataclass(frozen=True)
class Answer:
    """How this year's review answers one figure last year promised: 超过, 达到, 未达到 or 未提及."""

    index: int
    figure: int
    text: str
    promised: str
    found: str
    status: str

    @property
    def message(self) -> str:
        found = f"，今年 {self.found}" if self.found else "，今年总结中没有相应的数"
        return f"去年计划“{self.text}”中的 {self.promised}{found}：{self.status}"


def amount(value: Decimal, unit: str) -> str:
    """500, 亩 -> '500亩'."""
    return f"{value.normalize():f}{unit}"


def this_years(town: Town) -> list[tuple[str, str, Decimal, str]]:
    """(topic, words, value, unit) of each figure of this year's review and indicators; an indicator's growth as %."""
    out = []
    for ind in town.indicators:
        if ind.value is not None:
            out.append(("经济指标", ind.name, ind.value, ind.unit))
            if ind.previous:
                out.append(("经济指标", ind.name + "增长", (ind.value / ind.previous - 1) * 100, "%"))
    for section in town.sections:
        for item in section.items:
            for fact in item.facts:
                said = " ".join([item.title or "", fact.what or ""])
                if fact.value is not None:
                    out.append((section.kind, said, fact.value, fact.unit))
                out += [(section.kind, said + " " + (part.what or ""), part.value, part.unit) for part in fact.figures]
    return out


def convert(value: Decimal, unit: str, wanted: str) -> Decimal | None:
    """value in unit, in the wanted unit (万元 <-> 亿元, 亩 <-> 万亩); None when they measure different things."""
    from drafter.town.derive import scalings

    return next((v for v, u in scalings(value, unit) if u == wanted), None)


def answers(town: Town) -> list[Answer]:
    """Each figure of last year's promises against this year's figures of the same kind and words."""
    figures = this_years(town)
    out = []
    for i, promise in enumerate(town.promises):
        for j, part in enumerate(promise.figures):
            mine = meaningful(part.what or promise.text) or meaningful(promise.text)
            best: tuple[int, Decimal, str] | None = None
            for topic, said, value, unit in figures:
                shared = len(mine & meaningful(said))
                converted = convert(value, unit, part.unit)
                if converted is None or not shared or (topic != promise.topic and shared < 2):
                    continue
                if best is None or shared > best[0]:
                    best = (shared, converted, amount(value, unit) if unit != "%" else f"{value.quantize(Decimal('0.1'))}%")
            promised = amount(part.value, part.unit)
            if best is None:
                out.append(Answer(i, j, promise.text, promised, "", "未提及"))
                continue
            status = "超过" if best[1] > part.value else "达到" if best[1] == part.value else "未达到"
            out.append(Answer(i, j, promise.text, promised, best[2], status))
    return out
