"""The one error tree: every user-facing failure is a DrafterError that says where."""

from drafter.tuples import NamedTuple


class Problem(NamedTuple):
    """One located problem: file, line, key path and a Chinese message (with an optional hint)."""

    file: str
    line: int | None
    key: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        key = f"[{self.key}]" if self.key else ""
        place = " ".join(p for p in (where, key) if p)
        hint = f"（{self.hint}）" if self.hint else ""
        return f"{place}：{self.message}{hint}" if place else f"{self.message}{hint}"


class DrafterError(Exception):
    """Root of drafter's errors; its str() is one or more Chinese lines for the user."""

    def __init__(self, problems: list[Problem] | Problem | str) -> None:
        if isinstance(problems, str):
            problems = [Problem("", None, "", problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class TownFileError(DrafterError):
    """The town YAML file is unreadable, malformed or invalid."""


class PhrasebankError(DrafterError):
    """A phrase bank directory is missing, malformed or lacks a category."""


class TemplateError(DrafterError):
    """A template failed to load or render (unknown style, undefined name, syntax)."""


class MarkupError(DrafterError):
    """Rendered markup broke the markup grammar."""


class OutputError(DrafterError):
    """The draft cannot be written (exists and was edited, bad path, bad reference doc)."""


class CorpusError(DrafterError):
    """A corpus file for mining is unreadable, empty, binary or not a report."""


class DraftError(DrafterError):
    """The draft to check cannot be read."""


class SheetError(DrafterError):
    """The county's statistics sheet is unreadable, or its audit found problems."""


class MissingFigureError(DrafterError):
    """--strict: the draft needs a figure or name that the town file lacks."""
