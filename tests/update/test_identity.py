"""Issue #18.1: `drafter update` matches a draft's figures to the town file by what they stand for (the phrase beside
them, their unit, their section's topic, which figure of the phrase), never by list position: inserting, deleting and
reordering facts, items, sections and indicators, renaming a what or changing a unit update the right figures and list
the rest; another town's or year's file is refused before anything is written; old drafts are matched only where
their text proves it."""

from __future__ import annotations

import re
import zipfile

import pytest
from typer.testing import CliRunner

from drafter.build.draft import BuildOptions, build
from drafter.cli.main import app
from drafter.update.apply import UpdateOptions, update
from drafter.write import marks
from tests.conftest import write
from tests.update.test_update import BASE, body_text, bookmarks, changed, manifest

runner = CliRunner()
TABLE = BASE + "settings:\n  table: true\n"


def built(tmp_path, text=BASE, **options):
    town = write(tmp_path, text)
    return town, build(town, BuildOptions(out=tmp_path / "d.docx", **options)).path


def figures(path) -> dict[str, str]:
    """Each marked figure's identity label (and form, kind) -> its text, for figures whose identity is unique."""
    listed = {m.name: m for m in manifest(path).marks}
    out: dict[str, list[str]] = {}
    for name, text in bookmarks(path).items():
        ident = listed[name].identity
        out.setdefault(f"{ident.group}/{ident.label}/{ident.kind}/{marks.parse(name).form}", []).append(text)
    return {k: v[0] for k, v in out.items() if len(v) == 1}


def test_every_mark_knows_what_it_stands_for(tmp_path):
    _, draft = built(tmp_path, TABLE)
    listed = manifest(draft)
    assert listed.town == "青石镇" and listed.year == 2024
    idents = {m.name: m.identity for m in listed.marks}
    assert all(i is not None for i in idents.values())
    by_text = {(i.what, i.kind, marks.parse(n).form): t for n, t in bookmarks(draft).items() if (i := idents[n])}
    assert by_text[("签订征迁协议", "value", "p")] == "63户"
    assert by_text[("规上工业总产值", "change", "p")] == "同比增长14.1%"
    assert by_text[("规上工业总产值", "change", "t")] == "14.1"
    assert by_text[("调解成功率", "rate", "p")] == "98.9%"
    ident = next(i for i in idents.values() if i.what == "完成项目征地")
    assert (ident.group, ident.topic, ident.unit, ident.title) == ("sections", "项目建设", "亩", "重点工程加速推进")
    for name in idents:  # the identity's CRC is in the name, within Word's limits
        assert len(name) <= marks.NAME_LIMIT and marks.parse(name).ident == idents[name].code(marks.parse(name).form)


def test_a_fact_added_at_the_top_of_an_item_moves_no_figure(tmp_path):
    """The commonest edit: a clerk adds the fact they forgot at the top of an item, and a figure changes."""
    town, draft = built(tmp_path)
    write(tmp_path, changed(BASE, ("          - 保障351国道拓宽工程建设，主体已基本完工\n",
                                   "          - {what: 拆除旧房, value: 17, unit: 栋}\n          - 保障351国道拓宽工程建设，主体已基本完工\n"),
                            ("value: 63, unit: 户", "value: 64, unit: 户")), town.name)
    for force in (False, True):
        report = update(town, draft, UpdateOptions(out=tmp_path / f"u{force}.docx", force=force))
        text = body_text(report.path)
        assert "完成项目征地412.6亩" in text and "签订征迁协议64户" in text and "17栋" not in text
        assert [(c.key, c.before, c.after) for c in report.changed] == [("sections[0].items[0].facts[3].value", "63户", "64户")]
        assert [(c.key, c.after) for c in report.missing] == [("sections[0].items[0].facts[0].value", "17栋")]
        assert not report.conflicts and not report.dropped


def test_an_indicator_replaced_by_another_is_listed_not_written(tmp_path):
    town, draft = built(tmp_path, TABLE)
    write(tmp_path, changed(TABLE, ("{name: 限上社会消费品零售额, value: 2532, unit: 万元, previous: 1625}",
                                    "{name: 农村居民人均可支配收入, value: 21500, unit: 元, previous: 20100}"),
                            ("value: 18.91, unit: 亿元", "value: 19.2, unit: 亿元")), town.name)
    report = update(town, draft, UpdateOptions(force=True))
    text = body_text(report.path)
    assert "21500" not in text and "限上社会消费品零售额完成2532万元" in text.replace("实现", "完成").replace("达到", "完成")
    assert "19.2亿元" in text
    assert {c.key for c in report.dropped} == {"indicators[2].value", "indicators[2].change", "indicators[2].previous"}
    assert all("限上社会消费品零售额" in c.why for c in report.dropped)
    assert ("indicators[2].value", "21500元") in [(c.key, c.after) for c in report.missing]


