"""Events get coordinates from their settlement, else their region, else their sea."""

from __future__ import annotations

from trucewatch import extract


def test_settlement_then_region_coordinates() -> None:
    city = extract("Russian drones struck Sumy overnight.", "2025-03-19").events[0]
    region = extract("Russian drones struck the Sumy region overnight.", "2025-03-19").events[0]
    assert city.lat is not None and region.lat is not None
    assert abs(city.lat - 50.9) < 0.2 and abs(city.lon - 34.8) < 0.2


def test_sea_coordinates_for_an_interception_over_water() -> None:
    e = extract("Russia said air defences shot down 12 Ukrainian drones over the Black Sea.", "2025-03-19").events[0]
    assert e.kind == "interception" and e.water == "Black Sea" and e.lat is not None


def test_commitments_have_no_coordinates() -> None:
    e = extract("Russia agreed to a truce at sea.", "2025-03-19").events[0]
    assert e.kind == "commitment" and e.lat is None
