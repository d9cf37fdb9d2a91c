"""Ledger at scale: what one new report costs, and how fast the listings answer.

Builds a SQLite store of N documents (default 10,000 and 100,000) from our demo
corpus and the RUWA headlines (../shared/data/ruwa/ruwa.jsonl, read at run
time), then measures what `watch` and the API do after every new item:

1. link + assess after adding one report: the stored ledger's incremental
   update (`ledger.sync.update_ledger`, run inside the document's transaction
   by every ingest), target < 50 ms; for comparison once, the in-memory
   `link_store` + `assess_corpus` over the whole store (what ran before);
2. the listing endpoints over real HTTP (`trucewatch serve` on 127.0.0.1),
   answered in SQL from the stored ledger: the first request after start,
   warm requests (median of 5), and the first request after one more report
   is ingested; target < 100 ms.

The store is filled by bulk inserts, then the ledger is built once by a full
`relink` (timed and printed: what `trucewatch relink` costs at that size).

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
from trucewatch.ledger.sync import update_ledger
from trucewatch.pipeline import (
    assess_corpus,
    ingest_documents,
    link_store,
    prepare_document,
    relink_store,
)
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
    """Store one report as every ingest does: the document write and the ledger's incremental
    link + assess in one transaction (the update timed apart)."""
    stored = prepare_document(new_report(n))
    spent: list[float] = []

    def update(tx: Any, keys: list[str]) -> None:
        start = time.perf_counter()
        update_ledger(tx, keys)
        spent.append(time.perf_counter() - start)

    with open_store(path) as store:
        total_s, _ = timed(lambda: store.add_documents([stored], after=update))
    return {"store_and_update_ms": total_s * 1e3, "link_assess_ms": spent[0] * 1e3}


def whole_store_round(path: Path) -> dict[str, float]:
    """What linking and assessing the whole store in memory costs (the read model before
    issue 10, and `trucewatch assess`)."""
    with open_store(path) as store:
        link_s, corpus = timed(lambda: link_store(store))
        assess_s, _ = timed(lambda: assess_corpus(corpus))
    return {"whole_link_ms": link_s * 1e3, "whole_assess_ms": assess_s * 1e3}


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
        out: dict[str, Any] = {}
        for route in LISTINGS:
            out[f"{route} first"] = _get(base + route)
            out[f"{route} warm"] = statistics.median(_get(base + route) for _ in range(5))
        for route in ("/api/incidents?limit=50&sort=-report_count", "/api/events?limit=50&offset=5000"
                      "&kind=strike", "/api/findings?limit=50&sort=-date&party=RU"):
            out[f"{route} warm"] = statistics.median(_get(base + route) for _ in range(5))
        with open_store(path) as store:
            ingest_documents([new_report(10_000)], store)
        out["/api/incidents?limit=50 after a new report"] = _get(base + LISTINGS[1])
        return out
    finally:
        server.terminate()
        server.wait(timeout=30)


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(size: int, base: list[StoredDocument], folder: Path, whole: bool) -> None:
    path = folder / f"ledger-{size}.db"
    build_s = build(path, base, size)
    with open_store(path) as store:
        relink_s, change = timed(lambda: relink_store(store))
    print(f"\n## {size:,} documents (bulk insert {build_s:.1f} s, {path.stat().st_size / 1e6:.0f} MB; "
          f"full relink {relink_s:.1f} s: {change.incidents:,} incidents, {change.findings:,} findings)")
    rounds = [one_round(path, n) for n in range(5)]
    for name in ("store_and_update_ms", "link_assess_ms"):
        values = [r[name] for r in rounds]
        print(f"add one report: {name:20} median {statistics.median(values):8.1f} ms, "
              f"max {max(values):8.1f} ms (target < 50 ms for link+assess)")
    if whole:
        for key, value in whole_store_round(path).items():
            print(f"before issue 10, in memory: {key:16} {value:10.1f} ms")
    for key, value in api_latencies(path).items():
        print(f"api {key:60} {value:8.1f} ms (target < 100 ms)")
    print(f"peak RSS of this process: {_rss_mb():.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--sources", type=int, default=16_254, help="distinct reports to extract")
    parser.add_argument("--whole", action="store_true",
                        help="also time the in-memory whole-store link + assess (slow at 100k)")
    args = parser.parse_args()
    if not RUWA.is_file():
        print(f"note: {RUWA} not found; using the demo corpus only", file=sys.stderr)
    extract_s, base = timed(lambda: sources(args.sources))
    events = sum(len(s.events) for s in base)
    print(f"# ledger_scale: {len(base):,} distinct reports ({events:,} events) extracted in "
          f"{extract_s:.1f} s (untimed setup); CPU {os.cpu_count()}")
    with tempfile.TemporaryDirectory(prefix="trucewatch-ledger-") as folder:
        for size in args.sizes:
            run(size, base, Path(folder), args.whole)
    print(json.dumps({"done": True}))


if __name__ == "__main__":
    main()
