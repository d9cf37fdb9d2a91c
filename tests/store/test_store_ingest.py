"""Ingest into a real store: idempotence, bad input, kill -9 and concurrent writers."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time

import pytest

from trucewatch.errors import InputError
from trucewatch.model import Document
from trucewatch.pipeline import ingest_documents
from trucewatch.store import open_store

# A subprocess that ingests N generated reports (our own text) into a store.
INGEST_SCRIPT = """
import datetime as dt, sys
from trucewatch.model import Document
from trucewatch.pipeline import ingest_documents
from trucewatch.store import open_store

url, count, prefix = sys.argv[1], int(sys.argv[2]), sys.argv[3]

def documents():
    for i in range(count):
        yield Document(
            id=f"{prefix}{i}",
            text=(f"KRASNODAR, Russia - Drones struck an oil depot in the Krasnodar region "
                  f"overnight, local authorities said in bulletin {prefix}{i}. Air defences "
                  f"destroyed {i % 50 + 3} drones over the region, the ministry said."),
            published=dt.date(2025, 3, 1) + dt.timedelta(days=i % 40),
            outlet="TASS",
        )

with open_store(url) as store:
    report = ingest_documents(documents(), store)
print(report.added, report.unchanged, len(report.failed))
"""


def _spawn(url: str, count: int, prefix: str = "gen-") -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", INGEST_SCRIPT, url, str(count), prefix],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def _report(i: int) -> Document:
    return Document(f"doc-{i}", f"Report {i}: artillery shelled a school in Kherson, officials said.",
                    dt.date(2025, 3, 20), outlet="Ukrinform")


def test_reingesting_the_same_content_changes_nothing(db_url: str) -> None:
    with open_store(db_url) as store:
        first = ingest_documents([_report(1), _report(2)], store)
        counts = store.counts()
        again = ingest_documents([_report(1), _report(2)], store)
        assert (first.added, first.unchanged) == (2, 0)
        assert (again.added, again.unchanged) == (0, 2)
        assert store.counts() == counts


def test_bad_items_are_reported_and_the_rest_stored(db_url: str) -> None:
    bad = InputError("broken.txt", "not UTF-8 text")
    with open_store(db_url) as store:
        report = ingest_documents([_report(1), bad, _report(2)], store)
        assert report.added == 2 and [str(e) for e in report.failed] == ["broken.txt: not UTF-8 text"]
        assert store.counts().documents == 2 and store.check() == []


def test_strict_ingest_with_a_bad_item_stores_nothing(db_url: str) -> None:
    bad = InputError("broken.txt", "empty file")
    with open_store(db_url) as store:
        with pytest.raises(InputError, match="broken.txt"):
            ingest_documents([_report(1), _report(2), bad], store, strict=True)
        assert store.counts().documents == 0 and store.counts().events == 0
        report = ingest_documents([_report(1), _report(2)], store, strict=True)
        assert report.added == 2 and store.counts().documents == 2


@pytest.mark.slow
def test_kill_9_mid_ingest_leaves_a_consistent_store_and_a_rerun_completes(db_url: str) -> None:
    total = 4000
    with open_store(db_url) as store:
        process = _spawn(db_url, total)
        deadline = time.monotonic() + 120
        while store.counts().documents < 25 and process.poll() is None:
            assert time.monotonic() < deadline, "ingest subprocess made no progress"
            time.sleep(0.02)
        os.kill(process.pid, signal.SIGKILL)
        process.communicate()
        before = store.counts().documents
        assert before < total, "the subprocess finished before it could be killed"
        assert store.check() == []  # integrity check, every document with all its events
    with open_store(db_url) as store:
        assert store.counts().documents == before
        assert store.check() == []
    rerun = _spawn(db_url, total)
    out, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, err
    added, unchanged, failed = map(int, out.split())
    assert (added + unchanged, failed) == (total, 0) and unchanged == before
    with open_store(db_url) as store:
        assert store.counts().documents == total
        assert store.check() == []


@pytest.mark.slow
def test_concurrent_ingests_neither_duplicate_nor_corrupt(db_url: str) -> None:
    total = 300
    processes = [_spawn(db_url, total), _spawn(db_url, total)]
    results = [p.communicate(timeout=600) for p in processes]
    for process, (_, err) in zip(processes, results, strict=True):
        assert process.returncode == 0, err
    added = [int(out.split()[0]) for out, _ in results]
    assert sum(added) == total
    with open_store(db_url) as store:
        assert store.counts().documents == total
        assert store.check() == []
        keys = [s.content_hash for s in store.documents()]
        assert len(keys) == len(set(keys)) == total
