"""The store on both backends: migrations, round trips, idempotence, atomic writes."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from pathlib import Path

from trucewatch.model import (
    Commitment,
    DatePrecision,
    Document,
    Interception,
    Modality,
    Scope,
    Span,
    Stance,
    Strike,
    Target,
    Weapon,
)
from trucewatch.store import StoredDocument, content_hash, default_db_path, open_store
from trucewatch.store.common import migrations

TEXT = (
    "KHARKIV, Ukraine — Drones hit a power substation in Kharkiv overnight, the regional "
    "governor said. Air defences destroyed 12 of 20 drones. Moscow again refused a full truce."
)


def _span(text: str, quote: str) -> Span:
    start = text.index(quote)
    return Span(start, start + len(quote))


def sample(doc_id: str = "r1", text: str = TEXT, published: dt.date | None = dt.date(2025, 3, 20)) -> StoredDocument:
    q1, q2, q3 = (
        "Drones hit a power substation in Kharkiv overnight, the regional governor said.",
        "Air defences destroyed 12 of 20 drones.",
        "Moscow again refused a full truce.",
    )
    events = (
        Strike("strike", q1, _span(text, q1), "UA", "regional governor", Modality.CLAIMED,
               dt.date(2025, 3, 20), DatePrecision.NIGHT, "overnight", 49.99, 36.23, "rules.v1",
               attacker="RU", weapon=Weapon.DRONE, country="UA", admin1="UA-63", place="Kharkiv",
               targets=(Target.ENERGY,), killed=None, injured=2),
        Interception("interception", q2, _span(text, q2), "UA", None, Modality.ASSERTED,
                     rules="rules.v1", attacker="RU", weapon=Weapon.DRONE, launched=20,
                     intercepted=12, admin1=("UA-63",), water=None),
        Commitment("commitment", q3, _span(text, q3), "UA", None, Modality.ASSERTED,
                   rules="rules.v1", party="RU", stance=Stance.REFUSED, scope=Scope.FULL_CEASEFIRE),
    )
    doc = Document(doc_id, text, published, url=f"https://example.org/{doc_id}", outlet="Ukrinform")
    return StoredDocument(content_hash(doc), doc, published, events, b"\x01\x02", "rules.v1")


def test_migrations_are_versioned_and_applied_once(db_url: str) -> None:
    with open_store(db_url) as store:
        assert store.schema_version() == max(m.version for m in migrations(store.dialect))  # type: ignore[attr-defined]
    with open_store(db_url) as store:  # reopening applies nothing twice
        latest = max(m.version for m in migrations(store.dialect))  # type: ignore[attr-defined]
        assert store.schema_version() == latest
        with store.reading() as tx:
            versions = [r[0] for r in tx.all("SELECT version FROM schema_migrations ORDER BY version")]
        assert versions == list(range(1, latest + 1))
        assert store.counts().documents == 0


def test_both_dialects_have_the_same_migration_versions() -> None:
    assert [m.version for m in migrations("sqlite")] == [m.version for m in migrations("postgres")]


def test_document_and_events_round_trip(db_url: str) -> None:
    stored = sample()
    with open_store(db_url) as store:
        assert store.add_documents([stored]) == 1
        [back] = list(store.documents())
    assert back.content_hash == stored.content_hash
    assert back.document.text == TEXT and back.document.url == stored.document.url
    assert back.published == dt.date(2025, 3, 20)
    assert back.events == stored.events
    assert back.signature == b"\x01\x02"
    for event in back.events:
        assert TEXT[event.span.start : event.span.end] == event.quote


def test_same_content_is_stored_once(db_url: str) -> None:
    with open_store(db_url) as store:
        assert store.add_documents([sample()]) == 1
        assert store.add_documents([sample()]) == 0
        assert store.add_documents([sample(), sample("r2")]) == 1
        assert store.counts().documents == 2 and store.counts().events == 6
        assert store.has_document(sample().content_hash)
        assert store.check() == []


def test_a_failing_batch_writes_nothing(db_url: str) -> None:
    broken = dataclasses.replace(sample("bad"), signature=None)  # type: ignore[arg-type]
    with open_store(db_url) as store:
        with pytest.raises(Exception):  # noqa: B017 - either driver's integrity error
            store.add_documents([sample("good"), broken])
        assert store.counts().documents == 0 and store.counts().events == 0
        assert store.add_documents([sample("good")]) == 1


def test_documents_filtered_by_published_date(db_url: str) -> None:
    early, late = sample("a", published=dt.date(2025, 3, 1)), sample("b", published=dt.date(2025, 4, 1))
    undated = sample("c", published=None)
    with open_store(db_url) as store:
        store.add_documents([early, late, undated])
        ids = [s.document.id for s in store.documents(since=dt.date(2025, 3, 15))]
        assert sorted(ids) == ["b", "c"]
        ids = [s.document.id for s in store.documents(until=dt.date(2025, 3, 15))]
        assert sorted(ids) == ["a", "c"]


def test_sqlite_runs_in_wal_mode(tmp_path: Path) -> None:
    with open_store(tmp_path / "x.db") as store:
        assert store.journal_mode() == "wal"  # type: ignore[attr-defined]


def test_read_only_open_of_a_missing_file_is_an_input_error(tmp_path: Path) -> None:
    from trucewatch.errors import InputError

    path = tmp_path / "missing.db"
    with pytest.raises(InputError, match="missing.db"):
        open_store(path, create=False)
    assert not path.exists()


def test_a_file_that_is_not_a_database_is_an_input_error(tmp_path: Path) -> None:
    from trucewatch.errors import InputError

    path = tmp_path / "notes.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(InputError, match="notes.db"):
        open_store(path)


def test_default_path_is_in_the_user_data_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("TRUCEWATCH_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_db_path() == tmp_path / "trucewatch" / "trucewatch.db"
    monkeypatch.delenv("XDG_DATA_HOME")
    assert str(default_db_path()).endswith(".local/share/trucewatch/trucewatch.db")
