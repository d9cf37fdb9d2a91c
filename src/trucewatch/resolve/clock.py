"""Times of day: "at 18:00", "at 6 p.m.", "on Monday morning", "in the evening".

Reports rarely give an hour, but when they do it decides whether a strike on
the day a truce begins at 18:00 falls inside it. The range is local time at the
place (assess converts it with the place's time zone). "Overnight" and
"Tuesday night" are date precision `night`, not a time of day; "earlier on
Saturday" gives no hour (earlier than an unknown time of writing), so it
narrows nothing. An hour next to truce words ("the truce took effect at 18:00")
dates the truce, not the event, and is ignored.
"""

from __future__ import annotations

import re

__all__ = ["time_of_day"]

_CLOCK = re.compile(r"\bat (\d{1,2})[:.](\d{2})(?!\s*[ap]\.?m)\b(?: ?(?:GMT|UTC|local time))?", re.I)
_TWELVE = re.compile(r"\bat (\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?m\.?(?=\W|$)", re.I)
_NOON = re.compile(r"\bat noon\b", re.I)
_PARTS = (
    (re.compile(r"\b(?:this|in the|on \w+|early|late) morning\b|\bmorning\b", re.I), ("05:00", "12:00")),
    (re.compile(r"\bafternoon\b", re.I), ("12:00", "18:00")),
    (re.compile(r"\bevening\b", re.I), ("17:00", "24:00")),
)
_TRUCE_WORDS = re.compile(r"truce|ceasefire|cease-fire|moratorium|pause|took effect|came into force"
                          r"|expired|deadline", re.I)
_NEAR = 40


def _about_truce(text: str, start: int, end: int) -> bool:
    return _TRUCE_WORDS.search(text[max(0, start - _NEAR):end + _NEAR]) is not None


def _minute_after(hour: int, minute: int) -> str:
    total = hour * 60 + minute + 1
    return f"{total // 60:02d}:{total % 60:02d}"


def _clock(text: str) -> tuple[str, str] | None:
    for pattern in (_CLOCK, _TWELVE):
        for match in pattern.finditer(text):
            if _about_truce(text, match.start(), match.end()):
                continue
            hour, minute = int(match.group(1)), int(match.group(2) or 0)
            if pattern is _TWELVE:
                hour = hour % 12 + (12 if match.group(3).lower() == "p" else 0)
            if hour < 24 and minute < 60:
                return f"{hour:02d}:{minute:02d}", _minute_after(hour, minute)
    return None


def time_of_day(text: str) -> tuple[str, str] | None:
    """The local time range an event's sentence gives, or None."""
    found = _clock(text)
    if found:
        return found
    noon = _NOON.search(text)
    if noon and not _about_truce(text, noon.start(), noon.end()):
        return "12:00", "12:01"
    for pattern, span in _PARTS:
        match = pattern.search(text)
        if match and not _about_truce(text, match.start(), match.end()):
            return span
    return None
