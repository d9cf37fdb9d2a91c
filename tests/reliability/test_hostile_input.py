"""Hostile input gives one line naming the input and the problem; the rest of the batch goes on.

Each case was a traceback (or a hang) that dropped the rest of a batch (issue 9, point 2).
The store cases run on a SQLite file and on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from trucewatch.budget import BudgetExceeded, within
from trucewatch.errors import InputError
from trucewatch.ingest import read_documents
from trucewatch.ingest.html import html_document
from trucewatch.model import Document
from trucewatch.pipeline import extract, ingest_documents, ingest_paths, within_budget
from trucewatch.store import content_hash, open_store

GOOD = "Russian drones struck a hospital in Sumy overnight, the regional governor said."


def _cli(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "trucewatch", *args], capture_output=True,
                          text=True, timeout=timeout)


def _one_line_error(stderr: str, *needles: str) -> None:
    lines = [line for line in stderr.splitlines() if line.startswith("error:")]
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr, stderr
    for needle in needles:
        assert needle in lines[0], lines[0]


def _jsonl(path: Path, *lines: str) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


GOOD_LINE = '{"id": "good", "text": "%s"}' % GOOD


@pytest.mark.parametrize("suffix", [".json", ".jsonl"])
def test_deeply_nested_json_is_one_error(tmp_path: Path, suffix: str) -> None:
    deep = '{"id": "deep", "text": ' + "[" * 200_000 + "]" * 200_000 + "}"
    bad = (tmp_path / f"deep{suffix}")
    bad.write_text(deep + "\n", encoding="utf-8")
    good = _jsonl(tmp_path / "good.jsonl", GOOD_LINE)
    items = list(read_documents([str(bad), str(good)]))
    assert isinstance(items[0], InputError) and "nested too deeply" in items[0].problem
    assert [d.id for d in items if isinstance(d, Document)] == ["good"]


@pytest.mark.parametrize(("escape", "what"), [("\\ud800", "lone surrogate"), ("\\u0000", "NUL")])
def test_unstorable_characters_are_one_error_and_the_rest_is_stored(
    tmp_path: Path, db_url: str, escape: str, what: str
) -> None:
    path = _jsonl(tmp_path / "feed.jsonl", '{"id": "bad", "text": "Drones %s hit Sumy."}' % escape,
                  GOOD_LINE)
    with open_store(db_url) as store:
        report = ingest_paths([path], store)
        assert (report.added, len(report.failed)) == (1, 1)
        assert what in report.failed[0].problem and report.failed[0].line == 1
        assert store.check() == []


@pytest.mark.parametrize("char", ["\ud800", "\x00"])
def test_store_refuses_unstorable_documents_from_the_python_api(db_url: str, char: str) -> None:
    bad = Document("api-bad", f"Drones{char} hit Sumy.", dt.date(2025, 3, 1))
    good = Document("api-good", GOOD, dt.date(2025, 3, 1))
    assert len(content_hash(bad)) == 64  # hashing never raises
    with open_store(db_url) as store:
        report = ingest_documents([bad, good], store)
        assert (report.added, len(report.failed)) == (1, 1)
        assert "api-bad" in str(report.failed[0])
        assert store.counts().documents == 1 and store.check() == []


def test_content_hash_of_valid_text_is_unchanged() -> None:
    doc = Document("x", "Drones hit Odesa.", dt.date(2025, 3, 1), "https://e.org/a", "T", "O")
    joined = "\x1f".join(["Drones hit Odesa.", "https://e.org/a", "O", "T", "2025-03-01"])
    assert content_hash(doc) == hashlib.sha256(joined.encode("utf-8")).hexdigest()


def test_non_utf8_file_name_is_stored_under_an_escaped_name(tmp_path: Path, db_url: str) -> None:
    name = os.fsdecode(b"bad\xff\xfename.txt")
    (tmp_path / name).write_text(GOOD, encoding="utf-8")
    with open_store(db_url) as store:
        report = ingest_paths([tmp_path], store)
        assert (report.added, report.failed) == (1, ())
        (stored,) = store.documents()
    assert stored.document.id == "bad\\xff\\xfename"
    assert stored.document.origin is not None and stored.document.origin.endswith("bad\\xff\\xfename.txt")


def test_non_utf8_file_name_in_the_cli(tmp_path: Path) -> None:
    (tmp_path / os.fsdecode(b"caf\xe9.txt")).write_bytes(b"Drones hit Odesa.\x00\x01")
    result = _cli("extract", str(tmp_path))
    assert result.returncode == 1
    _one_line_error(result.stderr, "caf\\xe9.txt", "binary")


def test_fifo_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    started = time.monotonic()
    result = _cli("extract", str(fifo), str(tmp_path / "good.txt"), timeout=60)
    assert time.monotonic() - started < 30
    assert result.returncode == 1 and '"id": "good"' in result.stdout
    _one_line_error(result.stderr, "pipe.txt", "FIFO")


def _unprivileged() -> list[str]:
    """A prefix that runs a command as `nobody` (root reads every folder), or [] if not root."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv")
    return [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]


