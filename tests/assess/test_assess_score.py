"""The findings gold and its scoring: matching rules, bad lines, and the demo's floors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from trucewatch.assess import Grade
from trucewatch.assess.score import GoldFinding, load_findings_gold
from trucewatch.errors import InputError

DEMO_GOLD = Path(__file__).parents[2] / "src" / "trucewatch" / "demo" / "findings_gold.jsonl"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "trucewatch", *args], capture_output=True,
                          text=True, timeout=300)


def test_the_demo_findings_gold_reads_and_names_real_agreements() -> None:
    gold = load_findings_gold(DEMO_GOLD)
    assert len(gold) >= 15 and all(isinstance(g, GoldFinding) and g.why for g in gold)
    assert {g.agreement for g in gold} == {"energy-pause-2025", "easter-truce-2025"}
    assert {g.party for g in gold} == {"RU", "UA"}  # both parties are scored
    assert Grade.UNCERTAIN_TIMING in {g.grade for g in gold} and Grade.DISPUTED in {g.grade for g in gold}


@pytest.mark.parametrize(("line", "problem"), [
    ("{not json", "invalid JSON"),
    ('{"agreement": "x", "party": "RU", "basis": "incident", "date": "2025-03-19", "grade": "single_claim"}',
     "needs kind and admin1"),
    ('{"agreement": "x", "party": "RU", "basis": "rumour", "date": "2025-03-19", "grade": "single_claim"}',
     "basis must be"),
    ('{"agreement": "x", "party": "RU", "basis": "accusation", "date": "soon", "grade": "single_claim"}',
     "Invalid isoformat"),
    ('{"party": "RU"}', "missing field"),
])
def test_a_bad_gold_line_is_one_error_naming_file_and_line(tmp_path: Path, line: str, problem: str) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text("\n" + line + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_findings_gold(path)
    assert str(caught.value).startswith(f"{path}:2: ") and problem in str(caught.value)


def test_eval_findings_on_the_demo_meets_its_floors() -> None:
    done = run("eval", "--findings", str(DEMO_GOLD), "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    overall = report["overall"]
    assert overall["precision"] >= 0.9 and overall["recall"] >= 0.95
    assert overall["grade_accuracy"] >= 0.9
    for name, row in report["per_agreement_party"].items():
        assert row["recall"] >= 0.75, (name, row["missed"])


def test_eval_findings_errors_are_one_line(tmp_path: Path) -> None:
    done = run("eval", "--findings", str(tmp_path / "missing.jsonl"))
    assert done.returncode == 2 and done.stderr.startswith("error: ") and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
