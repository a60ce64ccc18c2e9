"""Files: what every stage reads and writes on disk, safely.

In: paths the user names. Out: bytes or text (regular files only, within size limits, encoding detected),
atomic writes, a zip archive's bytes (zipout), the user's cache folder, the crash log, and where the shipped data
lives (resources).
Imports nothing of drafter but errors."""
