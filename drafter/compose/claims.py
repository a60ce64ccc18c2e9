"""Phrase -> what it claims beyond manner: the concrete acts and mechanisms it names (建立……库, 开展……行动, 专班) and
the outcomes it asserts (带动增收, 活力增强), with the words the clerk must have written for it to be true.

One pattern list, kept up to date as drafts are read beside real reports: compose uses it for phrases whose claim no
one wrote down (mined ones), check and bench/claims_bench.py count what a draft asserts that the town file does not."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from drafter.tuples import NamedTuple

# A verb that sets something up or carries it out, then (within a few characters) the thing: a mechanism, a list, a
# platform, a campaign, a requirement. 建立小升规企业培育库, 开展“三服务”活动, 落实“四早”要求, 推行……模式.
ACT_VERBS = "建立|建成|健全|出台|制定|开展|组建|成立|设立|落实|推行|实行|打造|实施|推出|构建|搭建|创建|启动|举办"
ACT_THINGS = ("库|机制|制度|平台|行动|活动|(?<!总)要求|方案|计划|清单|台账|专班|模式|体系|制|工程|中心|联盟|基金|服务队|工作法|"
              "责任制|专项|会议|培训|夜校|驿站|小组|工作室|阵地")
ACT_PATTERN = rf"(?:{ACT_VERBS})([^，。；、：\n]{{0,12}}?(?:{ACT_THINGS}))(?![\u4e00-\u9fff]{{0,1}}(?:建设|管理))"
# Practices named without such a verb: each is something a town did or did not do.
PRACTICES = ("挂图作战", "倒排工期", "专班", "包抓", "包保", "一名领导", "一套班子", "领导包", "清单化", "台账化", "销号",
             "夜访", "走访", "上门", "入户", "双月", "周调度", "月调度", "季考核", "晾晒", "亮晒", "擂台", "比武", "巡查", "值守")
PRACTICE_PATTERN = "|".join(PRACTICES)
# Quoted words that name no act of a town's: national formulas, policy terms and figures of speech every report uses.
FIGURES = ("枫桥经验", "绿水青山就是金山银山", "牛鼻子", "一老一小", "三资", "三会一课", "时时放心不下", "输血", "造血",
           "口袋", "两个确立", "两个维护", "四个意识", "四个自信", "两不愁三保障", "放管服", "最多跑一次", "一件事")
# A quoted name (“提速工程”), but not the five-year plans (“十四五”), a figure of speech (FIGURES) or a run the caller masked.
QUOTED_PATTERN = r"“(?![一二三四五六七八九十]+五”)(?!(?:" + "|".join(FIGURES) + r")”)[^”\s\x00]{2,16}”"
# Outcomes, each with the words in the clerk's facts that would show it.
OUTCOMES = {
    "增收": ("增收", "农民收入", "居民收入", "人均可支配收入", "户均", "分红", "务工"),  # not a 村级集体经济总收入
    "致富": ("致富", "增收", "农民收入", "分红"),
    "活力": ("活力",),
    "满意": ("满意",),
    "获得感": ("获得感",),
    "幸福感": ("幸福感",),
    "安全感": ("安全感",),
    "就业": ("就业", "务工", "岗位"),
    "客流": ("游客", "客流", "接待"),
    "人气": ("游客", "客流", "接待", "人气"),
    "零发生": ("零发生", "未发生", "无一"),
    "零事故": ("零事故", "未发生", "无"),
}


class Patterns(NamedTuple):
    """The patterns above, compiled."""

    act: re.Pattern[str]
    practice: re.Pattern[str]
    quoted: re.Pattern[str]
    outcome: re.Pattern[str]


@cache
def patterns() -> Patterns:
    """The patterns, compiled on first use: a build whose phrases all state their claim never uses them, and ACT_PATTERN's
    range of Chinese characters alone takes re ~0.8 ms to compile."""
    return Patterns(re.compile(ACT_PATTERN), re.compile(PRACTICE_PATTERN), re.compile(QUOTED_PATTERN),
                    re.compile("|".join(map(re.escape, OUTCOMES))))


def acts(text: str) -> list[str]:
    """The concrete acts text names: verb + thing (建立小升规企业培育库), practices (挂图作战), quoted names."""
    act, practice, quoted, _ = patterns()
    found = [m.group(0) for m in act.finditer(text)]
    found += [m.group(0) for m in practice.finditer(text) if not any(m.group(0) in f for f in found)]
    found += [m.group(0) for m in quoted.finditer(text) if not any(m.group(0) in f for f in found)]
    return found


@lru_cache(maxsize=1 << 14)
def evidence(text: str) -> tuple[str, ...]:
    """The words the clerk's text must hold for text to be true of it: each act's thing (培育库 for 建立……培育库),
    each practice and quoted name; for each outcome one of the words that show it is enough (so it is not listed
    here but checked by shown)."""
    act, practice, quoted, _ = patterns()
    needed = [m.group(1).strip("“”") for m in act.finditer(text)]
    needed += [m.group(0) for m in practice.finditer(text)]
    needed += [m.group(0) for m in quoted.finditer(text)]
    return tuple(dict.fromkeys(needed))


def outcomes(text: str) -> list[str]:
    """The outcome words text asserts (增收, 活力 …)."""
    return list(asserted(text))


@lru_cache(maxsize=1 << 14)
def asserted(text: str) -> tuple[str, ...]:
    """outcomes, kept per text for the process (the same phrases are judged in every section of every town)."""
    return tuple(m.group(0) for m in patterns().outcome.finditer(text))


def shown(text: str, about: str) -> bool:
    """True when every outcome text asserts is shown by a word of the clerk's (about)."""
    return all(any(w in about for w in OUTCOMES[o]) for o in asserted(text))


def bears_out(text: str, about: str) -> bool:
    """True when the clerk's words (about) hold every act text names and show every outcome it asserts."""
    return all(w in about for w in evidence(text)) and shown(text, about)
