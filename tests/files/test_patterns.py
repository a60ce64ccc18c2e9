"""Regular expressions kept compiled: every pattern drafter compiles through files.patterns comes back from its kept
program equal to re.compile's (flags, groups and code); a damaged file or program, no cache folder, or one that
cannot be written all fall back to re.compile; and a cold build with its programs kept compiles none of them again."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from drafter.files import patterns

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "青石镇.yaml"


def kept_patterns() -> list[str]:
    """Every pattern drafter's modules hand to compiled(), read from their source."""
    found = []
    for path in sorted((ROOT / "drafter").rglob("*.py")):
        source = path.read_text("utf-8")
        if "from drafter.files.patterns import compiled" not in source:
            continue
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "compiled":
                try:
                    found.append(ast.literal_eval(node.args[0]))
                except ValueError:  # (one made from data: fit.Events' screen)
                    continue
    return found


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    """A process with nothing kept yet, its cache under tmp_path."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(patterns.Kept, "programs", None)
    monkeypatch.setattr(patterns.Kept, "path", None)
    return tmp_path


def test_a_kept_program_makes_the_pattern_re_makes(fresh):
    texts = kept_patterns()
    first = [patterns.compiled(t) for t in texts]
    assert patterns.Kept.path.is_file()
    patterns.Kept.programs = None  # (a new process: the programs read back from the file)
    again = [patterns.compiled(t) for t in texts]
    assert len(patterns.Kept.programs) == len(set(texts))
    for text, one, two in zip(texts, first, again):
        made = re.compile(text)
        assert one == made and two == made, text
        assert (two.flags, two.groups, two.groupindex) == (made.flags, made.groups, made.groupindex)
    assert patterns.compiled(r"(?P<n>\d+)户", re.I) == re.compile(r"(?P<n>\d+)户", re.I)
    patterns.Kept.programs = None
    named = patterns.compiled(r"(?P<n>\d+)户", re.I)
    assert named.match("12户").group("n") == "12" and named.groupindex == {"n": 1} and named.flags & re.I


def test_a_damaged_file_is_made_again(fresh):
    patterns.compiled(r"\{([^{}]+)\}")
    path = patterns.Kept.path
    path.write_bytes(b"\x00not marshal")
    patterns.Kept.programs = None
    assert patterns.compiled(r"\{([^{}]+)\}") == re.compile(r"\{([^{}]+)\}")
    patterns.Kept.programs = None
    assert patterns.kept()  # written again, and reads back


def test_a_damaged_program_falls_back_to_re(fresh):
    text = r"([a-z]+)(?:\[(\d+)\])?$"
    patterns.compiled(text)
    flags, code, *rest = patterns.Kept.programs[(text, 0)]
    patterns.Kept.programs[(text, 0)] = (flags, code[: len(code) // 2], *rest)  # the engine refuses it
    assert patterns.compiled(text) == re.compile(text)
    assert patterns.Kept.programs[(text, 0)][1] == code  # and the right one is kept again


def test_no_cache_folder_compiles_with_re(monkeypatch):
    monkeypatch.setattr(patterns, "cache_folder", lambda kind: None)
    monkeypatch.setattr(patterns.Kept, "programs", None)
    monkeypatch.setattr(patterns.Kept, "path", None)
    assert patterns.compiled(r"[:#\[\]{}]") == re.compile(r"[:#\[\]{}]")
    assert patterns.Kept.programs == {} and patterns.Kept.path is None


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="root writes into a read-only folder")
def test_a_cache_that_cannot_be_written_leaves_nothing(fresh):
    (fresh / "drafter").mkdir()
    (fresh / "drafter").chmod(0o500)
    try:
        assert patterns.compiled(r"[^,\[\]{}#:]+") == re.compile(r"[^,\[\]{}#:]+")
        assert list((fresh / "drafter").iterdir()) == []
    finally:
        (fresh / "drafter").chmod(0o700)


def test_a_cut_short_write_leaves_no_temporary_file(fresh, monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(patterns.os, "replace", refuse)
    assert patterns.compiled(r" *([A-Za-z_][A-Za-z0-9_]*): +") == re.compile(r" *([A-Za-z_][A-Za-z0-9_]*): +")
    folder = patterns.Kept.path.parent
    assert [p.name for p in folder.iterdir()] == []


PROBE = """
import re, sys
import typer, jinja2, jinja2.sandbox, yaml, dataclasses  # (the packages' own patterns: compiled before counting)
seen = []
compile_ = re._compile
def counting(pattern, flags):
    if (type(pattern), pattern, flags) not in re._cache:
        seen.append(pattern)
    return compile_(pattern, flags)
re._compile = counting
sys.argv = ["drafter", "build", sys.argv[1], "--out", sys.argv[2], "--force"]
import atexit
atexit.register(lambda: print("COMPILED", repr(seen)))
from drafter.cli.start import run
run()
"""


def test_a_cold_build_with_its_programs_kept_compiles_none_of_them(tmp_path):
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"))
    runs = []
    for _ in range(2):
        done = subprocess.run([sys.executable, "-c", PROBE, str(EXAMPLE), str(tmp_path / "a.docx")], env=env,
                              capture_output=True, text=True, check=True)
        runs.append(ast.literal_eval(done.stdout.split("COMPILED ", 1)[1].strip()))
    ours = set(kept_patterns())
    assert len(ours) >= 12 and ours <= set(runs[0])  # the town file's reader, markup, slots, figure keys: made and kept
    assert runs[1] == []
