"""End to end on the seed report: ingest → store → link → assess the energy pause.

Waits on the extractor (issue 2) producing the seed's gold events.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from trucewatch.assess import Grade
from trucewatch.model import Target
from trucewatch.pipeline import assess_store, find_incidents, ingest_paths
from trucewatch.store import open_store

SEED_FILE = "seed/000_26d218c07157ab62.txt"
CLI = [sys.executable, "-c", "from trucewatch.serve.cli import main; main()"]


def test_seed_energy_pause_has_one_finding_against_each_party(shared: Path, db_url: str) -> None:
    with open_store(db_url) as store:
        report = ingest_paths([shared / SEED_FILE], store)
        assert (report.added, report.failed) == (1, ())
        [item] = assess_store(store, "energy-pause-2025")
        again = ingest_paths([shared / SEED_FILE], store)
        assert (again.added, again.unchanged) == (0, 1)
    by_party = item.by_party()
    [against_ru] = by_party["RU"]
    assert against_ru.basis == "accusation" and against_ru.grade == Grade.ACCUSATION_ONLY
    [claim] = against_ru.evidence
    assert claim.event.claimant == "UA" and "energy infrastructure" in claim.event.quote
    [against_ua] = by_party["UA"]
    assert against_ua.basis == "incident" and against_ua.grade == Grade.SINGLE_CLAIM
    assert against_ua.incident is not None
    assert against_ua.incident.admin1 == ("RU-KDA",)
    assert Target.ENERGY in against_ua.incident.targets
    assert against_ua.sources == 1
    [evidence] = against_ua.evidence
    assert evidence.outlet == "AP" and evidence.voice == "RU"
    assert "oil depot" in evidence.event.quote


def test_seed_incidents(shared: Path, db_url: str) -> None:
    with open_store(db_url) as store:
        ingest_paths([shared / SEED_FILE], store)
        incidents = find_incidents(store)
        krasnodar = find_incidents(store, region="RU-KDA", kind="strike", party="UA")
    assert len(incidents) == 4  # strikes on Sumy, Donetsk and Krasnodar; one interception claim
    [incident] = krasnodar
    assert incident.date_to is not None and incident.date_to.isoformat() == "2025-03-19"


def test_seed_through_the_cli(shared: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "seed.db")
    ingest = subprocess.run([*CLI, "ingest", str(shared / SEED_FILE), "--db", db],
                            capture_output=True, text=True)
    assert ingest.returncode == 0, ingest.stderr
    assert ingest.stdout.startswith("1 new document")
    run = subprocess.run([*CLI, "assess", "--agreement", "energy-pause-2025", "--format", "json",
                          "--db", db], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    [item] = json.loads(run.stdout)
    grades = {party: [f["grade"] for f in fs] for party, fs in item["findings"].items()}
    assert grades == {"RU": ["accusation_only"], "UA": ["single_claim"]}
    md = subprocess.run([*CLI, "assess", "--format", "md", "--db", db], capture_output=True, text=True)
    assert md.returncode == 0 and "## 30-day pause on strikes against energy infrastructure" in md.stdout
    table = subprocess.run([*CLI, "incidents", "--db", db, "--region", "RU-KDA"],
                           capture_output=True, text=True)
    assert table.returncode == 0 and "1 incident(s)" in table.stdout
