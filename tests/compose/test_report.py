"""Issue #20.1: the report style (政府工作报告) has the frame real township reports to their congress have, in their
order; it says only what the town file says, and marks what it lacks."""

from __future__ import annotations

import itertools
import re

import pytest

from drafter.build.draft import BuildOptions, build, draft_markup
from drafter.check.audit import audit, town_values
from drafter.check.overlap import canonical_formulas, masked
from drafter.compose.frame import frame_formulas
from drafter.compose.plans import year_formulas
from drafter.county.audit import shared_spans
from drafter.errors import MissingFigureError
from drafter.markup import parse
from drafter.town.load import load_town
from tests.conftest import EXAMPLES, write

OWN = """
  - topic: 政府自身建设
    like: 作风建设
    items:
      - title: 坚持依法行政
        facts: [自觉接受镇人大的法律监督和工作监督，认真办理代表建议]
      - title: 持续改进作风
        facts: [{what: 压减一般性支出, value: 10, unit: "%"}]
"""


def blocks(path, seed=None):
    return parse(draft_markup(load_town(path), BuildOptions(style="report", seed=seed)))


def with_own(tmp_path, extra=""):
    """青石镇 with a plan on the government's own building (and, given, more of the file)."""
    text = (EXAMPLES / "青石镇.yaml").read_text("utf-8")
    head, tail = text.split("\n# 政府工作报告", 1)
    return write(tmp_path, head.rstrip("\n") + "\n" + OWN + extra + "\n# 政府工作报告" + tail, "青石镇.yaml")


@pytest.mark.parametrize("seed", [None, 1, 2, 3])
def test_the_frame_of_a_report_to_the_congress_in_its_order(seed):
    found = blocks(EXAMPLES / "青石镇.yaml", seed)
    kinds = [b.kind for b in found]
    assert kinds[:5] == ["title", "sub", "sub", "salute", "p"]
    title, occasion, speaker, salute, mandate = (b.text for b in found[:5])
    assert title == "政府工作报告" and salute == "各位代表："
    # too wide for one line of 28 characters: broken after 第X届, as printed reports break it
    assert occasion == "——2024年12月5日在青石镇第十八届\n人民代表大会第五次会议上" and speaker == "镇长 陈立新"
    assert mandate.startswith("现在，") and "向大会" in mandate and "审议" in mandate and "列席" in mandate
    parts = [b.text for b in found if b.kind == "h1"]
    assert parts == ["一、2024年工作回顾", "二、2025年工作安排"]
    review = [b.text for b in found[kinds.index("h1") + 1 : [b.text for b in found].index(parts[1])]]
    assert review[0].startswith("2024年是") and "领导下" in review[0]
    assert review[1].startswith("2024年1-10月，全镇规上工业总产值")      # the indicators, then the sections
    assert review[-2].startswith("各位代表") and re.search("感谢|谢意|敬意|辛苦", review[-2])  # thanks, then the problems
    assert "一是经济总量偏小" in review[-1] and "二是" in review[-1]
    plan = [b.text for b in found[[b.text for b in found].index(parts[1]) + 1 :]]
    assert re.search("(总体要求|总的要求)是：以习近平新时代中国特色社会主义思想为指导", plan[0]) and "2025年是" in plan[0]
    assert "主要预期目标是：完成项目用地流转1200亩；新引进亿元以上项目5个" in plan[1]
    assert plan[2].endswith("：") and plan[3].startswith("（一）")
    assert plan[-1].startswith("各位代表") and plan[-1].endswith("！")  # the closing call, no signature
    assert "sign" not in kinds and "date" not in kinds


def test_a_missing_session_speaker_or_date_is_marked_not_invented(tmp_path):
    path = write(tmp_path, "town: 小溪乡\nyear: 2024\n")
    found = blocks(path)
    occasion, speaker = found[1].text, found[2].text
    assert occasion == "——【待补充：会议日期（date）】在【待补充：会议名称（session）】上"
    assert speaker == "【待补充：报告人（speaker）】"
    assert "【待补充：主要预期目标" in "".join(b.text for b in found)  # no plan figures: no targets made up
    with pytest.raises(MissingFigureError) as caught:
        build(path, BuildOptions(style="report", strict=True, out=tmp_path / "d.docx"))
    assert "session" in str(caught.value) and "speaker" in str(caught.value)


