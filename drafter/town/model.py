"""The town file's typed model: what a clerk may write, as frozen records (drafter.town.record) checked by drafter.town.schema."""

import datetime as dt
from decimal import Decimal
from typing import Literal

from drafter.town.amounts import growth_base, stated_problems
from drafter.town.lexicon import load_lexicon
from drafter.town.record import Record, field

AMOUNT = {"ge": 0}
# A ratio's whole, or a target, smaller than this is a typing slip (it would make a rate of 10^8 % and more).
DIVISOR = {"gt": 0, "ge": Decimal("0.000001")}
# Lists the draft numbers (一、… 九十九、; 一是 … 九十九是) hold at most this many.
NUMBERED = {"most": 99}
UNIT = {"empty": True}  # a count without a unit may write unit: ""


def topic_problem(value: str, key: str = "topic") -> str | None:
    """None for a lexicon topic; else a message that suggests the closest one by meaning, then by spelling."""
    lexicon = load_lexicon()
    names = [t.name for t in lexicon.topics]
    if value in names:
        return None
    meaning = lexicon.named(value)
    if meaning and key == "topic":
        return f"未知话题“{value}”。它像是“{meaning}”：可写 topic: {meaning}，或保留自己的话题名并加一行 like: {meaning}"
    import difflib  # only for a message

    close = difflib.get_close_matches(value, names, n=1, cutoff=0.3)
    hint = f"是不是“{close[0]}”？" if close else ""
    return f"未知话题“{value}”。{hint}可选：{'、'.join(names)}"


def joined(names: list[str]) -> str:
    """['县委、县政府', '镇党委'] -> '县委、县政府和镇党委'; three or more: 'A、B和C'."""
    return names[0] if len(names) == 1 else "、".join(names[:-1]) + "和" + names[-1]


ONE_OR_MORE = {"single": True}  # a list field that also takes a single string
# Sentences on the year itself that the opening paragraph holds.
BACKGROUND = 2
# Topics one section may cover under one heading (项目建设 and 文化旅游).
TOPICS = 2


PREVIOUS = {"ge": 0, "check": growth_base}
# A rate the clerk states: growth over last year (a fall is negative, and cannot pass -100), completion of the target.
GROWTH = {"ge": Decimal(-100)}
COMPLETION = AMOUNT


# approx: true (= 余) writes 8500余人 / 600余万元 / 3.5万余亩; 多 500多人; 约, 近, 超, 逾 before the number (约3.5万亩,
# 近3.5万元, 超9.5亿元); see drafter.town.amounts.
Approx = Literal[True, False, "余", "多", "约", "近", "超", "逾"]


class Part(Record):
    """One figure of a fact that has several: 纳入低保412户603人 (no what), 培育家庭农场11家、合作社19家 (with what)."""

    SHAPE = " {value: 数值, unit: 单位}（可加 what）"

    value: Decimal = field(metadata=AMOUNT)
    unit: str = field(default="", metadata=UNIT)
    what: str | None = None
    approx: Approx = False
    previous: Decimal | None = field(default=None, metadata=PREVIOUS)
    target: Decimal | None = field(default=None, metadata=DIVISOR)
    growth: Decimal | None = field(default=None, metadata=GROWTH)  # 同比增长66.8% without last year's figure
    completion: Decimal | None = field(default=None, metadata=COMPLETION)  # 完成全年目标任务的118% without the target

    def check(self) -> list[tuple[str, str]]:
        """A stated rate agrees with the previous value or target given beside it."""
        return stated_problems(self.value, self.previous, self.growth, self.target, self.completion)


