"""Updating: a draft the clerk has edited + the town file's new figures -> a new draft.

In: an edited .docx built by drafter (its figure marks and manifest) and the town file. Out: the draft with every
changed figure rewritten in place (plainly or as tracked changes), and a report of what was left to the clerk."""
