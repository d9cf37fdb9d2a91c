"""What the ledger needs of incidents and claims, as Protocols.

Assess does not import the link stage (stages are siblings); the pipeline
hands it link's records, which have these shapes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from trucewatch.model import AnyEvent, Kind, Target

__all__ = ["Claim", "Contradiction", "IncidentView", "count_sources"]


class Claim(Protocol):
    """One event of one report with its provenance (link's `EventRef`)."""

    @property
    def report_key(self) -> str: ...
    @property
    def seq(self) -> int: ...
    @property
    def event(self) -> AnyEvent: ...
    @property
    def document_id(self) -> str: ...
    @property
    def published(self) -> dt.date | None: ...
    @property
    def outlet(self) -> str | None: ...
    @property
    def wire_group(self) -> str: ...
    @property
    def voice(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...


class Contradiction(Protocol):
    def describe(self) -> str: ...


class IncidentView(Protocol):
    """An incident (link's `Incident`)."""

    @property
    def id(self) -> str: ...
    @property
    def kind(self) -> Kind: ...
    @property
    def attacker(self) -> str: ...
    @property
    def country(self) -> str | None: ...
    @property
    def admin1(self) -> tuple[str, ...]: ...
    @property
    def place(self) -> str | None: ...
    @property
    def targets(self) -> tuple[Target, ...]: ...
    @property
    def weapons(self) -> tuple[str, ...]: ...
    @property
    def date_from(self) -> dt.date | None: ...
    @property
    def date_to(self) -> dt.date | None: ...
    @property
    def reports(self) -> Sequence[Claim]: ...
    @property
    def sources(self) -> int: ...
    @property
    def source_sides(self) -> tuple[str, ...]: ...
    @property
    def disputes(self) -> Sequence[Contradiction]: ...


def count_sources(claims: Iterable[Claim]) -> int:
    """Independent sources among claims: one wire group, or one outlet, counts once."""
    groups: list[set[str]] = []
    for claim in claims:
        labels = {"wire:" + claim.wire_group}
        if claim.outlet:
            labels.add("outlet:" + claim.outlet.casefold())
        touching = [g for g in groups if g & labels]
        groups = [g for g in groups if not g & labels] + [labels.union(*touching)]
    return len(groups)
