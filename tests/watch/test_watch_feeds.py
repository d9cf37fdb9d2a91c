"""`trucewatch watch` against feeds, article pages and a webhook served on 127.0.0.1.

The fixtures are written for these tests. Loopback needs `allow_private=True`;
with it off, the same URLs are refused.
"""

from __future__ import annotations

import ipaddress
import json
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from trucewatch.store import open_store
from trucewatch.watch import (
    FetchError,
    FetchPolicy,
    FetchRefused,
    WatchConfig,
    WatchState,
    check_url,
    fetch,
    parse_every,
    parse_feed,
    poll_once,
    watch,
)
from trucewatch.watch.fetch import _public

CLI = [sys.executable, "-c", "from trucewatch.serve.cli import main; main()"]
LOCAL = FetchPolicy(allow_private=True, timeout=0.5)

CALM = ("Grain ship convoy leaves Odesa", "A convoy of grain ships left the port of Odesa on "
        "Monday under naval escort, the harbour master told reporters at the quay.")
STRIKE = ("Drones hit substation in Sumy region", "Russian drones struck a power substation in "
          "Sumy region overnight, cutting electricity to thousands of homes, the regional "
          "governor said on Tuesday.")


def page(title: str, body: str) -> bytes:
    filler = "<p>Repair crews were sent out in the morning and schools stayed open.</p>"
    return (f"<html><head><title>{title}</title></head><body><nav>Home | World | Sport</nav>"
            f"<article><h1>{title}</h1><p>{body}</p>{filler}</article>"
            "<footer>Copyright the Example Herald</footer></body></html>").encode()


def rss(items: list[tuple[str, str, str]]) -> bytes:
    entries = "".join(
        f"<item><title>{t}</title><link>{link}</link><guid>{guid}</guid>"
        "<pubDate>Tue, 25 Mar 2025 06:00:00 GMT</pubDate></item>" for guid, t, link in items)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Example Herald</title>'
            f"{entries}</channel></rss>").encode()


def atom(items: list[tuple[str, str, str]]) -> bytes:
    entries = "".join(
        f'<entry><id>{guid}</id><title>{t}</title><link href="{link}"/>'
        "<updated>2025-03-25T06:00:00Z</updated></entry>" for guid, t, link in items)
    return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>Example Wire</title><id>urn:wire</id><updated>2025-03-25T06:00:00Z</updated>"
            f"{entries}</feed>").encode()


@dataclass
class Site:
    """What the test server answers: path -> (status, content type, body, delay)."""

    port: int = 0
    routes: dict[str, tuple[int, str, bytes, float]] = field(default_factory=dict)
    posts: list[tuple[float, dict[str, Any]]] = field(default_factory=list)
    webhook_status: int = 200
    posted: threading.Event = field(default_factory=threading.Event)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            return None

        def do_GET(self) -> None:
            status, kind, body, delay = site.routes.get(self.path, (404, "text/plain", b"no", 0.0))
            time.sleep(delay)
            self.send_response(status)
            if status in (301, 302):
                self.send_header("Location", body.decode())
                body = b""
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client stopped reading (the size-limit test)

        def do_POST(self) -> None:
            data = self.rfile.read(int(self.headers["Content-Length"]))
            if site.webhook_status == 200:
                site.posts.append((time.monotonic(), json.loads(data)))
                site.posted.set()
            self.send_response(site.webhook_status)
            self.send_header("Content-Length", "0")
            self.end_headers()

    return Handler


@pytest.fixture
def site() -> Iterator[Site]:
    site = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    server.daemon_threads = True
    site.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield site
    server.shutdown()
    server.server_close()
    thread.join()


def serve_feed(site: Site, path: str, items: list[tuple[str, tuple[str, str]]], kind: str = "rss") -> None:
    entries = []
    for guid, (title, body) in items:
        site.routes[f"/a/{guid}"] = (200, "text/html", page(title, body), 0.0)
        entries.append((guid, title, site.url(f"/a/{guid}")))
    maker, ctype = (rss, "application/rss+xml") if kind == "rss" else (atom, "application/atom+xml")
    site.routes[path] = (200, ctype, maker(entries), 0.0)


def test_latency_from_feed_item_to_webhook(site: Site, tmp_path: Path) -> None:
    serve_feed(site, "/feed.xml", [("calm-1", CALM)])
    config = WatchConfig((site.url("/feed.xml"),), site.url("/hook"), LOCAL)
    stop, polls = threading.Event(), []
    errors: list[BaseException] = []

    def loop() -> None:
        try:
            with open_store(tmp_path / "w.db") as store:
                watch(config, store, WatchState(tmp_path / "state.json"), every=0.1, stop=stop,
                      on_poll=polls.append)
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            errors.append(exc)

    thread = threading.Thread(target=loop)
    thread.start()
    try:
        deadline = time.monotonic() + 20
        while not polls and time.monotonic() < deadline:
            time.sleep(0.02)
        assert polls and polls[0].added == 1 and not site.posts
        serve_feed(site, "/feed.xml", [("strike-1", STRIKE), ("calm-1", CALM)])
        appeared = time.monotonic()
        assert site.posted.wait(20), (errors, polls[-3:])
        latency = site.posts[0][0] - appeared
    finally:
        stop.set()
        thread.join(30)
    print(f"\nwatch latency, feed item appearing -> webhook call: {latency * 1000:.0f} ms")
    assert not errors
    payload = site.posts[0][1]
    assert payload["type"] == "trucewatch.finding"
    assert payload["agreement"]["id"] == "energy-pause-2025"
    assert payload["finding"]["party"] == "RU" and "substation" in payload["finding"]["evidence"][0]["quote"]
    assert len(site.posts) == 1 and latency < 10


