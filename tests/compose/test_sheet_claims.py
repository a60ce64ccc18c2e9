"""Issue #19.1, the sheets themselves: every entry of every topic sheet says what it claims (the loader refuses one
that does not), the claim agrees with compose/claims.py's pattern list, an approach is manner, a 工程 name is the
clerk's, and each sheet keeps enough phrases that fit anywhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.compose.base import run_set
from drafter.compose.claims import acts, outcomes
from drafter.compose.fit import COMMON
from drafter.compose.wording import check_sheet, load_wording
from drafter.errors import PhrasebankError

# Every sheet has been read and classified (drafter/data/topics/README.md, 说法断言了什么).
AUDITED = ("通用", *sorted(load_wording().sheets))
# A county's batch builds need this much variety in every topic (the generic sheet aside).
MIN_ACTIONS, MIN_AIMS, MIN_SHORT_PLAN_LEADS, SHORT = 7, 7, 5, 16


def sheet(topic: str):
    wording = load_wording()
    return wording.generic if topic == wording.generic.topic else wording.sheets[topic]


def every_entry():
    wording = load_wording()
    for s in [*wording.sheets.values(), wording.generic]:
        for field, entries in s.entries.items():
            for e in entries:
                yield s.topic, field, e


@pytest.mark.parametrize("topic", AUDITED)
def test_every_entry_of_an_audited_sheet_says_what_it_claims(topic):
    unclassified = [(field, e.text) for field, entries in sheet(topic).entries.items() for e in entries if not e.claim]
    assert not unclassified


def test_a_claim_agrees_with_the_pattern_list():
    """What names an act is an act (said only where the clerk names it); what asserts an outcome is an outcome
    (shown by the clerk's words or a rise) — never manner or summary."""
    wrong = []
    for topic, field, e in every_entry():
        if not e.claim:
            continue
        if acts(e.text) and e.claim != "act":
            wrong.append((topic, field, e.text, e.claim, acts(e.text)))
        if outcomes(e.text) and e.claim not in ("outcome", "act"):
            wrong.append((topic, field, e.text, e.claim, outcomes(e.text)))
    assert not wrong


@pytest.mark.parametrize("topic", AUDITED)
def test_an_approach_says_only_how_the_work_was_done_and_a_project_is_named_by_the_clerk(topic):
    """An approach is a manner (坚持应保尽保、应退尽退), or a particular 做法 (配合供电部门推进农网改造, 压实粮食生产责任)
    said only where the clerk's words name it: an act with its names."""
    assert all(e.claim == "manner" or (e.claim == "act" and e.names) for e in sheet(topic).get("approaches"))
    assert all(e.claim == "act" and e.names for e in sheet(topic).get("projects") if "“" in e.text)


def test_the_loader_refuses_an_entry_that_does_not_say_what_it_claims(tmp_path):
    with pytest.raises(PhrasebankError) as caught:
        check_sheet(tmp_path / "x.yaml", {"topic": "项目建设", "label": "项目建设", "results": [{"text": "x", "source": "authored"}]})
    assert caught.value.problems[0].key == "results[0].claim"


@pytest.mark.parametrize("topic", [t for t in AUDITED if t != "通用"])
def test_an_audited_sheet_keeps_enough_phrases_that_fit_anywhere(topic):
    """Acts need the clerk's words, so they do not count towards the variety a sheet keeps."""
    s = sheet(topic)
    free = {field: [e for e in s.get(field) if e.claim in ("manner", "summary")] for field in ("actions", "aims", "plan_leads")}
    assert len(free["actions"]) >= MIN_ACTIONS
    assert len(free["aims"]) >= MIN_AIMS
    assert len([e for e in free["plan_leads"] if len(e.text) <= SHORT]) >= MIN_SHORT_PLAN_LEADS


def test_the_wording_caches_key_names_every_file_and_its_time(tmp_path) -> None:
    import os
    import shutil

    from drafter.compose import wording

    root = tmp_path / "data"
    shutil.copytree(wording.data_root(), root, ignore=shutil.ignore_patterns("*.docx", "*.txt"))
    listed = [(p.name, p.stat().st_mtime_ns) for p in wording.files(root) if p.is_file()]
    assert wording.stamps(root) == listed and len(listed) > 10
    sheet = next((root / "topics").glob("*.yaml"))
    os.utime(sheet, ns=(1, 1))
    assert (sheet.name, 1) in wording.stamps(root)


def test_topic_sheets_are_made_when_asked_for_and_the_same_as_made_at_once() -> None:
    from drafter.compose import wording

    loaded = load_wording()
    fresh = wording.Sheets(dict(loaded.sheets.raw))  # type: ignore[attr-defined]
    assert not fresh.made and len(fresh) == len(loaded.sheets) > 10
    topic = next(iter(fresh))
    assert fresh[topic] == wording.unpack(fresh.raw[topic]) and list(fresh.made) == [topic]
    assert fresh.get("没有这个话题") is None and "没有这个话题" not in fresh
    # each sheet as the cache keeps it is the Sheet its file makes
    root = wording.data_root()
    made = {sheet["topic"]: wording.to_sheet(sheet) for sheet in (wording.check_sheet(p, wording.read_yaml(p)) for p in wording.files(root)[2:])}
    assert {t: s for t, s in fresh.items()} == {t: s for t, s in made.items() if t != wording.GENERIC}
    assert loaded.generic == made[wording.GENERIC] and all(type(e) is wording.Entry for s in made.values() for f in s.entries.values() for e in f)
    assert all(type(e) is wording.Entry for s in fresh.values() for f in s.entries.values() for e in f)


def test_an_action_says_no_everyday_word_of_the_sheets_other_heading_phrases():
    """The heading search keeps a heading's phrases from sharing a word, but lets the everyday ones through (fit.COMMON:
    推进, 建设 …, which a section's words may say again); an action of a sheet must then not say one that the sheet's
    results, gains, aims or projects say (压茬推进，确保项目按期推进)."""
    clashes = []
    for s in load_wording().sheets.values():
        others = {e.text for field in ("results", "gains", "aims", "projects") for e in s.get(field)}
        for action in (e.text for e in s.get("actions")):
            clashes += [f"{s.topic}: {action} / {o}" for o in sorted(others) if run_set(action, 2) & run_set(o, 2) & COMMON]
    assert not clashes, "\n".join(clashes)


# Duties a town may or may not have taken on, and parts of a work a section may not be about: a phrase that names one
# (压实日常保洁责任; 加强基层组织建设 over a section of cadres' appraisal) stands only over a section whose words mention
# it (its `when`), whatever its claim; a plan's lead may set it as next year's aim.
NAMED_DUTIES = ("保洁", "台账", "网格", "专班", "门前三包", "夜校", "热线", "红黑榜", "积分制", "包保", "党员", "基层组织", "支部")


def test_a_phrase_naming_a_duty_stands_only_where_the_clerk_names_it():
    loose = [(topic, field, e.text) for topic, field, e in every_entry()
             if field != "plan_leads" and any(d in e.text for d in NAMED_DUTIES) and not e.when]
    assert not loose


# What a plan's lead may not commit a town to unless its plan says so: a mechanism or a particular work of the topic
# (完善常态化保洁管护机制, 压实书记抓党建第一责任, 为企业纾困解难, 抓好隐患排查整治 …), beside the duties above. The
# aims every plan of a topic holds (以更高标准建设更高水平平安乡镇) stand anywhere.
PLAN_COMMITMENTS = (*NAMED_DUTIES, "清洁", "书记", "管护", "纾困", "企业服务", "服务企业", "要素保障", "排查整治",
                    "推介", "人才培育", "资产经营", "跟踪服务", "接待服务", "留才机制")


def test_a_plan_lead_commits_to_a_particular_work_only_where_the_plan_names_it():
    loose = [(topic, e.text) for topic, field, e in every_entry()
             if field == "plan_leads" and any(d in e.text for d in PLAN_COMMITMENTS) and not e.when]
    assert not loose


# What a section's lead may not say the town did unless its words say so: a duty tightened (压实……责任), a mechanism
# (长效管护, 一起部署), particular work (引导各村……选准发展路子, 规范……财务管理, 分析研判, 精神文明创建).
LEAD_COMMITMENTS = (*NAMED_DUTIES, "责任", "管护", "验收", "部署", "引导各村", "引导经营主体", "引导更多", "引导干部", "财务",
                    "创建", "研判")


def test_a_lead_says_the_town_did_a_particular_work_only_where_its_words_name_it():
    loose = [(topic, e.text) for topic, field, e in every_entry()
             if field == "leads" and any(d in e.text for d in LEAD_COMMITMENTS) and not e.when]
    assert not loose


def test_a_plan_lead_with_when_stands_only_over_a_plan_that_names_the_work():
    """Over a plan section on 污水 and 户厕 alone, no lead of 人居环境 commits the town to cleaning (保洁, 清洁)."""
    from drafter.build.draft import BuildOptions, draft_markup
    from drafter.town.load import load_town

    town = load_town(Path(__file__).resolve().parents[2] / "examples" / "青石镇.yaml")
    plan = next(s for s in town.plans if s.topic == "人居环境")
    said = " ".join(t for i in plan.items for t in (i.title or "", *i.measures, *(f.text or f.what or "" for f in i.facts)))
    assert not any(w in said for w in ("保洁", "清洁", "清扫"))
    leads = set()
    for seed in range(40):
        markup = draft_markup(town, BuildOptions(seed=seed))
        leads.update(line for line in markup.splitlines() if "清洁" in line or "保洁" in line)
    assert not [line for line in leads if "村庄环境清洁" in line or "保洁管护机制" in line]


# Approaches that name a particular 做法, and the words the clerk must have written for each (a blind reader: 紧盯在谈客商、
# 全程跟进对接 and 开发公益性岗位托底安置 say what the town file does not; the brief: a 做法 only when the file gives it).
PARTICULAR = {"紧盯在谈客商、全程跟进对接": ("在谈", "对接"), "配合供电部门推进农网改造": ("供电",),
              "开发公益性岗位托底安置": ("公益性岗位", "托底"), "压实粮食生产责任": ("责任",),
              "加强重点企业运行监测": ("监测",), "统筹治污设施建设与运维管护": ("运维",),
              "督促落实消防安全主体责任": ("主体责任",), "发挥共富工坊带富作用": ("共富工坊", "带动")}


def test_an_approach_naming_a_particular_work_is_an_act():
    found = {e.text: e for _, field, e in every_entry() if field == "approaches"}
    assert all(found[t].claim == "act" and set(found[t].names) == set(words) for t, words in PARTICULAR.items())


def test_a_draft_says_a_particular_approach_only_where_the_items_words_name_it():
    from drafter.build.draft import BuildOptions, draft_markup
    from drafter.compose.base import item_text
    from drafter.town.load import load_town

    acts = {e.text: e.names for _, field, e in every_entry() if field == "approaches" and e.claim == "act"}
    for path in sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.yaml")):
        town = load_town(path)
        words = "\n".join(item_text(i) for s in (*town.sections, *town.plans) for i in s.items)
        for seed in range(12):
            for style in ("numbered", "topical"):
                markup = draft_markup(town, BuildOptions(style=style, seed=seed))
                for text, names in (acts | PARTICULAR).items():
                    assert f"⟦how:{text}" not in markup or all(n in words for n in names), (path.name, seed, text)
    assert "⟦how:" in markup  # (approaches are still written where a manner fits)


def test_a_heading_phrase_says_a_duty_was_tightened_only_where_the_section_names_it():
    """压实安全生产责任, 环保责任压紧压实, 主体责任和监督责任落实有力 claim a mechanism (the brief: 落实……要求 only when
    the town file gives it): each stands only over a section whose words speak of the duty (its `when`)."""
    loose = [(topic, field, e.text) for topic, field, e in every_entry()
             if field in ("actions", "results", "gains", "aims", "projects") and ("责任" in e.text or "压实" in e.text)
             and not e.when]
    assert not loose


def test_a_phrase_that_tightens_a_duty_stands_only_where_a_duty_is_named():
    """压实/压紧……责任 is a mechanism: a phrase saying it needs the clerk's words to speak of the duty (a when or names
    word of 责任, 述职 …), not merely of the work (压实安全生产责任 over 隐患排查 alone)."""
    duty = ("责任", "述职", "书记抓党建", "包保", "河长", "湖长")
    loose = [(topic, field, e.text) for topic, field, e in every_entry()
             if ("压实" in e.text or "压紧" in e.text) and not any(d in w for w in (*e.when, *e.names) for d in duty)]
    assert not loose