class Fact(Record):
    """One fact: free text kept verbatim, or a figure (what/value/unit), several figures, or a ratio of two counts."""

    FROM_STRING = "text"  # a plain string in a facts list is free text

    text: str | None = None
    what: str | None = None
    value: Decimal | None = field(default=None, metadata=AMOUNT)
    unit: str = field(default="", metadata=UNIT)
    approx: Approx = False
    previous: Decimal | None = field(default=None, metadata=PREVIOUS)
    target: Decimal | None = field(default=None, metadata=DIVISOR)
    growth: Decimal | None = field(default=None, metadata=GROWTH)  # 同比增长66.8% without last year's figure
    completion: Decimal | None = field(default=None, metadata=COMPLETION)  # 完成全年目标任务的118% without the target
    ratio: tuple[Decimal, Decimal] | None = field(default=None, metadata={"items": [AMOUNT, DIVISOR]})
    figures: list[Part] = field(default_factory=list)
    count: str | None = None  # with ratio: also say the count (参保13480人，参保率达97.9%)
    verb: str | None = None  # the clerk's own verb before the figure (突破, 保持在, 达到)
    bound: Literal["以上", "以内", "左右"] | None = None  # after the figure (15个以上)
    resolve: Literal["力争", "确保", False] | None = None  # in a plan: the word before the figure, false for none

    def check(self) -> list[tuple[str, str]]:
        """Exactly one of text or what; a figure needs one of value, figures or ratio; growth must be defined."""
        out = []
        kinds = [k for k in ("value", "figures", "ratio") if getattr(self, k) not in (None, [])]
        if (self.text is None) == (self.what is None):
            out.append(("", "每条事实要么是一段文字，要么用 what 加 value（或 figures、ratio）描述数字"))
        elif self.what is not None and not kinds:
            out.append(("", "有 what 时还需要 value（数值）、figures（几个数值）或 ratio（两个计数之比）"))
        if len(kinds) > 1:
            out.append(("", f"{'、'.join(kinds)} 只能选一个"))
        if self.count is not None and self.ratio is None:
            out.append(("count", "count 只和 ratio 一起用：写出比率的分子，如 count: 参保"))
        if self.count is not None and not self.unit:
            out.append(("unit", "写了 count 时需要 unit（分子的单位，如 人）"))
        slots, figures = (self.what or "").count("{}"), len(self.figures) if self.figures else 1
        if slots and (self.ratio is not None or slots != figures):
            out.append(("what", f"what 里的 {{}} 标出数字的位置，应与数字一样多（这里有 {slots} 处、{figures} 个数字；比率不用 {{}}）"))
        for key in ("growth", "completion"):
            if getattr(self, key) is not None and self.value is None and self.what is not None:
                out.append((key, f"{key} 只和 value 一起用（figures 中的每个数字可以各写 {key}）"))
        return out + stated_problems(self.value, self.previous, self.growth, self.target, self.completion)


class Item(Record):
    """One '一是…' item: an optional lead-in title, how the work was done (measures) and its facts."""

    SHAPE = " title: 领起句 加 facts: 事实列表（每条事实以“- ”开头）"

    title: str | None = None
    measures: list[str] = field(default_factory=list, metadata=ONE_OR_MORE)
    facts: list[Fact] = field(default_factory=list)


class Section(Record):
    """A review section or a plan section on one topic, or two under one heading (each a topic of the lexicon, or
    the town's own with like)."""

    SHAPE = " topic: 话题 加 items: 各项列表"

    # The YAML key is topic: one topic (topic: 项目建设) or two (topic: [项目建设, 文化旅游]).
    topics: list[str] = field(metadata={**ONE_OR_MORE, "key": "topic"})
    like: str | None = None  # the built-in topic a town's own topic behaves like (茶产业 -> 农业)
    heading: str | None = None
    verdict: str | None = None
    items: list[Item] = field(default_factory=list, metadata=NUMBERED)

    @staticmethod
    def check_raw(data: dict) -> list[tuple[str, str]]:
        """One topic or two different ones; each the lexicon's, or like names the lexicon topic it behaves like."""
        like, topic = data.get("like"), data.get("topic")
        names = topic if isinstance(topic, list) else [topic]
        out = []
        if isinstance(topic, list) and not 1 <= len(topic) <= TOPICS:
            out.append(("topic", f"一节写一个话题，或两个合为一节（topic: [项目建设, 文化旅游]），现有 {len(topic)} 个"))
        elif isinstance(topic, list) and len(set(map(str, topic))) < len(topic):
            out.append(("topic", "两个话题相同，只写一个即可"))
        if isinstance(like, str):
            problem = topic_problem(like, "like")
            return out + ([("like", problem)] if problem else [])
        problems = [topic_problem(name) for name in names if isinstance(name, str)]
        return out + [("topic", p) for p in problems if p]

    @property
    def topic(self) -> str:
        """The section's (first) topic."""
        return self.topics[0]

    @property
    def kind(self) -> str:
        """The lexicon topic whose phrases fit this section (of its first topic)."""
        return self.kinds[0]

    @property
    def kinds(self) -> tuple[str, ...]:
        """The lexicon topic each of the section's topics behaves like: like for a town's own topic (with one topic,
        like is what it behaves like, as it always was)."""
        if not self.like:
            return tuple(self.topics)
        known = {t.name for t in load_lexicon().topics}
        return tuple(self.like if len(self.topics) == 1 or t not in known else t for t in self.topics)


class Indicator(Record):
    """A key economic indicator with optional previous-year value and target."""

    SHAPE = " {name: 名称, value: 数值, unit: 单位}"

    name: str
    value: Decimal | None = field(default=None, metadata=AMOUNT)  # missing: the draft marks it 【待补充】
    unit: str = field(default="", metadata=UNIT)
    approx: Approx = False
    previous: Decimal | None = field(default=None, metadata=PREVIOUS)
    target: Decimal | None = field(default=None, metadata=DIVISOR)
    # The rates as the statistics give them: 同比增长6.5% (with or without value), 完成全年目标任务的118%.
    growth: Decimal | None = field(default=None, metadata=GROWTH)
    completion: Decimal | None = field(default=None, metadata=COMPLETION)
    column: str | None = None  # the indicator's name in the county's statistics sheet, when it differs
    # Where each figure came from in the statistics sheet: (("value", "统计表.xlsx!C5"), …); set by drafter, not the clerk.
    cells: tuple | None = field(default=None, metadata={"internal": True})

    def check(self) -> list[tuple[str, str]]:
        """A stated rate agrees with the previous value or target given beside it."""
        return stated_problems(self.value, self.previous, self.growth, self.target, self.completion)

    def cell(self, kind: str) -> str:
        """The sheet cell a figure (value, previous, target) came from; '' when it came from the town file."""
        return dict(self.cells or ()).get(kind, "")


