"""The town file's typed model (pydantic): what a clerk may write, validated strictly."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal, Optional

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

from drafter.lexicon import load_lexicon

MARKUP_CHARS = "⟦⟧"


def plain_text(value: str) -> str:
    """Reject the two characters reserved by drafter's markup; join the lines of a multi-line text."""
    if any(c in value for c in MARKUP_CHARS):
        raise ValueError("文本中不能含有 ⟦ 或 ⟧（drafter 保留字符）")
    return "".join(line.strip() for line in value.splitlines())


Text = Annotated[str, Field(min_length=1), AfterValidator(plain_text)]
Amount = Annotated[Decimal, Field(ge=0, allow_inf_nan=False)]
Positive = Annotated[Decimal, Field(gt=0, allow_inf_nan=False)]


def growth_base(value: Decimal | None) -> Decimal | None:
    """A previous-year value of 0 leaves growth undefined."""
    if value == 0:
        raise ValueError("previous（上年值）为 0，无法计算同比增长率；请删除 previous 或改为非零值")
    return value


Previous = Annotated[Decimal, Field(ge=0, allow_inf_nan=False), AfterValidator(growth_base)]


class Strict(BaseModel):
    """Base: unknown keys are errors, strings are stripped, no NaN or infinity."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, allow_inf_nan=False, frozen=True)


class Fact(Strict):
    """One fact: free text kept verbatim, or a figure (what/value/unit) or a ratio of two counts."""

    text: Optional[Text] = None
    what: Optional[Text] = None
    value: Optional[Amount] = None
    unit: str = ""
    approx: bool = False
    previous: Optional[Previous] = None
    target: Optional[Positive] = None
    ratio: Optional[tuple[Amount, Positive]] = None

    @model_validator(mode="after")
    def one_form(self) -> "Fact":
        """Exactly one of text or what; a figure needs value or ratio."""
        if (self.text is None) == (self.what is None):
            raise ValueError("每条事实要么是一段文字，要么用 what 加 value（或 ratio）描述一个数字")
        if self.what is not None and self.value is None and self.ratio is None:
            raise ValueError("有 what 时还需要 value（数值）或 ratio（两个计数之比）")
        if self.value is not None and self.ratio is not None:
            raise ValueError("value 和 ratio 只能二选一")
        return self


def coerce_facts(value):
    """A plain string in a facts list is free text."""
    if isinstance(value, list):
        return [{"text": v} if isinstance(v, str) else v for v in value]
    return value


class Item(Strict):
    """One '一是…' item: an optional lead-in title and its facts."""

    title: Optional[Text] = None
    facts: list[Fact] = Field(default_factory=list)

    _facts = field_validator("facts", mode="before")(coerce_facts)


def known_topic(value: str) -> str:
    """A topic must be one of the lexicon's topics."""
    names = [t.name for t in load_lexicon().topics]
    if value not in names:
        import difflib

        close = difflib.get_close_matches(value, names, n=1, cutoff=0.3)
        hint = f"，是不是“{close[0]}”？" if close else ""
        raise ValueError(f"未知话题“{value}”{hint}可选：{'、'.join(names)}")
    return value


class Section(Strict):
    """A review section or a plan section on one topic."""

    topic: Annotated[str, AfterValidator(known_topic)]
    heading: Optional[Text] = None
    verdict: Optional[Text] = None
    items: list[Item] = Field(default_factory=list)


class Indicator(Strict):
    """A key economic indicator with optional previous-year value and target."""

    name: Text
    value: Amount
    unit: str = ""
    approx: bool = False
    previous: Optional[Previous] = None
    target: Optional[Positive] = None


class Settings(Strict):
    """Number formats and fonts."""

    percent_digits: int = Field(1, ge=0, le=4)
    yi_threshold: Optional[Amount] = Decimal(10000)
    font_set: Literal["gb2312", "plain"] = "gb2312"


class Town(Strict):
    """A town's facts and figures for one year's summary and next year's plan."""

    town: Text
    kind: Optional[Literal["乡", "镇"]] = None
    county: Optional[Text] = None
    superior: Optional[Text] = None
    year: int = Field(ge=2000, le=2100)
    period: Optional[Text] = None
    issuer: Optional[Text] = None
    date: Optional[dt.date] = None
    goal: Optional[Text] = None
    indicators: list[Indicator] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)
    honours: list[Text] = Field(default_factory=list)
    problems: list[Text] = Field(default_factory=list)
    plans: list[Section] = Field(default_factory=list)
    closing: Optional[Text] = None
    settings: Settings = Field(default_factory=Settings)

    @model_validator(mode="after")
    def kind_known(self) -> "Town":
        """乡 or 镇 is given or read from the town's name."""
        if self.kind is None and self.town[-1] not in "乡镇":
            raise ValueError("无法从乡镇名判断是乡还是镇，请填写 kind: 乡 或 kind: 镇")
        return self

    @property
    def township(self) -> str:
        """乡 or 镇."""
        return self.kind or self.town[-1]

    @property
    def next_year(self) -> int:
        """The plan's year."""
        return self.year + 1

    @property
    def unit_name(self) -> str:
        """The issuing unit (落款): given, or the town's people's government."""
        return self.issuer or f"{self.town}人民政府"
