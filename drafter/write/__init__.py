"""Writing: markup text -> a draft on disk's bytes (.docx, .md, .txt).

In: markup blocks (drafter.markup). Out: a GB/T 9704 .docx (word: named styles, page, signature, figure marks as
hidden bookmarks with a manifest), or Markdown / plain text (text). profile holds every size and font of the page;
marks names the figure bookmarks; basedoc regenerates drafter/data/base.docx. Raw XML lives in drafter.ooxml."""
