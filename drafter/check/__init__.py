"""Checking: a town file + a draft (+ a corpus) -> an audit.

In: a Town, the draft's paragraphs (.docx/.md/.txt), the seed reports and any --corpus. Out: audit (unsourced
numbers, figures not written, copied spans, placeholders, last year's promises), lint (prose defects a 办公室主任
would mark), overlap (the text two reports may share without copying), promises (last year's plans against this
year's review)."""
