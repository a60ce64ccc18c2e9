"""Issue #23.4: Windows has no fork; a batch whose workers are spawned (each importing drafter afresh) builds the same
drafts, byte for byte, as one whose workers are forked."""

from __future__ import annotations

import multiprocessing
import shutil

from drafter.build.draft import BuildOptions
from drafter.county import batch
from tests.conftest import EXAMPLES


def test_spawned_workers_build_the_same_drafts_as_forked_ones(tmp_path, monkeypatch):
    folder = tmp_path / "各乡镇"
    folder.mkdir()
    for path in EXAMPLES.glob("*.yaml"):
        shutil.copy(path, folder)
    used = []
    made = batch.pool

    def recording(jobs: int):
        executor = made(jobs)
        used.append(executor._mp_context.get_start_method())
        return executor

    monkeypatch.setattr(batch, "pool", recording)
    options = BuildOptions(toc=True, annotate=True)
    forked = batch.run_batch([folder], options, tmp_path / "fork", 2)
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])  # as on Windows
    spawned = batch.run_batch([folder], options, tmp_path / "spawn", 2)
    assert used == ["fork", "spawn"]
    assert [o.town for o in spawned] == [o.town for o in forked] and len(spawned) == 3
    for a, b in zip(forked, spawned):
        assert a.ok and b.ok and a.out.read_bytes() == b.out.read_bytes() and a.warnings == b.warnings
