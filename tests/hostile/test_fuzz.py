"""Property: any town file, however broken, gives a draft or a Chinese error naming the file (exit 1), and an
error never leaves a file behind. Town files are generated from the schema, then mutated as real ones get broken.
FUZZ_EXAMPLES=3000 python -m pytest tests/hostile runs a longer campaign (with update, check and --figures:
test_fuzz_files.py); FUZZ_REPORT=file.jsonl records the counts."""

from __future__ import annotations

import os
import re
import string

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from drafter.cli.main import app
from tests.hostile.fuzzing import timed

runner = CliRunner()
TOPICS = ["农业", "项目建设", "民生保障", "平安稳定与信访", "茶产业", "不存在的话题"]
chinese = st.text(alphabet="青石镇项目建设完成推进茶园亩户人万元一二三“”，。、·", min_size=1, max_size=12)
weird = st.one_of(st.text(alphabet=st.characters(codec="utf-8"), max_size=20), st.none(), st.lists(chinese, max_size=2),
                  st.floats(allow_nan=True, allow_infinity=True), st.just(10**40), st.just(1e-30), st.just("23,450"), st.just(True))


def mostly(good):
    """Valid values most of the time, a broken one now and then (so that both outcomes are exercised)."""
    return st.one_of(good, good, good, good, weird)


amount = mostly(st.one_of(st.integers(0, 10**7), st.decimals(0, 10**6, places=2).map(float)))
fact = st.one_of(
    mostly(chinese),
    st.fixed_dictionaries({"what": chinese, "value": amount}, optional={
        "unit": st.sampled_from(["亩", "万元", "%", "人", "万亩", ""]), "previous": mostly(st.integers(1, 10**6)),
        "target": mostly(st.integers(1, 10**6)), "approx": st.sampled_from([True, False, "余", "约", "大约", 3]),
        "bound": st.sampled_from(["以上", "以内", "以下"]), "resolve": st.sampled_from(["力争", "确保", False, "务必"]),
        "verb": chinese}),
    st.fixed_dictionaries({"what": chinese, "ratio": st.lists(amount, min_size=2, max_size=2)}, optional={"count": chinese, "unit": chinese}),
    st.fixed_dictionaries({"what": chinese, "figures": st.lists(st.fixed_dictionaries({"value": amount}, optional={"unit": chinese, "what": chinese}), min_size=1, max_size=3)}),
)
item = st.fixed_dictionaries({}, optional={"title": chinese, "measures": st.one_of(chinese, st.lists(chinese, max_size=2)),
                                           "facts": st.lists(fact, max_size=4)})
section = st.fixed_dictionaries(
    {"topic": st.sampled_from(TOPICS)},
    optional={"like": st.sampled_from(TOPICS), "heading": chinese, "verdict": chinese, "items": st.lists(mostly(item), max_size=3)},
)
town = st.fixed_dictionaries(
    {"town": mostly(st.sampled_from(["青石镇", "小溪乡", "云岭乡"])), "year": mostly(st.integers(2000, 2100))},
    optional={
        "kind": st.sampled_from(["乡", "镇", "村"]), "county": chinese, "superior": st.one_of(chinese, st.lists(chinese, max_size=3)),
        "period": chinese, "date": mostly(st.dates(min_value=__import__("datetime").date(2000, 1, 1))),
        "goal": mostly(chinese), "notice": chinese,
        "indicators": st.lists(st.fixed_dictionaries({"name": chinese, "value": amount},
                                                     optional={"unit": chinese, "previous": amount, "target": amount}), max_size=4),
        "sections": st.lists(section, max_size=4), "plans": st.lists(section, max_size=3),
        "problems": st.lists(mostly(chinese), max_size=3), "honours": st.lists(chinese, max_size=2), "closing": chinese,
        "settings": st.fixed_dictionaries({}, optional={"percent_digits": mostly(st.integers(0, 4)), "yi_threshold": amount,
                                                          "fonts": st.sampled_from(["gb2312", "plain", "其他"])}),
    },
)


def mutate(text: str, how: int, at: int, junk: str) -> str:
    """Break a YAML text the way files get broken: cut short, a stray character, a lost indent, a pasted control
    (half the time the text is left whole)."""
    at = at % (len(text) + 1)
    ways = [
        text, text, text, text, text, text, text,
        text[:at],
        text[:at] + junk + text[at:],
        text.replace("\n  ", "\n ", 1),
        text[:at] + '"' + text[at:],
        text[:at] + "\x01\x00" + text[at:],
        text + "\n" + junk,
        text.replace(": ", ":", 1),
    ]
    return ways[how % len(ways)]


@settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", 300)), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=town, how=st.integers(0, 14), at=st.integers(0, 5000), junk=st.text(alphabet=string.printable + "：“”&*!{}[]", max_size=6),
       style=st.sampled_from(["numbered", "topical", "congress"]))
