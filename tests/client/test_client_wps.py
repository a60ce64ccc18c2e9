"""Issue #23 in a real client: LibreOffice, which like WPS ignores Word's update-on-open, shows the pre-filled
contents with page numbers that match its own pages, in drafter's draft and in the same draft as WPS saves it."""

from __future__ import annotations

import re
import subprocess

import pytest

from drafter.build.draft import BuildOptions, build
from tests.check.wps import wps_saved
from tests.client.test_client_word import convert
from tests.conftest import EXAMPLES, STYLES

pytestmark = pytest.mark.client


def pages(pdf) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")


@pytest.mark.parametrize("style", STYLES)
def test_the_contents_show_in_libreoffice_with_the_pages_it_counts(tmp_path, style):
    draft = build(EXAMPLES / "青石镇.yaml", BuildOptions(style=style, out=tmp_path / "d.docx", toc=True)).path
    fake = tmp_path / "wps.docx"
    fake.write_bytes(wps_saved(draft.read_bytes()))
    for pdf in convert([draft, fake], tmp_path):
        printed = pages(pdf)
        squeeze = [re.sub(r"\s+", "", page) for page in printed]
        entries = [(m.group(1), int(m.group(2))) for page in printed[:2] for line in page.splitlines()
                   if (m := re.match(r"\s*(\S.*?)\.{4,}\s*(\d+)\s*$", line))]
        assert len(entries) >= 4, printed[0]
        off = []
        for heading, page in entries:
            heading = re.sub(r"\s+", "", heading)
            actual = next(n for n, text in enumerate(squeeze, start=1) if n > 1 and heading in text and n >= 2
                          and not re.search(re.escape(heading) + r"\.{4}", text))
            off.append(abs(actual - page))
        assert max(off) <= 1 and sum(o > 0 for o in off) <= 2, list(zip(entries, off))
