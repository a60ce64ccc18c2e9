"""The parsed report (drafter.mine.structure) -> last year's review sections with their items, and its plans as
promises with their figures. Items are 一是… lead-ins (several in one paragraph), numbered 1、/1. paragraphs, or
run-in leads ("项目建设推动有力。…全域旅游不断推进。…"), wherever the report put them."""

from __future__ import annotations

import re

from drafter.init.figures import Figure, promised
from drafter.mine.structure import Report, Section
from drafter.town.lexicon import load_lexicon
from drafter.tuples import NamedTuple

NUM = "一二三四五六七八九十"
# 一是/二是 after the start of a paragraph or the end of a sentence (restarts inside an item are items too).
LEADIN = re.compile(rf"(?:^|(?<=[。；：！]))([{NUM}]+)是")
NUMBERED = re.compile(r"(?:^|(?<=[。；！]))(\d{1,2})[、.．](?![\d%])")
# A run-in lead: a short sentence with no figure and no comma, followed by its body.
RUNIN = re.compile(r"^[^，、：；0-9%*“”]{4,12}[。！]")
# Words a heading names a topic by that the lexicon's keywords (made for mining bodies) do not hold.
HEADING_CUES = {"平安稳定与信访": ("和谐稳定", "大局稳定", "社会稳定", "平安"), "乡村振兴": ("脱贫攻坚", "衔接"),
                "人居环境": ("城乡环境", "环境整治"), "党风廉政": ("清廉", "廉洁")}
ECONOMY_HEADING = re.compile(r"经济.{0,4}(?:增长|发展|运行|稳中|平稳|向好)|综合实力|经济总量|经济收入")
SENTENCE = re.compile(r"[^。；！？]+[。；！？]?")
PART_HEAD = re.compile(r"\d{4}年.{0,14}(?:回顾|总结|主要工作|推进情况|开展情况|亮点|完成情况|计划|安排|打算|思路|谋划|要点|重点任务)")


class Item(NamedTuple):
    """A review item: its title (None when last year had none) and last year's first sentence about it."""

    title: str | None
    said: str


class Part(NamedTuple):
    """A review section, or a promise of the plan: topic, last year's heading, items, its words, promised figures."""

    topic: str
    heading: str
    items: list[Item]
    said: str
    figures: list[Figure] = []


def first_sentence(text: str, limit: int = 60) -> str:
    """The first sentence of text, cut at limit characters."""
    match = SENTENCE.match(text.strip())
    sentence = (match.group(0) if match else text).strip().rstrip("。；！？")
    return sentence[:limit] + ("…" if len(sentence) > limit else "")


def title_of(segment: str) -> tuple[str, str]:
    """An item's text -> (its title: the first sentence, or its first clause when that sentence is long; the rest)."""
    stop = re.search(r"[。；！]", segment)
    if stop and stop.start() <= 24 and not re.search(r"\d", segment[: stop.start()]):
        return segment[: stop.start()], segment[stop.end():]
    comma = re.search(r"[，：；。]", segment)
    if comma and comma.start() <= 30:
        return segment[: comma.start()], segment[comma.end():]
    return first_sentence(segment, 30), segment


def is_runin(sentence: str) -> bool:
    """A run-in lead: a short sentence with no figure, comma or quotation, not an 一是."""
    return bool(RUNIN.match(sentence)) and not re.match(rf"^[{NUM}]+是", sentence)


def runin_split(text: str, anywhere: bool = False) -> list[tuple[str, str]]:
    """A paragraph of run-in leads -> (lead, its text) for each ("" for the text before the first lead); []
    unless it opens with one (anywhere: or holds two or more after an opening sentence)."""
    sentences = [s for s in SENTENCE.findall(text) if s.strip()]
    leads = [s for s in sentences if is_runin(s)]
    if not sentences or not (is_runin(sentences[0]) or (anywhere and len(leads) >= 2)):
        return []
    out: list[tuple[str, str]] = []
    for sentence in sentences:
        if is_runin(sentence):
            out.append((sentence.rstrip("。！"), ""))
        elif out:
            out[-1] = (out[-1][0], out[-1][1] + sentence)
        else:
            out.append(("", sentence))
    titled = [o for o in out if o[0]]
    return out if len(titled) >= 2 or titled[0][1] else []


def items_in(text: str) -> list[Item]:
    """The items of one paragraph: its 一是 lead-ins, its number, its run-in leads; [] when it has none."""
    marks = list(LEADIN.finditer(text))
    if marks:
        out = []
        for i, mark in enumerate(marks):
            end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
            title, rest = title_of(text[mark.end(): end])
            out.append(Item(title, first_sentence(rest)))
        return out
    numbers = list(NUMBERED.finditer(text))
    if numbers and numbers[0].start() == 0:
        out = []
        for i, mark in enumerate(numbers):
            end = numbers[i + 1].start() if i + 1 < len(numbers) else len(text)
            title, rest = title_of(text[mark.end(): end])
            out.append(Item(title, first_sentence(rest)))
        return out
    return [Item(lead or None, first_sentence(rest)) for lead, rest in runin_split(text, anywhere=True) if lead]


def items_of(section: Section) -> list[Item]:
    """The items of a section, in order; one untitled item with its first sentence when it has none."""
    out = [item for para in section.paras for item in items_in(para.text)]
    if out:
        return out
    body = section.body()
    return [Item(None, first_sentence(body))] if body else []


