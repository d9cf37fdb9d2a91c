"""Coordinates for events: the settlement named, else the region, else nothing."""

from __future__ import annotations

from trucewatch.model import AnyEvent, Interception, Strike
from trucewatch.vocab.gazetteer import find_places, region, water

__all__ = ["coordinates"]


def _settlement(name: str) -> tuple[float, float] | None:
    for mention in find_places(name):
        if mention.place.kind == "settlement":
            return mention.place.lat, mention.place.lon
    return None


def coordinates(event: AnyEvent) -> tuple[float, float] | None:
    """Best point for an event: its settlement, region or sea."""
    if isinstance(event, Strike):
        if event.place and (point := _settlement(event.place)):
            return point
        codes = [event.admin1] if event.admin1 else []
    elif isinstance(event, Interception):
        codes = list(event.admin1)
        if not codes and event.water and (sea := water(event.water)):
            return sea.lat, sea.lon
    else:
        return None
    for code in codes:
        if code and (area := region(code)):
            return area.lat, area.lon
    return None
