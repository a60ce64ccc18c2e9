"""Issue #23.3: which 公文 fonts this machine has (fc-list on Linux; the registry and Fonts folders on Windows, faked
here), what Word and WPS show instead, how to get them; build warns in one line, a batch once."""

from __future__ import annotations

import shutil
import struct
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drafter.build.draft import BuildOptions, build
from drafter.cli.main import app
from drafter.files import fonts as machine_fonts
from drafter.write import fonts
from tests.conftest import EXAMPLES

runner = CliRunner()
NOTO = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")


def ttf(*names: str) -> bytes:
    """A font file holding only a name table that gives these family names (Windows platform, UTF-16BE)."""
    strings = b"".join(n.encode("utf-16-be") for n in names)
    records, at = b"", 0
    for n in names:
        size = len(n.encode("utf-16-be"))
        records += struct.pack(">6H", 3, 1, 0x0804, 1, size, at)
        at += size
    table = struct.pack(">3H", 0, len(names), 6 + 12 * len(names)) + records + strings
    return struct.pack(">IHHHH", 0x00010000, 1, 16, 0, 0) + struct.pack(">4sIII", b"name", 0, 28, len(table)) + table


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def test_a_font_file_is_known_by_the_names_inside_it(tmp_path):
    path = tmp_path / "simkai.ttf"
    path.write_bytes(ttf("KaiTi_GB2312", "楷体_GB2312"))
    assert machine_fonts.families(path) == {"KaiTi_GB2312", "楷体_GB2312"}
    assert machine_fonts.families(tmp_path / "absent.ttf") == set()
    (tmp_path / "junk.ttf").write_bytes(b"\x00\x01\x00\x00\x00\x05")
    assert machine_fonts.families(tmp_path / "junk.ttf") == set()
    if NOTO.exists():
        assert "Noto Sans CJK SC" in machine_fonts.families(NOTO)  # a real collection (.ttc)


def test_windows_fonts_come_from_both_registry_keys_and_both_folders_by_family_name(tmp_path):
    system, user = tmp_path / "Windows" / "Fonts", tmp_path / "Local" / "Microsoft" / "Windows" / "Fonts"
    system.mkdir(parents=True)
    user.mkdir(parents=True)
    (system / "simkai.ttf").write_bytes(ttf("KaiTi_GB2312", "楷体_GB2312"))  # Windows XP's simkai.ttf: the GB2312 face
    (user / "方正小标宋简体.ttf").write_bytes(ttf("Arial"))  # a file's name says nothing
    registry = [("SimSun & NSimSun (TrueType)", "simsun.ttc"), ("FangSong (TrueType)", "simfang.ttf"),
                ("SimHei (TrueType)", "simhei.ttf"), ("仿宋_GB2312 (TrueType)", str(user / "仿宋_GB2312.ttf"))]
    found = machine_fonts.probe(["宋体", "SimSun", "FangSong", "仿宋_GB2312", "楷体_GB2312", "方正小标宋简体"], "windows",
                                registry=lambda: registry, folders=[system, user])
    assert found["SimSun"] == "simsun.ttc" and found["FangSong"] == "simfang.ttf" and found["宋体"] == ""
    assert found["仿宋_GB2312"].endswith("仿宋_GB2312.ttf") and found["楷体_GB2312"] == str(system / "simkai.ttf")
    assert found["方正小标宋简体"] == ""
    assert machine_fonts.windows_folders({"WINDIR": "D:\\Win", "LOCALAPPDATA": "C:\\Users\\王\\AppData\\Local"})[1].name == "Fonts"


def test_fontconfig_is_asked_family_by_family():
    asked = []
    found = machine_fonts.probe(["仿宋_GB2312", "黑体"], "fontconfig", ask=lambda n: asked.append(n) or ("/f/simhei.ttf" if n == "黑体" else ""))
    assert found == {"仿宋_GB2312": "", "黑体": "/f/simhei.ttf"} and asked == ["仿宋_GB2312", "黑体"]


@pytest.mark.skipif(not shutil.which("fc-list"), reason="no fontconfig")
def test_fc_list_on_this_machine():
    found = machine_fonts.probe(["Noto Sans CJK SC", "仿宋_GB2312", "noto sans cjk sc"], "fontconfig")
    assert found["仿宋_GB2312"] == ""
    if NOTO.exists():
        assert found["Noto Sans CJK SC"].endswith(".ttc") and found["noto sans cjk sc"]