@pytest.fixture
def open_dir() -> Iterator[Path]:
    """A folder every user can enter (pytest's tmp_path lies under a root-only one)."""
    path = Path(tempfile.mkdtemp(prefix="trucewatch-"))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


def test_unreadable_folder_is_one_error_and_the_rest_goes_on(open_dir: Path) -> None:
    tmp_path = open_dir
    locked = tmp_path / "locked"
    (locked / "inner").mkdir(parents=True)
    (locked / "inner" / "x.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (locked / "inner").chmod(0)
    try:
        command = [*_unprivileged(), sys.executable, "-m", "trucewatch", "extract", str(tmp_path)]
        result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    finally:
        (locked / "inner").chmod(0o755)
    assert result.returncode == 1 and '"id": "good"' in result.stdout, result.stderr
    _one_line_error(result.stderr, str(locked / "inner"), "permission denied")


@pytest.mark.parametrize("published", [dt.date.min, dt.date.min + dt.timedelta(days=1), dt.date.max])
@pytest.mark.parametrize("phrase", ["yesterday", "last week", "last month", "on Tuesday night",
                                    "on December 31", "on January 1", "on Friday"])
def test_dates_near_the_ends_of_the_calendar(published: dt.date, phrase: str) -> None:
    result = extract(f"Russian drones struck a hospital in Sumy {phrase}.", published=published)
    assert result.events
    for event in result.events:
        assert event.date is None or dt.date.min <= event.date <= dt.date.max


def _tag_dense(n: int) -> bytes:
    body = "<div><span><b>x</b></span></div>" * n
    return f"<html><body><article><p>{GOOD}</p>{body}</article></body></html>".encode()


def test_tag_dense_html_is_stopped_by_its_budget() -> None:
    page = _tag_dense(50_000)  # 1.6 MB: about 8 s of trafilatura on this machine
    started = time.monotonic()
    with pytest.raises(InputError, match="budget"):
        html_document(page, "dense.html", budget_s=0.5)
    assert time.monotonic() - started < 5


def test_extraction_budget_names_the_document() -> None:
    def slow(document: Document) -> None:
        while True:
            try:
                sum(range(1000))
            except Exception:  # noqa: BLE001 - the budget must not be swallowed
                pass

    doc = Document("slow-doc", GOOD, origin="feed.jsonl:7")
    started = time.monotonic()
    error = within_budget(slow, doc, 0.2)
    assert isinstance(error, InputError) and error.path == "feed.jsonl:7"
    assert "budget" in error.problem and time.monotonic() - started < 3


def test_budget_leaves_fast_work_alone_and_stops_slow_work_in_threads() -> None:
    import threading

    assert within(5, len, "abc") == 3
    outcome: list[str] = []

    def worker() -> None:
        try:
            within(0.1, time.sleep, 0.0)
            within(0.1, lambda: [sum(range(100)) for _ in iter(int, 1)])
        except BudgetExceeded:
            outcome.append("stopped")

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join(5)
    assert outcome == ["stopped"]
    time.sleep(0.2)  # no stray expiry lands after the budget closed
