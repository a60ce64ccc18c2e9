"""A drafter draft re-saved the way WPS 文字 saves a .docx, as far as the public record shows it (docs/wps.md
§1, the example parts in §1.9 and the ten findings in §10; sources S1-S8 there): WPS's custom properties and app.xml,
numeric style ids by order (or zh-CN Word's a/1/a0 ids), its own font table, settings and theme, the wpsCustomData
namespace and customXml item, w:hint and w:lang on every run, headings split into runs, a _GoBack bookmark, no rsids,
contents entries as nested HYPERLINK fields. WPS itself is not available here; this is the record made concrete."""

from __future__ import annotations

import io
import re
import zipfile

from lxml import etree

from drafter.ooxml import child

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WPS_NS = "http://www.wps.cn/officeDocument/2013/wpsCustomData"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
BUILD, VERSION = "2052-12.1.0.16120", "12.1.0.16120"
ICV = "7C9AA9E21DDD4C25BAA4A2F4EFFC5C3A_13"
FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # §1.1 [S1-S5]

APP = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/'
       '2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Template>Normal.dotm'
       '</Template><Pages>1</Pages><Words>0</Words><Characters>0</Characters><Lines>0</Lines><Paragraphs>0</Paragraphs><TotalTime>1'
       '</TotalTime><ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate><CharactersWithSpaces>0</CharactersWithSpaces>'
       f'<Application>WPS Office_{VERSION}_F1E327BC-269C-435d-A152-05C5408002CA</Application><DocSecurity>0</DocSecurity></Properties>')
# §1.6 [S2] [S4]: CJK fonts as WPS describes them, and the junk entry it keeps.
FONTS = [("Times New Roman", "02020603050405020304", "00", "roman", "variable"), ("宋体", "02010600030101010101", "86", "auto", "default"),
         ("黑体", "02010609060101010101", "86", "auto", "default"), ("楷体", "02010609060101010101", "86", "auto", "default"),
         ("仿宋_GB2312", "02010609030101010101", "86", "modern", "default"), ("楷体_GB2312", "02010609030101010101", "86", "modern", "default"),
         ("方正小标宋简体", "02000000000000000000", "86", "auto", "default"), ("_x000B__x000C_", "00000000000000000000", "00", "auto", "default")]
FONT_TABLE = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:fonts xmlns:mc="{MC}" xmlns:r="http://schemas.openxmlformats.org/'
              f'officeDocument/2006/relationships" xmlns:w="{W}" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
              'mc:Ignorable="w14">' + "".join(
                  f'<w:font w:name="{n}"><w:panose1 w:val="{p}"/><w:charset w:val="{c}"/><w:family w:val="{f}"/><w:pitch w:val="{t}"/>'
                  '<w:sig w:usb0="00000001" w:usb1="080E0000" w:usb2="00000000" w:usb3="00000000" w:csb0="00040000" w:csb1="00000000"/>'
                  '</w:font>' for n, p, c, f, t in FONTS) + "</w:fonts>")
# §1.7 [S4] [S7] and id 69549910932: WPS's settings, in its order; the even-page footers kept (the draft uses them).
SETTINGS = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:settings xmlns:mc="{MC}" xmlns:w="{W}" '
            f'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" xmlns:wpsCustomData="{WPS_NS}" mc:Ignorable="w14">'
            '<w:zoom w:percent="100"/><w:bordersDoNotSurroundHeader w:val="0"/><w:bordersDoNotSurroundFooter w:val="0"/>'
            '<w:documentProtection w:enforcement="0"/><w:defaultTabStop w:val="420"/><w:evenAndOddHeaders w:val="1"/>'
            '<w:hyphenationZone w:val="360"/><w:drawingGridVerticalSpacing w:val="156"/><w:displayHorizontalDrawingGridEvery w:val="1"/>'
            '<w:displayVerticalDrawingGridEvery w:val="1"/><w:noPunctuationKerning w:val="1"/><w:characterSpacingControl '
            'w:val="compressPunctuation"/><w:compat><w:spaceForUL/><w:balanceSingleByteDoubleByteWidth/><w:doNotLeaveBackslashAlone/>'
            '<w:ulTrailSpace/><w:doNotExpandShiftReturn/><w:adjustLineHeightInTable/><w:useFELayout/><w:compatSetting '
            'w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="14"/></w:compat><w:docVars>'
            '<w:docVar w:name="commondata" w:val="eyJoZGlkIjoiMDAwMCJ9"/></w:docVars><w:rsids><w:rsidRoot w:val="7BDA4DE7"/>'
            '<w:rsid w:val="7BDA4DE7"/></w:rsids><m:mathPr><m:mathFont m:val="Cambria Math"/></m:mathPr>'
            '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/><w:doNotIncludeSubdocsInStats/><mc:AlternateContent>'
            '<mc:Choice Requires="wpsCustomData"><wpsCustomData:typoFeatureVersion val="1"/></mc:Choice></mc:AlternateContent></w:settings>')
