"""The `trucewatch extract` and `eval` commands, run as a user runs them (a real subprocess)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

REPORT = (
    "date 2025-03-20\n"
    "ODESA, Ukraine (AP) — Russian drones struck a grain terminal in the Odesa region overnight, "
    "injuring two workers, the regional governor said.\n"
)


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "trucewatch", *args], input=stdin,
                          capture_output=True, text=True, timeout=120)


def test_extract_text_file_as_jsonl(tmp_path: Path) -> None:
    (tmp_path / "odesa.txt").write_text(REPORT, encoding="utf-8")
    done = run("extract", str(tmp_path / "odesa.txt"))
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    assert (doc["id"], doc["published"]) == ("odesa", "2025-03-20")
    strike = doc["events"][0]
    assert (strike["kind"], strike["attacker"], strike["admin1"], strike["injured"]) == ("strike", "RU", "UA-51", 2)
    assert strike["targets"] == ["port"]
    assert REPORT[strike["span"][0]:strike["span"][1]] == strike["quote"]


def test_formats_json_and_csv_and_stdin() -> None:
    as_json = json.loads(run("extract", "-", "--format", "json", stdin=REPORT).stdout)
    assert as_json[0]["id"] == "stdin" and as_json[0]["events"]
    rows = list(csv.DictReader(io.StringIO(run("extract", "-", "--format", "csv", stdin=REPORT).stdout)))
    assert rows[0]["kind"] == "strike" and rows[0]["admin1"] == "UA-51" and rows[0]["targets"] == "port"


def test_bad_inputs_are_one_line_each_and_the_rest_is_processed(tmp_path: Path) -> None:
    (tmp_path / "a_good.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "b_empty.txt").write_bytes(b"")
    (tmp_path / "c_cyrillic.txt").write_bytes("Обстріл Харкова".encode("cp1251"))
    (tmp_path / "d_feed.jsonl").write_text('{"id": "x1", "text": "Calm day."}\n{broken\n', encoding="utf-8")
    done = run("extract", str(tmp_path))
    assert done.returncode == 1
    ids = [json.loads(line)["id"] for line in done.stdout.splitlines()]
    assert ids == ["a_good", "x1"]
    errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 3
    assert any("b_empty.txt" in e and "empty" in e for e in errors)
    assert any("c_cyrillic.txt" in e and "cp1251" in e for e in errors)
    assert any("d_feed.jsonl:2" in e for e in errors)
    assert "Traceback" not in done.stderr


def test_strict_stops_at_first_error(tmp_path: Path) -> None:
    (tmp_path / "a_empty.txt").write_bytes(b"")
    (tmp_path / "b_good.txt").write_text(REPORT, encoding="utf-8")
    done = run("extract", "--strict", str(tmp_path))
    assert done.returncode == 2 and done.stdout == ""
    assert "a_empty.txt" in done.stderr and "Traceback" not in done.stderr


def test_missing_path_is_a_clear_error(tmp_path: Path) -> None:
    done = run("extract", str(tmp_path / "nope.txt"))
    assert done.returncode == 1 and "nope.txt" in done.stderr and "Traceback" not in done.stderr


def test_eval_prints_scores_for_our_demo_gold() -> None:
    gold = Path(__file__).resolve().parents[2] / "src" / "trucewatch" / "demo" / "gold.jsonl"
    done = run("eval", str(gold), "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert set(report["kinds"]) == {"strike", "interception", "commitment"}
    assert report["documents"] == 17


@pytest.mark.parametrize("path", ["missing.jsonl"])
def test_eval_bad_gold_file(tmp_path: Path, path: str) -> None:
    done = run("eval", str(tmp_path / path))
    assert done.returncode == 2 and path in done.stderr and "Traceback" not in done.stderr
