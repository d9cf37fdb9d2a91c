"""Times of day from an event's sentence; hours that date a truce are not the event's."""

from __future__ import annotations

import datetime as dt

import pytest

from trucewatch.model import Document
from trucewatch.pipeline import extract_document
from trucewatch.resolve.clock import time_of_day


@pytest.mark.parametrize(("text", "expected"), [
    ("Drones hit Kherson at 18:30, officials said.", ("18:30", "18:31")),
    ("A missile struck Odesa at 6 p.m. on Saturday.", ("18:00", "18:01")),
    ("A missile struck Odesa at 7.15am.", ("07:15", "07:16")),
    ("Drones struck an industrial site on Monday morning.", ("05:00", "12:00")),
    ("Shelling hit the village in the afternoon.", ("12:00", "18:00")),
    ("Shelling hit the village in the evening.", ("17:00", "24:00")),
    ("Earlier on Saturday, Russian drones hit Kherson.", None),
    ("Shelling resumed after the truce took effect at 18:00.", None),
    ("Drones hit Sumy overnight.", None),
])
def test_time_of_day(text: str, expected: tuple[str, str] | None) -> None:
    assert time_of_day(text) == expected


def test_a_strike_gets_its_local_time_and_a_commitment_does_not() -> None:
    text = ("KYIV — Putin ordered a halt from 6 p.m. on Saturday. Russian drones hit a house "
            "in Kherson at 19:30 on Saturday, the regional administration said.")
    events = extract_document(Document("t", text, dt.date(2025, 4, 19))).events
    strikes = [e for e in events if e.kind == "strike"]
    assert strikes and all((e.time_from, e.time_to) == ("19:30", "19:31") for e in strikes)
    assert all(e.time_from is None for e in events if e.kind == "commitment")