THEME = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
         'name="Office 主题"><a:themeElements><a:fontScheme name="Office"><a:majorFont><a:latin typeface="Calibri Light"/><a:ea typeface=""/>'
         '<a:cs typeface=""/><a:font script="Hans" typeface="宋体"/></a:majorFont><a:minorFont><a:latin typeface="Calibri"/>'
         '<a:ea typeface=""/><a:cs typeface=""/><a:font script="Hans" typeface="宋体"/></a:minorFont></a:fontScheme></a:themeElements>'
         '</a:theme>')
CUSTOM_ITEM = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<s:customData xmlns="{WPS_NS}" xmlns:s="{WPS_NS}">'
               '<customSectProps><customSectPr/></customSectProps><customShpExts><customShpInfo spid="_x0000_s2071"/></customShpExts>'
               '</s:customData>')  # §1.3 [S2]
ITEM_PROPS = ('<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<ds:datastoreItem ds:itemID="{B1977F7D-205B-4081-913C-38D41E755F92}" '
              'xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs>'
              f'<ds:schemaRef ds:uri="{WPS_NS}"/></ds:schemaRefs></ds:datastoreItem>')


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def style_ids(styles: etree._Element, scheme: str) -> dict[str, str]:
    """Old id -> new: WPS numbers styles 1, 2 … (Normal, the headings by level, then the rest in file order, §1.5
    [S2] [S4]); zh-CN Word names Normal a, heading N N, and the others a0, a1 … [id 20546707644]."""
    named = [(s.get(w("styleId")), s.find(w("name")).get(w("val"))) for s in styles.iter(w("style"))]
    headings = sorted((n, i) for i, n in named if n.lower().startswith("heading "))
    if scheme == "wps":
        order = [i for i, n in named if n == "Normal"] + [i for _, i in headings]
        order += [i for i, _ in named if i not in order]
        return {old: str(n) for n, old in enumerate(order, start=1)}
    out = {i: ("a" if n == "Normal" else n.split()[-1] if n.lower().startswith("heading ") else "") for i, n in named}
    rest = [i for i, new in out.items() if not new]
    return {**out, **{old: f"a{n}" for n, old in enumerate(rest)}}


def renumber(root: etree._Element, ids: dict[str, str]) -> None:
    for element in root.iter(w("pStyle"), w("rStyle"), w("tblStyle"), w("basedOn"), w("next"), w("link")):
        element.set(w("val"), ids.get(element.get(w("val")), element.get(w("val"))))
    for style in root.iter(w("style")):
        style.set(w("styleId"), ids[style.get(w("styleId"))])


def wps_roots(root: etree._Element) -> etree._Element:
    """The root again with WPS's extra namespaces declared and its Ignorable list (§1.4 [S1-S4])."""
    nsmap = {**root.nsmap, "wpsCustomData": WPS_NS, "w15": W15, "mc": MC}
    new = etree.Element(root.tag, nsmap=nsmap)
    for key, value in root.attrib.items():
        new.set(key, value)
    new.set(f"{{{MC}}}Ignorable", "w14 w15 wp14")
    new.extend(list(root))
    return new


def runs_as_wps(root: etree._Element, headings: set[str]) -> None:
    """w:hint and zh-CN on every run, no rsids, headings split into two runs (§1.4 [S8], §1.8)."""
    for element in root.iter():
        for attr in [a for a in element.attrib if a.startswith(w("rsid"))]:
            del element.attrib[attr]
    for r in list(root.iter(w("r"))):
        rpr = r.find(w("rPr"))
        if rpr is None:
            rpr = etree.SubElement(r, w("rPr"))
            r.insert(0, rpr)
        if rpr.find(w("rFonts")) is None:
            child(rpr, "w:rFonts").set(w("hint"), "eastAsia")
        if rpr.find(w("lang")) is None:
            lang = etree.SubElement(rpr, w("lang"))
            lang.set(w("val"), "en-US")
            lang.set(w("eastAsia"), "zh-CN")
    for p in root.iter(w("p")):
        style = p.find(f"{w('pPr')}/{w('pStyle')}")
        runs = p.findall(w("r"))
        if style is not None and style.get(w("val")) in headings and runs and len(runs[0].findtext(w("t")) or "") > 2:
            t = runs[0].find(w("t"))
            second = etree.fromstring(etree.tostring(runs[0]))
            half = len(t.text) // 2
            second.find(w("t")).text, t.text = t.text[half:], t.text[:half]
            runs[0].addnext(second)


def hyperlinks_as_fields(root: etree._Element) -> None:
    """Contents entries as WPS writes its own: nested HYPERLINK \\l fields, not w:hyperlink (§2, id 70451664105)."""
    for link in list(root.iter(w("hyperlink"))):
        anchor = link.get(w("anchor"))
        pieces = []
        for kind, text in (("begin", None), (None, f" HYPERLINK \\l {anchor} "), ("separate", None)):
            r = etree.Element(w("r"))
            if kind:
                etree.SubElement(r, w("fldChar")).set(w("fldCharType"), kind)
            else:
                instr = etree.SubElement(r, w("instrText"))
                instr.text = text
                instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            pieces.append(r)
        end = etree.Element(w("r"))
        etree.SubElement(end, w("fldChar")).set(w("fldCharType"), "end")
        for piece in [*pieces, *list(link), end]:
            link.addprevious(piece)
        link.getparent().remove(link)


