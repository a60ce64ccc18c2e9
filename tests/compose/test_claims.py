"""Issue #19.1: nothing asserted that the town file does not say — acts only where the clerk names them, outcomes
only where the figures or words show them; the claim each topic-sheet entry makes is checked when the sheet loads."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from drafter.compose.claims import acts, bears_out, evidence, outcomes
from drafter.compose.fit import Events, fits
from drafter.compose.wording import Entry, check_sheet
from drafter.errors import PhrasebankError
from tests.conftest import ROOT

EVENTS = Events([])


@pytest.mark.parametrize("text, found", [
    ("建立小升规企业培育库", ["建立小升规企业培育库"]),
    ("落实“四早”要求", ["落实“四早”要求"]),
    ("牢固树立“项目为王”理念，挂图作战、倒排工期", ["挂图作战", "倒排工期", "“项目为王”"]),
    ("开展“三服务”活动", ["开展“三服务”活动"]),
    ("注重抓早抓小、就地化解", []),
    ("坚持服务企业与培育企业并重", []),
])
def test_the_act_patterns_find_what_a_town_must_have_done(text, found):
    assert acts(text) == found


def test_an_act_is_borne_out_only_by_the_clerk_naming_it():
    assert evidence("建立小升规企业培育库") == ("小升规企业培育库",)
    assert not bears_out("建立小升规企业培育库", "新增规上工业企业6家")
    assert bears_out("建立小升规企业培育库", "建立小升规企业培育库，入库企业12家")
    assert not bears_out("挂图作战、倒排工期", "完成项目征地412.6亩")


def test_an_outcome_needs_a_word_that_shows_it():
    assert outcomes("带动农户稳定增收") == ["增收"]
    assert not bears_out("带动农户稳定增收", "建成种植基地4个")
    assert bears_out("带动农户稳定增收", "带动农户户均增收3000元")
    assert not bears_out("文旅市场活力进一步增强", "接待游客12万人次")


def entry(**kw: object) -> Entry:
    return Entry(**{"text": "x", "source": "authored", **kw})  # type: ignore[arg-type]


def test_fits_holds_each_claim_to_its_condition():
    about = "新增规上工业企业6家\n入选省级专精特新企业2家"
    assert fits(entry(text="聚焦重点", claim="manner"), 2024, None, EVENTS, about)
    assert fits(entry(text="企业培育取得新进展", claim="summary"), 2024, None, EVENTS, about)
    assert not fits(entry(text="建立企业培育库", claim="act", names=("培育库",)), 2024, None, EVENTS, about)
    assert fits(entry(text="建立企业培育库", claim="act", names=("培育库",)), 2024, None, EVENTS, about + "\n建成企业培育库")
    assert not fits(entry(text="带动增收", claim="outcome", shows=("增收",)), 2024, None, EVENTS, about)
    assert not fits(entry(text="产业活力增强", claim="outcome", needs="rise"), 2024, "fall", EVENTS, about)
    # a phrase nobody classified (mined from a seed) is judged by its own words
    assert not fits(entry(text="开展企业服务月活动"), 2024, None, EVENTS, about)
    assert fits(entry(text="服务企业精准有力"), 2024, None, EVENTS, about)


@pytest.mark.parametrize("bad, key", [
    ({"text": "建立培育库", "source": "authored", "claim": "act"}, "results[0].names"),
    ({"text": "带动增收", "source": "authored", "claim": "outcome"}, "results[0].shows"),
    ({"text": "x", "source": "authored", "claim": "maybe"}, "results[0].claim"),
    ({"text": "x", "source": "authored"}, "results[0].claim"),
    ({"text": "x", "source": "authored", "claim": "act", "names": "培育库"}, "results[0].names"),
])
def test_a_sheet_entry_without_the_condition_its_claim_needs_is_refused(tmp_path, bad, key):
    with pytest.raises(PhrasebankError) as caught:
        check_sheet(tmp_path / "x.yaml", {"topic": "项目建设", "label": "项目建设", "results": [bad]})
    assert caught.value.problems[0].key == key


def test_a_phrase_whose_words_do_not_matter_fits_every_section() -> None:
    """palette keeps no entry to test with fits_words for a phrase of which fit.words_matter says False: it must fit
    every phrase's sections (none, empty, each of the examples', alone and as a cover), and the others must not all."""
    from drafter.compose.base import item_text, section_text
    from drafter.compose.fit import fits_words, words_matter
    from drafter.compose.wording import load_wording
    from drafter.town.load import load_town

    wording = load_wording()
    entries = [e for sheet in [*wording.sheets.values(), wording.generic] for kind in sheet.entries.values() for e in kind]
    sections = [s for path in sorted(ROOT.glob("examples/*.yaml")) for s in load_town(path).sections]
    abouts: list[tuple[str | None, tuple[str, ...]]] = [(None, ()), ("", ())]
    abouts += [(section_text(s), tuple(item_text(i) for i in s.items)) for s in sections]
    checked, refused = 0, 0
    for entry in entries:
        verdicts = [fits_words(entry, about, cover) for about, cover in abouts]
        if not words_matter(entry):
            assert all(verdicts), entry
            checked += 1
        refused += not all(verdicts)
    assert len(entries) > 500 and checked > 100 and refused > 100


def test_a_build_of_phrases_that_state_their_claim_compiles_no_claim_pattern(tmp_path: Path) -> None:
    code = ("import sys; from pathlib import Path; from drafter.build.draft import BuildOptions, build; "
            f"build(Path({str(ROOT / 'examples' / '青石镇.yaml')!r}), BuildOptions(out=Path(sys.argv[1]))); "
            "from drafter.compose import claims; print(claims.patterns.cache_info().currsize)")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "d.docx")], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "0"
    assert evidence("建立小升规企业培育库") == ("小升规企业培育库",)  # and compiled when asked


@pytest.mark.parametrize("matching, items, fits_them", [(1, 2, False), (2, 2, True), (1, 3, False), (2, 3, True),
                                                        (2, 4, False), (3, 4, True)])
def test_a_phrase_about_one_aspect_stands_over_most_of_the_items_not_half(matching, items, fits_them):
    """A heading true of one item of two misdescribes the other (a blind reader: 推动工业转型升级 over 招商 and
    企业培育, of which only the second names an upgrade): a `when` phrase over several items needs more than half."""
    entry = Entry("做实社会救助", "authored", when=("低保", "救助"), claim="manner")
    cover = tuple(["纳入低保558人，发放救助金"] * matching + ["动员常住人口参加医保8500余人"] * (items - matching))
    assert fits(entry, 2024, None, EVENTS, "\n".join(cover), cover) is fits_them


def test_no_heading_of_the_examples_stands_on_half_its_items():
    from drafter.build.draft import BuildOptions, draft_markup
    from drafter.compose.headings import items_words
    from drafter.compose.wording import load_wording
    from drafter.town.load import load_town

    wording = load_wording()
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        town = load_town(path)
        for seed in (None, 1, 2):
            markup = draft_markup(town, BuildOptions(seed=seed))
            heads = [line for line in markup.splitlines() if line.startswith("@h2")]
            for section, head in zip([*town.sections, *town.plans], heads):
                cover = items_words(section)
                if len(cover) < 2:
                    continue
                for topic in section.topics:
                    sheet = wording.sheets.get(topic)
                    for e in (e for f in ("results", "actions", "aims", "gains") for e in (sheet.get(f) if sheet else ()) if e.when):
                        if e.text in head:
                            matched = sum(1 for c in cover if any(w in c for w in e.when))
                            assert 2 * matched > len(cover), (path.name, seed, head, e.text)
