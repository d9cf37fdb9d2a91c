"""Store: documents, events and evidence in SQLite (default) or PostgreSQL.

`open_store(url_or_path)` opens (and migrates) either backend: a
`postgresql://…` URL selects PostgreSQL, anything else is a SQLite file path.
"""

from __future__ import annotations

import os
from pathlib import Path

from trucewatch.store.base import Store, StoreCounts, StoredDocument, content_hash, event_from_dict
from trucewatch.store.postgres import PostgresStore
from trucewatch.store.sqlite import SqliteStore

__all__ = [
    "PostgresStore",
    "SqliteStore",
    "Store",
    "StoreCounts",
    "StoredDocument",
    "content_hash",
    "default_db_path",
    "event_from_dict",
    "migrate_store",
    "open_store",
]

_POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def default_db_path() -> Path:
    """`$TRUCEWATCH_DB`, else `$XDG_DATA_HOME/trucewatch/trucewatch.db` (or ~/.local/share)."""
    if os.environ.get("TRUCEWATCH_DB"):
        return Path(os.environ["TRUCEWATCH_DB"]).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "trucewatch" / "trucewatch.db"


def open_store(
    url_or_path: str | Path | None = None, create: bool = True, *,
    read_only: bool = False, migrate: bool = True,
) -> Store:
    """Open the store at a PostgreSQL URL or SQLite path (default: `default_db_path()`).

    With `create=False` a missing SQLite file is an `InputError` instead of a new
    empty database (for commands that only read). `read_only=True` opens a reader
    that never migrates nor takes a write lock (InputError when the schema is behind:
    run `migrate_store` first); `migrate=False` opens a writer without migrating.
    """
    target = str(url_or_path) if url_or_path else str(default_db_path())
    if target.startswith(_POSTGRES_SCHEMES):
        return PostgresStore(target, read_only=read_only, migrate=migrate)
    if target.startswith("sqlite:///"):
        target = target.removeprefix("sqlite:///")
    return SqliteStore(Path(target).expanduser(), create=create, read_only=read_only,
                       migrate=migrate)


def migrate_store(url_or_path: str | Path | None = None) -> int:
    """Bring the schema up to date once (a server's start-up, `trucewatch migrate`).

    A SQLite file nobody may write is checked instead: served as it is when its
    schema is current, an InputError naming it when not.
    """
    target = str(url_or_path) if url_or_path else str(default_db_path())
    path = Path(target.removeprefix("sqlite:///")).expanduser()
    if not target.startswith(_POSTGRES_SCHEMES) and path.exists() and not _writable(path):
        with SqliteStore(path, read_only=True) as reader:
            return reader.check_schema()
    with open_store(target, create=False) as store:
        return store.schema_version()


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
