"""A county's drafts checked together: each town's own audit, and a cross-town originality check — no two drafts
of the batch share a long span outside the towns' own facts and the canonical formulas."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drafter.check.audit import PLACEHOLDER, Audit, audit, read_draft, town_values
from drafter.check.overlap import MASK, canonical_formulas, masked
from drafter.compose.frame import frame_formulas
from drafter.compose.plans import year_formulas
from drafter.errors import DrafterError
from drafter.town.load import load_town
from drafter.tuples import NamedTuple

if TYPE_CHECKING:
    from drafter.town.model import Town
    from drafter.town.sheet import Sheet


DRAFT_SUFFIXES = (".docx", ".md", ".txt")


class Shared(NamedTuple):
    """A span several towns' drafts share: the span, and each town with the paragraph (1-based) it is in."""

    text: str
    places: tuple[tuple[str, int], ...]

    @property
    def towns(self) -> set[str]:
        return {town for town, _ in self.places}


class TownCheck(NamedTuple):
    """One town of the county: its town file, its draft, and the audit or why there is none."""

    file: Path
    town: str
    draft: Path | None
    audit: Audit | None = None
    error: str = ""
    longest_shared: int = 0

    @property
    def failed(self) -> bool:
        return bool(self.error) or (self.audit is not None and self.audit.failed)


def find_draft(town_file: Path, drafts: Path | None) -> Path | None:
    """The town's draft: 〈stem〉.docx (or .md, .txt) in the drafts folder, else beside the town file."""
    for folder in ([drafts] if drafts else []) + [town_file.parent]:
        for suffix in DRAFT_SUFFIXES:
            candidate = folder / f"{town_file.stem}{suffix}"
            if candidate.is_file():
                return candidate
    return None


