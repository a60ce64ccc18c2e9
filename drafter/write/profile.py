"""The page format profile (GB/T 9704-2012): every size and font of the draft, with its source."""

from docx.shared import Mm, Pt, Twips

from drafter.tuples import NamedTuple
from drafter.write.layout import FONT_SETS, FONT_TABLE, HEADING_KINDS, SIGN_RIGHT_CHARS, Fonts  # noqa: F401 (the profile's names)

# Page (Std 5.1, 5.2.1): A4; 天头 37 mm, 订口 28 mm; type area 156 x 225 mm -> right 26, bottom 35 (Derived).
PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = Mm(37), Mm(35), Mm(28), Mm(26)
# The type area is 156 mm wide (Std 5.2.1) = 8844 twips (tables, the contents' page numbers).
TYPE_WIDTH_TWIPS = 8844
# Page number 7 mm below the type area (Std 7.5): the top of the number line ('— 1 —' as a PDF text box) stands
# 35 - 7 = 28 mm above the page edge. The footer is one exact 28.95 pt line whose text box starts 9.9 pt below
# the line's top (measured in LibreOffice's PDF), so the footer's bottom is 28 - 10.2 + 3.5 = 21.3 mm up (Derived,
# checked by tests/test_client.py).
FOOTER_DISTANCE = Mm(21.3)
HEADER_DISTANCE = Mm(15)
# 22 lines a page (Std 5.2.3): exactly 28.95 pt = 579 twips; 22 x 579 = 12738 <= 12756 (Derived).
LINE_PITCH = 579
LINES_PER_PAGE = 22
LINE = Twips(LINE_PITCH)
# 28 characters a line (Std 5.2.3): 28 x 16 pt = 448 pt > 442.2 pt, so -0.25 pt spacing (-5 twentieths).
CHARACTER_SPACING = -5
BODY_SIZE = Pt(16)          # 3号 (Std 5.2.2)
TITLE_SIZE = Pt(22)         # 2号 (Std 7.3.1)
PAGE_NUMBER_SIZE = Pt(14)   # 4号 (Std 7.5)
TABLE_SIZE = Pt(12)         # 小四: a table of numbers (Practice)
INDENT_CHARS = 200          # two characters, in hundredths of a character
INDENT_TWIPS = 640          # two 16 pt characters, for clients that ignore the Chars form
DATE_RIGHT_CHARS = 400      # 成文日期右空四字 (Std 7.3.5.1); per draft, write_docx applies 7.3.5.2


class StyleSpec(NamedTuple):
    """A named Word style: kind, font role, size, bold, alignment, indents, spacing, outline level."""

    name: str
    style_id: str             # ASCII, as Word itself writes ids for Chinese style names
    kind: str                 # paragraph | character | table
    font: str                 # attribute of Fonts
    size: Pt = BODY_SIZE
    bold: bool = False
    align: str = "both"       # both | center | right | left
    first_line: bool = True
    right_chars: int = 0
    left_chars: int = 0
    before_lines: int = 0
    after_lines: int = 0
    outline: int | None = None
    highlight: bool = False
    autospace: bool = True    # extra space between Chinese and digits (off where widths are computed)
    proof: bool = True        # False: w:noProof, for text a machine made (WPS underlines '— 1 —', 【待补充】 otherwise)
    tab: int = 0              # a right tab with a dot leader at this position (twips from the margin): contents


