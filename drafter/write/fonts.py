"""The 公文 fonts a draft names -> which this machine has, what Word and WPS show in place of the missing ones, and how
to get them (`drafter fonts`); one line for build when the draft's fonts are not all here."""

from drafter.files.fonts import installed
from drafter.tuples import NamedTuple
from drafter.write import layout as P

# Every font drafter's two font sets name (profile.FONT_SETS), the GB2312 ones first.
GONGWEN = ("方正小标宋简体", "仿宋_GB2312", "楷体_GB2312", "黑体", "仿宋", "楷体", "宋体")
# The names a font goes by: Chinese and English family names (docs/wps.md §6, §8; id 63096161634, id 3685607909).
ALIASES = {
    "方正小标宋简体": ("方正小标宋简体", "FZXiaoBiaoSong-B05S"),
    "仿宋_GB2312": ("仿宋_GB2312", "FangSong_GB2312"),
    "楷体_GB2312": ("楷体_GB2312", "KaiTi_GB2312"),
    "黑体": ("黑体", "SimHei"),
    "仿宋": ("仿宋", "FangSong"),
    "楷体": ("楷体", "KaiTi"),
    "宋体": ("宋体", "SimSun"),
    "小标宋": ("小标宋",),
}
WINDOWS_OWN = "Windows 自带（simsun.ttc、simhei.ttf、simfang.ttf、simkai.ttf）；麒麟、统信UOS 上随 WPS 安装，或从 Windows 电脑复制"
GB2312 = "向单位信息中心或文印室要公文字体安装包（文件多名为“{0}.ttf”；注意 Windows 自带的 simfang.ttf、simkai.ttf 是“仿宋”“楷体”，不是它）"
WHERE = {
    "方正小标宋简体": "方正字库的商用字体（文件名 FZXBSJW.TTF）：向单位要已授权的安装包，或在方正字库官网购买",
    "仿宋_GB2312": GB2312.format("仿宋_GB2312"),
    "楷体_GB2312": GB2312.format("楷体_GB2312"),
    "黑体": WINDOWS_OWN, "仿宋": WINDOWS_OWN, "楷体": WINDOWS_OWN, "宋体": WINDOWS_OWN,
}
INSTALL = {
    "windows": "装字体：右键字体文件，选“为所有用户安装”，然后重新打开 WPS 或 Word。",
    "fontconfig": "装字体：把字体文件复制到 ~/.local/share/fonts（所有用户：/usr/share/fonts），运行 fc-cache -f，然后重新打开 WPS。",
    "folders": "装字体：双击字体文件安装，然后重新打开 WPS 或 Word。",
}
# What WPS does when a font is missing is not on the public record (§6, §10.10): it warns 缺失字体 and shows another.
WPS_SHOWS = "提示“缺失字体”，换用其他字体显示"
MISSING_FONTS = "提醒：本机没有字体"


class FontStatus(NamedTuple):
    """One font: where this machine has it ('' when it does not), what Word and WPS show instead, where to get it."""

    name: str
    found: str
    word: str
    wps: str
    where: str


def present(names: list[str], refresh: bool = False) -> dict[str, str]:
    """{font: the file this machine has it in, or ''} for fonts known by any of their aliases."""
    every = [alias for name in names for alias in ALIASES.get(name, (name,))]
    found = installed(sorted(set(every)), refresh)
    return {name: next((found[a] for a in ALIASES.get(name, (name,)) if found.get(a)), "") for name in names}


def word_substitute(name: str, have: dict[str, str]) -> str:
    """What Word shows for a missing font: the font table's alternate drafter writes (仿宋_GB2312 -> 仿宋, 方正小标宋简体
    -> 小标宋 -> 宋体), the first of them this machine has; else 宋体, Word's face for the GB2312 character set."""
    seen, current = [], name
    while current in P.FONT_TABLE and current not in seen:
        seen.append(current)
        current = P.FONT_TABLE[current][0]
        if have.get(current):
            return current
    return "宋体" if have.get("宋体") else "系统默认的中文字体"


def status(names: tuple[str, ...] = GONGWEN, refresh: bool = False) -> list[FontStatus]:
    """Each font of names, as this machine has it."""
    chain = {alt for name in names for alt in substitutes(name)}
    have = present(sorted(set(names) | chain), refresh)
    return [FontStatus(n, have[n], "" if have[n] else word_substitute(n, have), "" if have[n] else WPS_SHOWS, WHERE.get(n, ""))
            for n in names]


def substitutes(name: str) -> list[str]:
    """The font table's chain of alternates for a font (P.FONT_TABLE), and 宋体."""
    out, current = [], name
    while current in P.FONT_TABLE and current not in out:
        current = P.FONT_TABLE[current][0]
        out.append(current)
    return [*out, "宋体"]


def warning(font_set: str) -> str:
    """One line naming the draft's fonts this machine lacks ('' when it has them all)."""
    names = list(dict.fromkeys(P.FONT_SETS[font_set]))
    have = present(names)
    missing = [n for n in names if not have[n]]
    if not missing:
        return ""
    return f"{MISSING_FONTS} {'、'.join(missing)}，在本机的 WPS 或 Word 中会换用其他字体显示和打印；运行 drafter fonts 查看怎么安装。"
