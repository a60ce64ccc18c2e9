"""python-docx's default template -> drafter's minimal base package (drafter/data/base.docx).

The default template carries a thumbnail, customXml, a Word 2010 style copy, a theme, numbering,
about 160 styles and a Mac Word app.xml; parsing them is most of the cost of opening it. The base
keeps only the parts a draft needs, its theme font language Chinese (the template's is ja-JP). Regenerate with `python -m drafter.write.basedoc` (a test checks it)."""

from __future__ import annotations

import io
import sys

import docx
from docx.oxml.ns import qn

from drafter import ooxml
from drafter.files.resources import DATA

BASE_PATH = DATA / "base.docx"
DROPPED_RELS = ("thumbnail", "customXml", "stylesWithEffects", "webSettings", "numbering", "fontTable", "theme")
KEPT_STYLES = ("Normal", "Default Paragraph Font", "Table Normal", "No List")
APP_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>drafter</Application><DocSecurity>0</DocSecurity></Properties>"
)


def make_base() -> bytes:
    """The minimal base package, byte for byte reproducible."""
    from drafter.write.word import fixed_zip

    document = docx.Document()
    for owner in (document.part.package, document.part):
        for rid, rel in list(owner.rels.items()):
            if rel.reltype.rsplit("/", 1)[-1] in DROPPED_RELS:
                owner.rels.pop(rid)
    styles = document.styles.element
    styles.remove(styles.find(qn("w:latentStyles")))
    for style in styles.findall(qn("w:style")):
        if style.find(qn("w:name")).get(qn("w:val")) not in KEPT_STYLES:
            styles.remove(style)
    ooxml.set_theme_font_language(document.settings.element)
    core = document.core_properties
    core.author = core.comments = core.title = core.subject = core.keywords = core.category = ""
    for part in document.part.package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":
            part._blob = APP_XML.encode("utf-8")
    buffer = io.BytesIO()
    document.save(buffer)
    return fixed_zip(buffer.getvalue())


if __name__ == "__main__":
    BASE_PATH.write_bytes(make_base())
    sys.stdout.write(f"wrote {BASE_PATH}\n")