@pytest.mark.parametrize("town_line", ["town: 白石镇", "year: 2023"])
def test_another_town_s_or_year_s_file_is_refused_before_anything_is_written(tmp_path, town_line):
    town, draft = built(tmp_path)
    key = town_line.split(":")[0]
    write(tmp_path, re.sub(rf"^{key}: .*$", town_line, BASE, count=1, flags=re.M), town.name)
    before = sorted(p.name for p in tmp_path.iterdir())
    result = runner.invoke(app, ["update", str(town), str(draft), "--force"])
    assert result.exit_code == 1 and "初稿是“青石镇2024年”的" in result.output, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_reordered_sections_items_facts_and_indicators_keep_every_figure_with_its_phrase(tmp_path):
    town, draft = built(tmp_path, TABLE)
    old = figures(draft)
    text = TABLE
    # swap the first two indicators, the first two sections, two items of a section, two facts of an item
    a, b = "  - {name: 规上工业总产值, value: 18.91, unit: 亿元, previous: 16.58}\n", "  - {name: 固定资产投资, value: 35031, unit: 万元, target: 40000}\n"
    text = changed(text, (a + b, b.replace("35031", "36100") + a))
    start, middle = text.index("  - topic: 项目建设\n"), text.index("  - topic: 产业与招商\n")
    end = text.index("  - topic: 平安稳定与信访\n")
    text = text[:start] + text[middle:end] + text[start:middle] + text[end:]
    one, two = "          - {what: 开展安全生产检查, value: 67, unit: 次}\n", "          - {what: 整改隐患, value: 215, unit: 处}\n"
    text = changed(text, (one + two, two.replace("215", "230") + one))
    write(tmp_path, text, town.name)
    report = update(town, draft, UpdateOptions())
    new = figures(report.path)
    assert not report.left, report
    assert old.keys() == new.keys()
    assert new["indicators/固定资产投资（万元）/value/p"] == "3.61亿元"
    assert new["sections/平安稳定与信访 · 整改隐患（处）/value/p"] == "230处"
    assert new["sections/项目建设 · 完成项目征地（亩）/value/p"] == "412.6亩"
    assert {c.key for c in report.changed} == {"indicators[0].value", "indicators[0].completion", "sections[2].items[1].facts[0].value"}


def test_a_renamed_what_is_not_written_and_both_are_listed(tmp_path):
    town, draft = built(tmp_path)
    write(tmp_path, changed(BASE, ("{what: 建成安置房, value: 32, unit: 幢}", "{what: 建成安置住房, value: 35, unit: 幢}")), town.name)
    report = update(town, draft, UpdateOptions(force=True))
    assert report.path is None and not report.changed
    assert [(c.before, c.why) for c in report.dropped] == [("32幢", "数据文件中已没有“项目建设 · 建成安置房（幢）”")]
    assert [(c.key, c.after) for c in report.missing] == [("sections[0].items[1].facts[1].value", "35幢")]


def test_a_changed_unit_is_reported_not_written(tmp_path):
    town, draft = built(tmp_path)
    write(tmp_path, changed(BASE, ("{what: 完成项目征地, value: 412.6, unit: 亩}", "{what: 完成项目征地, value: 27.5, unit: 公顷}")), town.name)
    report = update(town, draft, UpdateOptions(force=True))
    assert report.path is None
    assert [(c.before, c.why) for c in report.conflicts] == [("412.6亩", "“项目建设 · 完成项目征地（亩）”的单位已改为“公顷”")]


def test_two_figures_with_the_same_phrase_are_told_apart_by_their_item_or_reported(tmp_path):
    text = changed(BASE, ("          - {what: 建成安置房, value: 32, unit: 幢}\n",
                          "          - {what: 完成项目征地, value: 80, unit: 亩}\n"))
    town, draft = built(tmp_path, text)
    # both 完成项目征地 facts change; the items' titles tell them apart
    write(tmp_path, changed(text, ("value: 412.6, unit: 亩", "value: 420, unit: 亩"), ("value: 80, unit: 亩", "value: 85, unit: 亩")), town.name)
    report = update(town, draft, UpdateOptions(out=tmp_path / "a.docx"))
    assert sorted((c.before, c.after) for c in report.changed) == [("412.6亩", "420亩"), ("80亩", "85亩")] and not report.left
    # with the items' titles alike too, nothing can tell them apart: both reported, neither written
    same = changed(text, ("title: 集镇面貌持续改善", "title: 重点工程加速推进"))
    town, draft = built(tmp_path, same)
    write(tmp_path, changed(same, ("value: 412.6, unit: 亩", "value: 420, unit: 亩")), town.name)
    report = update(town, draft, UpdateOptions(out=tmp_path / "b.docx", force=True))
    assert report.path is None and len(report.conflicts) == 2 and all("无法确定" in c.why for c in report.conflicts)


