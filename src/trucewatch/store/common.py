"""SQL shared by both backends: migrations, writes and reads over one schema.

Backends supply a DB-API connection, the parameter style, and how a write
transaction and a read snapshot begin; the statements themselves are common.
"""

from __future__ import annotations

import datetime as dt
import importlib.resources
import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from types import TracebackType
from typing import Any, NamedTuple

from trucewatch.errors import InputError
from trucewatch.model import AnyEvent, Document
from trucewatch.store.base import (
    StoreCounts,
    StoredDocument,
    event_from_dict,
    event_row,
    unstorable,
)

__all__ = ["Migration", "SqlStore", "Tx", "migrations"]

_MIGRATION_NAME = re.compile(r"^(\d{4})_(\w+)\.sql$")

_DOC_COLUMNS = (
    "content_hash, doc_id, url, title, outlet, origin, published, text, signature, "
    "extractor, n_events, ingested_at"
)
_EVENT_COLUMNS = (
    "content_hash, seq, kind, side, claimant, admin1, date, date_precision, modality, "
    "span_start, span_end, quote, rules, data"
)


class Migration(NamedTuple):
    """One versioned migration file."""

    version: int
    name: str
    sql: str


def migrations(dialect: str) -> list[Migration]:
    """The migration files of one dialect, in version order."""
    folder = importlib.resources.files("trucewatch.store") / "migrations" / dialect
    found = []
    for entry in folder.iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append(Migration(int(match[1]), match[2], entry.read_text("utf-8")))
    return sorted(found)


