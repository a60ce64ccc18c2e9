"""The format rules on structure (a .docx's Package -> findings): the contents, fields and page numbers, tables,
bookmark, comment and revision ids, deleted text. Each rule cites the record it comes from (docs/wps.md)."""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from drafter.check.wordpkg import Finding, Package, Where, between, bookmarks, fields, text_of, w

if TYPE_CHECKING:
    from lxml.etree import _Element as Element


PAGE_FIELDS = ("PAGE", "NUMPAGES", "SECTIONPAGES")
REVISIONS = tuple(w(t) for t in ("ins", "del", "moveFrom", "moveTo", "rPrChange", "pPrChange", "sectPrChange", "tblPrChange",
                                 "trPrChange", "tcPrChange", "tblGridChange", "numberingChange", "cellIns", "cellDel", "cellMerge"))
DELETED = (w("del"), w("moveFrom"))
BOOKMARK_NAME = re.compile(r"[^\W\d]\w{0,39}|_\w{1,39}")  # Word's: a letter first (an underscore hides it), 40 at most
ANCHOR = re.compile(r'(?:PAGEREF|HYPERLINK\s+\\l)\s+"?([^"\s\\]+)')
LEVELS = re.compile(r'\\o\s+"?(\d)-(\d)')



def toc_rule(pkg: Package, where: Where) -> list[Finding]:
    """Every TOC field lists the headings it covers, each entry linked to a bookmark on its heading and worded as the
    heading is; a TOC that Word is still to refresh (dirty) says so in a line of its own (WPS refreshes nothing
    by itself, §2 [S10]-[S14])."""
    body, part = pkg.body, pkg.main
    if body is None:
        return []
    out = []
    every = fields(body)
    refs = {t for f in every if f.kind == "PAGEREF" for t in f.result}
    marks = bookmarks(body)
    for toc in (f for f in every if f.kind == "TOC"):
        here = where(part, body, toc.begin)
        if not (toc.separated and toc.ended):
            out.append(Finding("toc", here, "目录域不完整（缺少分隔或结束标记）"))
            continue
        paragraphs = between(body, toc.first, toc.last)
        entries: dict[Element, str] = {}
        for p in paragraphs:
            anchor = next((h.get(w("anchor")) for h in p.iter(w("hyperlink")) if h.get(w("anchor"))), None)
            anchor = anchor or next((m.group(1) for f in every if f.first is p for m in [ANCHOR.search(f.instruction)] if m), None)
            if anchor:
                entries[p] = anchor
        if not entries:
            out.append(Finding("toc", here, "目录没有预先写入的条目：WPS 和 LibreOffice 不会在打开时生成目录，显示为空白"))
            continue
        out += [Finding("toc", where(part, body, p), f"目录项指向的书签“{a}”不存在") for p, a in entries.items() if a not in marks]
        if toc.begin.get(w("dirty")) in ("1", "true", "on") and not any(text_of(p).strip() for p in paragraphs if p not in entries):
            out.append(Finding("toc", here, "目录的页码尚未由 Word 或 WPS 计算，却没有提示读者更新目录"))
        levels = LEVELS.search(toc.instruction)
        if levels is None:
            continue
        low, high = int(levels.group(1)) - 1, int(levels.group(2)) - 1
        listed = {marks.get(a): "".join(t.text or "" for t in p.iter(w("t")) if t not in refs).strip() for p, a in entries.items()}
        inside = set(paragraphs)
        for p in body.iter(w("p")):
            level = pkg.styles.outline(p) if p not in inside else None
            heading = text_of(p).strip()
            if level is None or not low <= level <= high or not heading:
                continue
            if p not in listed:
                out.append(Finding("toc", where(part, body, p), f"标题“{heading}”不在目录中（目录未更新）"))
            elif listed[p] != heading:
                out.append(Finding("toc", where(part, body, p), f"目录项“{listed[p]}”与标题“{heading}”不一致（目录未更新）"))
    return out


def fields_rule(pkg: Package, where: Where) -> list[Finding]:
    """Fields over runs of their own; page numbers as complex fields with a separate, a cached number and
    \\* MERGEFORMAT (§3 [S18] [S19]); no empty w:pgNumType."""
    out = []
    for part, root in pkg.stories():
        for r in root.iter(w("r")):
            kids = [c for c in r if c.tag != w("rPr")]
            if len(kids) > 1 and any(c.tag in (w("fldChar"), w("instrText")) for c in kids):
                out.append(Finding("fields", where(part, root, r), "域的开始、代码、分隔、结果和结束不在各自的文字段中（WPS 会显示域代码或什么都不显示）"))
        for simple in root.iter(w("fldSimple")):
            if simple.get(w("instr"), "").split()[:1] and simple.get(w("instr"), "").split()[0].upper() in PAGE_FIELDS:
                out.append(Finding("fields", where(part, root, simple), "页码是简单域（fldSimple），WPS 可能显示为“PAGE”"))
        for f in fields(root):
            here = where(part, root, f.begin)
            if not f.ended:
                out.append(Finding("fields", here, f"域“{f.instruction.strip()}”没有结束标记"))
            elif f.kind in PAGE_FIELDS:
                if not f.separated:
                    out.append(Finding("fields", here, "页码域缺少分隔标记（separate），WPS 中不显示页码"))
                elif not f.cached.strip():
                    out.append(Finding("fields", here, "页码域没有预先写入的页码"))
                if "MERGEFORMAT" not in f.instruction.upper():
                    out.append(Finding("fields", here, "页码域缺少 \\* MERGEFORMAT（WPS 保存时会加上）"))
        for number in root.iter(w("pgNumType")):
            if not number.attrib:
                out.append(Finding("fields", where(part, root), "节属性中有空的页码格式 <w:pgNumType/>，WPS 会误读页码"))
    return out


