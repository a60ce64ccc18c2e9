"""docProps/custom.xml: a document's custom properties (File > Properties > Custom in Word, WPS and LibreOffice),
where drafter keeps the manifest of its figure marks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lxml import etree

if TYPE_CHECKING:
    from docx.document import Document
    from lxml.etree import _Element


CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
DC_NS = "http://purl.org/dc/elements/1.1/"
FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
CUSTOM_PART = "/docProps/custom.xml"
CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CUSTOM_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
# What WPS writes into every file it saves (KSOProductBuildVer = '<LCID>-<version>', ICV, and on newer builds a record
# of the machine and account) and a spreadsheet property seen beside them: they are WPS's, not the document's, and a
# reader of drafter's properties passes over them (docs/wps.md §1.1: [S1]-[S6], [S16]).
WPS_PROPERTIES = frozenset({"KSOProductBuildVer", "ICV", "KSOTemplateDocerSaveRecord", "CalculationRule"})


def parsed(xml: bytes) -> _Element | None:
    """A properties part's root; None when it is not XML, or has a DOCTYPE (which Office never writes: its entities
    would be kept unresolved and written back undeclared)."""
    try:
        root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return None
    return None if root.getroottree().docinfo.doctype else root


def read_properties(xml: bytes, foreign: bool = False) -> dict[str, str]:
    """Custom properties as {name: text} (values of every type read as their text), WPS's own left out unless
    foreign; a part that is not XML (or has a DOCTYPE) reads as none."""
    root = parsed(xml)
    if root is None:
        return {}
    return {name: "".join(p.itertext()) for p in root.findall(f"{{{CUSTOM_NS}}}property")
            if (name := p.get("name", "")) not in WPS_PROPERTIES or foreign}


def saved_by(custom: bytes, app: bytes) -> str:
    """Which program last saved a package: 'WPS Office 12.1.0.16120' (from WPS's build property, else app.xml's
    Application, which WPS writes as 'WPS Office_<version>_<GUID>', §1.2), the Application named, or ''."""
    build = read_properties(custom, foreign=True).get("KSOProductBuildVer", "") if custom else ""
    if build:
        return f"WPS Office {build.partition('-')[2] or build}"
    try:
        root = etree.fromstring(app, etree.XMLParser(resolve_entities=False, no_network=True)) if app else None
    except etree.XMLSyntaxError:
        root = None
    application = next((e.text or "" for e in root.iter() if str(e.tag).endswith("}Application")), "") if root is not None else ""
    if application.startswith("WPS Office_"):
        return "WPS Office " + application.split("_")[1]
    return application.strip()


def read_title(core: bytes) -> str:
    """The title in docProps/core.xml ('' when absent or unreadable)."""
    root = parsed(core)
    if root is None:
        return ""
    title = root.find(f"{{{DC_NS}}}title")
    return "".join(title.itertext()) if title is not None else ""


def write_properties(xml: bytes | None, values: dict[str, str], prefix: str) -> bytes:
    """Custom properties XML holding values, in place of every property whose name starts with prefix; the
    document's other properties kept."""
    root = parsed(xml) if xml else None
    if root is None:
        root = etree.Element(f"{{{CUSTOM_NS}}}Properties", nsmap={None: CUSTOM_NS, "vt": VT_NS})
    for prop in root.findall(f"{{{CUSTOM_NS}}}property"):
        if prop.get("name", "").startswith(prefix):
            root.remove(prop)
    for name, value in values.items():
        prop = etree.SubElement(root, f"{{{CUSTOM_NS}}}property", fmtid=FMTID, pid="0", name=name)
        etree.SubElement(prop, f"{{{VT_NS}}}lpwstr").text = value
    for pid, prop in enumerate(root.findall(f"{{{CUSTOM_NS}}}property"), start=2):  # pids start at 2
        prop.set("pid", str(pid))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def set_custom_properties(document: Document, values: dict[str, str], prefix: str) -> None:
    """Write values into the package's custom properties part (created, with its relationship, when missing)."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    package = document.part.package
    part = next((rel.target_part for rel in package.rels.values() if rel.reltype == CUSTOM_REL and not rel.is_external), None)
    if part is None:
        part = Part(PackURI(CUSTOM_PART), CUSTOM_TYPE, write_properties(None, values, prefix), package)
        package.relate_to(part, CUSTOM_REL)
    elif hasattr(part, "_element"):  # loaded as XML by a python-docx that knows the part
        from docx.oxml.parser import parse_xml

        part._element = parse_xml(write_properties(part.blob, values, prefix))
    else:
        part._blob = write_properties(part.blob, values, prefix)
