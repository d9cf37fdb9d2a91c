"""Serve fixtures: the demo database and servers on loopback (see serve_support.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from serve_support import INGEST_TOKEN, Server, fill_demo_db


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fill_demo_db(tmp_path_factory.mktemp("serve") / "demo.db")


@pytest.fixture(scope="session")
def server(demo_db: Path) -> Iterator[Server]:
    """A read-only server over the demo database (shared by the read tests)."""
    running = Server(demo_db)
    yield running
    running.stop()


@pytest.fixture()
def ingest_server(tmp_path: Path) -> Iterator[Server]:
    """A server with an ingest token, over a database of its own."""
    running = Server(fill_demo_db(tmp_path / "ingest.db"), "--ingest-token", INGEST_TOKEN)
    yield running
    running.stop()
