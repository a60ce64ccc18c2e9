"""The quick converters give the same Town as schema.validate for every valid town file, and leave every file with a
problem to it (so the clerk reads the same messages)."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.town import quickschema
from drafter.town.load import read_town_data
from drafter.town.model import Town
from drafter.town.schema import Invalid, validate
from tests.conftest import EXAMPLES, ROOT

VALID = sorted(EXAMPLES.glob("*.yaml")) + sorted((ROOT / "bench" / "realistic").glob("*.yaml"))


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_a_valid_town_file_gives_the_same_town_either_way(path: Path) -> None:
    data, _ = read_town_data(path)
    assert quickschema.record_converter(Town)(data) == validate(Town, data)


def test_generated_towns_give_the_same_town_either_way(tmp_path: Path) -> None:
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    from towns import write_towns

    for path in write_towns(tmp_path, 40):
        data, _ = read_town_data(path)
        assert quickschema.record_converter(Town)(data) == validate(Town, data)


BROKEN = {
    "unknown key": {"colour": "红"},
    "missing year": {"year": None},
    "year out of range": {"year": 1990},
    "text for a number": {"indicators": [{"name": "总产值", "value": "23,450", "unit": "万元"}]},
    "negative amount": {"indicators": [{"name": "总产值", "value": -1, "unit": "万元"}]},
    "markup character": {"superior": "县委⟦"},
    "control character": {"superior": "县委\x07"},
    "unknown topic": {"sections": [{"topic": "不存在的话题", "items": []}]},
    "a date that is text": {"date": "昨天"},
    "bool for a number": {"indicators": [{"name": "总产值", "value": True, "unit": "万元"}]},
}


@pytest.mark.parametrize("change", BROKEN.values(), ids=BROKEN.keys())
def test_a_file_with_a_problem_is_left_to_schema_validate(change: dict) -> None:
    data, _ = read_town_data(EXAMPLES / "青石镇.yaml")
    data.update(change)
    with pytest.raises(quickschema.Slow):
        quickschema.record_converter(Town)(data)
    with pytest.raises(Invalid) as slow:
        validate(Town, data)
    with pytest.raises(Invalid) as both:
        quickschema.validated(Town, data)
    assert both.value.issues == slow.value.issues and slow.value.issues
