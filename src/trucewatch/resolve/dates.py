"""Relative date phrases to calendar dates, against the publication date.

Reports date events relative to when they are published: "overnight",
"Tuesday night", "on Wednesday", "yesterday", "last week", "on March 28",
"on the night of June 18". A phrase resolves to the calendar day it names
and a precision; a night is recorded by the date of the morning it ends on
(the day a report of "overnight" attacks is usually filed).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from trucewatch.model import DatePrecision

__all__ = ["DateMention", "find_date", "resolve_date"]

_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], 1)}
_MONTHS.update({"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
                "sept": 9, "oct": 10, "nov": 11, "dec": 12})
_WEEKDAYS = {d: i for i, d in enumerate(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}

_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?P<weekday>" + "|".join(_WEEKDAYS) + r")"
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("night_of_date", re.compile(r"\bnight (?:of|into|on|to)\s+(?:the\s+)?" + _MONTH + r"\s+(?P<day>\d{1,2})(?:\s*-\s*(?P<day2>\d{1,2}))?", re.I)),
    ("night_of_date", re.compile(r"\bnight (?:of|into|on|to)\s+(?P<day>\d{1,2})(?:\s*-\s*(?P<day2>\d{1,2}))?\s+" + _MONTH, re.I)),
    ("weekday_night", re.compile(r"\b" + _WEEKDAY + r"(?:'s)?\s+(?:night|evening)\b", re.I)),
    ("night_of_weekday", re.compile(r"\bnight (?:of|into|on|to)\s+" + _WEEKDAY, re.I)),
    ("overnight", re.compile(r"\b(?:overnight|last night|at night|during the night|tonight)\b", re.I)),
    ("date", re.compile(r"\b" + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>\d{4}))?", re.I)),
    ("date", re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"(?:\s+(?P<year>\d{4}))?\b", re.I)),
    ("yesterday", re.compile(r"\b(?:yesterday|over the past day|in the past day|in the last 24 hours|over the past 24 hours|during the past day|over the last day|past day)\b", re.I)),
    ("today", re.compile(r"\b(?:today|this morning|this afternoon|this evening|earlier today)\b", re.I)),
    ("weekday", re.compile(r"\b(?:(?:on|early|late|since|by|last|this)\s+)?" + _WEEKDAY + r"\b", re.I)),
    ("last_week", re.compile(r"\b(?:last week|past week|over the past week|this week|previous week)\b", re.I)),
    ("last_month", re.compile(r"\b(?:last month|past month|this month)\b", re.I)),
]


@dataclass(frozen=True, slots=True)
class DateMention:
    kind: str
    start: int
    end: int
    match: re.Match[str]


def find_date(text: str) -> DateMention | None:
    """The first date phrase of a text (earliest in the text; ties go to the more specific)."""
    best: DateMention | None = None
    for kind, pattern in _PATTERNS:
        m = pattern.search(text)
        if m and (best is None or m.start() < best.start):
            best = DateMention(kind, m.start(), m.end(), m)
    return best


def _shift(date: dt.date | None, days: int) -> dt.date | None:
    """`date` moved by `days`, or None past the calendar's ends (date.min, date.max)."""
    if date is None:
        return None
    try:
        return date + dt.timedelta(days=days)
    except OverflowError:
        return None


def _last_weekday(published: dt.date, weekday: int) -> dt.date | None:
    """The most recent `weekday` on or before publication."""
    return _shift(published, -((published.weekday() - weekday) % 7))


def _calendar(published: dt.date, month: int, day: int, year: str | None) -> dt.date | None:
    try:
        date = dt.date(int(year) if year else published.year, month, day)
    except ValueError:
        return None
    soon = _shift(published, 2) or dt.date.max
    if not year and date > soon:
        try:
            date = date.replace(year=date.year - 1)
        except ValueError:
            return None
    return date


def resolve_date(mention: DateMention | None, published: dt.date | None) -> tuple[dt.date | None, DatePrecision]:
    """Calendar date and precision of a phrase; the publication date when there is none."""
    if published is None:
        return None, DatePrecision.UNKNOWN
    if mention is None:
        return published, DatePrecision.UNKNOWN
    m, kind = mention.match, mention.kind
    g = m.groupdict()
    if kind == "night_of_date":
        day = int(g["day2"] or g["day"])  # "the night of March 17-18" ends on the 18th
        return _calendar(published, _MONTHS[g["month"].lower()], day, None), DatePrecision.NIGHT
    if kind in ("weekday_night", "night_of_weekday"):
        morning = _shift(_last_weekday(published, _WEEKDAYS[g["weekday"].lower()]), 1)
        return (min(morning, published) if morning else None), DatePrecision.NIGHT
    if kind == "overnight":
        return published, DatePrecision.NIGHT
    if kind == "date":
        return _calendar(published, _MONTHS[g["month"].lower()], int(g["day"]), g.get("year")), DatePrecision.DAY
    if kind == "yesterday":
        return _shift(published, -1), DatePrecision.DAY
    if kind == "today":
        return published, DatePrecision.DAY
    if kind == "weekday":
        return _last_weekday(published, _WEEKDAYS[g["weekday"].lower()]), DatePrecision.DAY
    if kind == "last_week":
        back = "last" in m.group().lower() or "previous" in m.group().lower()
        return (_shift(published, -7) if back else published), DatePrecision.WEEK
    return (_shift(published, -30) if "last" in m.group().lower() else published), DatePrecision.MONTH
