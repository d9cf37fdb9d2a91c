"""Ledger at scale: what one new report costs, and how fast the listings answer.

Builds a SQLite store of N documents (default 10,000 and 100,000) from our demo
corpus and the RUWA headlines (../shared/data/ruwa/ruwa.jsonl, read at run
time), then measures what `watch` and the API do after every new item:

1. link + assess after adding one report (`pipeline.link_store` and
   `pipeline.assess_store`: the whole store today), target < 50 ms;
2. the listing endpoints over real HTTP (`trucewatch serve` on 127.0.0.1):
   the first request after start, warm requests (median of 5), and the first
   request after one more report is ingested; target < 100 ms.

The build is bounded: the source reports are extracted once, then copied (new
id, URL and content hash; publication and event dates moved by whole weeks so
copies are not wire copies of each other) and bulk-inserted 1,000 documents
per transaction.

    .venv/bin/python benchmarks/ledger_scale.py                  # 10k and 100k
    .venv/bin/python benchmarks/ledger_scale.py --sizes 2000     # a quick look
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx

from trucewatch.ingest import read_documents
from trucewatch.model import Document
from trucewatch.pipeline import assess_corpus, ingest_documents, link_store, prepare_document
from trucewatch.store import StoredDocument, content_hash, open_store

HERE = Path(__file__).resolve().parent
RUWA = HERE.parent.parent / "shared" / "data" / "ruwa" / "ruwa.jsonl"
DEMO = HERE.parent / "src" / "trucewatch" / "demo" / "corpus.jsonl"
CHUNK = 1000
LISTINGS = ("/api/events?limit=50", "/api/incidents?limit=50", "/api/findings?limit=50",
            "/api/verdicts")


def sources(limit: int) -> list[StoredDocument]:
    """Demo reports and RUWA headlines, extracted once (untimed)."""
    docs = list(read_documents([str(DEMO)]))
    if RUWA.is_file():
        docs += list(read_documents([str(RUWA)]))[: max(0, limit - len(docs))]
    return [prepare_document(d) for d in docs if isinstance(d, Document)]


def _copy(stored: StoredDocument, n: int) -> StoredDocument:
    shift = dt.timedelta(weeks=n)
    doc = stored.document
    moved = dataclasses.replace(
        doc, id=f"{doc.id}~{n}", url=f"{doc.url}/copy-{n}" if doc.url else None,
        published=doc.published + shift if doc.published else None)
    events = tuple(dataclasses.replace(e, date=e.date + shift) if e.date else e
                   for e in stored.events)
    published = stored.published + shift if stored.published else None
    return dataclasses.replace(stored, content_hash=content_hash(moved), document=moved,
                               published=published, events=events)


def synthetic(base: list[StoredDocument], size: int) -> Iterator[StoredDocument]:
    for i in range(size):
        yield base[i % len(base)] if i < len(base) else _copy(base[i % len(base)], i // len(base))


def build(path: Path, base: list[StoredDocument], size: int) -> float:
    start = time.perf_counter()
    with open_store(path) as store:
        chunk: list[StoredDocument] = []
        for stored in synthetic(base, size):
            chunk.append(stored)
            if len(chunk) == CHUNK:
                store.add_documents(chunk)
                chunk = []
        store.add_documents(chunk)
    return time.perf_counter() - start


def timed(work: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def new_report(n: int) -> Document:
    text = (f"KHARKIV - Russian drones struck a power substation in the Kharkiv region overnight, "
            f"cutting electricity to {1000 + n} homes, the regional governor said on Thursday.")
    return Document(f"bench-new-{n}", text, dt.date(2025, 3, 27), f"https://bench.invalid/{n}",
                    None, "Kyiv Monitor")


def one_round(path: Path, n: int) -> dict[str, float]:
    """Ingest one report, then link and assess the store as `watch` does after each item
    (`assess_store` is `link_store` then `assess_corpus`; timed apart here)."""
    with open_store(path) as store:
        ingest_s, _ = timed(lambda: ingest_documents([new_report(n)], store))
        link_s, corpus = timed(lambda: link_store(store))
        assess_s, _ = timed(lambda: assess_corpus(corpus))
    return {"ingest_ms": ingest_s * 1e3, "link_ms": link_s * 1e3, "assess_ms": assess_s * 1e3}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> float:
    start = time.perf_counter()
    response = httpx.get(url, timeout=600)
    response.raise_for_status()
    return (time.perf_counter() - start) * 1e3


def api_latencies(path: Path) -> dict[str, Any]:
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "trucewatch", "serve", "--db", str(path),
                               "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                httpx.get(base + "/openapi.json", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        out: dict[str, Any] = {"first_ms": _get(base + LISTINGS[0])}
        for route in LISTINGS:
            out[route] = statistics.median(_get(base + route) for _ in range(5))
        with open_store(path) as store:
            ingest_documents([new_report(10_000)], store)
        time.sleep(2.5)  # the server checks for a changed store every 2 s
        out["after_new_report_ms"] = _get(base + LISTINGS[1])
        return out
    finally:
        server.terminate()
        server.wait(timeout=30)


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(size: int, base: list[StoredDocument], folder: Path) -> None:
    path = folder / f"ledger-{size}.db"
    build_s = build(path, base, size)
    print(f"\n## {size:,} documents (built in {build_s:.1f} s, {path.stat().st_size / 1e6:.0f} MB)")
    rounds = [one_round(path, n) for n in range(1 if size > 50_000 else 2)]
    for name in ("ingest_ms", "link_ms", "assess_ms"):
        print(f"add one report: {name:10} {statistics.median(r[name] for r in rounds):10.1f}")
    total = statistics.median(r["link_ms"] + r["assess_ms"] for r in rounds)
    print(f"add one report: link+assess {total:9.1f} ms (target < 50 ms)")
    for key, value in api_latencies(path).items():
        print(f"api {key:28} {value:10.1f} ms (target < 100 ms)")
    print(f"peak RSS of this process: {_rss_mb():.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--sources", type=int, default=16_254, help="distinct reports to extract")
    args = parser.parse_args()
    if not RUWA.is_file():
        print(f"note: {RUWA} not found; using the demo corpus only", file=sys.stderr)
    extract_s, base = timed(lambda: sources(args.sources))
    events = sum(len(s.events) for s in base)
    print(f"# ledger_scale: {len(base):,} distinct reports ({events:,} events) extracted in "
          f"{extract_s:.1f} s (untimed setup); CPU {os.cpu_count()}")
    with tempfile.TemporaryDirectory(prefix="trucewatch-ledger-") as folder:
        for size in args.sizes:
            run(size, base, Path(folder))
    print(json.dumps({"done": True}))


if __name__ == "__main__":
    main()
