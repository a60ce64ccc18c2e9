"""The user cache: parsed data comes back unchanged, stale entries are pruned, no cache still works."""

from __future__ import annotations

from drafter.files import cache
from drafter.town.lexicon import load_lexicon


def test_cached_json_computes_once_then_reads_back(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    calls = []

    def produce():
        calls.append(1)
        return {"话题": ["一", "二"], "n": 3}

    first = cache.cached_json("test", "key", produce)
    second = cache.cached_json("test", "key", produce)
    assert first == second == {"话题": ["一", "二"], "n": 3}
    assert len(calls) == 1


def test_old_entries_are_pruned(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    for i in range(cache.KEEP + 5):
        cache.cached_json("test", f"key{i}", lambda i=i: [i])
    folder = cache.cache_dir("test")
    assert len(list(folder.glob("*.json"))) == cache.KEEP
    assert cache.cached_json("test", f"key{cache.KEEP + 4}", lambda: ["recomputed"]) == [cache.KEEP + 4]


def test_unwritable_cache_still_computes(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # a file where the folder should be
    assert cache.cached_json("test", "key", lambda: {"a": 1}) == {"a": 1}


def test_lexicon_from_cache_equals_lexicon_parsed(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    load_lexicon.cache_clear()
    parsed = load_lexicon()
    load_lexicon.cache_clear()
    cached = load_lexicon()
    load_lexicon.cache_clear()
    assert cached == parsed and len(parsed.topics) > 20
