"""How fast the dashboard shows a big store: first paint and first data, in Debian's chromium.

    .venv/bin/python benchmarks/dashboard_first_paint.py STORE.db [--runs 3]

Starts `trucewatch serve` on the store (a SQLite file, e.g. the 16,254 RUWA
headlines plus the demo corpus: `trucewatch ingest ../shared/data/ruwa/ruwa.jsonl
src/trucewatch/demo/corpus.jsonl --db ruwa.db`), waits until the API answers
(the server's start, not counted), then opens the dashboard in a fresh page and
reports, per run, from the navigation's start: first contentful paint (the
browser's own timing), when the incident list with its total and the timeline
are drawn and when the map's markers are (the page's own performance marks),
the counts shown, and the timeline's width against the viewport. The first run after the
server starts includes the server's first read of the store; later runs show a
warm server.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

import httpx

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]


def measure(browser: object, url: str) -> dict[str, object]:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    start = time.perf_counter()
    page.goto(url + "/")
    page.wait_for_selector("#incident-table tbody tr, #empty-state", timeout=600_000)
    page.wait_for_selector("#timeline svg", timeout=600_000)
    page.wait_for_function("() => document.body.dataset.ready && !document.body.dataset.loading", timeout=600_000)
    full = time.perf_counter() - start
    paint = page.evaluate("() => (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime")
    marks = page.evaluate("() => Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime]))")
    shown = page.evaluate("""() => ({
        count: document.querySelector('#incident-count').textContent,
        page: (document.querySelector('#page-info') || {}).textContent,
        on_map: (document.querySelector('#map-count') || {}).textContent,
        zoom: (document.querySelector('#zoom-shown') || {}).textContent,
        timeline_px: document.querySelector('#timeline svg').getBoundingClientRect().width,
        viewport_px: window.innerWidth })""")
    page.close()
    return {"first_contentful_paint_s": round((paint or 0) / 1000, 3),
            "list_and_timeline_s": round(marks.get("tw-list-and-timeline", 0) / 1000, 3),
            "map_s": round(marks.get("tw-map", 0) / 1000, 3),
            "waited_s": round(full, 3), **shown}


def serve(db: Path, port: int) -> subprocess.Popen[bytes]:
    """`trucewatch serve`, once it answers the dashboard's page (the store is read on first use)."""
    process = subprocess.Popen([sys.executable, "-m", "trucewatch", "serve", "--db", str(db), "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/", timeout=2).status_code == 200:
                return process
        except httpx.TransportError:
            time.sleep(0.1)
    process.terminate()
    raise SystemExit("the server did not start within 30 s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--url", help="measure a server that is already running (e.g. an older version)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    server = None if args.url else serve(args.db, args.port)
    url = args.url or f"http://127.0.0.1:{args.port}"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
            for run in range(1, args.runs + 1):
                print(json.dumps({"run": run, **measure(browser, url)}), flush=True)
            browser.close()
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
