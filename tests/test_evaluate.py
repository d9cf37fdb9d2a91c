"""The scorer follows the guide's Scoring section exactly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from trucewatch.errors import InputError
from trucewatch.evaluate import read_gold, score


def _strike(attacker: str, admin1: str | None, **extra: object) -> dict:
    return {"kind": "strike", "attacker": attacker, "country": "UA", "admin1": admin1,
            "weapon": "drone", "targets": ["energy"], "killed": None, "injured": None, **extra}


def test_keys_match_and_secondary_metrics() -> None:
    gold = [{"id": "a", "text": "x", "events": [
        _strike("RU", "UA-59", killed=3),
        {"kind": "interception", "claimant": "UA", "weapon": "drone", "launched": 10, "intercepted": 8},
        {"kind": "commitment", "party": "RU", "stance": "agreed", "scope": "energy"},
    ]}]
    predicted = [
        _strike("RU", "UA-59", weapon="missile", targets=["energy", "medical"], killed=3),
        _strike("RU", "UA-63"),
        {"kind": "interception", "claimant": "UA", "weapon": "drone", "launched": 10, "intercepted": 7},
    ]
    report = score(gold, lambda doc: predicted)
    assert (report.kinds["strike"].tp, report.kinds["strike"].predicted, report.kinds["strike"].gold) == (1, 2, 1)
    assert report.kinds["strike"].precision == 0.5
    assert report.kinds["commitment"].recall == 0.0
    assert report.kinds["interception"].f1 == 1.0
    sec = report.to_dict()["secondary"]
    assert sec["strike.weapon_accuracy"]["value"] == 0.0
    assert sec["strike.targets_f1"]["value"] == pytest.approx(2 / 3)
    assert sec["strike.killed_exact"]["value"] == 1.0
    assert "strike.injured_exact" not in sec  # gold has no number
    assert sec["interception.launched_exact"]["value"] == 1.0
    assert sec["interception.intercepted_exact"]["value"] == 0.0
    assert report.errors[0]["missed"] == [["commitment", "RU", "agreed", "energy"]]


def test_duplicate_keys_count_as_a_multiset() -> None:
    gold = [{"id": "a", "text": "x", "events": [_strike("RU", "UA-59")]}]
    report = score(gold, lambda doc: [_strike("RU", "UA-59"), _strike("RU", "UA-59")])
    assert (report.kinds["strike"].tp, report.kinds["strike"].predicted) == (1, 2)


def test_bad_gold_line_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"text": "a", "events": []}) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        list(read_gold(path))
    assert str(info.value).startswith(f"{path}:2: invalid JSON")
