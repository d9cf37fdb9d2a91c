"""`trucewatch rules …` through the real console script."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seed" / "seed.jsonl"
BIN = Path(sys.executable).parent / "trucewatch"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN), "rules", *args], capture_output=True, text=True, timeout=120)


def test_check_and_list() -> None:
    done = _run("check")
    assert done.returncode == 0 and done.stdout.strip().endswith("packs: ok")
    assert "strike/attack-verb" in _run("list").stdout


@pytest.mark.skipif(not SEED.exists(), reason="needs ../shared/seed/seed.jsonl")
def test_report_credits_each_event_to_its_rule() -> None:
    done = _run("report", str(SEED), "--json")
    assert done.returncode == 0, done.stderr
    rows = {row["rule"]: row for row in json.loads(done.stdout)}
    assert sum(row["fired"] for row in rows.values()) == 8  # the seed's 8 events, nothing else
    assert sum(row["correct"] for row in rows.values()) == 8
    assert rows["strike/attack-verb"]["documents"] == ["seed-000"]
    assert all(row["fired"] == 0 for name, row in rows.items() if name not in {
        r for r, v in rows.items() if v["documents"]})


def test_report_names_a_bad_file() -> None:
    done = _run("report", "/nonexistent/gold.jsonl")
    assert done.returncode == 2 and "gold.jsonl" in done.stderr and "Traceback" not in done.stderr
