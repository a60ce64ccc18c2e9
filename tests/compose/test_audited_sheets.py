"""Issue #19.1: a topic sheet whose every entry says what it claims is held to compose/claims.py's pattern list — an
entry that names an act is an act (said only where the clerk names it), one that asserts an outcome is an outcome (or
an act) — and keeps the variety batch builds rely on."""

from __future__ import annotations

import pytest

from drafter.compose.claims import acts, outcomes
from drafter.compose.palette import COUNTY_SAFE
from drafter.compose.wording import load_wording

SHEETS = load_wording().sheets
AUDITED = sorted(t for t, s in SHEETS.items() if all(e.claim for es in s.entries.values() for e in es))


def test_some_sheets_are_audited():
    assert AUDITED


@pytest.mark.parametrize("topic", AUDITED)
def test_an_audited_entry_claims_what_its_words_say(topic):
    wrong = []
    for field, entries in SHEETS[topic].entries.items():
        for e in entries:
            if acts(e.text) and e.claim != "act":
                wrong.append((field, e.text, e.claim, "names an act", acts(e.text)))
            if outcomes(e.text) and e.claim not in ("outcome", "act"):
                wrong.append((field, e.text, e.claim, "asserts an outcome", outcomes(e.text)))
            if field == "approaches" and e.claim != "manner":
                wrong.append((field, e.text, e.claim, "an approach is said as how the work was done", []))
            if field == "projects" and e.claim != "act":
                wrong.append((field, e.text, e.claim, "a 工程 name is the clerk's to give", []))
    assert wrong == []


@pytest.mark.parametrize("topic", AUDITED)
def test_an_audited_sheet_keeps_its_variety(topic):
    sheet = SHEETS[topic]
    assert len(sheet.get("actions")) >= 7
    assert len(sheet.get("aims")) >= 7
    assert len([e for e in sheet.get("plan_leads") if len(e.text) <= COUNTY_SAFE]) >= 5
