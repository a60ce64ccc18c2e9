"""What a cached frame depends on (docmeta.code_stamp): every writer module, the raw-XML modules and the base
document, each by size and time, so that a frame made by older code is never taken for a newer one's."""

from __future__ import annotations

import os
from pathlib import Path

from drafter.write import docmeta


def fake_package(root: Path) -> Path:
    for name in ("write/docmeta.py", "write/quick.py", "write/word/__init__.py", "write/word/styles.py",
                 "write/__pycache__/quick.py", "ooxml/textxml.py", "ooxml/deep/skipped.py", "data/base.docx",
                 "compose/base.py", "write/notes.txt"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(name)
    return root


def test_the_stamp_names_each_writer_module_and_the_base_by_size_and_time(tmp_path, monkeypatch):
    package = fake_package(tmp_path / "drafter")
    monkeypatch.setattr(docmeta, "__file__", str(package / "write" / "docmeta.py"))
    files, library = docmeta.code_stamp()
    names = [name for name, _, _ in files]
    assert names == [os.path.join(*n.split("/")) for n in ("data/base.docx", "ooxml/textxml.py", "write/docmeta.py",
                                                             "write/quick.py", "write/word/__init__.py", "write/word/styles.py")]
    for name, size, mtime in files:
        stat = (package / name).stat()
        assert (size, mtime) == (stat.st_size, stat.st_mtime_ns)
    assert library == () or library[0].endswith("__init__.py")
    before = docmeta.code_stamp()
    stat = (package / "write" / "word" / "styles.py").stat()
    os.utime(package / "write" / "word" / "styles.py", ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert docmeta.code_stamp() != before
    (package / "compose" / "base.py").write_text("changed, not a writer module")
    os.utime(package / "write" / "word" / "styles.py", ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert docmeta.code_stamp() == before
