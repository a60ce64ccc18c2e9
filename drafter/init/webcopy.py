"""Last year's report as copied from a web page, a PDF or a 文库 preview -> clean report lines: site furniture
dropped (its title and publisher kept aside), half-width punctuation made full-width, spaces inside Chinese
removed, hard wraps joined, and parts run together on one line split again."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

CJK = "\u4e00-\u9fff"
NUM = "一二三四五六七八九十"
# Site furniture: metadata labels, breadcrumbs, page tools, 文库 chrome. Matched after spaces are removed.
FURNITURE = re.compile(
    r"^(?:索引号|主题词|主题分类|公开方式|公开范围|公开时限|发布机构|发文机构|发文机关|发布机关|发布日期|发布时间|成文日期|生效日期|"
    r"著录日期|更新时间|文号|发文字号|有效性|体裁分类|浏览次数|点击数|点击率|来源|信息来源|原文链接|政策解读链接|附件|"
    r"当前位置|当前页面|您的位置|您现在的位置|首页|无障碍|长者模式|打印|字体|字号|关闭|打印本页|关闭窗口|名称[:：]|.{0,20}信息公开(?:目录|规章库)?$|政府信息公开|"
    r"上传人|文档编号|收藏|分享|下载|资源描述|VIP|侵权投诉|海报|扫一扫|相关阅读|相关链接|责任编辑|编辑|审核|分享到)"
)
PAGE_CHROME = re.compile(
    r"^(?:第\d+页/共\d+页|.*\.docx?_第\d+页|亲，该文档.*|[\d\-:\s.]+|\d+\+?|[\d.]+[KM]B|\d+页|（此件公开发布）|"
    r"\[.*\]|\|[|\s]*|·.*)$"
)
META_KEYS = {"title": ("标题", "名称"), "publisher": ("发布机构", "发文机构", "发文机关", "发布机关", "信息来源", "来源")}
META_VALUE = {name: re.compile("(?:" + "|".join(r"\s*".join(key) for key in keys) + r")\s*[:：]\s*\|?\s*([^|\s:：]+)")
              for name, keys in META_KEYS.items()}
HALF = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！"}
SENTENCE_END = "。；！？：”…"
PART_WORD = r"(?:工作回顾|工作总结|主要工作|工作推进情况|工作开展情况|工作亮点|完成情况|工作计划|工作打算|工作安排|工作思路|工作谋划|工作要点|重点任务)"
# A part heading whose text runs straight on into its first paragraph: "一、2022年主要工作2022年以来，…"
RUN_ON_PART = re.compile(rf"^((?:[{NUM}]+、)?[^，。：]{{0,16}}?{PART_WORD}(?:情况)?)(?=\d{{4}}年|一年来|过去|今年|刚刚|[（(][{NUM}])")
# Marks that start a new line when they follow the end of a sentence inside a line.
SPLIT_BEFORE = re.compile(rf"(?<=[。！？；：])\s*(?=[（(][{NUM}]+[）)]|[{NUM}]+、(?![{NUM}]))|(?=各位代表[：:])|(?<=各位代表：)"
                          r"|(?<=[。！？])(?=(?:一年来|这一年|过去一年)，我们)")
REVIEW_LEAD = re.compile(r"^(?:一年来|这一年|过去一年|过去的一年)，我们(?!主要|重点|着力做了|做了)[^。！：]{4,40}?(?:[。！]|$)")


@dataclass
class Cleaned:
    """Report lines, the title and front matter (occasion, speaker, issuer, date lines) set aside, and what the
    page's metadata said (标题, 发布机构)."""

    lines: list[str]
    title: str = ""
    front: list[str] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    congress: bool = False


