"""Shared fixtures: the read-only shared data (tests skip without it) and the databases.

Every store test runs on a SQLite file and on PostgreSQL. PostgreSQL runs when
TRUCEWATCH_TEST_POSTGRES_URL is set (`.ci/run` sets it); each test gets a schema of its
own, dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"shared data not found at {SHARED}")
    return SHARED


PG_URL = os.environ.get("TRUCEWATCH_TEST_POSTGRES_URL")


def pg_schema_url(base: str, schema: str) -> str:
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options=-csearch_path%3D{schema}"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A fresh, empty database: a SQLite file path or a PostgreSQL URL."""
    if request.param == "sqlite":
        yield str(tmp_path_factory.mktemp("db") / "trucewatch.db")
        return
    if not PG_URL:
        pytest.skip("TRUCEWATCH_TEST_POSTGRES_URL is not set (see .ci/run)")
    schema = "test_" + uuid.uuid4().hex[:12]
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    yield pg_schema_url(PG_URL, schema)
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say how to run the PostgreSQL tests when they were skipped (README, "Tests")."""
    skipped = [r for r in terminalreporter.stats.get("skipped", [])
               if "TRUCEWATCH_TEST_POSTGRES_URL" in str(getattr(r, "longrepr", ""))]
    if skipped:
        terminalreporter.write_line(
            f"{len(skipped)} PostgreSQL test(s) skipped: set TRUCEWATCH_TEST_POSTGRES_URL="
            "postgresql://USER:PASSWORD@127.0.0.1:5432/DB (a database the tests may create schemas in), "
            "or run `bash .ci/run`, which sets up Debian's PostgreSQL; see README, Tests.")
