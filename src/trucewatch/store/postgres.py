"""PostgreSQL backend (psycopg 3): the same schema and statements as SQLite."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg

from trucewatch.errors import InputError
from trucewatch.store.common import SqlStore

__all__ = ["PostgresStore"]

_MIGRATION_LOCK = 0x7472_7563  # pg_advisory_xact_lock key: "truc"


class PostgresStore(SqlStore):
    """A store in a PostgreSQL database given by URL (`postgresql://…`)."""

    dialect = "postgres"

    def __init__(self, url: str, *, read_only: bool = False, migrate: bool = True) -> None:
        self.url = url
        self.read_only = read_only
        try:
            self._conn = psycopg.connect(url, autocommit=True, connect_timeout=15)
        except psycopg.Error as exc:
            raise InputError(_redact(url), f"cannot connect to PostgreSQL ({_first_line(exc)})") from exc
        if read_only:
            self.check_schema()  # readers never migrate: that takes the migration lock
        elif migrate:
            self.migrate()

    def _sql(self, statement: str) -> str:
        return statement.replace("?", "%s")

    @contextmanager
    def _write(self) -> Iterator[Any]:
        with self._conn.transaction(), self._conn.cursor() as cur:
            yield cur

    @contextmanager
    def _read(self) -> Iterator[Any]:
        with self._conn.transaction(), self._conn.cursor() as cur:
            cur.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield cur

    def _lock_for_migrations(self, cur: Any) -> None:
        cur.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _redact(url: str) -> str:
    """The URL without its password, for messages."""
    head, sep, tail = url.partition("@")
    if not sep or ":" not in head.split("//", 1)[-1]:
        return url
    scheme, _, userinfo = head.partition("//")
    return f"{scheme}//{userinfo.split(':', 1)[0]}:***@{tail}"
