"""`/api/map/points` (the map's compact rows) and `/docs`, over real HTTP."""

from __future__ import annotations

import httpx
import pytest
from serve_support import Server


@pytest.mark.parametrize("params", [{}, {"party": "UA"}, {"kind": "interception"}, {"region": "UA-63"},
                                    {"since": "2025-04-01", "until": "2025-04-30"}])
def test_map_points_are_every_matching_incident(server: Server, params: dict[str, str]) -> None:
    points = httpx.get(server.url + "/api/map/points", params=params, timeout=30).json()
    listed = httpx.get(server.url + "/api/incidents", params={**params, "limit": 1000}, timeout=30).json()
    rows = [dict(zip(points["fields"], row)) for row in points["items"]]
    assert points["total"] == listed["total"] == len(rows)
    by_id = {i["id"]: i for i in listed["items"]}
    assert set(by_id) == {r["id"] for r in rows}
    for row in rows:
        assert all(row[f] == by_id[row["id"]][f] for f in points["fields"])


def test_map_points_refuse_bad_filters(server: Server) -> None:
    answer = httpx.get(server.url + "/api/map/points", params={"since": "yesterday"}, timeout=30)
    assert answer.status_code == 400 or answer.status_code == 422
    assert set(answer.json()["error"]) == {"code", "message"}


def test_docs_page_uses_only_bundled_files(server: Server) -> None:
    page = httpx.get(server.url + "/docs", timeout=30)
    assert page.status_code == 200 and "/static/vendor/swagger-ui/swagger-ui-bundle.js" in page.text
    assert "http" not in page.text.replace(server.url, "")
    for path in ("/static/vendor/swagger-ui/swagger-ui-bundle.js", "/static/docs.js", "/openapi.json"):
        assert httpx.get(server.url + path, timeout=30).status_code == 200
    assert "/api/map/points" in httpx.get(server.url + "/openapi.json", timeout=30).json()["paths"]
