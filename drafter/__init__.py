"""drafter: a town's YAML facts -> a GB/T 9704 year-end report draft (.docx)."""

__version__ = "0.1.0"
