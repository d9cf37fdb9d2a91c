"""Store: documents, events and evidence in SQLite (default) or PostgreSQL.

`open_store(url_or_path)` opens (and migrates) either backend: a
`postgresql://…` URL selects PostgreSQL, anything else is a SQLite file path.
"""

from __future__ import annotations

import os
from pathlib import Path

from trucewatch.store.base import Store, StoreCounts, StoredDocument, content_hash
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
    "open_store",
]

_POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def default_db_path() -> Path:
    """`$TRUCEWATCH_DB`, else `$XDG_DATA_HOME/trucewatch/trucewatch.db` (or ~/.local/share)."""
    if os.environ.get("TRUCEWATCH_DB"):
        return Path(os.environ["TRUCEWATCH_DB"]).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "trucewatch" / "trucewatch.db"


def open_store(url_or_path: str | Path | None = None, create: bool = True) -> Store:
    """Open the store at a PostgreSQL URL or SQLite path (default: `default_db_path()`).

    With `create=False` a missing SQLite file is an `InputError` instead of a new
    empty database (for commands that only read).
    """
    target = str(url_or_path) if url_or_path else str(default_db_path())
    if target.startswith(_POSTGRES_SCHEMES):
        return PostgresStore(target)
    if target.startswith("sqlite:///"):
        target = target.removeprefix("sqlite:///")
    return SqliteStore(Path(target).expanduser(), create=create)
