"""Report trees -> text-level phrase categories: openings, headings, lead-ins, verdicts, clause phrases."""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafter.mine.entries import YEAR, Collector, has_mask, slotify
from drafter.mine.structure import Para, Report, Section
from drafter.town.lexicon import Lexicon

CLAUSE = re.compile(r"[，。；：！？]")
SENTENCE = re.compile(r"(?<=[。！？])")
DIGIT = re.compile(r"[0-9]")
# A heading literal is a prefix or suffix shared by at least this share of its sibling headings.
LITERAL_SHARE = 0.6
# Sibling headings are aligned into a formula only in groups of at least this many.
MIN_SIBLINGS = 3
# A slot is a field (领域) when at least this share of its fillers names a topic.
FIELD_SHARE = 0.5
# A heading without a comma ("凝心聚力狠抓项目建设") opens with a resolve phrase (举措) this long.
ACTION_LEN = 4
# Clause-length windows (characters) for result, problem and verdict phrases.
RESULT_LEN = (4, 12)
PROBLEM_LEN = (4, 24)
TOWN_REFS = [(re.compile(r"我([乡镇])"), "我{乡镇}"), (re.compile(r"全([乡镇])"), "全{乡镇}"),
             (re.compile(r"(?<![县市省区])([乡镇])(政府|党委|人民政府)"), r"{乡镇}\2"),
             (re.compile(r"\*+([乡镇])"), "{乡镇名}")]
LEADERSHIP = re.compile(r"在(.+?)的(正确|坚强|坚定)?领导下")
QUOTED = re.compile(r"“[^”]+”")


def clauses(text: str) -> list[str]:
    """Text split at clause punctuation, stripped, empty ones dropped."""
    return [c.strip() for c in CLAUSE.split(text) if c.strip()]


def report_year(report: Report) -> int | None:
    """The year a report sums up: named in its title or opening, else in a review heading,
    else one before the year of a plan heading ('三、2023年重点工作打算' -> 2022)."""
    for text in (report.title or "", report.opening.text if report.opening else ""):
        match = YEAR.search(text)
        if match:
            return int(match.group(0))
    for part in report.parts:
        match = YEAR.search(part.heading)
        if match and part.kind in ("review", "indicators"):
            return int(match.group(0))
        if match and part.kind == "plan":
            return int(match.group(0)) - 1
    return None


def town_name(report: Report) -> str | None:
    """The town's own name from the title ('斋坛乡2022年…' -> '斋坛乡'), if any."""
    match = re.match(r"^(.{1,6}?[乡镇])(?=\d{4}|20)", report.title or "")
    return match.group(1) if match else None


def generalise(text: str, report: Report) -> str:
    """Town names, 乡/镇 references and the report's years -> slots; masks -> slots."""
    name = town_name(report)
    if name:
        text = text.replace(name, "{乡镇名}")
    year = report_year(report)
    if year:
        text = re.sub(rf"(?<![0-9]){year}(?![0-9])", "{年}", text)
        text = re.sub(rf"(?<![0-9]){year + 1}(?![0-9])", "{次年}", text)
    for pattern, repl in TOWN_REFS:
        text = pattern.sub(repl, text)
    return slotify(text)


def opening_role(clause: str, lexicon: Lexicon) -> str:
    """Role of a clause of the opening paragraph."""
    if "如下" in clause:
        return "report"
    if "领导下" in clause:
        return "leadership"
    if "为指导" in clause or ("精神" in clause and "贯彻" in clause):
        return "guidance"
    if "“" in clause and re.search(r"目标|要求|抓手|契机|动力|主线|总目标", clause):
        return "goal"
    if any(c in clause for c in lexicon.cues["result"]):
        return "result"
    if clause.endswith("以来") and len(clause) <= 8:
        return "time"
    return "other"


def mine_openings(reports: list[Report], lexicon: Lexicon) -> Collector:
    """Opening paragraphs -> clause patterns by role (leadership, guidance, goal, report, result …)."""
    out = Collector()
    for report in reports:
        if not report.opening:
            continue
        for clause in clauses(report.opening.text):
            role = opening_role(clause, lexicon)
            text = generalise(clause, report)
            if role == "leadership":
                text = LEADERSHIP.sub(lambda m: f"在{{上级}}的{m.group(2) or ''}领导下", text)
            elif role == "goal":
                text = QUOTED.sub("“{目标}”", text)
            out.add((role, text), report.name, report.opening.line, role=role, text=text)
    return out


def common_affix(values: list[str], suffix: bool) -> str:
    """Longest prefix (or suffix) shared by at least LITERAL_SHARE of values."""
    need = max(2, int(len(values) * LITERAL_SHARE + 0.999))
    best = ""
    for size in range(1, min(len(v) for v in values)):
        counts: dict[str, int] = {}
        for v in values:
            piece = v[-size:] if suffix else v[:size]
            counts[piece] = counts.get(piece, 0) + 1
        piece, count = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
        if count < need:
            break
        best = piece
    return best