def test_survives_timeouts_http_errors_and_malformed_feeds(site: Site, tmp_path: Path) -> None:
    serve_feed(site, "/good.atom", [("urn:a1", CALM)], kind="atom")
    site.routes["/slow.xml"] = (200, "application/rss+xml", rss([]), 2.0)
    site.routes["/broken.xml"] = (200, "application/rss+xml", b"<rss><channel><item><title>x</ti", 0.0)
    site.routes["/gone.xml"] = (500, "text/plain", b"oops", 0.0)
    feeds = tuple(site.url(p) for p in ("/slow.xml", "/gone.xml", "/broken.xml", "/good.atom"))
    lines: list[str] = []
    with open_store(tmp_path / "w.db") as store:
        report = poll_once(WatchConfig(feeds, None, LOCAL), store, WatchState(), lines.append)
    assert report.added == 1
    assert len(lines) == 3 and all("\n" not in line for line in lines)
    assert "ReadTimeout" in lines[0] and "HTTP 500" in lines[1] and "malformed feed" in lines[2]


def test_restarts_where_it_left_off_and_retries_the_webhook(site: Site, tmp_path: Path) -> None:
    serve_feed(site, "/feed.xml", [("calm-1", CALM)])
    config = WatchConfig((site.url("/feed.xml"),), site.url("/hook"), LOCAL)
    state_file = tmp_path / "state.json"
    with open_store(tmp_path / "w.db") as store:
        assert poll_once(config, store, WatchState(state_file)).added == 1
        serve_feed(site, "/feed.xml", [("strike-1", STRIKE), ("calm-1", CALM)])
        site.webhook_status = 503
        failed = poll_once(config, store, WatchState(state_file))
        assert (failed.new_items, failed.added, len(failed.findings), failed.delivered) == (1, 1, 1, 0)
        assert "HTTP 503" in failed.problems[0]
        site.webhook_status = 200
        retried = poll_once(config, store, WatchState(state_file))  # a restart: state from the file
        assert (retried.new_items, retried.delivered) == (0, 1)
        quiet = poll_once(config, store, WatchState(state_file))
        assert (quiet.new_items, quiet.delivered) == (0, 0)
    saved = json.loads(state_file.read_text())
    assert saved["seen"][site.url("/feed.xml")] == ["calm-1", "strike-1"]
    assert len(site.posts) == 1


def test_refuses_other_schemes_and_non_public_addresses(site: Site) -> None:
    site.routes["/feed.xml"] = (200, "application/rss+xml", rss([]), 0.0)
    site.routes["/to-file"] = (302, "text/plain", b"file:///etc/passwd", 0.0)
    for url in ("file:///etc/passwd", "ftp://example.org/feed", "gopher://x/", "javascript:alert(1)"):
        with pytest.raises(FetchRefused, match="only http and https"):
            check_url(url, allow_private=True)
    for url in (site.url("/feed.xml"), f"http://localhost:{site.port}/feed.xml", "http://[::1]/",
                "http://10.1.2.3/", "http://169.254.169.254/latest/meta-data/", "http://0.0.0.0/"):
        with pytest.raises(FetchRefused, match="not public"):
            fetch(url, FetchPolicy(timeout=0.5))
    with pytest.raises(FetchRefused, match="scheme 'file'"):  # redirects are checked again
        fetch(site.url("/to-file"), LOCAL)
    assert fetch(site.url("/feed.xml"), LOCAL).status == 200
    private = ("192.168.1.1", "172.16.0.1", "100.64.0.1", "fe80::1", "fc00::1", "::ffff:127.0.0.1",
               "224.0.0.1", "240.0.0.1", "::")
    assert not any(_public(ipaddress.ip_address(ip)) for ip in private)
    assert all(_public(ipaddress.ip_address(ip)) for ip in ("8.8.8.8", "2606:4700::1111"))


def test_size_limit_and_feed_parsing(site: Site) -> None:
    site.routes["/big"] = (200, "text/html", b"x" * 5000, 0.0)
    with pytest.raises(FetchError, match="over the 1000-byte limit"):
        fetch(site.url("/big"), FetchPolicy(allow_private=True, max_bytes=1000))
    items = parse_feed(atom([("urn:x", "Title", "/rel")]), "https://example.org/feed")
    assert items[0].key == "urn:x" and items[0].link == "https://example.org/rel"
    assert str(items[0].published) == "2025-03-25"
    assert parse_every("5m") == 300 and parse_every("90") == 90 and parse_every("1h") == 3600
    with pytest.raises(ValueError):
        parse_every("soon")


def test_cli_watch_once(site: Site, tmp_path: Path) -> None:
    serve_feed(site, "/feed.xml", [("calm-1", CALM)])
    args = ["watch", site.url("/feed.xml"), "--once", "--db", str(tmp_path / "w.db"),
            "--state", str(tmp_path / "s.json")]
    refused = subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=120)
    assert "is not public (pass --allow-private" in refused.stderr
    assert refused.returncode == 1 and "every feed failed (1 of 1)" in refused.stderr  # issue 11
    allowed = subprocess.run([*CLI, *args, "--allow-private"], capture_output=True, text=True, timeout=120)
    assert allowed.returncode == 0, allowed.stderr
    assert "1 new item(s), 1 stored" in allowed.stderr
