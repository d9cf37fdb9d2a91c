"""Resolve: relative dates to calendar dates, places to coordinates.

Entry point: `resolve_events(parsed, events) -> list[AnyEvent]`.
"""

from __future__ import annotations

from collections.abc import Sequence

from trucewatch.model import AnyEvent, ParsedDocument

__all__ = ["resolve_events"]


def resolve_events(parsed: ParsedDocument, events: Sequence[AnyEvent]) -> list[AnyEvent]:
    return list(events)
