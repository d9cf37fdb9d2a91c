"""Offline gazetteer: Ukrainian and Russian regions and settlements, seas, countries.

The data are TSV files beside this module (hand-written names and variants;
settlements generated from GeoNames by tools/build_gazetteer.py, see
SOURCES.md). `find_places` reads a sentence with fast rules: case-sensitive
whole names, longest first, plus the region words around them, so that
"Kyiv" is the city (UA-30) and "Kyiv region" the oblast (UA-32), as the
annotation guide's Regions section asks.
"""

from __future__ import annotations

from trucewatch.vocab.gazetteer._index import load_index
from trucewatch.vocab.gazetteer._match import find_places
from trucewatch.vocab.gazetteer._records import Place, PlaceMention

__all__ = ["Place", "PlaceMention", "all_regions", "country", "find_places", "region", "water"]


def region(code: str) -> Place | None:
    """The region with this ISO 3166-2 code ("UA-63", "RU-KRS"), if it is UA or RU."""
    return load_index().regions.get(code)


def water(name: str) -> Place | None:
    """A sea or strait by its canonical name ("Sea of Azov") or a listed variant."""
    return load_index().waters.get(name)


def country(code: str) -> Place | None:
    """A country by ISO 3166-1 alpha-2 code, if the gazetteer lists it."""
    return load_index().countries.get(code.upper())


def all_regions() -> tuple[Place, ...]:
    """Every region of Ukraine and Russia, sorted by code."""
    regions = load_index().regions
    return tuple(regions[code] for code in sorted(regions))
