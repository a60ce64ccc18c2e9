"""Mining: corpus files -> report trees -> phrase bank and skeletons (uses jieba; never on the build path)."""