class Promise(Record):
    """One of last year's plans, which this year's review should answer: its topic and its words."""

    SHAPE = " {topic: 话题, text: 去年计划的原话}（可加 figures: 去年许下的数）"
    FROM_STRING = "text"

    text: str
    topic: str | None = None
    figures: list[Part] = field(default_factory=list)  # the figures promised (拟新增…500亩): check compares this year's

    @staticmethod
    def check_raw(data: dict) -> list[tuple[str, str]]:
        """A topic, when given, is the lexicon's."""
        topic = data.get("topic")
        problem = topic_problem(topic) if isinstance(topic, str) else None
        return [("topic", problem)] if problem else []


class Settings(Record):
    """Number formats and fonts."""

    percent_digits: int = field(default=1, metadata={"ge": 0, "le": 4})
    # 万元 from this amount up are written in 亿元; null keeps 万元 (null is a value here, not "the default").
    yi_threshold: Decimal | None = field(default=Decimal(10000), metadata={**AMOUNT, "null": True})
    fonts: Literal["gb2312", "plain"] = "gb2312"  # plain: the fonts every Windows office has
    page_numbers: Literal["gb", "center"] = "gb"  # gb: odd pages right, even left (GB/T 9704 7.5); center: centred
    table: bool = False  # a table of the key indicators after their paragraph


class Town(Record):
    """A town's facts and figures for one year's summary and next year's plan."""

    town: str
    year: int = field(metadata={"ge": 2000, "le": 2100})
    kind: Literal["乡", "镇"] | None = None
    county: str | None = None
    superior: list[str] = field(default_factory=list, metadata=ONE_OR_MORE)
    period: str | None = None
    issuer: str | None = None
    date: dt.date | None = None
    goal: str | None = None
    notice: str | None = None
    # One or two sentences on the year itself (2022年是新一轮财政体制执行的第一年), verbatim at the opening's head.
    background: list[str] = field(default_factory=list, metadata=ONE_OR_MORE)
    indicators: list[Indicator] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list, metadata=NUMBERED)
    honours: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list, metadata=NUMBERED)
    plans: list[Section] = field(default_factory=list, metadata=NUMBERED)
    closing: str | None = None
    session: str | None = None  # the report style (政府工作报告): the congress it is read to (青石镇第十八届人民代表大会第三次会议) …
    speaker: str | None = None  # … and who reads it (镇长 张三)
    # Parts of the town's own after the plan, in every style: a title and its paragraphs (extra: {意见建议: [……]}).
    extra: dict[str, list[str]] = field(default_factory=dict, metadata={"most": 99, "values": ONE_OR_MORE})
    # Last year's report (a path beside this file): check counts it in the originality check.
    last_report: str | None = None
    # Last year's plans: build and check warn of each the review does not answer.
    promises: list[Promise] = field(default_factory=list)
    settings: Settings = field(default_factory=Settings)
    # What the loader noticed and the clerk should hear once (a key read under its new name); set by drafter.
    notices: tuple[str, ...] = field(default=(), metadata={"internal": True})

    def check(self) -> list[tuple[str, str]]:
        """乡 or 镇 must be given or readable from the town's name; the year's background is a sentence or two."""
        out = []
        if self.kind is None and self.town[-1] not in "乡镇":
            out.append(("kind", "无法从乡镇名判断是乡还是镇，请填写 kind: 乡 或 kind: 镇"))
        if len(self.background) > BACKGROUND:
            out.append(("background", f"最多写 {BACKGROUND} 句（现有 {len(self.background)} 句）：开头段只放一两句关于这一年的话，"
                                      "其余请写进各节的事实"))
        return out

    @property
    def township(self) -> str:
        """乡 or 镇."""
        return self.kind or self.town[-1]

    @property
    def next_year(self) -> int:
        """The plan's year."""
        return self.year + 1

    @property
    def leaders(self) -> str | None:
        """The superior bodies joined as reports join them: given, or the county's party committee and government."""
        if self.superior:
            return joined(self.superior)
        if self.county and self.county[-1] in "县市区旗":
            return f"{self.county}委、{self.county[-1]}政府"
        return None

    @property
    def leadership(self) -> str | None:
        """The superior bodies and the town's party committee (the congress style names both), said once each."""
        if self.leaders is None:
            return None
        own = f"{self.township}党委"
        names = list(self.superior) or [self.leaders]
        return joined(names if any(n.endswith(own) for n in names) else [*names, own])

    @property
    def unit_name(self) -> str:
        """The issuing unit (落款): given, or the town's people's government."""
        return self.issuer or f"{self.town}人民政府"