def quotes_paired(text: str) -> bool:
    """True when every opening quote of text is closed in it (工程” alone is not a literal to keep)."""
    return text.count("“") == text.count("”")


def names_topic(text: str, lexicon: Lexicon) -> bool:
    """True when text contains a topic label or keyword."""
    return any(k in text for t in lexicon.topics for k in (t.label, *t.keywords))


def align(headings: list[str], lexicon: Lexicon) -> tuple[str, list[tuple[str, str, str]]]:
    """Sibling headings -> (formula with {slots}, [(slot, heading, filler)])."""
    halves = [h.split("，", 1) if "，" in h else [h] for h in headings]
    width = min(len(h) for h in halves)
    parts: list[str] = []
    fills: list[tuple[str, str, str]] = []
    used: set[str] = set()
    for i in range(width):
        values = [h[i] for h in halves]
        pre, suf = common_affix(values, False), common_affix(values, True)
        pre, suf = (pre if quotes_paired(pre) else ""), (suf if quotes_paired(suf) else "")
        fits = all(v.startswith(pre) and v.endswith(suf) and len(v) > len(pre) + len(suf) for v in values)
        if fits:
            inner = [v[len(pre) : len(v) - len(suf)] for v in values]
        else:
            pre, suf = "", ""
            inner = values
        share = sum(names_topic(x, lexicon) for x in inner) / len(inner)
        slot = "领域" if share >= FIELD_SHARE and "领域" not in used else ("举措" if i == 0 else "成效")
        used.add(slot)
        parts.append(f"{pre}{{{slot}}}{suf}")
        fills.extend((slot, h, x) for h, x in zip(headings, inner))
    return "，".join(parts), fills


def formula_parts(formula: str) -> list[dict[str, str]]:
    """'坚持{领域}，在{成效}' -> [{text: 坚持}, {slot: 领域}, {text: ，在}, {slot: 成效}]."""
    parts = []
    for piece in re.split(r"(\{[^{}]+\})", formula):
        if piece:
            parts.append({"slot": piece[1:-1]} if piece.startswith("{") else {"text": piece})
    return parts


def heading_groups(report: Report) -> list[tuple[str, int, list[tuple[Section | Para, str]]]]:
    """Sibling heading groups of a report: (part kind, level, [(node, heading)])."""
    groups: list[tuple[str, int, list[tuple[Section | Para, str]]]] = []
    for part in report.parts:
        if part.children:
            children: list[tuple[Section | Para, str]] = [(c, c.heading) for c in part.children]
            groups.append((part.kind, 2, children))
        runins: list[tuple[Section | Para, str]] = [(p, p.runin) for p in part.paras if p.runin and "，" in p.runin]
        if runins:
            groups.append((part.kind, 3, runins))
    top = [p for p in report.parts if p.level == 1 and not p.synthetic and p.heading and p.kind in ("review", "plan")]
    for kind in ("review", "plan"):
        siblings: list[tuple[Section | Para, str]] = [(p, p.heading) for p in top if p.kind == kind and "，" in p.heading]
        if siblings:
            groups.append((kind, 1, siblings))
    return groups


def mine_headings(reports: list[Report], lexicon: Lexicon) -> dict[str, Collector]:
    """Heading formulas by style/part/level, and their slot fillers (举措, 领域, 成效)."""
    formulas, fillers = Collector(), Collector()
    for report in reports:
        for kind, level, group in heading_groups(report):
            if len(group) < MIN_SIBLINGS:
                continue
            texts = [slotify(h) for _, h in group]
            formula, fills = align(texts, lexicon)
            examples: dict[str, list[str]] = {}
            for node, text in group:
                topics = node.topics if isinstance(node, Section) else lexicon.tag(text, node.text)
                b = formulas.add((report.style, kind, str(level), formula), report.name, node.line, topics,
                                 pattern=formula, parts=formula_parts(formula), style=report.style, part=kind, level=level)
                b.data.setdefault("examples", [])
            for slot, heading, filler in fills:
                node = next(n for n, h in group if slotify(h) == heading)
                topics = node.topics if isinstance(node, Section) else lexicon.tag(heading, node.text)
                examples.setdefault(slot, []).append(filler)
                if "{名}" not in filler and filler:
                    fillers.add((report.style, kind, formula, slot, filler), report.name, node.line, topics,
                                pattern=formula, style=report.style, part=kind, slot=slot, text=filler)
            if "，" not in formula:
                for node, text in group:
                    opener = text[:ACTION_LEN]
                    if len(text) >= 2 * ACTION_LEN and not names_topic(opener, lexicon):
                        fillers.add((report.style, kind, formula, "举措", opener), report.name, node.line, (),
                                    pattern=formula, style=report.style, part=kind, slot="举措", text=opener)
            bucket = formulas.buckets[(report.style, kind, str(level), formula)]
            bucket.data["examples"] = sorted(set(bucket.data["examples"]) | {h for h in texts})
    return {"formulas": formulas, "fillers": fillers}


