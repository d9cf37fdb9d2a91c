"""The stored ledger: migration, incremental link + assess, stable ids, and a full relink.

Each test runs on SQLite and (with TRUCEWATCH_TEST_POSTGRES_URL) PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path
from typing import Any

import pytest

from trucewatch.ingest import read_documents
from trucewatch.model import Document
from trucewatch.pipeline import ensure_ledger, ingest_documents, relink_store
from trucewatch.serve.read_model import finding_rows, incident_rows, load_snapshot
from trucewatch.store import open_store
from trucewatch.store.common import migrations, statements

DEMO = Path(__file__).resolve().parents[2] / "src" / "trucewatch" / "demo" / "corpus.jsonl"


def _demo() -> list[Document]:
    return [d for d in read_documents([str(DEMO)]) if isinstance(d, Document)]


def _stored(url: str) -> dict[str, Any]:
    with open_store(url) as store, store.reading() as tx:
        return {
            "incidents": dict(tx.all("SELECT id, row_json FROM incidents")),
            "findings": dict(tx.all("SELECT id, row_json FROM findings")),
            "members": sorted(tx.all("SELECT content_hash, seq, incident_id, position "
                                     "FROM event_index")),
            "redirects": dict(tx.all("SELECT old_id, new_id FROM incident_redirects")),
        }


def _rows(rows: list[dict[str, Any]]) -> dict[str, str]:
    return {r["id"]: json.dumps(r, ensure_ascii=False, sort_keys=True) for r in rows}


def test_one_by_one_gives_what_a_full_relink_and_the_in_memory_ledger_give(db_url: str) -> None:
    with open_store(db_url) as store:
        for document in _demo():
            ingest_documents([document], store)
    incremental = _stored(db_url)
    assert len(incremental["incidents"]) > 10 and len(incremental["findings"]) > 5
    with open_store(db_url) as store:
        relink_store(store)
        snapshot = load_snapshot(store)
    full = _stored(db_url)
    for part in ("incidents", "findings", "members"):
        assert incremental[part] == full[part], part
    assert full["incidents"] == _rows(incident_rows(snapshot))
    assert full["findings"] == _rows(finding_rows(snapshot))


def test_any_arrival_order_gives_the_same_incidents_and_findings(db_url: str, tmp_path: Path) -> None:
    documents = _demo()
    random.Random(7).shuffle(documents)
    with open_store(db_url) as store:
        for document in documents:
            ingest_documents([document], store)
        incremental = _stored(db_url)
        relink_store(store)
    full = _stored(db_url)
    assert incremental["incidents"] == full["incidents"]
    assert incremental["findings"] == full["findings"]


def test_reingesting_changes_nothing(db_url: str) -> None:
    with open_store(db_url) as store:
        ingest_documents(_demo(), store)
        before = _stored(db_url)
        report = ingest_documents(_demo(), store)
    assert report.added == 0
    assert _stored(db_url) == before


def _strike(doc_id: str, text: str, day: dt.date, url: str, outlet: str) -> Document:
    return Document(doc_id, text, day, url, None, outlet)


FIRST = ("KHARKIV - Russian drones struck a power substation in the Kharkiv region on "
         "Wednesday night, cutting power to 3,000 homes, the regional governor said.")
JOINING = ("Officials in Kharkiv said a Russian drone attack hit an energy substation in the "
           "Kharkiv region overnight; repair crews were restoring electricity.")


def test_an_incident_keeps_its_id_when_reports_join(db_url: str) -> None:
    day = dt.date(2025, 3, 27)
    with open_store(db_url) as store:
        ingest_documents([_strike("a", FIRST, day, "https://one.invalid/a", "Kyiv Monitor")], store)
        first = _stored(db_url)["incidents"]
        ingest_documents([_strike("b", JOINING, day, "https://two.invalid/b", "Wire Daily")], store)
    after = _stored(db_url)
    assert len(first) == 1
    (incident_id,) = first
    assert incident_id in after["incidents"]
    assert json.loads(after["incidents"][incident_id])["report_count"] == 2


def test_a_superseded_first_report_leaves_a_redirect(db_url: str) -> None:
    """A later version of the first report replaces it: the incident is named anew, and the
    old id redirects to the new one."""
    day = dt.date(2025, 3, 27)
    url = "https://one.invalid/news/drones-hit-kharkiv-substation"
    updated = "UPDATE 1 - " + FIRST + " Two workers were injured."
    with open_store(db_url) as store:
        ingest_documents([_strike("a", FIRST, day, url, "Kyiv Monitor")], store)
        (old_id,) = _stored(db_url)["incidents"]
        ingest_documents([_strike("a2", updated, day + dt.timedelta(days=1), url, "Kyiv Monitor")],
                         store)
    after = _stored(db_url)
    (new_id,) = after["incidents"]
    assert new_id != old_id
    assert after["redirects"] == {old_id: new_id}


def _schema_one(url: str) -> None:
    """A store as trucewatch with schema version 1 left it."""
    with open_store(url, migrate=False) as store, store.transaction() as tx:
        tx.run("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
               "applied_at TEXT NOT NULL)")
        first = migrations(store.dialect)[0]  # type: ignore[attr-defined]
        for statement in statements(first.sql):
            tx.run(statement)
        tx.run("INSERT INTO schema_migrations VALUES (1, 'initial', '2026-01-01')")


def test_a_schema_one_store_upgrades_with_its_data_intact(db_url: str) -> None:
    if not db_url.startswith("postgres"):
        Path(db_url).parent.mkdir(parents=True, exist_ok=True)
    _schema_one(db_url)
    with open_store(db_url, migrate=False) as store:
        assert store.schema_version() == 1
        from trucewatch.pipeline import prepare_document
        store.add_documents([prepare_document(d) for d in _demo()])
        counts = store.counts()
    with open_store(db_url) as store:  # migrates
        assert store.schema_version() == 2
        assert store.counts() == counts
        assert store.check() == []
        assert ensure_ledger(store) is True
        assert ensure_ledger(store) is False
        snapshot = load_snapshot(store)
    assert _stored(db_url)["incidents"] == _rows(incident_rows(snapshot))


@pytest.mark.parametrize("size", [1])
def test_the_update_touches_only_candidates(db_url: str, size: int) -> None:
    """A new report far from every stored one re-links nothing stored."""
    from trucewatch.ledger.sync import update_ledger
    from trucewatch.pipeline import prepare_document

    with open_store(db_url) as store:
        ingest_documents(_demo(), store)
        far = _strike("far", FIRST, dt.date(2031, 1, 8), "https://far.invalid/x", "Kyiv Monitor")
        stored = prepare_document(far)
        changes = []
        store.add_documents([stored], after=lambda tx, keys: changes.append(update_ledger(tx, keys)))
    assert changes[0].relinked == 0 and changes[0].incidents == size
