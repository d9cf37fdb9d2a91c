"""The watcher under hostile servers and crashes (issue 9, points 4, 5 and 8).

Everything runs against HTTP servers on 127.0.0.1 started here; a registered
resolver stands in for DNS (names under `.rebind.test` resolve only through it).
"""

from __future__ import annotations

import gzip
import ipaddress
import json
import os
import signal
import subprocess
import sys
import threading
import time
import tracemalloc
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from trucewatch.watch import IDEMPOTENCY_HEADER, FetchError, FetchPolicy, FetchRefused, fetch
from trucewatch.watch.fetch import IPAddress

LOOPBACK = ipaddress.ip_address("127.0.0.1")


@dataclass
class Server:
    """Routes: path -> a function writing the answer; records requests and webhook posts."""

    port: int = 0
    routes: dict[str, Any] = field(default_factory=dict)
    hosts: list[str] = field(default_factory=list)
    posts: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    hold_post: int | None = None  # the post (1-based) that never gets an answer
    held: threading.Event = field(default_factory=threading.Event)

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"


def _handler(server: Server) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            return None

        def do_GET(self) -> None:
            server.hosts.append(self.headers.get("Host", ""))
            route = server.routes.get(self.path)
            if route is None:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            try:
                route(self)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up, as it should

        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            server.posts.append((self.headers.get(IDEMPOTENCY_HEADER, ""), body))
            if server.hold_post == len(server.posts):
                server.held.set()
                time.sleep(60)  # the watcher is killed while it waits for this answer
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

    return Handler


@pytest.fixture
def server() -> Iterator[Server]:
    state = Server()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    httpd.daemon_threads = True
    state.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield state
    httpd.shutdown()
    httpd.server_close()


