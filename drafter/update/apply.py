"""New figures into a draft the clerk has edited: every marked figure is matched to the new town file by what it
stands for (update.match) and, where its value changed, rewritten (plainly or as tracked changes); the clerk's own
text, formatting and comments are left as they were; figures the clerk typed over, deleted or moved, and figures
whose phrase the town file no longer has, are reported, never overwritten (typed-over ones unless forced). A draft of
another town or year is refused before anything is read into it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.compose.style import locate_style
from drafter.errors import DraftError, OutputError, Problem
from drafter.files.textio import atomic_write
from drafter.markup import parse
from drafter.ooxml import revise
from drafter.ooxml.props import read_properties, read_title, write_properties
from drafter.town.derive import forms, town_figures
from drafter.town.load import load_town
from drafter.town.model import Town
from drafter.tuples import NamedTuple
from drafter.update.match import Context, Matcher, Target
from drafter.update.package import CORE, CUSTOM, DOCUMENT, STYLES, Package, backup_path, read_package, target_path, write_package
from drafter.write import marks

if TYPE_CHECKING:
    from lxml.etree import _Element as Element


AUTHOR = "drafter"
WORDS = ("增长", "下降", "持平")
# How much of a paragraph a report quotes to say where a figure is.
EXCERPT = 24


class UpdateOptions(NamedTuple):
    """What `drafter update` was asked to do."""

    out: Path | None = None
    in_place: bool = False
    track: bool = False
    force: bool = False
    when: dt.datetime | None = None  # the revisions' date (now when None)
    style: str | None = None  # the style to render the new figures with (default: the one the draft records)


class Change(NamedTuple):
    """One figure rewritten (or, in a conflict, one that would have been): key, text before, text after, where."""

    key: str
    before: str
    after: str
    where: str
    why: str = ""  # for a conflict: typed over, deleted, moved, its phrase gone …


class UpdateReport(NamedTuple):
    """What update did and what it left to the clerk."""

    path: Path | None
    changed: list[Change]
    conflicts: list[Change]
    missing: list[Change]      # figures of the town file with no place in the draft
    dropped: list[Change]      # marks whose figure the town file no longer has
    turned: list[Change]       # changes whose direction turned (增长 → 下降): words around them to review
    backup: Path | None = None
    notices: tuple[str, ...] = ()  # what the town file's loader noticed (a key read under its new name)

    @property
    def left(self) -> bool:
        """True when something is left for the clerk to do by hand."""
        return bool(self.conflicts or self.missing or self.dropped)


def excerpt(paragraph: Element | None) -> str:
    """The start of a paragraph, to say where a figure is."""
    text = revise.paragraph_text(paragraph).strip() if paragraph is not None else ""
    return text[:EXCERPT] + ("…" if len(text) > EXCERPT else "")


def new_texts(town: Town, style: str, seed: int | None) -> dict[tuple[str, str], str]:
    """(key, form) -> the text a draft of the updated town file writes for that figure."""
    from drafter.compose.phrases import load_bank
    from drafter.compose.render import render

    out: dict[tuple[str, str], str] = {}
    for block in parse(render(town, load_bank(None), style, seed)):
        for span in block.spans:
            if span.kind == "fig" and span.source:
                out.setdefault((span.source, "t" if block.kind == "row" else "p"), span.shown)
    return out


def word_of(text: str) -> str:
    """增长/下降/持平 in a change's text ('' when none)."""
    return next((word for word in WORDS if word in text), "")


def same_town(town: Town, manifest: marks.Manifest | None, package: Package, root: Element, draft: Path, town_path: Path) -> None:
    """Refuse a town file of another town or year than the draft's: the manifest says which (a draft made before it
    did: its title, in the document's properties or its first paragraphs)."""
    if manifest is not None and manifest.town:
        ok, was = manifest.town == town.town and manifest.year == town.year, f"{manifest.town}{manifest.year}年"
    else:
        title = read_title(package.data.get(CORE, b""))
        opening = "".join(revise.paragraph_text(p) for p in list(root.iter(revise.w("p")))[:3])
        ok = any(town.town in text and f"{town.year}年" in text for text in (title, opening))
        was = title or opening[:EXCERPT] or "（无法确定）"
    if not ok:
        raise DraftError(Problem(str(town_path), None, "town", f"数据文件是“{town.town}{town.year}年”的，初稿是“{was}”的，"
                                 "没有更新任何数字", f"请核对是否选错了数据文件或初稿 {draft.name}"))


