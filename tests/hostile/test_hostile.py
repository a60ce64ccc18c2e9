"""Issue #10: nothing crashes, nothing is lost — hostile and broken input gives a Chinese message with file,
line and key, exit code 1, and no file written."""

from __future__ import annotations

import os
import shutil
import zipfile

import pytest
from typer.testing import CliRunner

from drafter.build.draft import BuildOptions, build
from drafter.cli.main import app
from tests.conftest import EXAMPLES, write

runner = CliRunner()
TOWN = "town: 小溪乡\nyear: 2024\n"


def refused(tmp_path, text: str, *args: str) -> str:
    """Build a town file that must be refused: exit 1, a Chinese line naming the file, no draft written."""
    path = write(tmp_path, text)
    out = tmp_path / "out.docx"
    result = runner.invoke(app, ["build", str(path), "--out", str(out), *args])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert str(path) in result.output and "Traceback" not in result.output
    assert not out.exists() and not list(tmp_path.glob(".out.*"))
    return result.output


@pytest.mark.parametrize(("text", "where", "words"), [
    (TOWN.replace("2024", "2024\ndate: 2024-02-30"), ":3 [date]", "不是有效的日期"),
    ("town: 小溪乡\nyear: " + "9" * 4400 + "\n", ":2 [year]", "位数太多"),
    ("town: 小溪乡\nyear: !!int abc\n", ":2 [year]", "int 类型的值无效"),
    (TOWN + "indicators:\n  - {name: a, value: !!float xyz}\n", ":4 [indicators[0].value]", "float 类型的值无效"),
    (TOWN + "goal: !!timestamp x\n", ":3 [goal]", "不是有效的日期"),
    (TOWN + "notice: !!bool maybe\n", ":3 [notice]", "bool 类型的值无效"),
    ("a: &a [*a]\n", ":1", "锚点和别名"),
    ("a: &a [1, 2]\nb: [*a, *a, *a]\n", ":1", "锚点和别名"),
    (TOWN + "goal: \"山水\\x01青石\"\n", ":3 [goal]", "控制字符（U+0001）"),
    (TOWN + "goal: \"山水\\0青石\"\n", ":3 [goal]", "控制字符（U+0000）"),
    (TOWN + "indicators:\n  - {name: a, value: 1.0e+30}\n", ":4 [indicators[0].value]", "数值过大"),
    (TOWN + "sections:\n  - topic: 农业\n    items: [{facts: [{what: r, ratio: [1, 1.0e-30]}]}]\n", ":5 [sections[0].items[0].facts[0].ratio[1]]", "不能小于"),
    (TOWN + "sections:\n" + "  - topic: 农业\n" * 100, ":3 [sections]", "最多 99 项"),
    (TOWN + "problems: [" + ", ".join(["问题"] * 100) + "]\n", ":3 [problems]", "最多 99 项"),
])
def test_hostile_town_files_are_refused_at_their_line_and_key(tmp_path, text, where, words):
    output = refused(tmp_path, text)
    assert f"town.yaml{where}" in output and words in output


def test_line_breaking_controls_are_dropped_like_line_breaks(tmp_path):
    """A vertical tab or form feed breaks a line as a newline does: the text is joined, nothing reaches Word."""
    import docx

    path = write(tmp_path, TOWN + "sections:\n  - topic: 农业\n    items: [{facts: [\"茶园\\x0b扩面\\x0c提质\"]}]\n")
    result = build(path, BuildOptions(out=tmp_path / "d.docx"))
    assert "茶园扩面提质" in "".join(p.text for p in docx.Document(str(result.path)).paragraphs)


def test_a_town_path_that_is_a_pipe_or_too_large_is_refused_before_reading(tmp_path):
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    result = runner.invoke(app, ["build", str(pipe)])
    assert result.exit_code == 1 and "不是普通文件" in result.output
    big = write(tmp_path, TOWN + "# " + "很" * 600_000 + "\n", "big.yaml")
    result = runner.invoke(app, ["build", str(big)])
    assert result.exit_code == 1 and "数据文件过大" in result.output and "上限 1.0 MB" in result.output
    result = runner.invoke(app, ["build", str(tmp_path)])  # a folder is a batch: its one regular town file fails
    assert result.exit_code == 1 and "成功 0 个，失败 1 个" in result.output and "数据文件过大" in result.output


def test_out_that_is_a_folder_is_named_as_such_even_with_force(tmp_path, town_file):
    folder = tmp_path / "drafts"
    folder.mkdir()
    for extra in ([], ["--force"]):
        result = runner.invoke(app, ["build", str(town_file), "--out", str(folder), *extra])
        assert result.exit_code == 1 and "输出路径是一个文件夹" in result.output and "已修改" not in result.output


