"""A heading drafter fills says no word of the clerk's item titles right under it (美化村容村貌 over 一是村庄环境持续
美化 says 美化 twice), the work's own name aside (集体经济 over 壮大村级集体经济 is the subject, not a repeat); only
where no form can be filled so does it fill one as before, so that no more sections fall back to the plain label."""

from __future__ import annotations

from drafter.compose import headings
from drafter.compose.fit import words
from tests.compose.drafts import draft_every_example


def test_a_heading_says_no_word_of_the_item_titles_under_it(monkeypatch):
    made: list[tuple[str, frozenset[str], frozenset[str]]] = []  # (heading, its phrases' words, the titles' words)
    plain: list[bool] = []
    heading, fill = headings.Headings.heading, headings.Headings.fill

    def recorded_heading(self, section, part, source):
        text = heading(self, section, part, source)
        if not section.heading:
            label = self.palette.label(tuple(section.topics))
            plain.append(text == label)
            titles = frozenset().union(*(words(i.title) for i in section.items if i.title)) - words(label)
            if made and made[-1][2] is None:
                made[-1] = (made[-1][0], made[-1][1], titles)
        return text

    def recorded_fill(self, want):
        found = fill(self, want)
        if found is not None:
            made.append((found[0], frozenset().union(*(words(o.text) for _, o in found[1])), None))
        return found

    monkeypatch.setattr(headings.Headings, "heading", recorded_heading)
    monkeypatch.setattr(headings.Headings, "fill", recorded_fill)
    draft_every_example()
    titled = [(text, mine & titles) for text, mine, titles in made if titles]
    repeats = [(text, shared) for text, shared in titled if shared]
    # 46 of 344 repeated a title's word before 4db6c26, 3 after it; 9 of 339 since a phrase about one aspect of the
    # work must hold for most of a section's items, not half (fewer phrases fit: 70 half-true headings of 306 gone)
    assert len(titled) > 200 and len(repeats) <= len(titled) // 30, repeats
    assert sum(plain) <= len(plain) // 15  # plain labels: 28 of 525 before 4db6c26, 27 after, 33 with the stricter cover


def test_a_forms_own_words_open_at_most_two_headings_of_a_part():
    """聚焦产业发展…，聚焦乡村振兴…，聚焦民生保障…，聚焦基层党建… down one plan read as a template (青石镇, topical):
    the words a form writes itself (聚焦) open at most two headings of a part where other forms can be filled."""
    import re
    from pathlib import Path

    from drafter.build.draft import BuildOptions, draft_markup
    from drafter.town.load import load_town

    root = Path(__file__).resolve().parents[2]
    for path in [*sorted((root / "examples").glob("*.yaml")), *sorted((root / "bench" / "realistic").glob("*.yaml"))]:
        town = load_town(path)
        for style in ("numbered", "topical", "congress"):
            for seed in range(6):
                markup = draft_markup(town, BuildOptions(style=style, seed=seed))
                for part in re.split(r"^@(?:h1|division) ", markup, flags=re.M):
                    heads = re.findall(r"^(?:@h[23] (?:（.）)?|@p ⟦runin:)(.{2})", part, flags=re.M)
                    assert heads.count("聚焦") <= 2, (path.name, style, seed, heads)
