"""The API under hostile requests and busy writers (issue 9, points 3, 6, 7 and 9).

`trucewatch serve` runs in a subprocess on 127.0.0.1; requests go over real HTTP.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from trucewatch.model import Document
from trucewatch.pipeline import ingest_documents
from trucewatch.store import open_store

TOKEN = "reliability-token"
STRIKE = "Russian drones struck a power substation in Sumy overnight, the governor said."


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    def __init__(self, db: Path, *extra: str, prefix: tuple[str, ...] = (),
                 env: dict[str, str] | None = None) -> None:
        self.url = f"http://127.0.0.1:{_port()}"
        command = [*prefix, sys.executable, "-m", "trucewatch", "serve", "--db", str(db),
                   "--port", self.url.rsplit(":", 1)[1], *extra]
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                        text=True, env={**os.environ, **(env or {})})
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                httpx.get(self.url + "/openapi.json", timeout=2)
                return
            except httpx.TransportError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"server did not start: {self.output}")

    def rss_kb(self) -> int:
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        return 0

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.output = self.process.stdout.read() if self.process.stdout else ""
        if self.process.stdout:
            self.process.stdout.close()


def _fill(db: Path) -> Path:
    docs = [Document("hostile-cells", STRIKE, None, "@SUM(1+1)*cmd|' /C calc'!A0",
                     "=HYPERLINK(\"http://e.test\")", "+outlet-formula")]
    with open_store(db) as store:
        ingest_documents(docs, store)
    return db


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Server]:
    server = Server(_fill(tmp_path / "api.db"), "--ingest-token", TOKEN)
    yield server
    server.stop()


def _raw_post(url: str, path: str, headers: dict[str, str]) -> str:
    """Send only the head of a request that declares a large body; return the answer."""
    host, port = url.removeprefix("http://").split(":")
    head = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(f"POST {path} HTTP/1.1\r\nHost: {host}\r\n{head}\r\n".encode() + b"{")
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    return answer.decode("utf-8", "replace")


def _chunks(total: int, size: int = 1 << 20) -> Iterator[bytes]:
    yield b'{"documents": [{"id": "big", "text": "'
    for _ in range(total // size):
        yield b"x" * size
    yield b'"}]}'


def test_unauthenticated_posts_are_refused_before_the_body_is_read(served: Server) -> None:
    before = served.rss_kb()
    started = time.monotonic()
    for headers in ({}, {"Authorization": "Bearer wrong"}):
        try:
            response = httpx.post(served.url + "/api/ingest", content=_chunks(200_000_000),
                                  headers=headers, timeout=30)
            assert response.status_code == 401 and response.json()["error"]["code"] == "unauthorized"
        except httpx.WriteError:
            pass  # the server answered and closed while the client was still sending: also fine
    assert time.monotonic() - started < 20
    assert served.rss_kb() - before < 50_000, "an unauthenticated 200 MB post grew the server"


def test_bodies_over_the_limit_get_413(served: Server) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    declared = _raw_post(served.url, "/api/ingest", {**auth, "Content-Length": "30000000"})
    assert declared.startswith("HTTP/1.1 413") and '"too_large"' in declared
    before = served.rss_kb()
    try:
        streamed = httpx.post(served.url + "/api/ingest", headers=auth, content=_chunks(60_000_000),
                              timeout=60)
        assert streamed.status_code == 413
    except httpx.WriteError:
        pass
    assert served.rss_kb() - before < 120_000
    get_body = httpx.request("GET", served.url + "/api/incidents", content=b"x" * 200_000, timeout=30)
    assert get_body.status_code == 413
    ok = httpx.post(served.url + "/api/ingest", headers=auth, timeout=60,
                    json={"documents": [{"id": "fine", "text": STRIKE, "outlet": "Kyiv Post"}]})
    assert ok.status_code == 200 and ok.json()["added"] == 1


def test_405_names_the_allowed_methods_and_bad_days_are_refused(served: Server) -> None:
    response = httpx.delete(served.url + "/api/incidents", timeout=30)
    assert response.status_code == 405 and response.headers["allow"] == "GET"
    assert response.json()["error"]["code"] == "method_not_allowed"
    for bad in ("0", "20250301", "2025-02-30", "yesterday"):
        answer = httpx.get(served.url + "/api/incidents", params={"until": bad}, timeout=30)
        assert answer.status_code == 422, bad
    assert httpx.get(served.url + "/api/incidents?until=2025-03-01", timeout=30).status_code == 200


def test_csv_exports_neutralise_formulas(served: Server) -> None:
    for dataset in ("events", "documents"):
        text = httpx.get(f"{served.url}/api/export/{dataset}.csv", timeout=30).text
        cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
        assert cells and not any(c.lstrip(" ").startswith(("=", "+", "@")) for c in cells), dataset
        assert "'=HYPERLINK(\"http://e.test\")" in cells or "'+outlet-formula" in cells


def test_readers_are_not_blocked_by_a_writer(served: Server, tmp_path: Path) -> None:
    writer = sqlite3.connect(tmp_path / "api.db", isolation_level=None, timeout=1)
    writer.execute("BEGIN IMMEDIATE")  # a writer holding the lock, as a long ingest does
    try:
        time.sleep(2.5)  # past the cache's refresh interval: the next read reopens the store
        started = time.monotonic()
        for _ in range(5):
            assert httpx.get(served.url + "/api/findings", timeout=30).status_code == 200
        assert time.monotonic() - started < 5
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def _as_nobody() -> tuple[str, ...]:
    if os.geteuid() != 0:
        return ()
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv")
    return (setpriv, "--reuid=65534", "--regid=65534", "--clear-groups")


def test_a_read_only_database_is_served() -> None:
    folder = Path(tempfile.mkdtemp(prefix="trucewatch-ro-"))
    try:
        db = _fill(folder / "ro.db")
        for leftover in folder.glob("ro.db-*"):
            leftover.unlink()
        db.chmod(0o444)
        folder.chmod(0o555)
        home = {"HOME": str(folder), "XDG_CONFIG_HOME": str(folder)}  # root's is not nobody's
        server = Server(db, prefix=_as_nobody(), env=home)
        try:
            page = httpx.get(server.url + "/api/documents", timeout=30)
            assert page.status_code == 200 and page.json()["total"] == 1
        finally:
            server.stop()
        assert "Traceback" not in server.output
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder, ignore_errors=True)
