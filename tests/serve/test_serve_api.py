"""The REST API over real HTTP: `trucewatch serve` on loopback with the demo corpus."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import httpx
import pyarrow.parquet as pq
import pytest
from serve_support import INGEST_TOKEN, Server

from trucewatch.pipeline import find_incidents
from trucewatch.serve.read_model import Filters, incident_rows, load_snapshot
from trucewatch.store import open_store


def get(server: Server, path: str, **params: Any) -> Any:
    response = httpx.get(server.url + path, params=params, timeout=30)
    assert response.status_code == 200, response.text
    return response.json()


def error_of(response: httpx.Response) -> dict[str, str]:
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}, body
    return body["error"]


def test_openapi_describes_every_route(server: Server) -> None:
    paths = get(server, "/openapi.json")["paths"]
    for path in ("/api/documents", "/api/documents/{key}", "/api/events", "/api/incidents",
                 "/api/incidents/{incident_id}", "/api/agreements", "/api/agreements/{agreement_id}",
                 "/api/findings", "/api/timeline", "/api/export/{dataset}.{fmt}", "/api/ingest"):
        assert path in paths
    params = {p["name"] for p in paths["/api/incidents"]["get"]["parameters"]}
    assert {"since", "until", "region", "kind", "party", "target", "agreement", "limit", "offset",
            "sort"} <= params


def test_incidents_match_the_library(server: Server, demo_db: Path) -> None:
    with open_store(demo_db, create=False) as store:
        expected = {i.id for i in find_incidents(store, region="UA-63", kind="strike")}
    body = get(server, "/api/incidents", region="UA-63", kind="strike", limit=1000)
    assert body["total"] == len(expected) > 0
    assert {i["id"] for i in body["items"]} == expected
    assert all(i["lat"] is not None and i["grade"] for i in body["items"])


def test_filters_pagination_and_sorting(server: Server) -> None:
    everything = get(server, "/api/incidents", limit=1000)
    page = get(server, "/api/incidents", limit=5, offset=5, sort="-date_from")
    assert page["total"] == everything["total"] and len(page["items"]) == 5
    dates = [i["date_from"] for i in get(server, "/api/incidents", limit=1000, sort="-date_from")["items"]]
    assert dates == sorted(dates, reverse=True)
    ua = get(server, "/api/incidents", party="UA", limit=1000)["items"]
    assert ua and all(i["attacker"] == "UA" for i in ua)
    period = get(server, "/api/incidents", since="2025-04-19", until="2025-04-20", limit=1000)["items"]
    assert period and all(i["date_to"] >= "2025-04-19" and i["date_from"] <= "2025-04-20" for i in period)
    energy = get(server, "/api/incidents", target="energy", limit=1000)["items"]
    assert energy and all("energy" in i["targets"] for i in energy)
    easter = get(server, "/api/incidents", agreement="easter-truce-2025", limit=1000)["items"]
    assert easter and all("easter-truce-2025" in i["agreements"] for i in easter)
    russia = get(server, "/api/incidents", region="RU", limit=1000)["items"]
    assert russia and all(any(a.startswith("RU-") for a in i["admin1"]) or i["country"] == "RU" for i in russia)


def test_events_documents_findings_agreements(server: Server) -> None:
    events = get(server, "/api/events", kind="commitment", limit=1000)["items"]
    assert events and all(e["kind"] == "commitment" for e in events)
    event = events[0]
    doc = get(server, f"/api/documents/{event['document']}")
    assert doc["text"][event["span_start"]:event["span_end"]] == event["quote"]
    assert get(server, "/api/documents", since="2025-04-01")["total"] < get(server, "/api/documents")["total"]
    findings = get(server, "/api/findings", agreement="energy-pause-2025", party="RU", limit=1000)["items"]
    assert findings and all(f["party"] == "RU" and f["agreement"] == "energy-pause-2025" for f in findings)
    agreements = {a["id"]: a for a in get(server, "/api/agreements")}
    assert agreements["energy-pause-2025"]["by_party"]["RU"]["findings"] == len(findings)
    detail = get(server, "/api/agreements/energy-pause-2025")
    assert detail["agreement"]["id"] == "energy-pause-2025" and "RU" in detail["findings"]


def test_incident_detail_carries_evidence_in_its_document(server: Server) -> None:
    first = get(server, "/api/incidents", limit=1)["items"][0]
    incident = get(server, f"/api/incidents/{first['id']}")
    for report in incident["reports"]:
        assert report["text"][report["span_start"]:report["span_end"]] == report["quote"]
        assert {"outlet", "claimant", "modality"} <= set(report)
    assert incident["grade"] in {"corroborated_both_sides", "corroborated_one_side", "single_claim",
                                 "disputed"}


def test_timeline_counts_per_day(server: Server) -> None:
    days = get(server, "/api/timeline")
    assert [d["date"] for d in days] == sorted(d["date"] for d in days)
    for side in ("RU", "UA"):
        counts = [d["air_defence"][side] for d in days if side in d["air_defence"]]
        assert sum(c["intercepted"] or 0 for c in counts) > 0
    assert all(set(d["air_defence"]) <= {"RU", "UA", "unknown"} and "launched" not in d for d in days)
    assert any(d["strikes"].get("RU") for d in days) and any(d["strikes"].get("UA") for d in days)


def test_timeline_keeps_each_sides_air_defence_apart(server: Server) -> None:
    """03-19: Ukraine says 145 launched at it and 72 downed; Russia says it downed 57. Never 145 vs 129."""
    [day] = [d for d in get(server, "/api/timeline") if d["date"] == "2025-03-19"]
    assert day["air_defence"]["UA"] == {"launched": 145, "intercepted": 72}
    assert day["air_defence"]["RU"] == {"launched": None, "intercepted": 57}


def test_csv_export_uses_acled_columns(server: Server) -> None:
    response = httpx.get(server.url + "/api/export/events.csv", params={"kind": "strike"}, timeout=30)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert rows and {"event_date", "event_type", "sub_event_type", "actor1", "country", "admin1",
                     "location", "latitude", "longitude", "source", "notes", "fatalities"} <= set(rows[0])
    assert {r["event_type"] for r in rows} == {"Explosions/Remote violence"}
    assert "Military Forces of Russia" in {r["actor1"] for r in rows}


def test_acled_csv_interceptions_regions_and_countries(server: Server) -> None:
    """Interceptions are disrupted weapons use; one admin1 per row; Crimea is in Ukraine (ISO 3166)."""
    response = httpx.get(server.url + "/api/export/events.csv", timeout=30)
    rows = list(csv.DictReader(io.StringIO(response.text)))
    interceptions = [r for r in rows if r["kind"] == "interception"]
    assert interceptions and {(r["event_type"], r["sub_event_type"]) for r in interceptions} == {
        ("Strategic developments", "Disrupted weapons use")}
    assert all(";" not in r["admin1"] and ";" not in r["admin1_code"] for r in rows)
    crimea = [r for r in rows if r["admin1_code"] == "UA-43"]
    assert crimea and {(r["country"], r["iso"]) for r in crimea} == {("Ukraine", "UA")}
    assert {r["iso"] for r in rows if r["admin1_code"].startswith("RU-")} == {"RU"}
    assert len({r["event_id_cnty"] for r in rows}) == len(rows)


def test_findings_geojson_carries_every_finding_with_a_place(server: Server) -> None:
    geo = get(server, "/api/export/findings.geojson")
    findings = get(server, "/api/findings", limit=1000)["items"]
    placed = [f for f in findings if f["incident"]]
    assert placed and len(geo["features"]) == len(placed)
    assert {f["properties"]["id"] for f in geo["features"]} == {f["id"] for f in placed}


def test_geojson_and_parquet_exports(server: Server) -> None:
    geo = get(server, "/api/export/incidents.geojson")
    total = get(server, "/api/incidents")["total"]
    assert geo["type"] == "FeatureCollection" and 0 < len(geo["features"]) <= total
    lon, lat = geo["features"][0]["geometry"]["coordinates"]
    assert 20 < lon < 60 and 40 < lat < 70
    response = httpx.get(server.url + "/api/export/findings.parquet", timeout=30)
    table = pq.read_table(io.BytesIO(response.content))
    assert table.num_rows == get(server, "/api/findings")["total"]
    assert {"agreement", "party", "grade"} <= set(table.column_names)


def test_errors_have_one_shape(server: Server) -> None:
    cases = [("/api/incidents/I-nothing", 404, "not_found"), ("/api/nowhere", 404, "not_found"),
             ("/api/incidents?limit=0", 422, "invalid_request"),
             ("/api/incidents?since=yesterday", 422, "invalid_request"),
             ("/api/incidents?sort=colour", 422, "invalid_request"),  # sort is a schema enum
             ("/api/incidents?until=0", 422, "invalid_request"),
             ("/api/export/secrets.csv", 422, "invalid_request")]
    for path, status, code in cases:
        response = httpx.get(server.url + path, timeout=30)
        assert response.status_code == status, path
        assert error_of(response)["code"] == code, path


def test_read_only_without_a_token(server: Server) -> None:
    body = {"documents": [{"id": "x", "text": "Russian drones struck Sumy overnight."}]}
    response = httpx.post(server.url + "/api/ingest", json=body, timeout=30)
    assert response.status_code == 403 and error_of(response)["code"] == "read_only"
    assert error_of(httpx.delete(server.url + "/api/incidents", timeout=30))["code"] == "method_not_allowed"


def test_ingest_with_the_token(ingest_server: Server) -> None:
    url = ingest_server.url + "/api/ingest"
    body = {"documents": [{"id": "api-1", "published": "2025-05-02", "outlet": "AP",
                           "text": "ODESA, Ukraine (AP) — Russian drones struck a grain terminal in "
                                   "the Odesa region overnight, injuring two workers, the governor said."}]}
    assert error_of(httpx.post(url, json=body, timeout=30))["code"] == "unauthorized"
    wrong = httpx.post(url, json=body, headers={"Authorization": "Bearer nope"}, timeout=30)
    assert wrong.status_code == 401
    auth = {"Authorization": f"Bearer {INGEST_TOKEN}"}
    done = httpx.post(url, json=body, headers=auth, timeout=60)
    assert done.status_code == 200, done.text
    assert done.json()["added"] == 1 and done.json()["events"] >= 1
    again = httpx.post(url, json=body, headers=auth, timeout=60).json()
    assert again["added"] == 0 and again["unchanged"] == 1
    found = httpx.get(ingest_server.url + "/api/incidents", params={"region": "UA-51", "since": "2025-05-01"},
                      timeout=30).json()
    assert found["total"] == 1
    bad = httpx.post(url, json={"documents": []}, headers=auth, timeout=30)
    assert bad.status_code == 422 and error_of(bad)["code"] == "invalid_request"


def test_read_model_is_the_library(demo_db: Path) -> None:
    with open_store(demo_db, create=False) as store:
        snapshot = load_snapshot(store)
    rows = incident_rows(snapshot, Filters(kind="interception"))
    assert rows and all(r["kind"] == "interception" for r in rows)


@pytest.mark.parametrize("path", ["/", "/static/app.js", "/static/style.css", "/static/regions.geojson",
                                  "/static/vendor/leaflet/leaflet.js"])
def test_dashboard_assets_are_served_locally(server: Server, path: str) -> None:
    response = httpx.get(server.url + path, timeout=30)
    assert response.status_code == 200
    if path == "/":
        assert "http://" not in response.text and "https://" not in response.text
        assert "script-src 'self'" in response.headers["content-security-policy"]
