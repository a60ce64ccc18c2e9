"""Mining: corpus files -> report trees -> phrase bank and skeletons (uses jieba; never on the build path).

In: the seed reports (seeds/) or a user's corpus (.txt in UTF-8/GB18030, .docx). Out: sorted, reproducible YAML
files of phrases, heading formulas and skeletons (phrasebank/), each entry with its sources. structure (the report
parser) is also read by drafter.init to read last year's report."""