def update(town_path: Path, draft: Path, options: UpdateOptions) -> UpdateReport:
    """Rewrite the changed figures of draft from town_path; see the module's docstring."""
    if draft.suffix.lower() != ".docx":
        raise DraftError(Problem(str(draft), None, "", "只能更新 Word 文档（.docx）", "文本初稿请重新生成：drafter build"))
    town = load_town(town_path)
    package = read_package(draft)
    if DOCUMENT not in package.data:
        raise DraftError(Problem(str(draft), None, "", "无法作为 Word 文档读取：缺少正文部分", "请用 Word 或 WPS 另存为 .docx"))
    try:
        root = revise.parse_xml(package.data[DOCUMENT])
    except Exception as exc:  # lxml's syntax errors
        raise DraftError(Problem(str(draft), None, "", "无法读取文档正文（XML 损坏）", "请用 Word 或 WPS 另存为 .docx")) from exc
    if root.find(revise.w("body")) is None:
        raise DraftError(Problem(str(draft), None, "", "无法读取文档正文（没有正文部分）", "请用 Word 或 WPS 另存为 .docx"))
    manifest = marks.Manifest.from_properties(read_properties(package.data.get(CUSTOM, b"")))
    found = revise.find_bookmarks(root, lambda name: marks.parse(name) is not None)
    if not found and manifest is None:
        raise DraftError(Problem(str(draft), None, "", "文档中没有 drafter 的数字标记，无法按位置更新",
                                 "这份文档可能不是 drafter 生成的，或由旧版本生成；请用 drafter build 重新生成"))
    same_town(town, manifest, package, root, draft, town_path)
    headings = revise.headings_above(root, revise.heading_style_ids(package.data.get(STYLES, b"")))
    recorded = manifest.style if manifest else "numbered"
    options = options._replace(style=options.style or locate_style(recorded, draft))
    taken = revise.ids_in(v for k, v in package.data.items() if k.endswith(".xml") and k != DOCUMENT)  # ids of other parts
    plan = Planner(town, manifest, options, root, headings, taken)
    plan.run(found)
    if not plan.changed:
        return UpdateReport(None, [], plan.conflicts, plan.missing, plan.dropped, [], notices=town.notices)
    path = target_path(draft, options)
    if path.exists() and not options.in_place and not options.force:
        raise OutputError(Problem(str(path), None, "--out", "文件已存在，为保护其中的内容没有覆盖它", "可换一个 --out，或加 --force 覆盖"))
    if path.is_dir():
        raise OutputError(Problem(str(path), None, "--out", "输出路径是一个文件夹", "请写出文件名"))
    replaced = {DOCUMENT: revise.to_bytes(root)}
    try:
        revise.parse_xml(replaced[DOCUMENT])  # what is written reads back, or nothing is written
    except Exception as exc:  # lxml's syntax errors
        raise DraftError(Problem(str(draft), None, "", "无法更新这份文档的正文，没有写入新文件", "请用 Word 或 WPS 另存为 .docx 后再试")) from exc
    if plan.manifest is not None and CUSTOM in package.data:  # what the marks now hold, for the next update
        manifest = plan.manifest._replace(marks=sorted(plan.wrote.values(), key=lambda m: marks.number(m.name)))
        replaced[CUSTOM] = write_properties(package.data[CUSTOM], manifest.properties(), marks.MANIFEST)
    data = write_package(draft, package, replaced)
    backup = None
    if options.in_place:
        backup = backup_path(draft)
        atomic_write(backup, package.raw)
    atomic_write(path, data)
    return UpdateReport(path, plan.changed, plan.conflicts, plan.missing, plan.dropped, plan.turned, backup, town.notices)


