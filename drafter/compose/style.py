"""A style folder (style.yaml + Jinja templates) -> Style: its name, the built-in phrasing it draws on, its parts in
order with their fixed titles and sentences. The built-in styles are folders of the packaged templates/."""

import re
from functools import lru_cache
from pathlib import Path
from typing import Literal

from drafter.errors import DrafterError, Problem, TemplateError
from drafter.files.patterns import compiled
from drafter.files.resources import data_dir
from drafter.town.record import Fields, field
from drafter.tuples import NamedTuple

# The built-in styles, in the order `drafter styles` lists them; each is templates/<name>/.
BUILTIN = ("numbered", "topical", "congress", "report")
STYLE_FILE = "style.yaml"
# What a style.yaml may be at most (it is a page of settings).
STYLE_LIMIT = 256 * 1024
# Slots a fixed title or sentence may hold, as the sentence templates write them (compose.base.Context.slots).
SLOTS = ("乡镇名", "乡镇", "年", "次年", "县", "上级", "领导", "目标", "规划", "下个规划")
SLOT = compiled(r"\{([^{}]*)\}")
Kind = Literal["indicators", "review", "problems", "plan", "self", "extras", "extra"]
# What each kind of part holds, for messages and the exported README.
KINDS = {
    "indicators": "主要经济指标", "review": "工作总结（各节）", "problems": "存在的问题", "plan": "工作计划（各节）",
    "self": "政府自身建设（report 样式）", "extras": "数据文件 extra 中其余各部分", "extra": "数据文件 extra 中的某一部分（key）",
}


def slot_problem(text: str | None) -> str | None:
    """A message for the first unknown slot of a fixed text ('{年份}'), with the nearest known one; else None."""
    for name in SLOT.findall(text or ""):
        if name not in SLOTS:
            import difflib  # only for a message

            close = difflib.get_close_matches(name, SLOTS, n=1, cutoff=0.3)
            hint = f"是不是“{{{close[0]}}}”？" if close else ""
            return f"未知的占位符“{{{name}}}”。{hint}可用：{'、'.join('{' + s + '}' for s in SLOTS)}"
    return None


# A fixed text of style.yaml: its slots are checked where it is written.
SLOTTED = {"check": slot_problem}


class PartSpec(Fields):
    """One part of the outline: its kind, and optionally its fixed title and the sentence under its heading."""

    SHAPE = " {kind: 部分, title: 标题}"

    kind: Kind
    title: str | None = field(default=None, metadata=SLOTTED)     # fixed title; none: drafter chooses one
    fallback: str | None = field(default=None, metadata=SLOTTED)  # the title when drafter finds none that fits
    heading: bool = True          # false: the part has no heading line (the congress style's problems)
    lead: str | None = field(default=None, metadata=SLOTTED)      # a fixed sentence right under the heading
    key: str | None = None        # kind extra: the title of the town file's extra part it shows

    def check(self) -> list[tuple[str, str]]:
        """extra needs its key (and only extra has one)."""
        out = []
        if self.kind == "extra" and not self.key:
            out.append(("key", "kind: extra 需要 key：数据文件 extra 中那一部分的标题，如 key: 意见建议"))
        if self.key and self.kind != "extra":
            out.append(("key", "只有 kind: extra 的部分写 key"))
        return out


class StyleFile(Fields):
    """style.yaml: name, label and description, the built-in style whose phrasing it uses, its parts in order and
    its fixed sentences."""

    name: str
    label: str
    description: str
    base: Literal["numbered", "topical", "congress"]
    parts: list[PartSpec] = field(metadata={"most": 99})
    template: str = "report.j2"
    title: str | None = field(default=None, metadata=SLOTTED)    # the document's title; none: 'X镇2024年工作总结…'
    opening: str | None = field(default=None, metadata=SLOTTED)  # a fixed opening paragraph in place of drafter's
    closing: str | None = field(default=None, metadata=SLOTTED)  # a fixed closing paragraph (the town file's wins)

    def check(self) -> list[tuple[str, str]]:
        """At least one part; extras at most once; an extra key once; self only on numbered's phrasing."""
        out = []
        kinds = [p.kind for p in self.parts]
        if not kinds:
            out.append(("parts", "至少要有一个部分"))
        if kinds.count("extras") > 1:
            out.append(("parts", "kind: extras 只能写一次"))
        keys = [p.key for p in self.parts if p.key]
        if len(keys) != len(set(keys)):
            out.append(("parts", f"同一个 key 写了两次：{'、'.join(sorted({k for k in keys if keys.count(k) > 1}))}"))
        if "self" in kinds and self.base != "numbered":
            out.append(("parts", "kind: self（政府自身建设）只用于以 numbered 为 base 的样式（如 report）"))
        if not re.fullmatch(r"[^/\\]+\.j2", self.template):
            out.append(("template", "应为样式文件夹中的一个 .j2 文件名，如 report.j2"))
        return out


