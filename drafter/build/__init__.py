"""Building: one town file + options -> one draft on disk.

In: a town file path, BuildOptions (style, seed, format, reference .docx, sheet). Out: the draft written atomically
(never over a clerk's edits without --force), and reminders of last year's promises. Runs the pipeline
town -> compose -> write, with check's promises for the reminders."""
