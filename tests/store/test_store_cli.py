"""`trucewatch ingest` and `incidents` as a user runs them: real files, real databases."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from trucewatch.store import open_store

CLI = [sys.executable, "-c", "from trucewatch.serve.cli import main; main()"]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=300)


def write_reports(folder: Path) -> list[str]:
    folder.mkdir()
    one = folder / "one.txt"
    one.write_text("date 2025-03-21\nKHERSON, Ukraine - Artillery shelled a school in Kherson, officials said.\n")
    two = folder / "two.txt"
    two.write_text("date 2025-03-22\nBELGOROD, Russia - A drone hit a substation in Belgorod, the governor said.\n")
    return [str(one), str(two)]


def test_ingest_then_reingest(tmp_path: Path, db_url: str) -> None:
    paths = write_reports(tmp_path / "in")
    first = run("ingest", *paths, "--db", db_url)
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("2 new document(s)")
    again = run("ingest", str(tmp_path / "in"), "--db", db_url)
    assert again.returncode == 0 and "0 new document(s)" in again.stdout and "2 already stored" in again.stdout


def test_a_bad_file_is_one_line_and_the_rest_is_stored(tmp_path: Path, db_url: str) -> None:
    paths = write_reports(tmp_path / "in")
    bad = tmp_path / "in" / "broken.txt"
    bad.write_bytes(b"\x00\x01\x02\xff\xfe binary \x00" * 20)
    result = run("ingest", *paths, str(bad), "--db", db_url)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    [line] = result.stderr.strip().splitlines()
    assert "broken.txt" in line
    with open_store(db_url) as store:
        assert store.counts().documents == 2 and store.check() == []


def test_strict_ingest_with_a_bad_file_stores_nothing(tmp_path: Path, db_url: str) -> None:
    paths = write_reports(tmp_path / "in")
    empty = tmp_path / "in" / "empty.txt"
    empty.write_text("")
    result = run("ingest", *paths, str(empty), "--db", db_url, "--strict")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "empty.txt" in result.stderr
    with open_store(db_url) as store:
        assert store.counts().documents == 0 and store.counts().events == 0


def test_incidents_json_and_errors(tmp_path: Path, db_url: str) -> None:
    run("ingest", *write_reports(tmp_path / "in"), "--db", db_url)
    listed = run("incidents", "--db", db_url, "--format", "json")
    assert listed.returncode == 0, listed.stderr
    assert isinstance(json.loads(listed.stdout), list)
    bad_date = run("incidents", "--db", db_url, "--since", "March")
    assert bad_date.returncode != 0 and "Traceback" not in bad_date.stderr
    missing = run("incidents", "--db", str(tmp_path / "none.db"))
    assert missing.returncode == 1 and "none.db" in missing.stderr
    assert not (tmp_path / "none.db").exists()


def test_an_unreachable_postgres_is_one_line(tmp_path: Path) -> None:
    result = run("incidents", "--db", "postgresql://nobody:secret@127.0.0.1:1/none")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    [line] = result.stderr.strip().splitlines()
    assert "cannot connect to PostgreSQL" in line and "secret" not in line