STYLES = {
    "title": StyleSpec("公文标题", "DrafterTitle", "paragraph", "title", TITLE_SIZE, align="center", first_line=False, after_lines=1),
    "p": StyleSpec("公文正文", "DrafterBody", "paragraph", "body"),
    "sign": StyleSpec("公文署名", "DrafterSignature", "paragraph", "body", align="right", first_line=False, right_chars=SIGN_RIGHT_CHARS, before_lines=1),
    "date": StyleSpec("公文成文日期", "DrafterDate", "paragraph", "body", align="right", first_line=False,
                      right_chars=DATE_RIGHT_CHARS, autospace=False),
    # Page numbers (Std 7.5): odd pages on the right, even pages on the left, one character in from the edge.
    "footer": StyleSpec("公文页码", "DrafterPageNumber", "paragraph", "page_number", PAGE_NUMBER_SIZE, align="right",
                        first_line=False, right_chars=100, proof=False),
    "footer_even": StyleSpec("公文页码（双页）", "DrafterPageNumberEven", "paragraph", "page_number", PAGE_NUMBER_SIZE,
                             align="left", first_line=False, left_chars=100, proof=False),
    "footer_center": StyleSpec("公文页码（居中）", "DrafterPageNumberCentered", "paragraph", "page_number", PAGE_NUMBER_SIZE,
                               align="center", first_line=False, proof=False),
    "toc_title": StyleSpec("公文目录标题", "DrafterContentsTitle", "paragraph", "heading1", align="center", first_line=False),
    "lead": StyleSpec("公文引导语", "DrafterLeadIn", "character", "body", bold=True),
    "runin": StyleSpec("公文二级标题字符", "DrafterRunIn", "character", "heading2"),
    "gap": StyleSpec("公文待补充", "DrafterGap", "character", "body", highlight=True, proof=False),
    # The indicator table: 小四 (12 pt) text, centred, the header in 黑体.
    "table_head": StyleSpec("公文表头", "DrafterTableHead", "paragraph", "heading1", TABLE_SIZE, align="center", first_line=False),
    "table_cell": StyleSpec("公文表格", "DrafterTableCell", "paragraph", "body", TABLE_SIZE, align="center", first_line=False),
    "table": StyleSpec("公文三线表", "DrafterThreeLineTable", "table", "body", TABLE_SIZE),
    # Word's own names for the comment styles python-docx refers to (--annotate).
    "comment": StyleSpec("annotation text", "CommentText", "paragraph", "body", Pt(10.5), first_line=False),
    "comment_ref": StyleSpec("annotation reference", "CommentReference", "character", "body", Pt(10.5)),
}

# The table of contents (--toc): Word's own names for the entries' styles (Word and WPS restyle an updated table with
# them), each level two characters further in, the page number at the type area's right edge after dots; and the
# hint under the entries, shaded like a gap, that WPS must be told to update it (it ignores Word's update on open).
CONTENTS_STYLES = {
    "toc_hint": StyleSpec("公文目录提示", "DrafterContentsHint", "paragraph", "body", TABLE_SIZE, first_line=False,
                          highlight=True, proof=False),
    **{f"toc{level}": StyleSpec(f"toc {level}", f"TOC{level}", "paragraph", "body", first_line=False,
                                left_chars=200 * (level - 1), proof=False, tab=TYPE_WIDTH_TWIPS) for level in (1, 2, 3)},
}
CONTENTS_LEVELS = 3  # TOC \o "1-3"

# Styles only some drafts use, created only in those (a draft without them keeps its styles part as it was): the
# report style's lines under the title (the occasion and the speaker, 3号 楷体, centred) and its salutation (各位代表：,
# at the margin, Std 7.3.2's place of a 主送机关).
OCCASIONAL = {
    "sub": StyleSpec("公文题注", "DrafterSubtitle", "paragraph", "heading2", align="center", first_line=False),
    "salute": StyleSpec("公文称谓", "DrafterSalutation", "paragraph", "body", first_line=False, before_lines=1),
}

# The GB/T look of each kind of heading (Std 7.3.3): 一、 黑体, （一） 楷体, 1. 仿宋 bold; a part of the congress
# style (2024年工作总结) 黑体, centred.
LOOKS = {
    "division": StyleSpec("", "", "paragraph", "heading1", align="center", first_line=False),
    "h1": StyleSpec("", "", "paragraph", "heading1"),
    "h2": StyleSpec("", "", "paragraph", "heading2"),
    "h3": StyleSpec("", "", "paragraph", "body", bold=True),
}


def heading_styles(kinds: set[str]) -> dict[str, StyleSpec]:
    """The headings of a draft on Word's built-in heading styles (heading 1 …, ids Heading1 …), so every client
    sees the outline, levelled by the report's real hierarchy: with parts (congress), the part is level 1 and
    一、 level 2; otherwise 一、 is level 1. Each level keeps the GB/T look of what it holds."""
    order = [kind for kind in HEADING_KINDS if kind != "division" or "division" in kinds]
    return {
        kind: LOOKS[kind]._replace(name=f"heading {level}", style_id=f"Heading{level}", outline=level - 1)
        for level, kind in enumerate(order, start=1)
    }


# A table fills the type area; the names column is widest, the units column narrow, the numbers share the rest.
NAME_COLUMN_TWIPS, UNIT_COLUMN_TWIPS = 2204, 880


def table_columns(count: int) -> list[int]:
    """Column widths in twips for a table of count columns across the type area (fixed, as WPS needs)."""
    if count <= 2:
        return [TYPE_WIDTH_TWIPS // count] * count
    rest = (TYPE_WIDTH_TWIPS - NAME_COLUMN_TWIPS - UNIT_COLUMN_TWIPS) // (count - 2)
    return [TYPE_WIDTH_TWIPS - UNIT_COLUMN_TWIPS - rest * (count - 2), UNIT_COLUMN_TWIPS, *[rest] * (count - 2)]