class Style(NamedTuple):
    """A loaded style: its settings, its folder, whether it is built in, and the name a draft records for it
    (a built-in's name, or the folder's absolute path)."""

    spec: StyleFile
    folder: Path
    builtin: bool

    @property
    def ref(self) -> str:
        """What the draft's manifest records, so that update renders with the same style."""
        return self.spec.name if self.builtin else str(self.folder)

    @property
    def label(self) -> str:
        """'分条式' (the short name the build's message gives)."""
        return self.spec.label


def template_dir() -> Path:
    """The installed templates (drafter.templates), or the source tree's templates/."""
    return data_dir("templates", "base.j2")


def style_error(name: str, message: str, hint: str = "") -> TemplateError:
    """A --style problem."""
    return TemplateError(Problem(name, None, "--style", message, hint))


def style_folder(ref: str) -> tuple[Path, bool]:
    """--style's value -> (the style's folder, built in?): a built-in's name, or a folder holding style.yaml."""
    if ref in BUILTIN:
        return template_dir() / ref, True
    path = Path(ref).expanduser()
    if path.name == STYLE_FILE and path.is_file():
        path = path.parent
    choices = f"可选：{'、'.join(BUILTIN)}，或一个样式文件夹（用 drafter styles export 导出后修改）"
    if not path.exists():
        raise style_error(ref, f"未知的文稿样式“{ref}”，也没有这个文件夹", choices)
    if not path.is_dir():
        raise style_error(ref, "样式应为一个文件夹（其中有 style.yaml 和模板）", choices)
    if not (path / STYLE_FILE).is_file():
        raise style_error(ref, "这个文件夹中没有 style.yaml，不是样式文件夹", f"可用 drafter styles export numbered {path}/ 导出一个样式再修改")
    return path.resolve(), False


def load_style(ref: str) -> Style:
    """--style's value -> the Style (read once while its style.yaml is unchanged); TemplateError names the file,
    line and key of every problem."""
    if ref in BUILTIN:  # shipped with drafter: its style.yaml does not change under a running drafter
        return builtin_style(ref)
    folder, builtin = style_folder(ref)
    return read_style(folder, builtin, style_stamp(folder))


@lru_cache(maxsize=8)
def builtin_style(ref: str) -> Style:
    """A built-in style, loaded once a process."""
    folder, builtin = style_folder(ref)
    return read_style(folder, builtin, style_stamp(folder))


def builtin_data(folder: Path) -> dict:
    """A built-in style's style.yaml as plain data (kept in the user's cache: PyYAML took a cold build 0.4 ms)."""
    import yaml

    return yaml.load((folder / STYLE_FILE).read_text("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def style_stamp(folder: Path) -> int:
    """The modification time of a style folder's style.yaml; TemplateError when it cannot be read."""
    path = folder / STYLE_FILE
    try:
        return path.stat().st_mtime_ns
    except OSError as exc:
        raise style_error(str(path), f"无法读取 style.yaml：{exc.strerror}") from exc


@lru_cache(maxsize=16)
def read_style(folder: Path, builtin: bool, stamp: int) -> Style:
    """style.yaml of folder, parsed and validated (cached by its modification time); a built-in's is drafter's own
    (held valid by the tests) and is read without the checks, which cost a cold build a millisecond."""
    if builtin:
        from drafter.files.cache import cached_data

        data = cached_data("style", repr((str(folder / STYLE_FILE), stamp)), lambda: builtin_data(folder))
        parts = [PartSpec(**{k: v for k, v in part.items() if v is not None}) for part in data.pop("parts")]
        return Style(StyleFile(parts=parts, **{k: v for k, v in data.items() if v is not None}), folder, True)
    from drafter.files.textio import decode, read_limited
    from drafter.town.load import parse_yaml, to_problem
    from drafter.town.schema import Invalid, validate

    path = folder / STYLE_FILE
    name = str(path)
    try:
        text, _ = decode(read_limited(path, STYLE_LIMIT, TemplateError, "style.yaml"), name, TemplateError)
        data, lines = parse_yaml(text, name)
    except DrafterError as exc:
        raise TemplateError(exc.problems) from exc
    if not isinstance(data, dict):
        raise TemplateError(Problem(name, 1, "", "style.yaml 应为键值映射（name: …、parts: … 等）", "可参考 drafter styles export 导出的 style.yaml"))
    try:
        spec = validate(StyleFile, data)
    except Invalid as exc:
        problems = [to_problem(issue, name, lines) for issue in exc.issues]
        raise TemplateError(sorted(problems, key=lambda p: (p.line or 0, p.key))) from exc
    return Style(spec, folder, builtin)


def locate_style(recorded: str, draft: Path) -> str:
    """The style a draft records (a built-in's name, or the folder it was built with) as --style can take it: a folder
    since moved is looked for by its name beside the draft and in the working directory; gone, a TemplateError."""
    if recorded in BUILTIN or (Path(recorded) / STYLE_FILE).is_file():
        return recorded
    name = Path(recorded).name
    for candidate in (draft.parent / name, Path.cwd() / name):
        if (candidate / STYLE_FILE).is_file():
            return str(candidate)
    raise TemplateError(Problem(str(draft), None, "--style", f"初稿是用样式文件夹“{recorded}”生成的，这个文件夹找不到了",
                                f"用 --style 指明样式文件夹，如 --style {name}/"))
