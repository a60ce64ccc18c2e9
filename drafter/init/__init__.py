"""Init: a new town file for `drafter init`.

In: nothing (the commented scaffold) or last year's report (.docx/.txt). Out: a commented town file: the scaffold
(scaffold), or last year's particulars, sections, indicator figures and promises read from the report (lastyear)."""
