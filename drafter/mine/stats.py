"""Report trees -> jieba statistics: POS collocations, PMI/entropy multi-word phrases, plan openers."""

from __future__ import annotations

import logging
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable

from drafter.mine.entries import Collector, has_mask
from drafter.mine.structure import Report
from drafter.town.lexicon import Lexicon

# A collocation is kept when seen at least this often, in at least this many reports.
MIN_COLLOCATION_FREQ = 3
MIN_COLLOCATION_REPORTS = 2
# A multi-word phrase (two adjacent words) needs this frequency, pointwise mutual information
# (log2) and entropy (bits) of the words seen on each side of it.
MIN_NGRAM_FREQ = 3
MIN_PMI = 4.0
MIN_NEIGHBOUR_ENTROPY = 1.0
ADVERB_TAGS = {"d", "ad", "a", "vd"}
# jieba's dictionary tags set phrases it keeps whole (全面落实, 切实加强, 攻坚克难) as i (idiom) or l (locution).
IDIOM_TAGS = {"i", "l"}
MIN_IDIOM_FREQ = 2
MIN_IDIOM_REPORTS = 2
NOUN_TAGS = {"n", "vn", "nz"}
CJK_WORD = re.compile(r"^[\u4e00-\u9fff]{2,}$")
CLAUSE = re.compile(r"[，。；：！？、“”（）()《》]")

Token = tuple[str, str]
Tokens = list[tuple[Report, str, int, list[list[Token]]]]
Progress = Callable[[Report], None]  # called after each report is tokenised


def tokenize(reports: list[Report], progress: Progress | None = None) -> list[tuple[Report, str, int, list[list[Token]]]]:
    """Every paragraph (opening included) -> clauses of (word, POS) tokens, via jieba.posseg."""
    import jieba
    import jieba.posseg as pseg

    jieba.setLogLevel(logging.WARNING)
    out = []
    for report in reports:
        paras = ([("opening", report.opening)] if report.opening else []) + [
            (section.kind, para) for section in report.sections() for para in section.paras
        ]
        for kind, para in paras:
            clauses = [c for c in CLAUSE.split(para.text) if c]
            out.append((report, kind, para.line, [[(w.word, w.flag) for w in pseg.cut(c, HMM=False)] for c in clauses]))
        if progress:
            progress(report)
    return out


def mine_collocations(tokens: Tokens, lexicon: Lexicon) -> Collector:
    """Adverb+verb and verb+noun pairs (扎实推进, 全面落实, 推进建设) by jieba POS tags."""
    out = Collector()
    for report, _, line, clauses in tokens:
        for clause in clauses:
            for (w1, t1), (w2, t2) in zip(clause, clause[1:]):
                if not (CJK_WORD.match(w1) and CJK_WORD.match(w2)):
                    continue
                if t1 in ADVERB_TAGS and t2 == "v":
                    pattern = "adverb+verb"
                elif t1 == "v" and t2 in NOUN_TAGS:
                    pattern = "verb+noun"
                else:
                    continue
                text = w1 + w2
                out.add((pattern, text), report.name, line, lexicon.tag(text, ""), text=text, pattern=pattern)
    return out


def mine_idioms(tokens: Tokens, lexicon: Lexicon) -> Collector:
    """Set phrases jieba keeps as one token and tags as idiom or locution (全面落实, 攻坚克难)."""
    out = Collector()
    for report, _, line, clauses in tokens:
        for clause in clauses:
            for word, tag in clause:
                if tag in IDIOM_TAGS and len(word) >= 4 and CJK_WORD.match(word):
                    out.add((word,), report.name, line, lexicon.tag(word, ""), text=word, tag=tag)
    return out


def entropy(counter: Counter) -> float:
    """Shannon entropy (bits) of a neighbour distribution."""
    total = sum(counter.values())
    return -sum(c / total * math.log2(c / total) for c in counter.values()) if total else 0.0


def mine_ngrams(tokens: Tokens) -> Collector:
    """Formulaic two-word phrases: frequent, high PMI, varied neighbours on both sides."""
    words: Counter = Counter()
    pairs: Counter = Counter()
    left: dict[tuple[str, str], Counter] = defaultdict(Counter)
    right: dict[tuple[str, str], Counter] = defaultdict(Counter)
    where: dict[tuple[str, str], list[tuple[str, int]]] = defaultdict(list)
    for report, _, line, clauses in tokens:
        for clause in clauses:
            seq = [w for w, _ in clause]
            words.update(seq)
            for i in range(len(seq) - 1):
                pair = (seq[i], seq[i + 1])
                pairs[pair] += 1
                left[pair][seq[i - 1] if i > 0 else "<s>"] += 1
                right[pair][seq[i + 2] if i + 2 < len(seq) else "</s>"] += 1
                where[pair].append((report.name, line))
    n_words, n_pairs = sum(words.values()), sum(pairs.values())
    out = Collector()
    for pair, count in pairs.items():
        if count < MIN_NGRAM_FREQ or not all(CJK_WORD.match(w) for w in pair) or has_mask("".join(pair)):
            continue
        pmi = math.log2((count / n_pairs) / ((words[pair[0]] / n_words) * (words[pair[1]] / n_words)))
        ent = min(entropy(left[pair]), entropy(right[pair]))
        if pmi >= MIN_PMI and ent >= MIN_NEIGHBOUR_ENTROPY:
            text = "".join(pair)
            for name, line in where[pair]:
                b = out.add((text,), name, line, text=text)
            b.data.update(pmi=round(pmi, 2), entropy=round(ent, 2))
    return out


def mine_plan_openers(tokens: Tokens, lexicon: Lexicon) -> Collector:
    """Clause openers of plan parts that start with a plan cue (力争, 确保, 全力推进 …)."""
    out = Collector()
    cues = set(lexicon.cues["plan"])
    for report, kind, line, clauses in tokens:
        if kind != "plan":
            continue
        for clause in clauses:
            if len(clause) < 2 or clause[0][0] not in cues:
                continue
            (w1, _), (w2, t2) = clause[0], clause[1]
            text = w1 + w2 if t2 == "v" and CJK_WORD.match(w2) else w1
            out.add(("plan", text), report.name, line, role="plan", text=text)
    return out