def statements(sql: str) -> list[str]:
    """Split a migration into statements (comments dropped)."""
    lines = [line for line in sql.splitlines() if not line.lstrip().startswith("--")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


class Tx:
    """One transaction (or read snapshot) handed to code outside the store: plain SQL with
    `?` placeholders, adapted to the backend, so the ledger tables are written in the same
    transaction as the documents they come from."""

    def __init__(self, cur: Any, store: SqlStore) -> None:
        self._cur, self._store = cur, store
        self.dialect = store.dialect

    def run(self, statement: str, params: Sequence[Any] = ()) -> Any:
        self._cur.execute(self._store._sql(statement), tuple(params))
        return self._cur

    def many(self, statement: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            self._cur.executemany(self._store._sql(statement), [tuple(r) for r in rows])

    def all(self, statement: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return [tuple(r) for r in self.run(statement, params).fetchall()]

    def one(self, statement: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None:
        row = self.run(statement, params).fetchone()
        return tuple(row) if row is not None else None

    def json_order(self, column: str, name: str) -> list[str]:
        """ORDER BY terms for one field of a JSON row: missing/null last, numbers by value,
        text by code point (as Python sorts them)."""
        if not re.fullmatch(r"\w+", name):
            raise ValueError(f"not a field name: {name!r}")
        if self.dialect == "postgres":
            value = f"({column}::jsonb ->> '{name}')"
            return [f"{value} IS NULL",
                    f"CASE WHEN jsonb_typeof({column}::jsonb -> '{name}') = 'number' "
                    f"THEN {value}::double precision END",
                    f'{value} COLLATE "C"']
        value = f"json_extract({column}, '$.{name}')"
        return [f"{value} IS NULL", value]


class SqlStore:
    """A store over a DB-API connection; subclasses adapt it to one dialect."""

    dialect = ""
    url = ""
    _conn: Any

    # -- dialect hooks -------------------------------------------------------

    def _sql(self, statement: str) -> str:
        """Adapt `?` placeholders to the driver's style."""
        return statement

    def _write(self) -> AbstractContextManager[Any]:
        """A write transaction (serialised with other writers); yields a cursor."""
        raise NotImplementedError

    def _read(self) -> AbstractContextManager[Any]:
        """A consistent read snapshot; yields a cursor."""
        raise NotImplementedError

    def _lock_for_migrations(self, cur: Any) -> None:
        """Serialise concurrent migrators (the write transaction may suffice)."""

    def _extra_checks(self, cur: Any) -> list[str]:
        return []

    # -- lifecycle -----------------------------------------------------------

    def migrate(self) -> int:
        """Apply missing migrations in one transaction; return the schema version."""
        with self._write() as cur:
            self._lock_for_migrations(cur)
            cur.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations ("
                "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
            cur.execute("SELECT version FROM schema_migrations")
            applied = {int(row[0]) for row in cur.fetchall()}
            for migration in migrations(self.dialect):
                if migration.version in applied:
                    continue
                for statement in statements(migration.sql):
                    cur.execute(statement)
                cur.execute(
                    self._sql("INSERT INTO schema_migrations VALUES (?, ?, ?)"),
                    (migration.version, migration.name, _now()),
                )
        return self.schema_version()

    def check_schema(self) -> int:
        """The schema version, or InputError when a reader finds it behind this trucewatch."""
        try:
            version = self.schema_version()
        except Exception as exc:  # noqa: BLE001 - the driver's error for "no such table"
            version = 0 if "schema_migrations" in str(exc) else -1
            if version < 0:
                raise InputError(self.url, f"cannot read the schema version ({exc})") from exc
        latest = max((m.version for m in migrations(self.dialect)), default=0)
        if version < latest:
            raise InputError(self.url, f"schema version {version}, this trucewatch needs "
                             f"{latest}: run `trucewatch migrate --db {self.url}`")
        return version

    def schema_version(self) -> int:
        with self._read() as cur:
            cur.execute("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")
            return int(cur.fetchone()[0])

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> SqlStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- writes --------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[Tx]:
        """A write transaction for code outside the store (the ledger tables)."""
        with self._write() as cur:
            yield Tx(cur, self)

    @contextmanager
    def reading(self) -> Iterator[Tx]:
        """A consistent read snapshot for code outside the store (the listings)."""
        with self._read() as cur:
            yield Tx(cur, self)

    def add_documents(
        self, documents: Sequence[StoredDocument],
        after: Callable[[Tx, list[str]], None] | None = None,
    ) -> int:
        """Store all documents in one transaction; return how many were new.

        `after(tx, keys)` runs inside that transaction with the keys of the new
        documents (the ledger's incremental update), so both commit or neither.
        A document the database cannot keep (NUL, lone surrogate) is an InputError
        raised before anything is written.
        """
        if not documents:
            return 0
        for stored in documents:
            problem = unstorable(stored.document)
            if problem is not None:
                where = stored.document.origin or stored.document.id
                raise InputError(where.encode("utf-8", "backslashreplace").decode(), problem)
        keys: list[str] = []
        with self._write() as cur:
            for stored in documents:
                if self._insert(cur, stored):
                    keys.append(stored.content_hash)
            if after is not None and keys:
                after(Tx(cur, self), keys)
        return len(keys)

    def _insert(self, cur: Any, stored: StoredDocument) -> int:
        doc = stored.document
        published = stored.published.isoformat() if stored.published else None
        cur.execute(
            self._sql(
                f"INSERT INTO documents ({_DOC_COLUMNS}) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (content_hash) DO NOTHING"
            ),
            (
                stored.content_hash, doc.id, doc.url, doc.title, doc.outlet, doc.origin,
                published, doc.text, stored.signature, stored.extractor,
                len(stored.events), stored.ingested_at or _now(),
            ),
        )
        if cur.rowcount != 1:
            return 0
        rows = [
            (stored.content_hash, seq, *event_row(event).values())
            for seq, event in enumerate(stored.events)
        ]
        if rows:
            cur.executemany(
                self._sql(
                    f"INSERT INTO events ({_EVENT_COLUMNS}) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                ),
                rows,
            )
        return 1

    # -- reads ---------------------------------------------------------------

    def has_document(self, content_hash: str) -> bool:
        with self._read() as cur:
            cur.execute(
                self._sql("SELECT 1 FROM documents WHERE content_hash = ?"), (content_hash,)
            )
            return cur.fetchone() is not None

    def counts(self) -> StoreCounts:
        with self._read() as cur:
            cur.execute("SELECT COUNT(*) FROM documents")
            documents = int(cur.fetchone()[0])
            cur.execute("SELECT COUNT(*) FROM events")
            return StoreCounts(documents, int(cur.fetchone()[0]))

    def documents(
        self, since: dt.date | None = None, until: dt.date | None = None
    ) -> Iterator[StoredDocument]:
        where, params = _date_filter(since, until)
        with self._read() as cur:
            cur.execute(
                self._sql(
                    f"SELECT e.content_hash, e.data FROM events e JOIN documents d "
                    f"ON d.content_hash = e.content_hash {where} ORDER BY e.content_hash, e.seq"
                ),
                params,
            )
            events: dict[str, list[AnyEvent]] = defaultdict(list)
            for key, data in cur.fetchall():
                events[key].append(event_from_dict(json.loads(data)))
            cur.execute(
                self._sql(
                    f"SELECT {_DOC_COLUMNS} FROM documents d {where} "
                    "ORDER BY ingested_at, content_hash"
                ),
                params,
            )
            rows = cur.fetchall()
        for row in rows:
            yield _stored(row, tuple(events.get(row[0], ())))

    def check(self) -> list[str]:
        problems: list[str] = []
        with self._read() as cur:
            problems += self._extra_checks(cur)
            cur.execute(
                "SELECT d.content_hash, d.n_events, COUNT(e.seq) FROM documents d "
                "LEFT JOIN events e ON e.content_hash = d.content_hash "
                "GROUP BY d.content_hash, d.n_events HAVING COUNT(e.seq) <> d.n_events"
            )
            for key, expected, found in cur.fetchall():
                problems.append(f"document {key}: {found} of {expected} events stored")
            cur.execute(
                "SELECT COUNT(*) FROM events e WHERE NOT EXISTS "
                "(SELECT 1 FROM documents d WHERE d.content_hash = e.content_hash)"
            )
            orphans = int(cur.fetchone()[0])
            if orphans:
                problems.append(f"{orphans} events without their document")
        return problems


def _date_filter(since: dt.date | None, until: dt.date | None) -> tuple[str, tuple[str, ...]]:
    clauses, params = [], []
    if since:
        clauses.append("(d.published IS NULL OR d.published >= ?)")
        params.append(since.isoformat())
    if until:
        clauses.append("(d.published IS NULL OR d.published <= ?)")
        params.append(until.isoformat())
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), tuple(params)


def _stored(row: Sequence[Any], events: tuple[AnyEvent, ...]) -> StoredDocument:
    (key, doc_id, url, title, outlet, origin, published, text, signature, extractor, _n,
     ingested_at) = row
    date = dt.date.fromisoformat(published) if published else None
    document = Document(
        id=doc_id, text=text, published=date, url=url, title=title, outlet=outlet,
        origin=origin,
    )
    return StoredDocument(
        key, document, date, events, bytes(signature), extractor, ingested_at
    )