def strip_identities(path) -> None:
    """Make a draft look like one built before marks had identities: names without the identity CRC, a manifest
    without identities, town or year."""
    from drafter.ooxml import revise
    from drafter.ooxml.props import read_properties, write_properties

    with zipfile.ZipFile(path) as package:
        parts = {n: package.read(n) for n in package.namelist()}
    root = revise.parse_xml(parts["word/document.xml"])
    for found in revise.find_bookmarks(root, lambda n: marks.parse(n) is not None):
        revise.rename(found, marks.parse(found.name)._replace(ident="").name)
    parts["word/document.xml"] = revise.to_bytes(root)
    old = marks.Manifest.from_properties(read_properties(parts["docProps/custom.xml"]))
    rows = [marks.Written(marks.parse(m.name)._replace(ident="").name, m.text, m.heading, m.under) for m in old.marks]
    parts["docProps/custom.xml"] = write_properties(parts["docProps/custom.xml"], marks.Manifest(old.style, old.seed, rows).properties(),
                                                    marks.MANIFEST)
    with zipfile.ZipFile(path, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)


def test_an_old_draft_is_matched_only_where_its_text_proves_it(tmp_path):
    town, draft = built(tmp_path, TABLE)
    strip_identities(draft)
    assert all(not m.ident for m in map(marks.parse, bookmarks(draft)))
    text = changed(TABLE, ("          - 保障351国道拓宽工程建设，主体已基本完工\n",
                           "          - {what: 拆除旧房, value: 17, unit: 栋}\n          - 保障351国道拓宽工程建设，主体已基本完工\n"),
                   ("value: 363, unit: 起", "value: 370, unit: 起"), ("value: 18.91, unit: 亿元", "value: 19.5, unit: 亿元"))
    write(tmp_path, text, town.name)
    report = update(town, draft, UpdateOptions(force=True))
    after = body_text(report.path)
    # the facts under the inserted one now sit at other keys: their phrases are not beside them, so nothing is written
    assert "完成项目征地412.6亩" in after and "签订征迁协议63户" in after and "17栋" not in after
    assert {c.why for c in report.conflicts} == {"旧版初稿，无法从原文确认这个数字对应的说法"}
    assert [(c.before, c.after) for c in report.conflicts] == [("63户", "412.6亩")]
    assert [(c.key, c.before) for c in report.dropped] == [("sections[0].items[0].facts[1].value", "412.6亩")]
    # figures whose phrase stands beside them are updated, in the prose and in the table
    assert "排查化解矛盾纠纷370起" in after and "规上工业总产值完成19.5亿元，同比增长17.6%" in after.replace("实现", "完成").replace("达到", "完成")
    assert {"indicators[0].value", "indicators[0].change", "sections[2].items[0].facts[0].value"} <= {c.key for c in report.changed}
    assert {c.after for c in report.changed if c.key == "indicators[0].value"} == {"19.5亿元", "19.5"}


def test_an_old_draft_of_another_town_is_refused_by_its_title(tmp_path):
    town, draft = built(tmp_path)
    strip_identities(draft)
    write(tmp_path, BASE.replace("town: 青石镇", "town: 白石镇").replace("issuer: 青石镇人民政府", "issuer: 白石镇人民政府"), town.name)
    result = runner.invoke(app, ["update", str(town), str(draft)])
    assert result.exit_code == 1 and "白石镇2024年" in result.output


def test_a_draft_that_lost_its_manifest_matches_by_the_identity_in_each_mark_s_name(tmp_path):
    town, draft = built(tmp_path)
    with zipfile.ZipFile(draft) as package:
        parts = {n: package.read(n) for n in package.namelist()}
    parts["docProps/custom.xml"] = parts["docProps/custom.xml"].replace(b"drafter.marks", b"other.props")
    with zipfile.ZipFile(draft, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)
    write(tmp_path, changed(BASE, ("          - 保障351国道拓宽工程建设，主体已基本完工\n",
                                   "          - {what: 拆除旧房, value: 17, unit: 栋}\n          - 保障351国道拓宽工程建设，主体已基本完工\n"),
                            ("value: 63, unit: 户", "value: 64, unit: 户")), town.name)
    report = update(town, draft, UpdateOptions())
    assert [(c.before, c.after) for c in report.changed] == [("63户", "64户")]
    assert "完成项目征地412.6亩" in body_text(report.path)
