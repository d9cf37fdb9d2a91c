"""Date markers, wire datelines and dated site stamps.

- `date YYYY-MM-DD` at the very start of a text (optionally after
  whitespace, followed by a space or a newline): the published date; it is
  not part of any sentence.
- Wire datelines at the start of a segment: "KYIV, Ukraine (AP) —",
  "KYIV, Ukraine — (AP) —", "MOSCOW (Reuters) -", "LONDON, March 3 (Reuters) -",
  "MOSCOW (Outlet News / Agency - 06th January, 2023)".
  They stay inside the first sentence (gold quotes include them).
- Censor.NET stamps: "19.09.22 23:54 - " at a line start and
  " (19.09.22 23:54) « War in Ukraine | Censor.NET" ending the title line;
  both give a published date (2022-09-19) and are not part of a sentence.
"""

from __future__ import annotations

import datetime as dt
import re

from trucewatch.model import Dateline, Span

__all__ = [
    "censor_date",
    "censor_stamp_end",
    "find_agency_dateline",
    "match_dateline",
    "read_date_marker",
]

_DATE_MARKER = re.compile(r"\s*date[ \t]+(\d{4})-(\d{2})-(\d{2})(?=\s|\Z)[ \t]*", re.I)

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

_DATELINE = re.compile(
    r"""
    (?P<place>[A-Z][A-Z'’.\-]+(?:[ ][A-Z][A-Z'’.\-]*){0,3})
    (?:,[ ](?P<region>[A-Z][A-Za-z'’.\-]+(?:[ ][A-Z][A-Za-z'’.\-]+){0,2}))?
    (?:,?[ ](?P<month>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\.?
        [ ](?P<day>\d{1,2})(?:,[ ](?P<year>\d{4}))?)?
    [ ]*(?:[—–]+[ ]*|-{1,2}[ ]+)?
    (?:\((?P<agency>[A-Za-z][A-Za-z .&/-]{0,30})\)[ ]*)?
    (?:[—–]+|-{1,2}(?=[ ]|[A-Z]))
    """,
    re.X,
)

_CENSOR_STAMP = re.compile(r"(\d{2})\.(\d{2})\.(\d{2}) \d{2}:\d{2} [-–—] ")
_CENSOR_DATE = re.compile(r"(?:^|\()(\d{2})\.(\d{2})\.(\d{2}) \d{2}:\d{2}(?:\)| [-–—] )", re.M)


def read_date_marker(text: str) -> tuple[int, dt.date | None]:
    """End of a leading `date YYYY-MM-DD` marker (0 if none) and its date."""
    m = _DATE_MARKER.match(text)
    if m is None:
        return 0, None
    return m.end(), _date(int(m[1]), int(m[2]), int(m[3]))


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# Russian agencies: "KURSK, September 29. /TASS/.", "MOSCOW, March 18 (RIA Novosti) -".
_SLASH_DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Z'’.\-]+(?:[ ][A-Z][A-Z'’.\-]*){0,3}),[ ]"
    r"(?P<month>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\.?[ ](?P<day>\d{1,2})\.?[ ]*"
    r"/(?P<agency>[A-Z][A-Za-z-]{1,20})/\.?"
)


# Syndicated copies: "MOSCOW (UrduPoint News / Sputnik - 06th January, 2023) Ukrainian troops …":
# the agencies and the date inside one bracket, no dash after it.
_BRACKET_DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Z'’.\-]+(?:[ ][A-Z][A-Z'’.\-]*){0,3})[ ]"
    r"\((?P<agency>[A-Z][A-Za-z .&]{1,30}?)(?:[ ]*[/,][ ]*[A-Z][A-Za-z .&]{1,30}?)*[ ]*[-–—,][ ]*"
    r"[^()]{0,30}?(?:\d{4}|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[^()]{0,12}\)(?=[ ]+[A-Z\"“])"
)


def match_dateline(text: str, pos: int) -> tuple[Dateline, dt.date | None] | None:
    """A wire dateline starting exactly at `pos`, with its date when it has a year."""
    slash = _SLASH_DATELINE.match(text, pos, pos + 80)
    if slash is not None:
        place = slash["place"].title()
        return Dateline(Span(slash.start(), slash.end()), place, slash["agency"]), None
    bracket = _BRACKET_DATELINE.match(text, pos, pos + 120)
    if bracket is not None:
        place = bracket["place"].title()
        return Dateline(Span(bracket.start(), bracket.end()), place, bracket["agency"].strip()), None
    m = _DATELINE.match(text, pos, pos + 120)
    if m is None or not (m["agency"] or m["region"] or m["month"]):
        return None
    place = m["place"].title().replace("’S", "’s").replace("'S", "'s")
    date = None
    if m["year"] and m["month"]:
        date = _date(int(m["year"]), _MONTHS[m["month"].lower()], int(m["day"]))
    return Dateline(Span(m.start(), m.end()), place, m["agency"]), date


_AGENCY_REACH = 300  # a byline or a photo credit may stand before the dateline on its line


def find_agency_dateline(text: str, start: int, end: int) -> tuple[Dateline, dt.date | None] | None:
    """A dateline with a wire agency ("KYIV, Ukraine (AP) —", "MOSCOW (Reuters) -") inside the
    first characters of a line, after a byline or credit; the agency makes it safe mid-line."""
    stop = min(end, start + _AGENCY_REACH)
    if text.find("(", start, stop) < 0 and text.find("/", start, stop) < 0:
        return None  # no agency in brackets or slashes on this stretch: most lines
    for m in _CAPS_START.finditer(text, start, stop):
        found = match_dateline(text, m.start())
        if found is not None and found[0].agency:
            return found
    return None


_CAPS_START = re.compile(r"(?<![\w’'])[A-Z]{2}")


def censor_stamp_end(text: str, pos: int, end: int) -> int:
    """End of a Censor.NET "19.09.22 23:54 - " stamp at `pos`, else `pos`."""
    m = _CENSOR_STAMP.match(text, pos, end)
    return m.end() if m else pos


def censor_date(text: str) -> dt.date | None:
    """The date of the first Censor.NET stamp in `text` (dd.mm.yy → 20yy-mm-dd)."""
    m = _CENSOR_DATE.search(text)
    if m is None:
        return None
    return _date(2000 + int(m[3]), int(m[2]), int(m[1]))