def topic_of(heading: str, titles: list[str], body: str) -> str:
    """The lexicon topic a section is about: heading words count most, then its items' titles, then the body."""
    lexicon = load_lexicon()
    if ECONOMY_HEADING.search(heading) and not lexicon.tag(ECONOMY_HEADING.sub("", heading)):
        return "经济指标"
    scores: dict[str, int] = {}
    plain = re.sub(r"产业发展|产业|发展", "", heading)
    for topic in lexicon.topics:
        words = (topic.label, *topic.keywords, *HEADING_CUES.get(topic.name, ()))
        score = 6 * sum(w in plain for w in words) + 2 * sum(t.count(w) for t in titles for w in words)
        score += sum(body.count(w) for w in topic.keywords)
        if score:
            scores[topic.name] = score
    if not scores:
        return lexicon.named(heading) or "改革与治理"
    return max(scores, key=lambda n: (scores[n], -list(scores).index(n)))


def leaves(report: Report, kind: str) -> list[Section]:
    """The sections of one kind that hold content: a （一） under a 一、, or a 一、 with no children; a part's own
    heading (2022年工作回顾) and a heading cut to a character by a page's excerpt are not sections."""
    out = []
    for section in report.sections():
        if section.kind != kind or section.level < 1 or section.children:
            continue
        if PART_HEAD.search(section.heading) and len(section.heading) <= 30 and "，" not in section.heading:
            continue
        if len(section.heading) < 2 and not section.paras:
            continue
        if section.heading or section.paras:
            out.append(section)
    return out


def review_parts(report: Report) -> list[Part]:
    """Last year's review sections, each with its items and topic."""
    out = []
    lexicon = load_lexicon()
    for section in leaves(report, "review"):
        if not section.heading and not section.paras:
            continue
        opened = [runin_split(p.text) for p in section.paras]
        part = not section.heading or lexicon.part_kind(section.heading) is not None
        if part and len(section.paras) >= 2 and all(opened):
            for leads in opened:
                items = [Item(lead, first_sentence(rest)) for lead, rest in leads[1:]] or [Item(None, first_sentence(leads[0][1]))]
                body = "".join(lead + rest for lead, rest in leads)
                out.append(Part(topic_of(leads[0][0], [i.title for i in items if i.title], body), leads[0][0], items,
                                first_sentence(leads[0][1])))
            continue
        items = items_of(section)
        titles = [i.title for i in items if i.title]
        topic = topic_of(section.heading, titles, section.body())
        out.append(Part(topic, section.heading.rstrip("。"), items, first_sentence(section.body())))
    return out


FRAMING = re.compile(r"新的一年|总体要求|之年|关键一年|以下几个方面|以下几方面|围绕以上目标|为此|指导思想|意义重大")


def goals(text: str) -> bool:
    """A plan's 主要预期目标 paragraph."""
    return bool(re.search(r"(?:预期目标|主要目标)(?:是|为)?[：:]", text))


def plan_promises(report: Report) -> list[Part]:
    """Last year's plans, one promise per item (一是…, 1., run-in lead) or per plan section without items, each with
    its topic and the figures it promised; the 主要预期目标 paragraph gives one promise; framing paragraphs none."""
    lexicon = load_lexicon()
    out = []
    for section in report.sections():
        container = not section.heading or lexicon.part_kind(section.heading) == "plan" or bool(PART_HEAD.search(section.heading))
        if section.kind != "plan" or (section.children and not container):
            continue
        if section.children or container:
            for para in section.paras:
                out += paragraph_promises(para.text, "" if section.children else section.heading)
            continue
        if section not in leaves(report, "plan"):
            continue
        body = section.body()
        items = [item for para in section.paras for item in items_in(para.text)]
        heading = section.heading.rstrip("。")
        if not items:
            out.append(Part(topic_of(heading, [], body), heading, [], heading or first_sentence(body, 40), promised(body)))
            continue
        fallback = topic_of(heading, [i.title for i in items if i.title], body)
        for para in section.paras:
            out += paragraph_promises(para.text, heading, fallback)
    return out


def paragraph_promises(text: str, heading: str, fallback: str = "") -> list[Part]:
    """The promises of one plan paragraph: its items, else the paragraph itself unless it only frames the plan."""
    if goals(text):
        start = re.search(r"[^。]*(?:预期目标|主要目标)", text)
        said = text[start.start():] if start else text
        return [Part("经济指标", heading, [], first_sentence(said, 80), promised(said))]
    pieces = items_in(text)
    if not pieces:
        if FRAMING.search(text) or len(text) < 8:
            return []
        said = first_sentence(text, 40)
        return [Part(topic_of(said, [], text) if not fallback else fallback, heading, [], said, promised(text))]
    out = []
    for piece in pieces:
        said = piece.title or first_sentence(text, 40)
        scope = item_text(text, said, pieces)
        out.append(Part(topic_of(said, [], scope) or fallback, heading, [], said, promised(scope)))
    return out


def item_text(paragraph: str, title: str, pieces: list[Item]) -> str:
    """The text of one item of a paragraph: from its title to the next item's title."""
    start = paragraph.find(title)
    if start < 0:
        return title
    later = [paragraph.find(p.title, start + len(title)) for p in pieces if p.title and p.title != title]
    ends = [e for e in later if e > start]
    return paragraph[start: min(ends) if ends else len(paragraph)]