def test_any_town_file_gives_a_draft_or_a_chinese_error_and_no_file(tmp_path_factory, data, how, at, junk, style):
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / "town.yaml"
    text = mutate(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), how, at, junk)
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    out = folder / "draft.docx"
    with timed("build") as counts:
        result = runner.invoke(app, ["build", str(path), "--out", str(out), "--style", style])
        counts[f"exit {result.exit_code}"] += 1
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 1), result.output
    if result.exit_code == 1:
        assert result.output.startswith("错误") and str(path) in result.output, result.output
        assert "Traceback" not in result.output
        for line in result.output.splitlines():  # every problem has its line, but for files that have none
            if str(path) in line and not any(w in line for w in ("二进制文件", "是空的", "无法识别文件编码")):
                assert re.search(re.escape(str(path)) + r":\d+", line), line
        assert sorted(p.name for p in folder.iterdir()) == ["town.yaml"]
    else:
        import docx

        assert docx.Document(str(out)).paragraphs[0].text.endswith("工作计划")


# -- valid town files always give a draft whose every figure checks out ----------------------------
words = st.text(alphabet="青石镇项目建设完成推进茶园亩户人万元一二三", min_size=1, max_size=12)
good_amount = st.one_of(st.integers(0, 10**7), st.decimals(0, 10**6, places=2).map(lambda d: float(d)))
good_fact = st.one_of(
    words,
    st.fixed_dictionaries({"what": words, "value": good_amount}, optional={
        "unit": st.sampled_from(["亩", "万元", "%", "人", "万亩", "元", ""]), "previous": st.integers(1, 10**6),
        "target": st.integers(1, 10**6), "approx": st.sampled_from([True, False, "余", "约"]),
        "bound": st.sampled_from(["以上", "以内", "左右"]), "resolve": st.sampled_from(["力争", "确保", False]), "verb": words}),
    st.fixed_dictionaries({"what": words, "ratio": st.tuples(st.integers(0, 10**5), st.integers(1, 10**5)).map(list)},
                          optional={"count": words}).map(lambda d: {**d, "unit": "人"} if "count" in d else d),
    st.fixed_dictionaries({"what": words, "figures": st.lists(st.fixed_dictionaries({"value": good_amount, "unit": st.sampled_from(["户", "人", "家"])},
                                                                                     optional={"what": words}), min_size=1, max_size=3)}),
)
good_section = st.fixed_dictionaries(
    {"topic": st.sampled_from(TOPICS[:5]), "items": st.lists(st.fixed_dictionaries({}, optional={
        "title": words, "measures": words, "facts": st.lists(good_fact, max_size=4)}), max_size=3)},
    optional={"heading": words, "verdict": words},
).map(lambda s: {**s, "like": "农业"} if s["topic"] == "茶产业" else s)
valid_town = st.fixed_dictionaries(
    {"town": st.sampled_from(["青石镇", "小溪乡", "云岭乡"]), "year": st.integers(2015, 2035)},
    optional={
        "county": st.sampled_from(["临溪县", "松川市"]), "superior": st.one_of(words, st.lists(words, min_size=1, max_size=3)),
        "goal": words, "notice": words, "date": st.dates(min_value=__import__("datetime").date(2015, 1, 1)),
        "indicators": st.lists(st.fixed_dictionaries({"name": words, "value": good_amount},
                                                     optional={"unit": st.sampled_from(["万元", "亿元", "元"]),
                                                               "previous": st.integers(1, 10**6), "target": st.integers(1, 10**6)}), max_size=4),
        "sections": st.lists(good_section, max_size=5), "plans": st.lists(good_section, max_size=4),
        "problems": st.lists(words, max_size=3), "honours": st.lists(words, max_size=2),
    },
)


@settings(max_examples=max(150, int(os.environ.get("FUZZ_EXAMPLES", 0)) // 3), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=valid_town, style=st.sampled_from(["numbered", "topical", "congress"]), seed=st.integers(0, 10**6))
def test_a_valid_town_file_gives_a_draft_whose_every_figure_checks_out(tmp_path_factory, data, style, seed):
    from drafter.build.draft import BuildOptions, build
    from drafter.check.audit import audit
    from drafter.check.lint import lone_ordinals, punctuation

    folder = tmp_path_factory.mktemp("valid")
    path = folder / "town.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    with timed("build (valid)") as counts:
        result = build(path, BuildOptions(style=style, seed=seed, out=folder / "d.md", fmt="md"))
        counts["built"] += 1
    paragraphs = [b.text for b in result.blocks]
    from drafter.town.load import load_town

    found = audit(load_town(path), paragraphs, [], "d")
    assert found.numbers == [] and found.coverage == [], (found.numbers, found.coverage)
    body = [b.text for b in result.blocks if b.kind not in ("title", "sign", "date")]
    assert lone_ordinals(body) == []
    assert punctuation(body) == []
