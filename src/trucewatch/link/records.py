"""Records of the link stage: reports in, incidents out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from trucewatch.model import AnyEvent, Document, Kind, Target

__all__ = ["Dispute", "EventRef", "Incident", "Provenance", "Report"]


@dataclass(frozen=True, slots=True)
class Report:
    """One stored document with its events, as the link stage sees it."""

    key: str  # content hash: unique per stored document
    document: Document
    published: dt.date | None
    events: tuple[AnyEvent, ...]
    signature: bytes = b""  # MinHash signature (`wire.signature`); computed when empty
    order: int = 0  # ingest order, breaks ties between versions


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a report comes from and how it relates to other reports."""

    key: str
    outlet: str | None  # canonical outlet name
    outlet_side: str  # RU, UA, neutral or unknown
    wire_group: str  # one report key shared by its near-duplicate (wire) group
    superseded_by: str | None = None  # key of the later version replacing it


@dataclass(frozen=True, slots=True)
class EventRef:
    """One event of one report, with the provenance needed to weigh it."""

    report_key: str
    seq: int
    event: AnyEvent
    document_id: str
    published: dt.date | None
    url: str | None
    outlet: str | None
    outlet_side: str
    wire_group: str
    order: int = 0  # its report's ingest order: the earliest report names the incident

    @property
    def voice(self) -> str:
        """The side that says so: the event's claimant, else its outlet's side."""
        claimant = self.event.claimant
        return claimant if claimant and claimant != "unknown" else self.outlet_side

    def to_dict(self) -> dict[str, Any]:
        return {
            "document": self.document_id,
            "report": self.report_key,
            "seq": self.seq,
            "published": self.published.isoformat() if self.published else None,
            "url": self.url,
            "outlet": self.outlet,
            "outlet_side": self.outlet_side,
            "voice": self.voice,
            "claimant": self.event.claimant,
            "source": self.event.source,
            "modality": str(self.event.modality),
            "quote": self.event.quote,
            "span": [self.event.span.start, self.event.span.end],
        }


@dataclass(frozen=True, slots=True)
class Dispute:
    """Reports of one incident that contradict each other."""

    kind: str  # "denial", "count" or "counter_claim"
    field: str | None  # the count that differs (killed, injured, launched, intercepted)
    claims: tuple[tuple[str, str], ...]  # (voice, what it says)
    other: str | None = None  # counter_claim: the id of the incident blaming the other side

    def describe(self) -> str:
        said = "; ".join(f"{voice}: {what}" for voice, what in self.claims)
        if self.kind == "counter_claim":
            return f"counter-claim: each side blames the other ({said})"
        return f"denial ({said})" if self.kind == "denial" else f"{self.field} differs ({said})"


@dataclass(frozen=True, slots=True)
class Incident:
    """Events of different reports that tell of one real-world happening."""

    id: str
    kind: Kind
    attacker: str
    country: str | None
    admin1: tuple[str, ...]
    place: str | None
    targets: tuple[Target, ...]
    weapons: tuple[str, ...]
    date_from: dt.date | None
    date_to: dt.date | None
    reports: tuple[EventRef, ...]
    sources: int  # independent sources (wire copies and one outlet's stories count once)
    source_sides: tuple[str, ...]  # the voices reporting it
    outlets: tuple[str, ...]
    claimants: tuple[str, ...]  # "side: named source"
    disputes: tuple[Dispute, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": str(self.kind),
            "attacker": self.attacker,
            "country": self.country,
            "admin1": list(self.admin1),
            "place": self.place,
            "targets": [str(t) for t in self.targets],
            "weapons": list(self.weapons),
            "date_from": self.date_from.isoformat() if self.date_from else None,
            "date_to": self.date_to.isoformat() if self.date_to else None,
            "sources": self.sources,
            "source_sides": list(self.source_sides),
            "outlets": list(self.outlets),
            "claimants": list(self.claimants),
            "disputes": [d.describe() for d in self.disputes],
            "reports": [ref.to_dict() for ref in self.reports],
        }
