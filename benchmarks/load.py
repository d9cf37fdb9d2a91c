"""Load on the API over 127.0.0.1: throughput and p50/p99 latency for N concurrent clients.

Starts `trucewatch serve` on a copy of the given database (default: the demo
corpus, ingested into a temporary file), then for each concurrency level runs
that many clients, each sending GET requests one after another over a mix of
routes, until `--requests` answers or `--seconds` have passed (whichever comes
first), and prints requests/s, p50, p99 and errors. Bounded in count and time;
traffic only to 127.0.0.1.

    .venv/bin/python benchmarks/load.py                       # 10 and 200 clients
    .venv/bin/python benchmarks/load.py --clients 10 50 200 --requests 3000 --seconds 60
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

ROUTES = (
    "/api/incidents?limit=50",
    "/api/findings?sort=-date_from&limit=20",
    "/api/events?kind=strike&limit=100",
    "/api/documents?limit=20",
    "/api/timeline",
    "/api/agreements",
)


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _demo_db(folder: Path) -> Path:
    from trucewatch.pipeline import ingest_paths
    from trucewatch.serve.cli_serve import demo_corpus
    from trucewatch.store import open_store

    db = folder / "load.db"
    with open_store(db) as store:
        ingest_paths([demo_corpus()], store)
    return db


def _start(db: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = _port()
    process = subprocess.Popen([sys.executable, "-m", "trucewatch", "serve", "--db", str(db),
                                "--port", str(port)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/api/documents?limit=1", timeout=5).status_code == 200:
                return process, url
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("error: the server did not start within 60 s")


async def _client(http: httpx.AsyncClient, url: str, offset: int, stop: float,
                  budget: list[int], latencies: list[float], errors: list[str]) -> None:
    i = offset
    while budget[0] > 0 and time.monotonic() < stop:
        budget[0] -= 1
        started = time.perf_counter()
        try:
            response = await http.get(url + ROUTES[i % len(ROUTES)])
            if response.status_code != 200:
                errors.append(str(response.status_code))
        except httpx.HTTPError as exc:
            errors.append(type(exc).__name__)
        latencies.append(time.perf_counter() - started)
        i += 1


async def _level(url: str, clients: int, requests: int, seconds: float) -> dict[str, Any]:
    latencies: list[float] = []
    errors: list[str] = []
    budget = [requests]
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(limits=limits, timeout=120) as http:
        started = time.perf_counter()
        stop = time.monotonic() + seconds
        await asyncio.gather(*(_client(http, url, n, stop, budget, latencies, errors)
                               for n in range(clients)))
        elapsed = time.perf_counter() - started
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    return {"clients": clients, "requests": len(latencies), "seconds": elapsed,
            "rps": len(latencies) / elapsed, "p50": cuts[49], "p99": cuts[98],
            "errors": len(errors), "kinds": ", ".join(sorted(set(errors)))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="database to serve (copied); default: the demo corpus")
    parser.add_argument("--clients", type=int, nargs="+", default=[10, 200])
    parser.add_argument("--requests", type=int, default=2000, help="answers per level, at most")
    parser.add_argument("--seconds", type=float, default=30.0, help="time per level, at most")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="trucewatch-load-"))
    try:
        db = folder / "load.db"
        if args.db:
            shutil.copy(args.db, db)
        else:
            db = _demo_db(folder)
        process, url = _start(db)
        try:
            print(f"{'clients':>7} {'requests':>8} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>6}")
            for clients in args.clients:
                r = asyncio.run(_level(url, clients, args.requests, args.seconds))
                print(f"{r['clients']:>7.0f} {r['requests']:>8.0f} {r['rps']:>8.1f} "
                      f"{r['p50'] * 1000:>8.0f} {r['p99'] * 1000:>8.0f} {r['errors']:>6.0f} {r['kinds']}", flush=True)
        finally:
            process.terminate()
            process.wait(10)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