class Planner:
    """Decides, mark by mark, what to rewrite and what to report, and rewrites."""

    def __init__(self, town: Town, manifest: marks.Manifest | None, options: UpdateOptions, root: Element, headings: dict,
                 taken: set[int] | None = None) -> None:
        self.town, self.manifest, self.headings = town, manifest, headings
        self.texts = new_texts(town, options.style or "numbered", manifest.seed if manifest else None)
        self.figures = {f.source: f for f in town_figures(town)}
        self.digits = town.settings.percent_digits
        self.wrote = {m.name: m for m in manifest.marks} if manifest else {}
        self.options = options
        when = options.when or dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
        self.reviser = revise.Reviser(root, AUTHOR, when, taken or ()) if options.track else None
        self.changed: list[Change] = []
        self.conflicts: list[Change] = []
        self.missing: list[Change] = []
        self.dropped: list[Change] = []
        self.turned: list[Change] = []

    def run(self, found: list[revise.Found]) -> None:
        """Every mark found, then what the manifest lists but the draft has lost, then figures new to the draft."""
        # each mark with where it stood and what its text says around it, taken before anything changes
        parsed = [(f, mark) for f in found if (mark := marks.parse(f.name))]
        matcher = Matcher(self.town, self.texts, list(self.wrote.values()), [m for _, m in parsed])
        contexts = self.contexts(parsed)
        olds = [(mark, context) for (_, mark), context in zip(parsed, contexts)]
        wheres = [excerpt(f.paragraphs[0] if f.paragraphs else None) for f, _ in parsed]
        present = {f.name for f in found}
        lost = [m for name, m in self.wrote.items() if name not in present]
        placed: set[tuple[str, str]] = set()
        proven: set[str] = set()
        for (mark_found, mark), context, where in zip(parsed, contexts, wheres):
            target = matcher.target(mark, self.wrote.get(mark_found.name))
            if target.prove:
                written = self.wrote.get(mark_found.name)
                target = matcher.prove(mark, written.text if written else mark_found.text, context, proven, olds)
                if target.key is not None:
                    proven.add(target.key)
            if target.key is not None:
                placed.add((target.key, mark.form))
            self.one(mark_found, mark, target, self.moved(mark_found), where)
        for written in lost:
            mark = marks.parse(written.name)
            if mark is None:
                continue
            target = matcher.target(mark, written)
            if target.key is None:
                continue
            placed.add((target.key, mark.form))
            after = self.texts[(target.key, mark.form)]
            if after != written.text:
                self.conflicts.append(Change(target.key, written.text, after, "", "已被删除"))
        for (key, form), text in self.texts.items():
            if (key, form) not in placed and form == "p":
                self.missing.append(Change(key, "", text, ""))

    @staticmethod
    def contexts(parsed: list[tuple[revise.Found, marks.Mark]]) -> list[Context]:
        """For each mark, the words since the figure before it in its paragraph, that figure's key, its table row."""
        out = []
        last: dict[object, tuple[str, str]] = {}  # paragraph -> (text up to the end of its last mark, that mark's key)
        for found, mark in parsed:
            paragraph = found.paragraphs[0] if found.paragraphs else None
            before = revise.text_before(found)
            upto, previous = last.get(paragraph, ("", None)) if paragraph is not None else ("", None)
            words = before[len(upto):] if before.startswith(upto) else before
            out.append(Context(words, previous, revise.row_texts(found)))
            if paragraph is not None:
                last[paragraph] = (before + found.text, mark.key)
        return out

    def one(self, found: revise.Found, mark: marks.Mark, target: Target, out_of_order: bool, where: str) -> None:
        """One mark: rewrite it, or say why not."""
        written = self.wrote.get(found.name)
        if written is not None and found.text != written.text:
            revise.stretch(found, written.text)  # a bookmark end a client shifted off the figure
        current = found.text
        wrote = written.text if written else (current if marks.crc(current) == mark.crc else "")
        if target.key is None:
            if target.gone:
                self.dropped.append(Change(mark.key, current, "", where, target.why))
            elif not target.options or any(text != current for text in target.options):  # nothing to write either way: quiet
                self.conflicts.append(Change(mark.key, current, "、".join(dict.fromkeys(target.options)), where, target.why))
            return
        key = target.key
        after = self.texts[(key, mark.form)]
        if marks.crc(after) == mark.crc or current == after:
            return  # the figure has not changed, or the clerk has already written the new one
        problem = self.problem(found, mark, current, out_of_order)
        if problem and not (self.options.force and found.texts and len(found.paragraphs) == 1):
            if problem == "已被手工改写" and self.agrees(key, current):
                problem += "（与新数值一致，可不改）"
            self.conflicts.append(Change(key, current, after, where, problem))
            return
        if self.reviser is not None and found.plain_runs():
            self.reviser.replace(found, after)
        else:
            revise.replace(found, after)
        renamed = mark._replace(crc=marks.crc(after)).name
        old = self.wrote.pop(found.name, marks.Written(found.name, current))
        self.wrote[renamed] = old._replace(name=renamed, text=after)
        revise.rename(found, renamed)
        before = wrote or current
        self.changed.append(Change(key, before, after, where))
        if word_of(before) and word_of(after) and word_of(before) != word_of(after):
            self.turned.append(Change(key, before, after, where))

    def moved(self, found: revise.Found) -> bool:
        """True when a figure now stands under another heading than the one it was written under (neither the
        heading's place among the headings nor its text the same: a heading merely rewritten or added elsewhere is
        not a move)."""
        written = self.wrote.get(found.name)
        if written is None or not found.paragraphs:
            return False
        ordinal, text = self.headings.get(found.paragraphs[0], (0, ""))
        return ordinal != written.heading and marks.crc(text) != written.under

    def agrees(self, key: str, text: str) -> bool:
        """True when text already shows the town file's new value for key (in any correct form)."""
        figure = self.figures.get(key)
        return figure is not None and any(form in text for form in forms(figure, self.digits))

    @staticmethod
    def problem(found: revise.Found, mark: marks.Mark, current: str, out_of_order: bool) -> str:
        """Why a mark may not be rewritten ('' when it may)."""
        if not found.closed:
            return "标记不完整"
        if not current:
            return "已被删除"
        if len(found.paragraphs) > 1:
            return "跨段落，可能已被移动或合并"
        if marks.crc(current) != mark.crc:
            return "已被手工改写"
        if out_of_order:
            return "已被移动"
        return ""
