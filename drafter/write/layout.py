"""What the draft names and where it signs, without python-docx (the build's quick writer needs no more): the two
font sets and the font table's alternates, the heading kinds, the signature's indents (GB/T 9704-2012; drafter.write.profile
holds the rest of the page and re-exports these)."""

from drafter.markup import width
from drafter.tuples import NamedTuple

SIGN_RIGHT_CHARS = 200      # 署名右空二字 (Std 7.3.5.2)
# Block kinds that are headings (on Word's heading styles), in the order of their levels.
HEADING_KINDS = ("division", "h1", "h2", "h3")


class Fonts(NamedTuple):
    """Font names for each element (Practice: offices have the GB2312 fonts; newer machines the plain ones)."""

    title: str
    body: str
    heading1: str
    heading2: str
    page_number: str


FONT_SETS = {
    "gb2312": Fonts("方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312", "宋体"),
    "plain": Fonts("宋体", "仿宋", "黑体", "楷体", "宋体"),  # fonts every Windows office has
}

# word/fontTable.xml: each font drafter names, the one Word and WPS use when it is missing, its character set
# (86 = GB2312) and family, so that a machine without 方正小标宋 or 仿宋_GB2312 substitutes the right kind of face.
FONT_TABLE = {
    "方正小标宋简体": ("小标宋", "roman"),
    "小标宋": ("宋体", "roman"),
    "仿宋_GB2312": ("仿宋", "modern"),
    "仿宋": ("FangSong", "modern"),
    "楷体_GB2312": ("楷体", "script"),
    "楷体": ("KaiTi", "script"),
    "黑体": ("SimHei", "swiss"),
    "宋体": ("SimSun", "roman"),
}


def signature_indents(unit: str, date: str) -> tuple[float, float]:
    """Right indents (characters) of the unit and the date under GB/T 9704 7.3.5.2: the unit 2 from
    the right and the date's first character 2 right of the unit's; a longer date takes the 2."""
    unit_right = SIGN_RIGHT_CHARS / 100
    date_right = unit_right + width(unit) - 2 - width(date)
    if date_right < unit_right:
        date_right = unit_right
        unit_right = date_right + width(date) + 2 - width(unit)
    return unit_right, date_right
