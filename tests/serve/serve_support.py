"""Serve test support: a SQLite file with the demo corpus, and `trucewatch serve` on loopback.

The server is the real command in a subprocess, on a free port of 127.0.0.1.
The database also holds one report whose text carries HTML (`<script>`), so
that every view can be checked for escaping.
"""

from __future__ import annotations

import datetime as dt
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from trucewatch.model import Document
from trucewatch.pipeline import ingest_documents, ingest_paths
from trucewatch.serve.cli_serve import demo_corpus
from trucewatch.store import open_store

INGEST_TOKEN = "test-token-123"
HOSTILE_TEXT = (
    "KHARKIV, Ukraine — Russian drones struck a school in Kharkiv overnight "
    "<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned=2\">, "
    "injuring three people, the regional governor said."
)
HOSTILE = Document("hostile-report", HOSTILE_TEXT, dt.date(2025, 4, 2), None,
                   "A <b>bold</b> title", "Kharkiv Herald")


def fill_demo_db(path: Path) -> Path:
    with open_store(path) as store:
        ingest_paths([demo_corpus()], store)
        ingest_documents([HOSTILE], store)
    return path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """`trucewatch serve` in a subprocess; `url` is its base address."""

    def __init__(self, db: Path, *extra: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "trucewatch", "serve", "--db", str(db), "--port", str(self.port), *extra],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self._wait()

    def _wait(self) -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: {self.process.stdout.read() if self.process.stdout else ''}")
            try:
                if httpx.get(self.url + "/api/documents?limit=1", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.1)
        raise RuntimeError("server did not start within 30 s")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self.process.stdout:
            self.process.stdout.close()
