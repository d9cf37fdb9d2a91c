"""SQLite backend: one file, WAL mode, every write one `BEGIN IMMEDIATE` transaction.

Readers (`read_only=True`) open the file with `mode=ro` and never migrate, so
they neither wait for a writer's lock nor need write access: a database file
(or folder) that is read-only can be served. Where SQLite cannot even create
its shared-memory file beside a WAL database (a read-only folder), the file
is opened `immutable`, which is right for a database nobody can write.
"""

from __future__ import annotations

import sqlite3
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from trucewatch.errors import InputError
from trucewatch.store.common import SqlStore

__all__ = ["SqliteStore"]

BUSY_TIMEOUT_S = 60.0


class SqliteStore(SqlStore):
    """A store in one SQLite file; concurrent writers wait for each other."""

    dialect = "sqlite"

    def __init__(
        self, path: str | Path, create: bool = True, *, read_only: bool = False,
        migrate: bool = True,
    ) -> None:
        self.path = Path(path)
        self.url = str(self.path)
        self.read_only = read_only
        if (read_only or not create) and not self.path.exists():
            raise InputError(str(self.path), "no database here; run `trucewatch ingest` first")
        if read_only:
            self._conn = self._open_reader()
            self.check_schema()
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._conn = sqlite3.connect(
                self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None
            )
            self._conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
            self._use_wal()
            self._conn.execute("PRAGMA synchronous = NORMAL")
            self._conn.execute("PRAGMA foreign_keys = ON")
        except sqlite3.DatabaseError as exc:
            raise InputError(str(self.path), f"not a usable SQLite database ({exc})") from exc
        if migrate:
            self.migrate()

    def _open_reader(self) -> sqlite3.Connection:
        uri = "file:" + urllib.parse.quote(str(self.path.resolve()))
        last: sqlite3.Error | None = None
        for flags in ("?mode=ro", "?mode=ro&immutable=1"):
            try:
                conn = sqlite3.connect(uri + flags, uri=True, timeout=BUSY_TIMEOUT_S,
                                       isolation_level=None, check_same_thread=False)
                conn.execute("PRAGMA busy_timeout = 5000")
                conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
                return conn
            except sqlite3.Error as exc:  # e.g. no -shm file and a read-only folder
                last = exc
        raise InputError(str(self.path), f"not a readable SQLite database ({last})")

    def _use_wal(self) -> None:
        """Switch the file to WAL once. The switch takes an exclusive lock that SQLite's busy
        handler does not wait for, so two processes creating one database at the same moment
        retry here instead of failing with "database is locked"."""
        deadline = time.monotonic() + BUSY_TIMEOUT_S
        delay = 0.01
        while True:
            try:
                if self._conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                    self._conn.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(delay)
                delay = min(delay * 2, 0.5)

    @contextmanager
    def _write(self) -> Iterator[Any]:
        cur = self._conn.cursor()
        cur.execute("BEGIN IMMEDIATE")
        try:
            yield cur
        except BaseException:
            cur.execute("ROLLBACK")
            raise
        cur.execute("COMMIT")

    @contextmanager
    def _read(self) -> Iterator[Any]:
        cur = self._conn.cursor()
        cur.execute("BEGIN")
        try:
            yield cur
        finally:
            cur.execute("COMMIT")

    def _extra_checks(self, cur: Any) -> list[str]:
        cur.execute("PRAGMA integrity_check")
        problems = [row[0] for row in cur.fetchall() if row[0] != "ok"]
        cur.execute("PRAGMA foreign_key_check")
        problems += [f"foreign key violation: {row}" for row in cur.fetchall()]
        return problems

    def journal_mode(self) -> str:
        return str(self._conn.execute("PRAGMA journal_mode").fetchone()[0])
