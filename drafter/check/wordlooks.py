"""The format rules on looks (a .docx's Package -> findings): styles defined, no proofing marks on machine text,
named fonts, zh-CN, custom properties Word keeps whole. Each rule cites the record it comes from (docs/wps.md)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from drafter.check.wordpkg import Finding, Package, Where, between, fields, parse, w
from drafter.check.wordrules import PAGE_FIELDS

if TYPE_CHECKING:
    from lxml.etree import _Element as Element


GAP = "【待补充"
PROPERTY_LIMIT = 255  # Word truncates a custom property's value past this many characters (#23)


def styles_rule(pkg: Package, where: Where) -> list[Finding]:
    """Every style a paragraph, run, table or style refers to is defined, and of the right type."""
    kinds = {w("pStyle"): "paragraph", w("rStyle"): "character", w("tblStyle"): "table", w("numStyle"): "numbering"}
    out = []
    roots = list(pkg.stories()) + ([("styles.xml", pkg.styles.root)] if pkg.styles.root is not None else [])
    for part, root in roots:
        missing: list[str] = []
        for ref in root.iter(*kinds, w("basedOn"), w("next"), w("link")):
            value = ref.get(w("val"), "")
            style = pkg.styles.by_id.get(value)
            if style is None or (ref.tag in kinds and style.type != kinds[ref.tag]):
                missing += [value] if value not in missing else []
        if missing:
            out.append(Finding("styles", where(part, root), f"引用了未定义（或类型不符）的样式：{'、'.join(missing)}"))
    return out


def proofing_rule(pkg: Package, where: Where) -> list[Finding]:
    """No spelling marks on what a machine wrote: page numbers, 【待补充】 gaps, the contents (WPS underlines them in
    red otherwise; §7, untested in WPS: w:noProof is what Word's own contents carry)."""
    out = []
    for part, root in pkg.stories():
        machine: list[Element] = []
        for f in fields(root):
            if f.kind in PAGE_FIELDS + ("TOC",):
                for p in between(root, f.first, f.last):
                    machine += [r for r in p.iter(w("r")) if r.find(w("t")) is not None]
        machine += [r for r in root.iter(w("r")) if GAP in "".join(t.text or "" for t in r.iter(w("t")))]
        bare = [r for r in dict.fromkeys(machine) if not pkg.styles.run_flag(r, "noProof")]
        if bare:
            out.append(Finding("proofing", where(part, root, bare[0]),
                               f"机器生成的文字（页码、【待补充】、目录）有 {len(bare)} 段没有“不检查拼写和语法”标记，WPS 会画红色波浪线"))
    return out


def fonts_rule(pkg: Package, where: Where) -> list[Finding]:
    """Named fonts only: a theme font wins over the named one and WPS warns it is missing (§6 [S29]-[S32]); the
    document defaults name an East Asian font (WPS draws Chinese from that slot only)."""
    out = []
    roots = list(pkg.stories()) + [(name, r) for name, r in (("styles.xml", pkg.styles.root), ("numbering.xml", pkg.part_root("numbering")))
                                   if r is not None]
    for part, root in roots:
        themed = sorted({a.split("}")[-1] for f in root.iter(w("rFonts")) for a in f.attrib if a.endswith("Theme") or a.endswith("theme")})
        if themed:
            out.append(Finding("fonts", where(part, root), f"使用了主题字体（{'、'.join(themed)}），WPS 会提示缺失字体或换用其他字体"))
    defaults = pkg.styles.root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}/{w('rFonts')}") if pkg.styles.root is not None else None
    if defaults is None or not defaults.get(w("eastAsia")):
        out.append(Finding("fonts", "styles.xml", "文档默认字体没有指定中文字体（eastAsia）"))
    return out


def language_rule(pkg: Package, where: Where) -> list[Finding]:
    """Chinese text marked zh-CN: the defaults, every language setting that names an East Asian language, and the
    theme font language (python-docx's template says ja-JP, §6 [S31])."""
    out = []
    styles = pkg.styles.root
    default = styles.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}/{w('lang')}") if styles is not None else None
    if default is None or default.get(w("eastAsia")) != "zh-CN":
        out.append(Finding("language", "styles.xml", "文档默认的中文语言不是“中文（中国）”（zh-CN）"))
    roots = list(pkg.stories()) + ([("styles.xml", styles)] if styles is not None else [])
    for part, root in roots:
        other = sorted({v for lang in root.iter(w("lang")) if (v := lang.get(w("eastAsia"))) and v != "zh-CN"})
        if other:
            out.append(Finding("language", where(part, root), f"中文文字的语言标为 {'、'.join(other)}，不是 zh-CN"))
    theme = pkg.settings.find(w("themeFontLang")) if pkg.settings is not None else None
    if theme is not None and theme.get(w("eastAsia")) not in (None, "zh-CN"):
        out.append(Finding("language", "settings.xml", f"主题字体语言为 {theme.get(w('eastAsia'))}，不是 zh-CN"))
    return out


def properties_rule(pkg: Package, where: Where) -> list[Finding]:
    """No custom property longer than Word keeps (it cuts values at 255 characters)."""
    root = parse(pkg.parts.get("docProps/custom.xml", b""))
    if root is None:
        return []
    return [Finding("properties", "custom.xml", f"自定义属性“{p.get('name')}”长 {len(text)} 字符，Word 只保留前 {PROPERTY_LIMIT} 个")
            for p in root if len(text := "".join(p.itertext())) > PROPERTY_LIMIT]