def tables_rule(pkg: Package, where: Where) -> list[Finding]:
    """A grid of column widths summing to the table's width in twips, fixed layout, each cell as wide as its grid
    columns: WPS sizes columns from w:gridCol and has no autofit (§4 [S12] [S21]-[S23])."""
    out = []
    for part, root in pkg.stories():
        for tbl in root.iter(w("tbl")):
            here = where(part, root, tbl.find(f".//{w('p')}"))
            grid = [int(c.get(w("w"), "0")) if c.get(w("w"), "0").isdigit() else 0 for c in tbl.findall(f"{w('tblGrid')}/{w('gridCol')}")]
            if not grid or min(grid) <= 0:
                out.append(Finding("tables", here, "表格没有定义列宽（tblGrid），WPS 中表格会变窄或消失"))
                continue
            width = tbl.find(f"{w('tblPr')}/{w('tblW')}")
            if width is None or width.get(w("type")) != "dxa" or width.get(w("w")) != str(sum(grid)):
                out.append(Finding("tables", here, f"表格宽度不是各列宽度之和（{sum(grid)}）"))
            layout = tbl.find(f"{w('tblPr')}/{w('tblLayout')}")
            if layout is None or layout.get(w("type")) != "fixed":
                out.append(Finding("tables", here, "表格不是固定列宽（WPS 不支持自动调整列宽）"))
            bad = 0
            for tr in tbl.findall(w("tr")):
                column = span_of(tr.find(f"{w('trPr')}/{w('gridBefore')}"))
                for tc in tr.findall(w("tc")):
                    span = max(1, span_of(tc.find(f"{w('tcPr')}/{w('gridSpan')}")))
                    cell = tc.find(f"{w('tcPr')}/{w('tcW')}")
                    if cell is None or cell.get(w("type")) != "dxa" or cell.get(w("w")) != str(sum(grid[column : column + span])):
                        bad += 1
                    column += span
                if column + span_of(tr.find(f"{w('trPr')}/{w('gridAfter')}")) != len(grid):
                    out.append(Finding("tables", where(part, root, tr.find(f".//{w('p')}")), "表格某行的列数与列宽定义不符"))
            if bad:
                out.append(Finding("tables", here, f"{bad} 个单元格的宽度与所在列的宽度不符"))
    return out


def span_of(element: Element | None) -> int:
    """An integer w:val (gridSpan, gridBefore …); 0 when absent."""
    value = element.get(w("val"), "0") if element is not None else "0"
    return int(value) if value.isdigit() else 0


def ids_rule(pkg: Package, where: Where) -> list[Finding]:
    """Bookmark ids and names unique, each start with its end, names in Word's alphabet; comments numbered once and
    every reference to one answered; tracked changes numbered once and apart from bookmarks and comments
    (§5 [S24] [S25]: duplicate ids break references; a change sharing a bookmark's id makes Word refuse the file)."""
    out = []
    starts: Counter[str] = Counter()
    names: Counter[str] = Counter()
    revisions: Counter[str] = Counter()
    comments: Counter[str] = Counter()
    for part, root in pkg.stories():
        ended = {e.get(w("id")) for e in root.iter(w("bookmarkEnd"))}
        opened = set()
        for start in root.iter(w("bookmarkStart")):
            ident, name = start.get(w("id"), ""), start.get(w("name"), "")
            starts[ident] += 1
            names[name] += 1
            opened.add(ident)
            if ident not in ended:
                out.append(Finding("ids", where(part, root, start), f"书签“{name}”没有结束标记"))
            if not BOOKMARK_NAME.fullmatch(name):
                out.append(Finding("ids", where(part, root, start), f"书签名“{name}”不合 Word 的规则（字母开头，或以 _ 开头的隐藏书签，至多 40 字）"))
        out += [Finding("ids", where(part, root), f"书签结束标记 {i} 没有对应的开始") for i in sorted(ended - opened)]
        revisions.update(e.get(w("id"), "") for e in root.iter(*REVISIONS))
        comments.update(c.get(w("id"), "") for c in root.iter(w("comment")))
    out += [Finding("ids", "", f"书签编号 {i} 重复 {n} 次") for i, n in starts.items() if n > 1]
    out += [Finding("ids", "", f"书签名“{i}”重复 {n} 次") for i, n in names.items() if n > 1]
    out += [Finding("ids", "", f"批注编号 {i} 重复 {n} 次") for i, n in comments.items() if n > 1]
    out += [Finding("ids", "", f"修订编号 {i} 重复 {n} 次") for i, n in revisions.items() if n > 1]
    out += [Finding("ids", "", f"修订编号 {i} 与书签或批注的编号相同") for i in revisions if i in starts or i in comments]
    for part, root in pkg.stories():
        for ref in root.iter(w("commentReference"), w("commentRangeStart")):
            if ref.get(w("id")) not in comments:
                out.append(Finding("ids", where(part, root, ref), f"引用了不存在的批注 {ref.get(w('id'))}"))
    return out


def revisions_rule(pkg: Package, where: Where) -> list[Finding]:
    """Deleted text as w:delText (and field codes as w:delInstrText) inside a deletion, nowhere else."""
    out = []
    for part, root in pkg.stories():
        for element in root.iter(w("t"), w("delText"), w("instrText")):
            deleted = any(a.tag in DELETED for a in element.iterancestors())
            if deleted != (element.tag == w("delText")):
                what = "删除的修订中有未标为删除的文字（应为 w:delText）" if deleted else "删除标记（w:delText）不在删除的修订中"
                out.append(Finding("revisions", where(part, root, element), what))
    return out