def shared_spans(drafts: list[tuple[str, list[str]]], min_len: int) -> list[Shared]:
    """Spans of at least min_len characters (no mask inside) that two or more drafts share, each span once with
    every town that has it.

    Every draft's blocks of half that length at aligned positions are indexed; every window of the same length of
    every draft is looked up, and each hit in another draft is stretched to the longest common span. Any shared
    span of min_len holds one whole aligned block, so none is missed; memory is a tenth of the text per draft."""
    block = max(1, min_len // 2)
    index: dict[str, list[tuple[int, int, int]]] = {}
    for d, (_, paragraphs) in enumerate(drafts):
        for p, text in enumerate(paragraphs):
            for i in range(0, len(text) - block + 1, block):
                piece = text[i : i + block]
                if MASK not in piece:
                    index.setdefault(piece, []).append((d, p, i))
    found: dict[str, set[tuple[str, int]]] = {}
    for d, (name, paragraphs) in enumerate(drafts):
        for p, text in enumerate(paragraphs):
            for j in range(len(text) - block + 1):
                for e, q, i in index.get(text[j : j + block], ()):
                    if e == d:
                        continue
                    other = drafts[e][1][q]
                    start_a, start_b = j, i
                    while start_a and start_b and text[start_a - 1] == other[start_b - 1] != MASK:
                        start_a, start_b = start_a - 1, start_b - 1
                    end_a, end_b = j + block, i + block
                    while end_a < len(text) and end_b < len(other) and text[end_a] == other[end_b] != MASK:
                        end_a, end_b = end_a + 1, end_b + 1
                    if end_a - start_a >= min_len:
                        found.setdefault(text[start_a:end_a], set()).update({(name, p + 1), (drafts[e][0], q + 1)})
    spans = [Shared(text, tuple(sorted(places))) for text, places in sorted(found.items())]
    # a span inside a longer one that the same towns share is not listed again
    return [a for a in spans if not any(len(b.text) > len(a.text) and a.text in b.text and a.towns <= b.towns for b in spans)]


def style_texts(draft: Path, given: str | None, town: Town) -> list[str]:
    """The fixed titles and sentences of the style a draft was built in (the one its manifest records, else the one
    given): a county's own outline asks every town to write them alike."""
    from drafter.compose.outline import fixed_texts
    from drafter.compose.style import load_style, locate_style

    recorded = None
    if draft.suffix.lower() == ".docx":
        import zipfile

        from drafter.ooxml.props import read_properties
        from drafter.write.marks import Manifest

        try:
            with zipfile.ZipFile(draft) as package:
                manifest = Manifest.from_properties(read_properties(package.read("docProps/custom.xml")))
            recorded = manifest.style if manifest else None
        except (OSError, KeyError, zipfile.BadZipFile):
            recorded = None
    try:
        return fixed_texts(load_style(locate_style(recorded, draft) if recorded else given or "numbered").spec, town)
    except DrafterError:  # a style folder since removed: nothing of it to exempt
        return []


def check_town(path: Path, drafts: Path | None, corpus: list, min_overlap: int, sheet: Sheet | None,
               style: str | None) -> tuple[TownCheck, tuple[str, list[str]] | None]:
    """One town of a county: its check, and its draft's paragraphs with what any town may share masked (None when
    there is no draft to compare)."""
    draft = find_draft(path, drafts)
    try:
        town = load_town(path, sheet)
    except DrafterError as exc:
        return TownCheck(path, "", draft, error=str(exc)), None
    if draft is None:
        return TownCheck(path, town.town, None, error=f"{path}：未找到初稿（{path.stem}.docx/.md/.txt）"), None
    try:
        paragraphs = read_draft(draft)
    except DrafterError as exc:
        return TownCheck(path, town.town, draft, error=str(exc)), None
    check = TownCheck(path, town.town, draft, audit(town, paragraphs, corpus, draft.name, min_overlap))
    placeholders = [m.group(0) for text in paragraphs for m in PLACEHOLDER.finditer(text)]  # reported on their own
    exempt = town_values(town)[0] + list(canonical_formulas()) + placeholders + year_formulas(town) + frame_formulas(town) + style_texts(draft, style, town)
    always = (town.county,) if town.county else ()  # a county's name is every town's, however short
    return check, (town.town, masked(paragraphs, exempt, always))


# A county of at least this many towns is checked by a pool of processes, one a core (fewer: the pool's start costs
# more than it saves).
POOLED = 8
# What a pool's workers check against, given once to each (forked workers share it with the county check).
SHARED: dict[str, Any] = {}


def start_checker(corpus: list, drafts: Path | None, min_overlap: int, sheet: Sheet | None, style: str | None) -> None:
    """A worker of the county check: what every town is checked against, and the batch's handling of signals."""
    from drafter.county.batch import start_worker

    SHARED.update(corpus=corpus, drafts=drafts, min_overlap=min_overlap, sheet=sheet, style=style)
    start_worker()


def check_in_worker(path: Path) -> tuple[TownCheck, tuple[str, list[str]] | None]:
    """check_town in a worker, with what start_checker gave it."""
    return check_town(path, SHARED["drafts"], SHARED["corpus"], SHARED["min_overlap"], SHARED["sheet"], SHARED["style"])


def check_towns(town_files: list[Path], drafts: Path | None, corpus: list, min_overlap: int, sheet: Sheet | None,
                style: str | None) -> list[tuple[TownCheck, tuple[str, list[str]] | None]]:
    """check_town of each town file, in order: in this process, or a county's in a pool of one process a core."""
    jobs = min(os.cpu_count() or 1, len(town_files))
    if jobs <= 1 or len(town_files) < POOLED:
        return [check_town(path, drafts, corpus, min_overlap, sheet, style) for path in town_files]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from drafter.county.batch import stop

    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    executor = ProcessPoolExecutor(jobs, mp_context=context, initializer=start_checker,
                                   initargs=(corpus, drafts, min_overlap, sheet, style))
    try:
        found = list(executor.map(check_in_worker, town_files, chunksize=max(1, len(town_files) // (4 * jobs))))
    except KeyboardInterrupt:
        stop(executor)
        raise
    executor.shutdown()
    return found


def check_county(town_files: list[Path], drafts: Path | None, corpus: list, min_overlap: int,
                 sheet: Sheet | None = None, style: str | None = None) -> tuple[list[TownCheck], list[Shared]]:
    """Audit each town's draft, then look for spans any two drafts share (outside the towns' own words, the canonical
    and the year's formulas, and the fixed sentences of the style they were built in)."""
    found = check_towns(town_files, drafts, corpus, min_overlap, sheet, style)
    checks = [check for check, _ in found]
    shared = shared_spans([texts for _, texts in found if texts is not None], min_overlap)
    longest: dict[str, int] = {}
    for span in shared:
        for name in span.towns:
            longest[name] = max(longest.get(name, 0), len(span.text))
    return [c._replace(longest_shared=longest.get(c.town, 0)) for c in checks], shared