def test_the_lookup_is_cached_until_the_fonts_change(monkeypatch):
    calls = []
    monkeypatch.setattr(machine_fonts, "probe", lambda names, kind: calls.append(1) or dict.fromkeys(names, ""))
    stamp = ["a"]
    monkeypatch.setattr(machine_fonts, "stamp", lambda kind: stamp[0])
    machine_fonts.installed(["仿宋_GB2312"])
    machine_fonts.installed(["仿宋_GB2312"])
    assert len(calls) == 1
    stamp[0] = "b"  # a font installed: a folder or the fontconfig cache changed
    machine_fonts.installed(["仿宋_GB2312"])
    assert len(calls) == 2
    machine_fonts.installed(["仿宋_GB2312"], refresh=True)  # drafter fonts looks again
    assert len(calls) == 3


def fake_machine(monkeypatch, have: set[str]) -> None:
    monkeypatch.setattr(fonts, "installed", lambda names, refresh=False: {n: (f"/fonts/{n}.ttf" if n in have else "") for n in names})


def test_word_shows_the_font_tables_alternate_and_wps_warns(monkeypatch):
    fake_machine(monkeypatch, {"仿宋", "宋体", "SimHei"})
    status = {s.name: s for s in fonts.status()}
    assert status["仿宋"].found and not status["仿宋"].word
    assert status["仿宋_GB2312"].word == "仿宋" and "缺失字体" in status["仿宋_GB2312"].wps
    assert status["方正小标宋简体"].word == "宋体"  # 小标宋 is not here either
    assert status["黑体"].found == "/fonts/SimHei.ttf"  # known by its English name
    assert status["楷体_GB2312"].word == "宋体" and "simkai.ttf" in status["楷体_GB2312"].where
    fake_machine(monkeypatch, set())
    assert fonts.status()[0].word == "系统默认的中文字体"


def test_build_warns_in_one_line_when_a_font_is_missing(tmp_path, monkeypatch):
    fake_machine(monkeypatch, {"仿宋_GB2312", "黑体", "宋体"})
    result = build(EXAMPLES / "青石镇.yaml", BuildOptions(out=tmp_path / "d.docx"))
    lines = [w for w in result.warnings if w.startswith(fonts.MISSING_FONTS)]
    assert lines == ["提醒：本机没有字体 方正小标宋简体、楷体_GB2312，在本机的 WPS 或 Word 中会换用其他字体显示和打印；运行 drafter fonts 查看怎么安装。"]
    assert not [w for w in build(EXAMPLES / "青石镇.yaml", BuildOptions(out=tmp_path / "d.md", fmt="md")).warnings if "字体" in w]
    fake_machine(monkeypatch, set(fonts.GONGWEN))
    assert not build(EXAMPLES / "青石镇.yaml", BuildOptions(out=tmp_path / "d.docx", force=True)).warnings


def test_the_cli_warns_once_for_a_batch(tmp_path, monkeypatch):
    fake_machine(monkeypatch, set())
    folder = tmp_path / "县"
    folder.mkdir()
    for path in EXAMPLES.glob("*.yaml"):
        shutil.copy(path, folder)
    result = runner.invoke(app, ["build", str(folder), "--out-dir", str(tmp_path / "out"), "--jobs", "1"])
    assert result.exit_code == 0 and result.output.count(fonts.MISSING_FONTS) == 1, result.output
    result = runner.invoke(app, ["build", str(EXAMPLES / "青石镇.yaml"), "--out", str(tmp_path / "one.docx")])
    assert result.exit_code == 0 and result.output.count(fonts.MISSING_FONTS) == 1


def test_drafter_fonts_lists_the_fonts_and_how_to_get_them(monkeypatch):
    fake_machine(monkeypatch, {"仿宋", "楷体", "黑体", "宋体"})
    result = runner.invoke(app, ["fonts"])
    assert result.exit_code == 0, result.output
    for name in fonts.GONGWEN:
        assert name in result.output
    assert "没有" in result.output and "FZXBSJW.TTF" in result.output and "fonts: plain" in result.output
    fake_machine(monkeypatch, set(fonts.GONGWEN))
    assert "公文字体齐全" in runner.invoke(app, ["fonts"]).output


def test_drafter_fonts_on_a_faked_windows(tmp_path, monkeypatch):
    monkeypatch.setattr(machine_fonts, "system", lambda: "nt")
    monkeypatch.setattr(machine_fonts, "windows_registry", lambda: [("仿宋_GB2312 (TrueType)", "x.ttf"), ("SimSun & NSimSun (TrueType)", "s.ttc")])
    monkeypatch.setenv("WINDIR", str(tmp_path))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "local"))
    assert machine_fonts.machine() == "windows"
    result = runner.invoke(app, ["fonts"])
    assert result.exit_code == 0, result.output
    assert "x.ttf" in result.output and "s.ttc" in result.output and "为所有用户安装" in result.output