def section_paras(report: Report, kinds: tuple[str, ...]) -> Iterator[tuple[Section, Para]]:
    """(section, para) pairs of the sections of the given kinds."""
    for section in report.sections():
        if section.kind in kinds:
            for para in section.paras:
                yield section, para


def mine_leadins(reports: list[Report]) -> Collector:
    """'一是X。' titles by part kind and topic."""
    out = Collector()
    for report in reports:
        for section, para in section_paras(report, ("review", "plan")):
            for leadin in para.leadins:
                if leadin.title:
                    text = slotify(leadin.title)
                    out.add((section.kind, text), report.name, para.line, section.topics, text=text, part=section.kind)
    return out


def mine_verdicts(reports: list[Report], lexicon: Lexicon) -> Collector:
    """Short verdict sentences opening topical paragraphs ('招商引资成效显著')."""
    out = Collector()
    for report in reports:
        for _, para in section_paras(report, ("review", "indicators")):
            if para.runin and "，" not in para.runin and not para.leadins:
                topics = lexicon.tag(para.runin, para.text)
                out.add((para.runin,), report.name, para.line, topics, text=para.runin)
    return out


# A result tail ("稳步推进", "取得新进展") has this many characters.
TAIL_LEN = (4, 5)


def leading_topic_words(text: str, lexicon: Lexicon) -> int:
    """Length of the run of topic keywords or labels that text starts with."""
    words = sorted({k for t in lexicon.topics for k in (t.label, *t.keywords)}, key=len, reverse=True)
    pos = 0
    while True:
        word = next((w for w in words if text.startswith(w, pos)), None)
        if word is None:
            return pos
        pos += len(word)


def mine_tails(reports: list[Report], lexicon: Lexicon) -> Collector:
    """Result tails: a verdict's last four characters when its subject opens with topic words
    ('民生福祉持续增进' -> 持续增进), and what follows the topic words that open a heading half."""
    out = Collector()
    for report in reports:
        for _, para in section_paras(report, ("review", "indicators")):
            runin = para.runin
            if runin and "，" not in runin and not para.leadins and len(runin) >= 6:
                if leading_topic_words(runin, lexicon) > 0:
                    topics = lexicon.tag(runin, para.text)
                    out.add(("tail", runin[-4:]), report.name, para.line, topics, role="tail", text=runin[-4:])
        for _, _, group in heading_groups(report):
            for node, heading in group:
                for half in heading.split("，")[1:]:
                    start = leading_topic_words(half, lexicon)
                    tail = half[start:]
                    if start and TAIL_LEN[0] <= len(tail) <= TAIL_LEN[1] and "“" not in tail:
                        topics = node.topics if isinstance(node, Section) else lexicon.tag(heading, node.text)
                        out.add(("tail", tail), report.name, node.line, topics, role="tail", text=tail)
    return out


def mine_clause_phrases(reports: list[Report], lexicon: Lexicon) -> Collector:
    """Result, problem, transition and closing phrases, keyed by role."""
    out = Collector()
    cues = lexicon.cues
    for report in reports:
        for section, para in section_paras(report, ("review", "problems", "thanks", "plan")):
            text = para.text
            for clause in clauses(text):
                clause = re.sub(r"^(主要表现在|[一二三四五六七八九十]是)", "", clause)
                if DIGIT.search(clause) or has_mask(clause):
                    continue
                lo, hi = RESULT_LEN if section.kind == "review" else PROBLEM_LEN
                if not lo <= len(clause) <= hi:
                    continue
                if section.kind == "review" and any(c in clause for c in cues["result"]):
                    out.add(("result", clause), report.name, para.line, section.topics, role="result", text=clause)
                elif section.kind == "problems" and any(c in clause for c in cues["problem"]):
                    out.add(("problem", clause), report.name, para.line, role="problem", text=clause)
            for index, sentence in enumerate(s.strip() for s in SENTENCE.split(text) if s.strip()):
                first = clauses(sentence)[0] if clauses(sentence) else ""
                if section.kind == "thanks" or any(first.startswith(c) for c in cues["closing"]):
                    role = "closing"
                elif any(first.startswith(c) for c in cues["transition"]):
                    role = "transition"
                elif section.kind == "problems" and index == 0 and ("但" in sentence or sentence.endswith("：")):
                    role = "problem_intro"
                else:
                    continue
                pattern = generalise(sentence, report)
                out.add((role, pattern), report.name, para.line, role=role, text=pattern)
    return out
