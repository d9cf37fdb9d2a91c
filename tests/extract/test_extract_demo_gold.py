"""Accuracy on our own hand-labelled demo corpus (full wire-style stories, not headlines).

This guards against regressions on long reports without relying on ../shared.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from trucewatch.evaluate import evaluate

FLOORS = {"strike": 0.90, "interception": 0.90, "commitment": 0.80}


def test_demo_gold_scores() -> None:
    gold = Path(str(resources.files("trucewatch").joinpath("demo/gold.jsonl")))
    report = evaluate(gold).to_dict()
    for kind, floor in FLOORS.items():
        assert report["kinds"][kind]["f1"] >= floor, (kind, report["kinds"][kind])
    assert report["secondary"]["strike.killed_exact"]["value"] >= 0.9
