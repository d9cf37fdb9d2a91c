"""The two records the gazetteer hands out: a place, and a place found in a text."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Place", "PlaceMention"]


@dataclass(frozen=True, slots=True)
class Place:
    """A region, settlement, sea or country, as the gazetteer's data files give it.

    `admin1` is what strike keys are scored on (annotation guide, Scoring), so a
    settlement carries its region's ISO 3166-2 code and a region its own.
    """

    kind: str  # "region" | "settlement" | "water" | "country"
    name: str  # canonical English name
    country: str | None  # ISO 3166-1 alpha-2 (None for waters)
    admin1: str | None  # ISO 3166-2 (region's own code; settlement's region)
    lat: float
    lon: float
    population: int | None = None


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A name in a text and the place it resolves to there (evidence first: the span)."""

    start: int  # [start, end) into the text passed in, covering the name as written
    end: int
    surface: str  # text[start:end]
    place: Place
    explicit_region: bool  # the text marks it as a region ("X region", "regions of X and Y")
