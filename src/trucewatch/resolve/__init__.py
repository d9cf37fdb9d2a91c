"""Resolve: relative dates to calendar dates, places to coordinates.

Entry point: `resolve_events(parsed, events) -> list[AnyEvent]`. An event's
date comes from a date phrase in its own sentence, else from the first one
in its segment's opening sentences (reports date their lead and then
elaborate), else it is the publication date with precision "unknown". A strike
or interception dated to a day also gets the time of day its sentence gives
(`time_from`, `time_to`, local time at the place; see `resolve/clock.py`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from trucewatch.model import AnyEvent, Commitment, DatePrecision, ParsedDocument
from trucewatch.resolve.clock import time_of_day
from trucewatch.resolve.dates import DateMention, find_date, resolve_date
from trucewatch.resolve.places import coordinates

__all__ = ["resolve_events"]

_LEAD_SENTENCES = 3


def _segment_dates(parsed: ParsedDocument) -> dict[int, DateMention]:
    out: dict[int, DateMention] = {}
    seen: dict[int, int] = {}
    for sentence in parsed.sentences:
        n = seen.get(sentence.segment, 0)
        seen[sentence.segment] = n + 1
        if sentence.segment not in out and n < _LEAD_SENTENCES:
            mention = find_date(sentence.text)
            if mention is not None:
                out[sentence.segment] = mention
    return out


def resolve_events(parsed: ParsedDocument, events: Sequence[AnyEvent]) -> list[AnyEvent]:
    """Events with `date`, `date_precision`, `date_phrase`, `lat` and `lon` filled in."""
    if not events:
        return []
    leads = _segment_dates(parsed)
    segment_of = {s.span.start: s.segment for s in parsed.sentences}
    out = []
    for event in events:
        mention = find_date(event.quote) or leads.get(segment_of.get(event.span.start, 0))
        date, precision = resolve_date(mention, parsed.published)
        point = coordinates(event)
        clock = None if isinstance(event, Commitment) or precision != DatePrecision.DAY else (
            time_of_day(event.quote))
        out.append(dataclasses.replace(
            event, date=date, date_precision=precision,
            date_phrase=mention.match.group() if mention else None,
            lat=point[0] if point else None, lon=point[1] if point else None,
            time_from=clock[0] if clock else None, time_to=clock[1] if clock else None,
        ))
    return out
