"""The user cache: parsed data comes back unchanged (tuples too), stale entries are pruned, a damaged entry is made
again, no cache still works."""

from __future__ import annotations

import os
from pathlib import Path

from drafter.files import cache
from drafter.town.lexicon import load_lexicon


def test_cached_data_computes_once_then_reads_back(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    calls = []

    def produce():
        calls.append(1)
        return {"话题": ["一", "二"], "n": 3}

    first = cache.cached_data("test", "key", produce)
    second = cache.cached_data("test", "key", produce)
    assert first == second == {"话题": ["一", "二"], "n": 3}
    assert len(calls) == 1


def test_old_entries_are_pruned(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    for i in range(cache.KEEP + 5):
        cache.cached_data("test", f"key{i}", lambda i=i: [i])
    folder = cache.cache_dir("test")
    assert len(list(folder.glob(f"*{cache.SUFFIX}"))) == cache.KEEP
    assert cache.cached_data("test", f"key{cache.KEEP + 4}", lambda: ["recomputed"]) == [cache.KEEP + 4]


def test_entries_of_the_older_json_form_are_removed_when_one_is_written(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    folder = cache.cache_dir("test")
    stale = folder / "0123456789abcdef01234567.json"
    stale.write_text('{"old": 1}', "utf-8")
    assert cache.cached_data("test", "key", lambda: [1]) == [1]
    assert not stale.exists() and len(list(folder.glob(f"*{cache.SUFFIX}"))) == 1


def test_unwritable_cache_still_computes(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # a file where the folder should be
    assert cache.cached_data("test", "key", lambda: {"a": 1}) == {"a": 1}


def test_lexicon_from_cache_equals_lexicon_parsed(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    load_lexicon.cache_clear()
    parsed = load_lexicon()
    load_lexicon.cache_clear()
    cached = load_lexicon()
    load_lexicon.cache_clear()
    assert cached == parsed and len(parsed.topics) > 20


def test_on_windows_the_cache_and_crash_log_go_under_localappdata(tmp_path, monkeypatch):
    from drafter.files.crashlog import save_traceback

    monkeypatch.setattr(cache, "system", lambda: "nt")  # os.name itself cannot be faked: Path would turn Windows
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))  # not used on Windows
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "Local"))
    assert cache.cache_root() == tmp_path / "Local" / "drafter"
    assert cache.cached_data("test", "key", lambda: [1]) == [1]
    assert list((tmp_path / "Local" / "drafter").glob(f"test-*/*{cache.SUFFIX}"))
    log = save_traceback(ValueError("坏"))
    assert log is not None and log.parent.parent == tmp_path / "Local" / "drafter" and "ValueError" in log.read_text("utf-8")
    assert not (tmp_path / "xdg").exists()
    windows = {"USERPROFILE": "C:\\Users\\王"}
    assert str(cache.cache_root(windows)).replace("\\", "/").endswith("C:/Users/王/AppData/Local/drafter")
    assert cache.cache_root({"LOCALAPPDATA": "D:\\Local"}).name == "drafter"


def test_elsewhere_the_cache_follows_xdg(tmp_path, monkeypatch):
    monkeypatch.setattr(cache, "system", lambda: "posix")
    assert cache.cache_root({"XDG_CACHE_HOME": str(tmp_path)}) == tmp_path / "drafter"
    assert cache.cache_root({}) == Path.home() / ".cache" / "drafter"


def test_a_damaged_entry_is_made_again(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cached_data("test", "key", lambda: {"a": (1, "二"), "b": [None, True, 1.5]}) == {"a": (1, "二"), "b": [None, True, 1.5]}
    assert cache.cached_data("test", "key", lambda: "not read") == {"a": (1, "二"), "b": [None, True, 1.5]}
    (kept,) = cache.cache_dir("test").glob(f"*{cache.SUFFIX}")
    for damage in (b"", b"\xff\x00garbage", kept.read_bytes()[:-3], b'{"a": 1}'):
        kept.write_bytes(damage)
        assert cache.cached_data("test", "key", lambda: ["made again"]) == ["made again"]
        assert cache.cached_data("test", "key", lambda: "not read") == ["made again"]


def test_reading_an_entry_makes_and_probes_nothing(tmp_path, monkeypatch):
    """A cold build reads five kinds of entry: reading one neither creates its folder again nor writes a probe file
    in it (a read-only folder that holds the entry is read; one that cannot be written is written to no further)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cached_data("test", "key", lambda: [1]) == [1]
    folder = cache.cache_folder("test")
    made = []

    def refused(*args, **kwargs):
        made.append(args)
        raise OSError(13, "Permission denied")

    monkeypatch.setattr(cache.tempfile, "mkstemp", refused)
    monkeypatch.setattr(Path, "mkdir", refused)
    assert cache.cached_data("test", "key", lambda: ["not read"]) == [1]
    assert made == []
    assert cache.cached_data("test", "other", lambda: ["computed"]) == ["computed"]  # its write fails: no cache
    assert made == [(folder,)] and [p.suffix for p in folder.iterdir()] == [cache.SUFFIX]


def test_a_write_cut_short_leaves_no_partial_entry(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))

    def full(self, data):
        Path.write_text(self, "half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "write_bytes", full)
    assert cache.cached_data("test", "key", lambda: [1]) == [1]
    assert list(cache.cache_folder("test").iterdir()) == []


def test_templates_compile_when_their_cache_cannot_be_kept(tmp_path):
    """Jinja's compiled-template cache: its folder made when a template is first compiled, read back after; under a
    file (no folder can be made) or in a read-only folder, templates are compiled each time and no error is raised."""
    import jinja2

    from drafter.compose.render import TemplateCache

    def compiled(folder: Path) -> str:
        env = jinja2.Environment(loader=jinja2.DictLoader({"t": "{{ 1 + 1 }}"}), bytecode_cache=TemplateCache(str(folder)))
        return env.get_template("t").render()

    folder = tmp_path / "cache" / "jinja"
    assert compiled(folder) == "2" and len(list(folder.iterdir())) == 1
    assert compiled(folder) == "2" and len(list(folder.iterdir())) == 1
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert compiled(blocker / "jinja") == "2"
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    try:
        assert compiled(locked) == "2"
    finally:
        locked.chmod(0o700)
    assert os.geteuid() == 0 or list(locked.iterdir()) == []


def test_a_built_in_style_from_cache_equals_its_style_yaml(tmp_path, monkeypatch):
    from drafter.compose import style
    from drafter.town.record import asdict

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    for name in style.BUILTIN:
        folder, _ = style.style_folder(name)
        specs = []
        for _ in range(2):  # parsed and kept, then read back from the cache
            style.read_style.cache_clear()
            specs.append(asdict(style.read_style(folder, True, style.style_stamp(folder)).spec))
        assert specs[0] == specs[1] and specs[0]["name"] == name
        assert list(cache.cache_folder("style").glob(f"*{cache.SUFFIX}"))
    style.read_style.cache_clear()