def normalise(line: str) -> str:
    """Full-width punctuation after Chinese, Chinese parentheses, no spaces inside Chinese, NFKC digits."""
    line = unicodedata.normalize("NFKC", line.replace("\u3000", " ").replace("\xa0", " ")).strip(" \t•·")
    line = re.sub(rf"(?<=[{CJK}\d”）)%])\s*([,:;?!])", lambda m: HALF[m.group(1)], line)
    line = re.sub(rf"([,:;])(?=[{CJK}“])", lambda m: HALF[m.group(1)], line)
    line = re.sub(rf"\(([^()]*[{CJK}][^()]*)\)", r"（\1）", line)
    line = re.sub(r"\s*（\s*略\s*）\s*", "", line)
    for _ in range(2):
        line = re.sub(rf"(?<=[{CJK}\d.%，。；：、“”（）])[ \t]+(?=[{CJK}\d“”（）])", "", line)
        line = re.sub(rf"(?<=[{CJK}“”（），。；：、])[ \t]+(?=[\d.])", "", line)
    line = re.sub(r"\.(?:docx?|pdf|wps)$", "", line)
    return line.rstrip(".").rstrip("…") if line.endswith(("...", "…")) else line


def furniture(line: str) -> bool:
    """True for a line of the site around the report, not the report."""
    bare = line.replace(" ", "").lstrip("[【")
    return bool(FURNITURE.match(bare) or PAGE_CHROME.match(line.replace(" ", "")) or bare.count("|") >= 2)


def metadata(lines: list[str]) -> dict[str, str]:
    """标题 and publisher from the page's metadata lines."""
    out: dict[str, str] = {}
    for line in lines:
        for name, pattern in META_VALUE.items():
            found = pattern.search(line)
            if found and name not in out and re.search(f"[{CJK}]", found.group(1)):
                out[name] = normalise(found.group(1))
    return out


def hard_wrapped(lines: list[str]) -> int:
    """The width a PDF or page copy wrapped its lines at (0 when it did not): several lines reach one length and
    hardly any is longer."""
    long = [len(line) for line in lines if len(line) >= 15]
    counts = Counter(long)
    widths = [w for w in counts if sum(c for n, c in counts.items() if abs(n - w) <= 2) >= 3]
    for width in sorted(widths, reverse=True):
        if sum(n > width + 3 for n in long) <= 0.1 * len(long):
            return width
    return 0


def is_heading(line: str) -> bool:
    """A numbered heading or a lead-in mark at the start of a line."""
    return bool(re.match(rf"^(?:[{NUM}]+、|[（(][{NUM}]+[）)]|\d{{1,2}}[、.．](?!\d)|[{NUM}]+是|各位代表|——)", line))


def join_wraps(lines: list[str]) -> list[str]:
    """Hard-wrapped lines joined back into paragraphs; a 文库 preview's page-chunk numbers (“2、” before a figure)
    dropped; an occasion line wrapped after 第X届 joined to its 会议上."""
    width = hard_wrapped(lines)
    out: list[str] = []
    for line in lines:
        chunk = re.match(r"^\d{1,2}、(?=\d)", line)
        if chunk and out and chunk.group(0) != "1、" and not out[-1].endswith(tuple(SENTENCE_END)):
            out[-1] += line[chunk.end():]
            continue
        if chunk:
            line = line[chunk.end():]
        prev = out[-1] if out else ""
        wrapped = width and len(prev) >= width - 2 and not prev.endswith(tuple(SENTENCE_END)) and not is_heading(line)
        tiny = width and prev and len(prev) <= 2 and not prev.endswith(tuple(SENTENCE_END))
        occasion = prev.startswith("——") and "会议" not in prev and "会议" in line
        if wrapped or tiny or occasion:
            out[-1] += line
        else:
            out.append(line)
    return out


def split_runs(line: str) -> list[str]:
    """A line holding several parts (a 文库 preview, a page that lost its line breaks) -> one line per part."""
    pieces = [p.strip() for p in SPLIT_BEFORE.split(line) if p and p.strip()]
    out: list[str] = []
    for piece in pieces:
        run = RUN_ON_PART.match(piece)
        if run and len(piece) > run.end() + 10:
            out += [piece[: run.end()], piece[run.end():]]
        else:
            out.append(piece)
    return out


