"""The county: many town files at once.

In: a folder of town files (and the county's statistics sheet). Out: a batch of drafts built in a pool of processes
(batch), the sheet audited against the town files (sheet_audit), and the county check: every town's audit and the
spans two towns' drafts share (audit)."""
