"""`GET /api/map/points`: every matching incident as a compact row, for the dashboard's map.

The map needs all incidents that match the filters (no cap), but only a few
fields of each; the paged `/api/incidents` rows carry quotes, claimants and
findings, about 600 bytes each. This answers the same filters with one short
array per incident (`fields` names the columns), so a year of news loads in
one request. It reads the read model's incident rows, so it follows whatever
`read_model.incident_rows` computes.
"""

# No `from __future__ import annotations`: the route's parameter is annotated with the
# dependency passed in, which FastAPI must see as an object, not as a name.
from typing import Any

from fastapi import FastAPI

from trucewatch.serve.read_model import SnapshotCache, incident_rows

__all__ = ["FIELDS", "add_map_points", "map_points"]

FIELDS = ("id", "kind", "lat", "lon", "attacker", "date_to", "grade", "place", "regions", "admin1", "country")


def map_points(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """`{"total", "fields", "items": [[...], ...]}` from incident rows."""
    return {"total": len(rows), "fields": list(FIELDS), "items": [[row[f] for f in FIELDS] for row in rows]}


def add_map_points(app: FastAPI, cache: SnapshotCache, filters_dependency: Any) -> None:
    """Serve /api/map/points with the API's usual filters (`filters_dependency`)."""

    @app.get("/api/map/points", tags=["incidents"])
    def get_map_points(filters: filters_dependency) -> dict[str, Any]:  # type: ignore[valid-type]
        """Every incident matching the filters, as compact rows (`fields` names the columns)."""
        return map_points(incident_rows(cache.get(), filters))
