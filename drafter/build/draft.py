"""Town file + options -> a draft on disk (.docx/.md/.txt), written atomically and never over a user's edits."""

import datetime as dt
import gc
import hashlib
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from drafter.compose.composer import Composer
from drafter.compose.phrases import load_bank
from drafter.compose.render import render
from drafter.compose.style import load_style
from drafter.errors import MissingFigureError, OutputError, Problem, SheetError
from drafter.files.textio import DOCX_BODY_LIMIT, atomic_write, status
from drafter.markup import Block, parse
from drafter.town.load import load_town
from drafter.town.model import Town
from drafter.tuples import NamedTuple

FORMATS = ("docx", "md", "txt")
FINGERPRINT = "drafter:sha256:"
IDENTIFIER = r"<dc:identifier>([^<]*)</dc:identifier>"  # read when a build would replace a .docx (re compiles it then)
CORE = "docProps/core.xml"
# Every .docx through python-docx (tests compare the quick writer with it).
SLOW_WRITER = False


class BuildOptions(NamedTuple):
    """What `drafter build` was asked to do."""

    style: str = "numbered"
    out: Path | None = None
    seed: int | None = None
    fmt: str = "docx"
    reference: Path | None = None
    phrasebank: Path | None = None
    force: bool = False
    strict: bool = False
    annotate: bool = False
    toc: bool = False
    figures: Path | None = None  # the county's statistics sheet (.xlsx)
    figures_map: tuple[tuple[str, str], ...] = ()  # the sheet's indicator names -> the town files'
    rotation: int | None = None  # the town's place in a batch: its drafts take different options (phrases.Chooser)


class BuildResult(NamedTuple):
    """What was written: path, blocks, character count and placeholders left."""

    path: Path
    blocks: list[Block]
    markup: str
    chars: int
    gaps: int
    town: str = ""
    warnings: tuple[str, ...] = ()  # what the clerk should know: unkept promises, sheet problems --force let pass
    label: str = ""  # the style's short name (分条式, or a user style's own)


def draft_markup(town: Town, options: BuildOptions) -> str:
    """Town -> markup text in the chosen style."""
    return render(town, load_bank(options.phrasebank), options.style, options.seed, options.rotation)


def check_gaps(blocks: list[Block], name: str, town: Town) -> None:
    """--strict: every placeholder, and every promise of last year's the review does not answer, is an error."""
    from drafter.check.promises import unkept

    problems = [
        Problem(name, None, span.source, f"初稿需要的内容缺失：{span.text}", "请在数据文件中补充后重新生成")
        for block in blocks
        for span in block.spans
        if span.kind == "gap"
    ]
    problems += [Problem(name, None, f"promises[{u.index}]", u.message, "在今年的总结中写上这项工作，或从 promises 中删去")
                 for u in unkept(town)]
    if problems:
        raise MissingFigureError(problems)


def docx_bytes(town: Town, blocks: list[Block], options: BuildOptions, style: str | None = None) -> bytes:
    """Blocks -> .docx bytes whose core identifier fingerprints its document.xml; the manifest records style (the
    built-in's name, or a user style's folder) so that update renders with it. A plain draft is written without
    python-docx (drafter.write.quick), the same bytes as the python-docx path makes of it."""
    from drafter.write import quick

    title = blocks[0].text.replace("\n", "") if blocks and blocks[0].kind == "title" else Composer.plain_title(town)
    title = title if town.town in title else town.town + title  # 政府工作报告 -> 青石镇政府工作报告 in a file list
    meta = quick.DocMeta(title, town.unit_name, town.date or dt.date(town.year, 12, 31), annotate=options.annotate,
                         toc=options.toc, centred_page_numbers=town.settings.page_numbers == "center", style=style or options.style,
                         seed=options.seed, town=town)
    if quick.fits(blocks, meta, options.reference) and not SLOW_WRITER:
        return quick.docx_bytes(blocks, meta, town.settings.fonts, lambda parts: FINGERPRINT + package_digest(list(parts.items())))
    from drafter.write.word import build_document, document_bytes

    document = build_document(blocks, meta, town.settings.fonts, options.reference)

    def stamp(blobs: dict[str, bytes]) -> None:
        document.core_properties.identifier = FINGERPRINT + package_digest(list(blobs.items()))

    return document_bytes(document, stamp)


def package_digest(parts: list[tuple[str, bytes]]) -> str:
    """One digest of every part of a .docx (body, styles, numbering, footer, comments …) but its core
    properties, where the digest itself is kept: an edit anywhere, a style included, changes it."""
    digest = hashlib.sha256()
    for name, blob in sorted(parts):
        if name != CORE:
            digest.update(name.encode() + b"\0" + hashlib.sha256(blob).digest())
    return digest.hexdigest()


def untouched_docx(path: Path) -> bool:
    """True when path is a .docx drafter wrote and nobody has changed since (in any part)."""
    import zipfile  # only when a draft is there already: a first or forced build reads no package

    from drafter.files.zipread import ZIP_ERRORS

    try:
        with zipfile.ZipFile(path) as package:
            core = package.read(CORE).decode("utf-8")
            names = [n for n in package.namelist() if not n.endswith(".rels") and n != "[Content_Types].xml"]
            if sum(package.getinfo(n).file_size for n in names) > DOCX_BODY_LIMIT:
                return False
            parts = [(n, package.read(n)) for n in names]
    except (*ZIP_ERRORS, UnicodeDecodeError):  # a damaged package (a corrupt deflate stream among them) was not drafter's untouched draft
        return False
    match = re.search(IDENTIFIER, core)
    return match is not None and match.group(1) == FINGERPRINT + package_digest(parts)