TITLE_WORDS = re.compile(r"(?:政府工作报告|工作报告|工作总结|工作计划|工作谋划|工作要点|工作打算|工作安排|工作思路|年度总结)")
FRONT = re.compile(r"^(?:——|在.{2,20}?人民代表大会.*会议上|.{0,16}(?:镇长|乡长|主任|书记)[\u4e00-\u9fff]{1,4}$|\d{4}年\d{1,2}月\d{1,2}日$|"
                   r"中共.{2,20}委员会$|.{2,24}人民政府$|.{2,20}党委$)")


def front_matter(lines: list[str]) -> Cleaned:
    """The title, an 印发 notice around it, the occasion, speaker, issuer and date lines, and 各位代表/现在我代表
    set aside from the report's body."""
    cleaned = Cleaned([])
    cleaned.front = []
    notice = next((i for i, line in enumerate(lines[:6]) if "关于印发" in line and "通知" in line), None)
    start = 0
    if notice is not None:
        later = next((i for i in range(notice + 1, min(len(lines), notice + 12)) if TITLE_WORDS.search(lines[i])
                      and "印发" not in lines[i] and len(lines[i]) <= 40 and "，" not in lines[i]), None)
        start = later if later is not None else notice + 1
        cleaned.front = lines[notice:start]
    body_start = start
    for i in range(start, min(len(lines), start + 10)):
        line = lines[i]
        short = len(line) <= 40 and not re.search(r"[，。；]", line)
        titled = short and TITLE_WORDS.search(line) and not re.match(rf"^[{NUM}]+、", line)
        if titled and not cleaned.title:
            cleaned.title = line
        elif titled and ("报告" in line or len(TITLE_WORDS.findall(line)) >= 2 or line[:3] == cleaned.title[:3]):
            pass
        elif line.startswith("各位代表"):
            cleaned.congress = True
        elif re.match(r"^现在，我代表", line) or (short and FRONT.match(line)):
            pass
        else:
            break
        cleaned.front.append(line)
        body_start = i + 1
    cleaned.lines = lines[body_start:]
    return cleaned


def number_leads(lines: list[str]) -> list[str]:
    """Section leads a report writes without a number: "一年来，我们…，…。" (a congress report's sections), and a
    first section whose （一） the copy lost while its （二） is there, become （N） headings."""
    out: list[str] = []
    part_at = 0
    for line in lines:
        part = len(line) <= 30 and re.search(PART_WORD, line) and "，" not in line
        if re.match(rf"^[{NUM}]+、", line) or part:
            part_at = len(out) + 1
        lead = REVIEW_LEAD.match(line)
        after = bool(out) and (not re.match(rf"^(?:[{NUM}]+、|[（(][{NUM}]+[）)])", out[-1]) or bool(re.search(PART_WORD, out[-1])))
        if lead and "的是" not in lead.group(0) and "，" in lead.group(0) and after:
            out.append(f"（一）{line}")
            continue
        if re.match(r"^[（(]二[）)]", line) and not any(re.match(r"^[（(]一[）)]", x) for x in out[part_at:]):
            for j in range(part_at, len(out)):
                if len(out[j]) <= 40 and "，" in out[j] and not re.search(r"[。；！？]", out[j][:-1]) and not out[j].endswith("："):
                    out[j] = f"（一）{out[j]}"
                    break
        out.append(line)
    return out


def clean(text: str) -> Cleaned:
    """A report's text as copied -> its lines for the parser, with its title and front matter aside."""
    raw = [normalise(line) for line in text.splitlines()]
    meta = metadata([line for line in text.splitlines() if line.strip()])
    lines = [line for line in raw if line and not furniture(line)]
    lines = join_wraps(lines)
    lines = [piece for line in lines for piece in split_runs(line)]
    lines = [re.sub(r"关键词\d+", "", line) for line in lines]
    cleaned = front_matter(lines)
    cleaned.lines = number_leads(cleaned.lines)
    cleaned.meta = meta
    if not cleaned.title and meta.get("title"):
        cleaned.title = meta["title"]
    return cleaned
