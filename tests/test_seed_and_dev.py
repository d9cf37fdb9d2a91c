"""End to end on the founding seed report and the dev set (read from ../shared at run time)."""

from __future__ import annotations

import json
from pathlib import Path

from trucewatch import extract
from trucewatch.evaluate import event_key, evaluate

# Targets of issue #2 (and of the README).
DEV_TARGETS = {"strike": 0.90, "interception": 0.90, "commitment": 0.75}


def test_seed_gives_all_gold_events_and_nothing_else(shared: Path) -> None:
    gold = json.loads((shared / "seed" / "seed.jsonl").read_text(encoding="utf-8").splitlines()[0])
    text = (shared / "seed" / "000_26d218c07157ab62.txt").read_text(encoding="utf-8")
    result = extract(text)  # published comes from the `date` line
    assert str(result.published) == gold["published"]
    predicted = sorted(map(str, (event_key(e.to_dict()) for e in result.events)))
    assert predicted == sorted(map(str, (event_key(e) for e in gold["events"])))
    by_key = {event_key(e.to_dict()): e.to_dict() for e in result.events}
    for g in gold["events"]:
        p = by_key[event_key(g)]
        for name in ("weapon", "launched", "intercepted", "killed", "injured", "water", "place"):
            if name in g:
                assert p[name] == g[name], (name, g)
        if "targets" in g:
            assert set(p["targets"]) == set(g["targets"])
        if g["kind"] == "interception":
            assert p["admin1"] == g["admin1"]
        assert text[p["span"][0]:p["span"][1]] == p["quote"]


def test_dev_scores_meet_the_targets(shared: Path) -> None:
    report = evaluate(shared / "eval" / "dev.jsonl").to_dict()
    for kind, target in DEV_TARGETS.items():
        assert report["kinds"][kind]["f1"] >= target, (kind, report["kinds"][kind])
    for name in ("interception.launched_exact", "interception.intercepted_exact"):
        assert report["secondary"][name]["value"] >= 0.90, (name, report["secondary"][name])