def test_a_draft_edited_only_in_its_styles_is_not_overwritten(town_file):
    draft = build(town_file, BuildOptions()).path
    restyled = draft.with_name("restyled.docx")
    with zipfile.ZipFile(draft) as source, zipfile.ZipFile(restyled, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/styles.xml":
                data = data.replace("仿宋".encode(), "宋体".encode(), 1)
            target.writestr(info, data)
    shutil.move(restyled, draft)
    result = runner.invoke(app, ["build", str(town_file)])
    assert result.exit_code == 1 and "被修改过" in result.output


def test_a_killed_builds_leftover_is_cleaned_by_the_next_build(tmp_path, town_file):
    out = tmp_path / "draft.docx"
    leftover = tmp_path / ".draft.999999999.abc.part"  # a pid that is not running
    leftover.write_bytes(b"half a docx")
    live = tmp_path / f".draft.{os.getpid()}.xyz.part"  # a build still running (this process)
    live.write_bytes(b"in progress")
    build(town_file, BuildOptions(out=out))
    assert not leftover.exists() and live.exists() and out.exists()


def test_examples_still_build(tmp_path):
    for path in EXAMPLES.glob("*.yaml"):
        assert build(path, BuildOptions(out=tmp_path / f"{path.stem}.docx")).chars > 500


# -- unexpected errors ----------------------------------------------------------------------------
def test_an_unexpected_error_is_one_chinese_line_and_a_log_file(tmp_path, town_file, monkeypatch):
    import drafter.compose.render

    monkeypatch.delenv("DRAFTER_DEBUG", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))

    def broken(*args, **kwargs):
        raise ZeroDivisionError("planted")

    monkeypatch.setattr(drafter.compose.render, "render", broken)
    monkeypatch.setattr("drafter.build.draft.render", broken)
    result = runner.invoke(app, ["build", str(town_file)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    line = result.output.strip()
    assert line.startswith("内部错误：drafter 遇到了意外情况（ZeroDivisionError），没有写入任何文件。") and "\n" not in line
    log = next((tmp_path / "cache").rglob("drafter-*.log"))
    assert "ZeroDivisionError: planted" in log.read_text("utf-8") and str(log) in line
    assert not town_file.with_suffix(".docx").exists()


# -- check and mine on broken files ---------------------------------------------------------------
def test_check_names_a_pipe_and_a_broken_docx(tmp_path, town_file):
    pipe = tmp_path / "pipe.docx"
    os.mkfifo(pipe)
    result = runner.invoke(app, ["check", str(town_file), str(pipe)])
    assert result.exit_code == 1 and "不是普通文件" in result.output
    fake = tmp_path / "fake.docx"
    fake.write_bytes(b"PK\x03\x04 not really a zip")
    result = runner.invoke(app, ["check", str(town_file), str(fake)])
    assert result.exit_code == 1 and "不是有效的 .docx 文件" in result.output


def test_check_refuses_a_docx_that_unpacks_too_large(tmp_path, town_file):
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("word/document.xml", "<w:p>" + "字" * 8_000_000 + "</w:p>")
    result = runner.invoke(app, ["check", str(town_file), str(bomb)])
    assert result.exit_code == 1 and ".docx 解压后过大" in result.output


def test_mine_skips_each_bad_corpus_entry_and_goes_on(tmp_path):
    from tests.conftest import SEEDS

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for seed in sorted(SEEDS.glob("*.txt"))[:2]:
        shutil.copy(seed, corpus / seed.name)
    (corpus / "folder.txt").mkdir()
    (corpus / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (corpus / "loop.txt").symlink_to(corpus / "loop.txt")
    (corpus / "huge.txt").write_bytes("很".encode() * 2_000_000)
    result = runner.invoke(app, ["mine", str(corpus), "--out", str(tmp_path / "bank")])
    assert result.exit_code == 0, result.output
    for name, reason in (("folder.txt", "文件夹"), ("dangling.txt", "不存在"), ("loop.txt", "无法访问"), ("huge.txt", "过大")):
        assert any(name in line and reason in line for line in result.output.splitlines()), (name, result.output)
    assert (tmp_path / "bank" / "headings.yaml").exists()


def test_mine_into_an_unwritable_folder_is_an_error_not_a_crash(tmp_path, monkeypatch):
    """A read-only --out (simulated, since the tests may run as root, who can write anywhere)."""
    import tempfile

    from tests.conftest import SEEDS

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    result = runner.invoke(app, ["mine", str(SEEDS), "--out", str(tmp_path / "bank")])
    assert result.exit_code == 1 and "无法在输出目录中写入：Permission denied" in result.output


def test_a_reference_doc_that_is_a_pipe_or_not_a_docx_is_named(tmp_path, town_file):
    pipe = tmp_path / "ref.docx"
    os.mkfifo(pipe)
    result = runner.invoke(app, ["build", str(town_file), "--reference-doc", str(pipe)])
    assert result.exit_code == 1 and "不是普通文件" in result.output
    junk = tmp_path / "junk.docx"
    junk.write_bytes(b"not a zip")
    result = runner.invoke(app, ["build", str(town_file), "--reference-doc", str(junk)])
    assert result.exit_code == 1 and "不是有效的 .docx 文件" in result.output
    assert not town_file.with_suffix(".docx").exists()
