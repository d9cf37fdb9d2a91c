"""The API over the stored ledger (issue 10): answers in SQL equal the in-memory read model,
an ingest shows at once, and an id that lost its first report redirects (308)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import httpx
from serve_support import INGEST_TOKEN, Server, fill_demo_db

from trucewatch.serve.read_model import Filters, load_snapshot, page, verdict_rows
from trucewatch.store import open_store

QUERIES = [
    ("events", Filters(), None), ("events", Filters(kind="strike"), "-date"),
    ("events", Filters(region="UA"), "outlet"), ("events", Filters(agreement="energy-pause-2025"), None),
    ("incidents", Filters(), None), ("incidents", Filters(party="RU"), "-report_count"),
    ("incidents", Filters(target="energy"), "grade"),
    ("incidents", Filters(since=dt.date(2025, 3, 20)), "-date"),
    ("findings", Filters(), None), ("findings", Filters(party="UA"), "-date"),
    ("findings", Filters(kind="strike"), "kind"), ("documents", Filters(), "-published"),
]


def _params(filters: Filters, sort: str | None) -> dict[str, str]:
    out = {k: (v.isoformat() if isinstance(v, dt.date) else str(v))
           for k in ("since", "until", "region", "kind", "party", "target", "agreement")
           if (v := getattr(filters, k)) is not None}
    return {**out, "sort": sort} if sort else out


def test_sql_listings_answer_what_the_read_model_answers(server: Server, demo_db: Path) -> None:
    with open_store(demo_db, read_only=True) as store:
        snapshot = load_snapshot(store)
    for dataset, filters, sort in QUERIES:
        for limit, offset in ((100, 0), (3, 2)):
            got = httpx.get(f"{server.url}/api/{dataset}", timeout=30,
                            params={**_params(filters, sort), "limit": limit, "offset": offset})
            assert got.status_code == 200
            assert got.json() == page(snapshot, dataset, filters, sort, limit, offset), (dataset, sort)
    assert httpx.get(f"{server.url}/api/verdicts", timeout=30).json() == verdict_rows(snapshot)


REPORT = ("KHARKIV - Russian drones struck a power substation in the Kharkiv region on "
          "Wednesday night, cutting power to 3,000 homes, the regional governor said.")


def test_an_incident_id_that_lost_its_first_report_redirects(tmp_path: Path) -> None:
    server = Server(fill_demo_db(tmp_path / "ingest.db"), "--ingest-token", INGEST_TOKEN)
    auth = {"Authorization": f"Bearer {INGEST_TOKEN}"}
    url = "https://one.invalid/news/drones-hit-kharkiv-substation-at-night"
    first = {"id": "v1", "text": REPORT, "published": "2031-03-27", "url": url, "outlet": "Kyiv Monitor"}
    later = {**first, "id": "v2", "text": "UPDATE 1 - " + REPORT + " Two workers were hurt.",
             "published": "2031-03-28"}
    try:
        assert httpx.post(f"{server.url}/api/ingest", json={"documents": [first]}, headers=auth,
                          timeout=60).json()["added"] == 1
        old = httpx.get(f"{server.url}/api/incidents", params={"since": "2031-01-01"}, timeout=30).json()
        (old_id,) = [i["id"] for i in old["items"]]
        httpx.post(f"{server.url}/api/ingest", json={"documents": [later]}, headers=auth, timeout=60)
        now = httpx.get(f"{server.url}/api/incidents", params={"since": "2031-01-01"}, timeout=30).json()
        (new_id,) = [i["id"] for i in now["items"]]
        assert new_id != old_id
        moved = httpx.get(f"{server.url}/api/incidents/{old_id}", timeout=30)
        assert moved.status_code == 308
        assert moved.headers["location"] == f"/api/incidents/{new_id}"
        followed = httpx.get(f"{server.url}/api/incidents/{old_id}", timeout=30, follow_redirects=True)
        assert followed.json()["id"] == new_id
        assert httpx.get(f"{server.url}/api/incidents/I-nothing", timeout=30).status_code == 404
    finally:
        server.stop()
