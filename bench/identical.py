"""Byte-identity guard for speed work: build a fixed set of drafts and hash them, or compare with saved hashes.

    python bench/identical.py save REF.json      # on the base commit: hash every draft of the set
    python bench/identical.py compare REF.json   # after a change: rebuild the set, list every draft that differs

The set: every example (examples/*.yaml, bench/realistic/*.yaml) x every style x seeds 1-10, as .docx and .md,
and with seed 1 --annotate, --toc, --reference-doc (.docx) and .txt, built in this one process (so that per-process caches carry from town to town, in shuffled order with --shuffle),
plus 60 generated towns (bench/towns.py) x every style as .md in process, and the same 60 as .docx through
`drafter build DIR --out-dir OUT --jobs 2` in a child process (the batch: forked workers, each town's rotation).
And what `drafter check` finds (its JSON): in each seed-1 draft of the examples, in one long report, and in the
county of 60 (`drafter check DIR OUT --json`).
"""

from __future__ import annotations

import hashlib
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from towns import write_towns  # noqa: E402

from drafter.build.draft import BuildOptions, build  # noqa: E402
from drafter.compose.render import STYLES  # noqa: E402

SEEDS = range(1, 11)
TOWNS = 60


def examples() -> list[Path]:
    """The bundled examples and the realistic bench towns."""
    return sorted(ROOT.glob("examples/*.yaml")) + sorted(ROOT.glob("bench/realistic/*.yaml"))


def jobs(generated: list[Path], reference: Path) -> list[tuple[str, Path, BuildOptions]]:
    """(name, town file, options) of every in-process build of the set."""
    out = []
    for town in examples():
        for style in STYLES:
            for seed in SEEDS:
                for fmt in ("docx", "md"):
                    out.append((f"{town.parent.name}/{town.stem}.{style}.{seed}.{fmt}", town,
                                BuildOptions(style=style, seed=seed, fmt=fmt)))
            # the other options of a single build, with seed 1
            for label, options in (("annotate", BuildOptions(annotate=True)), ("toc", BuildOptions(toc=True)),
                                   ("reference", BuildOptions(reference=reference)), ("txt", BuildOptions(fmt="txt"))):
                out.append((f"{town.parent.name}/{town.stem}.{style}.1.{label}.{options.fmt}", town,
                            options._replace(style=style, seed=1)))
    for town in generated:
        for style in STYLES:
            out.append((f"towns/{town.stem}.{style}.md", town, BuildOptions(style=style, fmt="md")))
    return out


def reference_doc(path: Path) -> Path:
    """A --reference-doc: python-docx's default document with a body style of its own and some content."""
    import docx
    from docx.shared import Pt

    document = docx.Document()
    style = document.styles.add_style("公文正文", 1)
    style.font.size = Pt(15)
    document.styles["Heading 1"].font.size = Pt(14)
    document.add_paragraph("参考文档里的内容不会出现在初稿中。")
    document.save(str(path))
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def hashes(shuffle: bool) -> dict[str, str]:
    """{draft name: sha256 of its bytes} of the whole set."""
    result: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        generated = write_towns(tmp / "towns", TOWNS)
        work = jobs(generated, reference_doc(tmp / "reference.docx"))
        if shuffle:
            random.Random(22).shuffle(work)
        for i, (name, town, options) in enumerate(work):
            out = tmp / "out" / f"{i}.{options.fmt}"
            out.parent.mkdir(exist_ok=True)
            build(town, options._replace(out=out))
            result[name] = digest(out)
        batch = tmp / "batch"
        subprocess.run([sys.executable, "-m", "drafter", "build", str(tmp / "towns"), "--out-dir", str(batch), "--jobs", "2"],
                       check=True, capture_output=True, cwd=ROOT)
        for path in sorted(batch.glob("*.docx")):
            result[f"batch/{path.name}"] = digest(path)
        result.update(checks(tmp, [(name, town, tmp / "out" / f"{i}.{o.fmt}") for i, (name, town, o) in enumerate(work)
                                   if name.endswith((".1.docx", ".1.md"))]))
        county = subprocess.run([sys.executable, "-m", "drafter", "check", str(tmp / "towns"), str(batch), "--json"],
                                capture_output=True, cwd=ROOT)
        result["check/county.json"] = hashlib.sha256(county.stdout.replace(str(tmp).encode(), b"TMP")).hexdigest()
    return dict(sorted(result.items()))


def checks(tmp: Path, drafts: list[tuple[str, Path, Path]]) -> dict[str, str]:
    """{name: sha256 of `drafter check`'s findings as JSON} for each draft given, and for one long report."""
    from towns import town_yaml

    from drafter.check.audit import audit, read_draft
    from drafter.cli.check import load_corpus
    from drafter.town.load import load_town

    corpus = load_corpus([], print)
    long = tmp / "long.yaml"
    long.write_text(town_yaml(1, 25, 10, 4), encoding="utf-8")
    build(long, BuildOptions(out=tmp / "long.docx"))
    out = {}
    for name, town, draft in [*drafts, ("long/long.docx", long, tmp / "long.docx")]:
        found = audit(load_town(town), read_draft(draft), corpus, name).to_dict()
        out[f"check/{name}.json"] = hashlib.sha256(json.dumps(found, ensure_ascii=False, sort_keys=True).encode()).hexdigest()
    return out


def main() -> None:
    if len(sys.argv) < 3 or sys.argv[1] not in ("save", "compare"):
        sys.exit(__doc__)
    mode, ref = sys.argv[1], Path(sys.argv[2])
    now = hashes("--shuffle" in sys.argv)
    if mode == "save":
        ref.write_text(json.dumps(now, ensure_ascii=False, indent=0), encoding="utf-8")
        print(f"{len(now)} drafts hashed into {ref}")
        return
    saved = json.loads(ref.read_text(encoding="utf-8"))
    differ = sorted(k for k in saved.keys() | now.keys() if saved.get(k) != now.get(k))
    for name in differ:
        print(f"DIFFERS: {name}")
    print(f"{len(now)} drafts built, {len(saved)} in {ref}; {len(differ)} differ")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
