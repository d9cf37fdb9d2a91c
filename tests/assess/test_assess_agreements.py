"""Agreement files: the bundled ones load; bad ones give ConfigError naming file and field."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from trucewatch.assess import load_agreement, load_agreements
from trucewatch.errors import ConfigError
from trucewatch.model import Target

GOOD = """\
id: local-truce
title: Local truce
status: in_force
commitment_scope: other
parties: [RU, UA]
window:
  start: 2025-05-01T00:00:00
  end: 2025-05-02T00:00:00
  timezone: Europe/Kyiv
scope:
  kinds: [strike]
  targets: [medical]
  geography:
    admin1: [UA-59]
sources:
  - publisher: Example mediator
    date: 2025-04-30
    title: Announcement of a local truce
"""


def test_bundled_agreements() -> None:
    agreements = {a.id: a for a in load_agreements(user=False)}
    assert set(agreements) >= {
        "energy-pause-2025", "black-sea-2025", "easter-truce-2025", "full-ceasefire-30-day-2025",
    }
    energy = agreements["energy-pause-2025"]
    assert energy.in_force and energy.scope.targets == (Target.ENERGY,)
    assert "oil refineries" in energy.scope.facilities and len(energy.scope.facilities) >= 6
    assert {a.party for a in energy.agreed} == {"RU", "UA"}
    assert {s.publisher for s in energy.sources} >= {"The White House", "Kremlin"}
    assert energy.end is not None and (energy.end - energy.start).days == 30
    easter = agreements["easter-truce-2025"]
    assert easter.start == dt.datetime(2025, 4, 19, 15, 0, tzinfo=dt.UTC)
    assert easter.end == dt.datetime(2025, 4, 20, 21, 0, tzinfo=dt.UTC)
    assert not agreements["full-ceasefire-30-day-2025"].in_force
    assert agreements["black-sea-2025"].status == "conditional"
    for agreement in agreements.values():
        assert agreement.start.tzinfo is not None and agreement.sources


def test_a_user_folder_adds_and_replaces(tmp_path: Path) -> None:
    (tmp_path / "local.yaml").write_text(GOOD)
    (tmp_path / "energy.yaml").write_text(GOOD.replace("id: local-truce", "id: energy-pause-2025"))
    agreements = {a.id: a for a in load_agreements([tmp_path], user=False)}
    assert agreements["local-truce"].timezone == "Europe/Kyiv"
    assert agreements["energy-pause-2025"].path == str(tmp_path / "energy.yaml")


def test_the_user_config_dir_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "trucewatch" / "agreements"
    folder.mkdir(parents=True)
    (folder / "mine.yaml").write_text(GOOD)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert "local-truce" in {a.id for a in load_agreements()}


BAD = {
    "missing field": (GOOD.replace("status: in_force\n", ""), "field 'status'"),
    "unknown target": (GOOD.replace("[medical]", "[hospitals]"), "field 'scope.targets.0'"),
    "bad party": (GOOD.replace("[RU, UA]", "[Russia, UA]"), "field 'parties'"),
    "bad zone": (GOOD.replace("Europe/Kyiv", "Mars/Olympus"), "field 'window.timezone'"),
    "end first": (GOOD.replace("2025-05-02T00", "2025-04-02T00"), "field 'window'"),
    "bad date": (GOOD.replace("2025-04-30", "yesterday"), "field 'sources.0.date'"),
    "unknown key": (GOOD + "colour: blue\n", "field 'colour'"),
    "bad status": (GOOD.replace("in_force", "maybe"), "field 'status'"),
    "bad region": (GOOD.replace("UA-59", "Sumy"), "field 'scope.geography.admin1'"),
    "not yaml": (GOOD + "  - [unclosed\n", "not valid YAML"),
    "not a mapping": ("- just\n- a list\n", "expected a mapping"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_files_name_the_file_and_field(case: str, tmp_path: Path) -> None:
    text, expected = BAD[case]
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    with pytest.raises(ConfigError) as caught:
        load_agreement(path)
    assert str(caught.value).startswith(str(path) + ":")
    assert expected in str(caught.value)
    with pytest.raises(ConfigError):
        load_agreements([tmp_path], user=False)


def test_duplicate_ids_in_one_folder_are_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(GOOD)
    (tmp_path / "b.yaml").write_text(GOOD)
    with pytest.raises(ConfigError, match="field 'id'"):
        load_agreements([tmp_path], user=False)


def test_a_missing_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="nowhere"):
        load_agreements([tmp_path / "nowhere"], user=False)


def test_cli_bad_agreement_file_is_one_line_and_stores_nothing(tmp_path: Path, db_url: str) -> None:
    folder = tmp_path / "agreements"
    folder.mkdir()
    (folder / "broken.yaml").write_text(GOOD.replace("[medical]", "[hospitals]"))
    report = tmp_path / "r.txt"
    report.write_text("date 2025-05-01\nA drone hit a hospital in Sumy, officials said.\n")
    cli = [sys.executable, "-c", "from trucewatch.serve.cli import main; main()"]
    ingest = subprocess.run([*cli, "ingest", str(report), "--db", db_url], capture_output=True, text=True)
    assert ingest.returncode == 0, ingest.stderr
    run = subprocess.run([*cli, "assess", "--db", db_url, "--agreements", str(folder)],
                         capture_output=True, text=True)
    assert run.returncode == 1
    assert run.stderr.count("\n") == 1 and "Traceback" not in run.stderr
    assert "broken.yaml" in run.stderr and "scope.targets" in run.stderr