def custom_properties(data: bytes) -> bytes:
    """WPS's build and ICV first (pids 2 and 3, §1.1 [S4] [S5]), then the document's own, renumbered."""
    root = etree.fromstring(data)
    ns = root.nsmap[None]
    for n, (name, value) in enumerate((("KSOProductBuildVer", BUILD), ("ICV", ICV))):
        prop = etree.Element(f"{{{ns}}}property", fmtid=FMTID, pid="0", name=name)
        etree.SubElement(prop, f"{{{root.nsmap['vt']}}}lpwstr").text = value
        root.insert(n, prop)
    for pid, prop in enumerate(root, start=2):
        prop.set("pid", str(pid))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def add_related(parts: dict[str, bytes], rels: str, rid: str, kind: str, target: str) -> None:
    root = etree.fromstring(parts[rels])
    etree.SubElement(root, f"{{{REL}}}Relationship", Id=rid, Type=kind, Target=target)
    parts[rels] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def add_type(parts: dict[str, bytes], part: str, content_type: str) -> None:
    root = etree.fromstring(parts["[Content_Types].xml"])
    etree.SubElement(root, f"{{{CT}}}Override", PartName=part, ContentType=content_type)
    parts["[Content_Types].xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def wps_saved(data: bytes, scheme: str = "wps") -> bytes:
    """A draft's bytes -> the bytes WPS would save (scheme 'word-zh': the style ids zh-CN Word gives instead)."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        parts = {n: package.read(n) for n in package.namelist()}
    styles = etree.fromstring(parts["word/styles.xml"])
    ids = style_ids(styles, scheme)
    headings = {ids[s.get(w("styleId"))] for s in styles.iter(w("style")) if s.find(w("name")).get(w("val")).lower().startswith("heading ")}
    renumber(styles, ids)
    for quick in styles.iter(w("qFormat")):  # WPS's child order: qFormat, then uiPriority 0 (§1.5)
        for old in quick.getparent().findall(w("uiPriority")):
            quick.getparent().remove(old)
        priority = etree.Element(w("uiPriority"))
        priority.set(w("val"), "0")
        quick.addnext(priority)
    latent = etree.Element(w("latentStyles"))
    for key, value in (("count", "260"), ("defQFormat", "0"), ("defUnhideWhenUsed", "1"), ("defSemiHidden", "1"), ("defUIPriority", "99")):
        latent.set(w(key), value)
    styles.find(w("docDefaults")).addnext(latent)
    parts["word/styles.xml"] = etree.tostring(wps_roots(styles), xml_declaration=True, encoding="UTF-8", standalone=True)
    for name in [n for n in parts if re.fullmatch(r"word/(document|footer\d+|header\d+|comments)\.xml", n)]:
        root = etree.fromstring(parts[name])
        renumber(root, ids)
        runs_as_wps(root, headings)
        if name == "word/document.xml":
            hyperlinks_as_fields(root)
            last = root.find(w("body")).findall(w("p"))[-1]
            for tag in ("bookmarkStart", "bookmarkEnd"):  # §1.8 [S2] [S4]
                mark = etree.SubElement(last, w(tag))
                mark.set(w("id"), "0")
                if tag == "bookmarkStart":
                    mark.set(w("name"), "_GoBack")
            sect = root.find(f"{w('body')}/{w('sectPr')}")
            sect.find(w("cols")).set(w("num"), "1")
            sect.find(w("docGrid")).set(w("charSpace"), "0")
        if name != "word/comments.xml":
            root = wps_roots(root)
        parts[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    parts["word/fontTable.xml"] = FONT_TABLE.encode()
    parts["word/settings.xml"] = SETTINGS.encode()
    parts["docProps/app.xml"] = APP.encode()
    parts["docProps/custom.xml"] = custom_properties(parts["docProps/custom.xml"])
    parts["word/theme/theme1.xml"] = THEME.encode()
    add_related(parts, "word/_rels/document.xml.rels", "rId90", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme",
                "theme/theme1.xml")
    add_type(parts, "/word/theme/theme1.xml", "application/vnd.openxmlformats-officedocument.theme+xml")
    parts["customXml/item1.xml"] = CUSTOM_ITEM.encode()
    parts["customXml/itemProps1.xml"] = ITEM_PROPS.encode()
    parts["customXml/_rels/item1.xml.rels"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{REL}"><Relationship Id="rId1" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps" Target="itemProps1.xml"/></Relationships>'
    ).encode()
    add_related(parts, "word/_rels/document.xml.rels", "rId91", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml",
                "../customXml/item1.xml")
    add_type(parts, "/customXml/itemProps1.xml", "application/vnd.openxmlformats-officedocument.customXmlProperties+xml")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name in ["[Content_Types].xml", *sorted(n for n in parts if n != "[Content_Types].xml")]:
            package.writestr(name, parts[name])
    return out.getvalue()