def _answer(body: bytes, kind: str = "text/html", **headers: str) -> Any:
    def write(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", kind)
        h.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            h.send_header(name.replace("_", "-"), value)
        h.end_headers()
        h.wfile.write(body)
    return write


class Rebinding:
    """A resolver whose answers change per call, as a rebinding DNS server's do."""

    def __init__(self, *answers: list[IPAddress]) -> None:
        self.answers, self.calls = list(answers), 0

    def __call__(self, host: str, port: int) -> list[IPAddress]:
        self.calls += 1
        if not host.endswith(".rebind.test"):
            raise FetchError(host, "cannot resolve host")
        return self.answers[min(self.calls, len(self.answers)) - 1]


# -- point 5: connect to the address that was checked ---------------------------------------


def test_connects_to_the_checked_address_on_every_hop(server: Server) -> None:
    server.routes["/start"] = lambda h: (h.send_response(302), h.send_header(
        "Location", server.url("/end", "second.rebind.test")), h.send_header("Content-Length", "0"),
        h.end_headers())
    server.routes["/end"] = _answer(b"pinned")
    resolver = Rebinding([LOOPBACK], [LOOPBACK], [ipaddress.ip_address("10.0.0.1")])
    policy = FetchPolicy(allow_private=True, timeout=2, resolve=resolver)
    got = fetch(server.url("/start", "first.rebind.test"), policy)
    assert got.body == b"pinned" and got.url == server.url("/end", "second.rebind.test")
    assert resolver.calls == 2  # one resolution per hop, and that answer was used
    assert server.hosts == [f"first.rebind.test:{server.port}", f"second.rebind.test:{server.port}"]


def test_a_rebinding_answer_never_reaches_loopback(server: Server) -> None:
    server.routes["/secret"] = _answer(b"internal")
    public = ipaddress.ip_address("8.8.8.8")
    resolver = Rebinding([public], [LOOPBACK])  # checked: public; a second lookup: loopback
    policy = FetchPolicy(timeout=0.5, deadline=2, resolve=resolver)
    with pytest.raises(FetchError):
        fetch(f"http://evil.rebind.test:{server.port}/secret", policy)
    assert resolver.calls == 1 and server.hosts == []
    mixed = Rebinding([public, LOOPBACK])
    with pytest.raises(FetchRefused, match="127.0.0.1 is not public"):
        fetch(f"http://evil.rebind.test:{server.port}/secret", FetchPolicy(resolve=mixed))


# -- point 8: an overall deadline and a decompressed-size limit -----------------------------


def _drip(h: BaseHTTPRequestHandler) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Content-Length", "1000")
    h.end_headers()
    for _ in range(1000):
        h.wfile.write(b"x")
        h.wfile.flush()
        time.sleep(0.2)


def test_a_dripping_server_is_cut_off_at_the_deadline(server: Server) -> None:
    server.routes["/drip"] = _drip
    started = time.monotonic()
    with pytest.raises(FetchError, match="deadline"):
        fetch(server.url("/drip"), FetchPolicy(allow_private=True, timeout=1, deadline=1.5))
    assert time.monotonic() - started < 3.5


def test_a_gzip_bomb_stops_at_the_limit_without_inflating(server: Server) -> None:
    bomb = gzip.compress(b"\0" * 100_000_000, compresslevel=9)  # 100 MB in about 100 KB
    server.routes["/bomb"] = _answer(bomb, Content_Encoding="gzip")
    tracemalloc.start()
    try:
        with pytest.raises(FetchError, match="decompressed body is over the 1000000-byte limit"):
            fetch(server.url("/bomb"), FetchPolicy(allow_private=True, max_bytes=1_000_000))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20_000_000, f"peak {peak / 1e6:.0f} MB while reading a 1 MB-limited body"
    server.routes["/small"] = _answer(gzip.compress(b"<p>fine</p>"), Content_Encoding="gzip")
    assert fetch(server.url("/small"), FetchPolicy(allow_private=True)).body == b"<p>fine</p>"


# -- point 4: each finding is posted once, with an idempotency key ----------------------------

WATCH_SCRIPT = """
import sys
from trucewatch.store import open_store
from trucewatch.watch import FetchPolicy, WatchConfig, WatchState, poll_once
feed, hook, db, state = sys.argv[1:5]
config = WatchConfig((feed,), hook, FetchPolicy(allow_private=True, timeout=60))
with open_store(db) as store:
    report = poll_once(config, store, WatchState(state))
print(report.added, report.delivered)
"""

STORIES = {
    "calm": ("Grain convoy leaves Odesa", "A convoy of grain ships left the port of Odesa on "
             "Monday under naval escort, the harbour master said."),
    "sumy": ("Drones hit substation in Sumy region", "Russian drones struck a power substation "
             "in Sumy region overnight, cutting electricity to thousands of homes, the regional "
             "governor said on Tuesday."),
    "kharkiv": ("Missiles hit power plant in Kharkiv", "Russian missiles struck a thermal power "
                "plant in Kharkiv overnight, the regional governor said on Tuesday."),
    "krasnodar": ("Drones hit oil depot in Krasnodar", "Ukrainian drones struck an oil depot in "
                  "the Krasnodar region overnight, the regional governor said on Tuesday."),
}


def _publish(server: Server, keys: list[str]) -> None:
    items = ""
    for key in keys:
        title, text = STORIES[key]
        page = f"<html><body><article><h1>{title}</h1><p>{text}</p></article></body></html>"
        server.routes[f"/a/{key}"] = _answer(page.encode())
        items += (f"<item><title>{title}</title><link>{server.url('/a/' + key)}</link>"
                  f"<guid>{key}</guid><pubDate>Tue, 25 Mar 2025 06:00:00 GMT</pubDate></item>")
    feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{items}</channel></rss>'
    server.routes["/feed.xml"] = _answer(feed.encode(), "application/rss+xml")


def _watch(server: Server, tmp_path: Path) -> subprocess.Popen[str]:
    args = [server.url("/feed.xml"), server.url("/hook"), str(tmp_path / "w.db"),
            str(tmp_path / "state.json")]
    return subprocess.Popen([sys.executable, "-c", WATCH_SCRIPT, *args], text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_a_crash_mid_delivery_never_reposts_an_acknowledged_finding(
    server: Server, tmp_path: Path
) -> None:
    _publish(server, ["calm"])
    first = _watch(server, tmp_path)
    _, err = first.communicate(timeout=120)
    assert first.returncode == 0, err
    _publish(server, ["calm", "sumy", "kharkiv", "krasnodar"])
    server.hold_post = 2  # the first finding is acknowledged, the watcher dies on the second
    crashing = _watch(server, tmp_path)
    try:
        assert server.held.wait(120)
    finally:
        os.kill(crashing.pid, signal.SIGKILL)
        crashing.communicate(timeout=30)
    server.hold_post = None
    restarted = _watch(server, tmp_path)
    _, err = restarted.communicate(timeout=120)
    assert restarted.returncode == 0, err
    keys = [key for key, _ in server.posts]
    assert len(keys) == 4 and len(set(keys)) == 3  # 3 findings; only the unanswered one twice
    assert keys[0] not in keys[1:] and keys[1] in keys[2:]
    for key, body in server.posts:
        assert key == body["idempotency_key"] == body["finding"]["id"]
