"""A worksheet part of an .xlsx (SpreadsheetML), streamed: the ranges of its merged cells, read without building
the sheet's tree (its rows are dropped as they pass)."""

from __future__ import annotations

from typing import IO

from lxml import etree

S = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def merged_ranges(stream: IO[bytes]) -> list[str]:
    """Every <mergeCell ref="A1:C1"/> of a worksheet part, in order."""
    out = []
    context = etree.iterparse(stream, events=("end",), tag=(f"{{{S}}}row", f"{{{S}}}mergeCell"),
                              resolve_entities=False, no_network=True, huge_tree=False)
    for _, element in context:
        if element.tag == f"{{{S}}}mergeCell":
            out.append(element.get("ref", ""))
        element.clear()
        while element.getprevious() is not None:  # rows already read: let them go
            del element.getparent()[0]
    return out