def sidecar(path: Path) -> Path:
    """Where the fingerprint of a text draft is kept."""
    return path.with_name(f".{path.name}.drafter")


def untouched_text(path: Path) -> bool:
    """True when a text draft still has the fingerprint drafter recorded beside it."""
    try:
        return sidecar(path).read_text("utf-8").strip() == hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return False


def free_name(path: Path) -> Path:
    """The first of name-2.ext, name-3.ext … that does not exist."""
    n = 2
    while (candidate := path.with_name(f"{path.stem}-{n}{path.suffix}")).exists():
        n += 1
    return candidate


def guard(path: Path, fmt: str, force: bool) -> None:
    """Refuse to overwrite a draft the user edited (or a file drafter did not write) without --force, and
    never write over a folder or a device."""
    info = status(path)
    if info is None:
        return
    if stat.S_ISDIR(info.st_mode):
        raise OutputError(Problem(str(path), None, "--out", "输出路径是一个文件夹", f"请写出文件名，如 --out {path / 'draft.docx'}"))
    if not stat.S_ISREG(info.st_mode):
        raise OutputError(Problem(str(path), None, "--out", "输出路径不是普通文件（可能是设备或管道）", "请换一个文件名"))
    if force:
        return
    untouched = untouched_docx(path) if fmt == "docx" else untouched_text(path)
    if not untouched:
        raise OutputError(
            Problem(str(path), None, "--out", "文件已存在，且在 drafter 生成后被修改过（或不是 drafter 生成的），为保护你的修改没有覆盖它",
                    f"可改用 --out {free_name(path)}，或加 --force 强制覆盖")
        )


def output_path(town_path: Path, options: BuildOptions) -> Path:
    """--out, or the town file's name with the format's extension beside it."""
    return options.out if options.out is not None else town_path.with_suffix(f".{options.fmt}")


def build(town_path: Path, options: BuildOptions) -> BuildResult:
    """Load, render, parse and write one draft, with the cyclic garbage collector paused (see collector_paused)."""
    with collector_paused():
        return build_now(town_path, options)


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector paused while one draft is made: a draft makes thousands of short-lived objects,
    all freed by their counts, and the first draft of a process the caches it keeps (wording, plans, per-phrase
    runs), which the collector would trace again and again as they grew (~3% of a cold build's time). After the first
    draft what is left is frozen (gc.freeze: those caches, left out of later collections, as objects that live as
    long as the process); after any later one the collector takes up what it left in cycles (little: a caught
    exception's frames), as usual. A caller that paused the collector keeps it paused."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        if not FIRST_DONE:
            FIRST_DONE.append(True)
            gc.freeze()
        gc.enable()


# Set once the process's first draft is made (collector_paused).
FIRST_DONE: list[bool] = []


def build_now(town_path: Path, options: BuildOptions) -> BuildResult:
    """build, with the collector as it is."""
    if options.fmt not in FORMATS:
        raise OutputError(Problem("", None, "--format", f"不支持的输出格式“{options.fmt}”", "可选：docx、md、txt"))
    style = load_style(options.style)
    warnings: list = []
    sheet = None
    if options.figures is not None:
        from drafter.town.sheet import load_sheet

        sheet = load_sheet(options.figures, options.figures_map)
        if sheet.problems and not options.force:
            raise SheetError(sheet.problems)
        warnings += sheet.problems
    town = load_town(town_path, sheet, options.force, warnings)
    warnings = [*town.notices, *(f"统计表问题（已按 --force 继续）：{w}" for w in warnings)]
    if town.promises:
        from drafter.check.promises import unkept

        warnings += [f"提醒：{u.message}（promises[{u.index}]）" for u in unkept(town)]
    markup = draft_markup(town, options)
    blocks = parse(markup)
    if options.strict:
        check_gaps(blocks, str(town_path), town)
    path = output_path(town_path, options)
    guard(path, options.fmt, options.force)
    if options.fmt == "docx":
        data = docx_bytes(town, blocks, options, style.ref)
        from drafter.write.fonts import warning as font_warning  # (cached: a few stats and one small file)

        warnings += [line for line in [font_warning(town.settings.fonts)] if line]
    else:
        from drafter.write.text import to_markdown, to_text  # (not imported for a .docx, the usual draft)

        data = (to_markdown(blocks) if options.fmt == "md" else to_text(blocks)).encode("utf-8")
    atomic_write(path, data)
    if options.fmt != "docx":
        atomic_write(sidecar(path), hashlib.sha256(data).hexdigest().encode("ascii"))
    spans = [s for b in blocks for s in b.spans]
    chars = sum(len(s.shown) for s in spans)  # (the length of each block's text, without making it)
    gaps = sum(1 for s in spans if s.kind == "gap")
    return BuildResult(path, blocks, markup, chars, gaps, town.town, tuple(warnings), style.label)
