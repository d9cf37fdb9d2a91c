"""JSON rows of events, incidents and findings: what listings show, built in one place.

The stored ledger keeps these rows beside the columns it filters on, and the
in-memory read model (`serve/read_model.py`) builds them the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from trucewatch.assess import Finding, grade
from trucewatch.link import EventRef, Incident
from trucewatch.model import AnyEvent, Commitment, Interception, Strike
from trucewatch.vocab.gazetteer import country as country_place
from trucewatch.vocab.gazetteer import region as region_place

__all__ = [
    "SIDES", "event_day", "event_id", "event_places", "event_row", "finding_row",
    "incident_location", "incident_summary", "iso", "most", "region_name", "side_of",
]

SIDES = ("RU", "UA")  # the parties whose voices make an incident corroborated on both sides


def iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def region_name(code: str) -> str:
    place = region_place(code)
    return place.name if place else code


def side_of(event: AnyEvent) -> str:
    return event.party if isinstance(event, Commitment) else event.attacker


def event_places(event: AnyEvent) -> tuple[str | None, tuple[str, ...]]:
    if isinstance(event, Strike):
        return event.country, (event.admin1,) if event.admin1 else ()
    if isinstance(event, Interception):
        return None, event.admin1
    return None, ()


def event_day(ref: EventRef) -> dt.date | None:
    return ref.event.date or ref.published


def event_id(ref: EventRef) -> str:
    return f"{ref.report_key[:16]}-{ref.seq}"


def event_row(ref: EventRef) -> dict[str, Any]:
    """One event of a current report, as `/api/events` lists it."""
    data = ref.event.to_dict()
    span = data.pop("span")
    data["admin1"] = ([data["admin1"]] if isinstance(data.get("admin1"), str)
                      else data.get("admin1") or [])
    return {
        "id": event_id(ref), "document": ref.report_key, "document_id": ref.document_id,
        "published": iso(ref.published), "outlet": ref.outlet, "url": ref.url,
        "voice": ref.voice, "side": side_of(ref.event), "span_start": span[0],
        "span_end": span[1], **data,
    }


def incident_location(incident: Incident) -> tuple[float | None, float | None]:
    """Where to draw an incident: an event's coordinates, else its region's or country's centre."""
    for ref in incident.reports:
        if ref.event.lat is not None and ref.event.lon is not None:
            return ref.event.lat, ref.event.lon
    place = (region_place(incident.admin1[0]) if incident.admin1 else None) or (
        country_place(incident.country) if incident.country else None)
    return (place.lat, place.lon) if place else (None, None)


def most(incident: Incident, name: str) -> int | None:
    values = [getattr(r.event, name, None) for r in incident.reports]
    numbers = [v for v in values if isinstance(v, int)]
    return max(numbers) if numbers else None


def incident_summary(incident: Incident, findings: Sequence[Finding]) -> dict[str, Any]:
    """One incident as `/api/incidents` lists it, with the ids of its findings."""
    data = incident.to_dict()
    data.pop("reports")
    lat, lon = incident_location(incident)
    return {
        **data, "regions": [region_name(c) for c in incident.admin1], "lat": lat, "lon": lon,
        "grade": str(grade(incident, SIDES)), "report_count": len(incident.reports),
        "killed": most(incident, "killed"), "injured": most(incident, "injured"),
        "launched": most(incident, "launched"), "intercepted": most(incident, "intercepted"),
        "quote": incident.reports[0].event.quote if incident.reports else None,
        "findings": [f.id for f in findings],
        "agreements": sorted({f.agreement for f in findings}),
    }


def report_evidence(ref: EventRef) -> dict[str, Any]:
    """One report of an incident (without its document's title and text, added on reading)."""
    return {**ref.to_dict(), "event": ref.event.to_dict(),
            "span_start": ref.event.span.start, "span_end": ref.event.span.end}


def finding_row(finding: Finding) -> dict[str, Any]:
    """One finding as `/api/findings` lists it (evidence counted, not listed)."""
    data = finding.to_dict()
    evidence = data.pop("evidence")
    data.pop("accusations")
    incident = finding.incident
    lat, lon = incident_location(incident) if isinstance(incident, Incident) else (None, None)
    return {
        **data, "evidence_count": len(evidence), "lat": lat, "lon": lon,
        "quote": evidence[0]["quote"] if evidence else None,
        "kind": str(incident.kind) if incident else None,
        "admin1": list(incident.admin1) if incident else [],
        "targets": [str(t) for t in incident.targets] if incident else [],
    }