def test_the_governments_own_building_is_a_part_only_when_the_town_file_has_it(tmp_path):
    plain = [b.text for b in blocks(EXAMPLES / "青石镇.yaml") if b.kind == "h1"]
    assert not any("自身建设" in p for p in plain)
    path = with_own(tmp_path, "\nextra:\n  意见建议: [建议县里统筹山区道路养护资金。]\n")
    found = blocks(path)
    text = [b.text for b in found]
    parts = [b.text for b in found if b.kind == "h1"]
    assert parts == ["一、2024年工作回顾", "二、2025年工作安排", "三、加强政府自身建设", "四、意见建议"]
    own = text[text.index("三、加强政府自身建设") + 1 : text.index("四、意见建议")]
    assert "一是坚持依法行政。" in own[-1] and "压减一般性支出10%" in own[-1]
    targets = next(t for t in text if "主要预期目标是：" in t)
    assert "压减一般性支出" not in targets  # a target of the town's development, not of the government itself
    tasks = [b.text for b in found if b.kind == "h2"]
    assert len(tasks) == 9 + 7  # the own building is not among the tasks
    assert text[-1].startswith("各位代表") and text[-2] == "建议县里统筹山区道路养护资金。"


def test_the_town_files_closing_is_the_call(tmp_path):
    text = (EXAMPLES / "青石镇.yaml").read_text("utf-8") + "closing: 各位代表，让我们携手并进，共同书写青石新篇章！\n"
    found = blocks(write(tmp_path, text, "青石镇.yaml"))
    assert found[-1].text == "各位代表，让我们携手并进，共同书写青石新篇章！"


@pytest.mark.parametrize("example", ["青石镇", "云岭乡", "石桥镇"])
def test_a_report_passes_every_check(tmp_path, example):
    path = EXAMPLES / f"{example}.yaml"
    result = build(path, BuildOptions(style="report", out=tmp_path / "d.md", fmt="md"))
    found = audit(load_town(path), [b.text for b in result.blocks], [], "d")
    assert not found.failed, (found.numbers, found.coverage, found.placeholders)


def test_a_countys_reports_do_not_share_the_frames_sentences():
    """Twenty towns of one county, built as a batch builds them (each at its place): the frame's sentences (the review's
    lead, the thanks, the turn to the problems, the guiding idea, the call) are put together from short parts chosen
    apart, so few pairs of towns share a 20-character stretch of them, and none is shared by three; the mandate is a
    formula of every report (exempt, like the year's place in the five-year plan)."""
    from drafter.town.record import replace

    base = load_town(EXAMPLES / "云岭乡.yaml")
    drafts = []
    for i in range(20):
        name = f"{'甲乙丙丁戊己庚辛壬癸'[i % 10]}{'东西'[i // 10]}乡"
        town = replace(base, town=name, session=f"{name}第十八届人民代表大会第四次会议", speaker="乡长 某某")
        paragraphs = [b.text for b in parse(draft_markup(town, BuildOptions(style="report", rotation=i)))]
        frame = paragraphs[:5] + [p for p in paragraphs if p.startswith(("各位代表", "2024年是", "2025年是")) and "感谢" not in p]
        exempt = town_values(town)[0] + list(canonical_formulas()) + year_formulas(town) + frame_formulas(town)
        drafts.append((name, masked(frame, exempt, (town.county,) if town.county else ())))
    shared = shared_spans(drafts, 20)
    pairs = {pair for span in shared for pair in itertools.combinations(sorted(span.towns), 2)}
    assert len(pairs) <= 19  # of 190 pairs (14 today: a clause of the opening's, a leadership clause and its neighbour)
    assert all(len(span.towns) == 2 for span in shared)
