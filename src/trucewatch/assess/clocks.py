"""Local times of day, read in the place's time zone (data: `vocab/timezones.tsv`).

A report saying "at 18:00" in Kherson means Kyiv time; an agreement's window
is in its own zone (the Easter truce: Moscow time). An event's time range is
its date with its `time_from`/`time_to` in the zone of the place it names
(region first, then country), converted to the agreement's zone by the
comparison of aware datetimes.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.resources
from zoneinfo import ZoneInfo

from trucewatch.errors import ConfigError

__all__ = ["local_range", "place_zone"]

DEFAULT_ZONE = "Europe/Kyiv"


@functools.cache
def _zones() -> dict[str, ZoneInfo]:
    resource = importlib.resources.files("trucewatch.vocab") / "timezones.tsv"
    table: dict[str, ZoneInfo] = {}
    for number, line in enumerate(resource.read_text("utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        try:
            table[cells[0].strip()] = ZoneInfo(cells[1].strip())
        except (IndexError, ValueError, KeyError) as exc:
            raise ConfigError(f"vocab/timezones.tsv:{number}", f"expected code<TAB>zone ({exc})") from None
    return table


def place_zone(admin1: tuple[str, ...], country: str | None) -> ZoneInfo:
    """The zone of a place: its region's, else its country's, else Kyiv's."""
    zones = _zones()
    for code in (*admin1, country or "", *(a.split("-")[0] for a in admin1)):
        if code in zones:
            return zones[code]
    return zones.get("UA", ZoneInfo(DEFAULT_ZONE))


def _at(day: dt.date, clock: str, zone: ZoneInfo) -> dt.datetime:
    hour, minute = (int(x) for x in clock.split(":"))
    extra = dt.timedelta(days=hour // 24)
    return dt.datetime.combine(day + extra, dt.time(hour % 24, minute), tzinfo=zone)


def local_range(day: dt.date, time_from: str, time_to: str, zone: ZoneInfo) -> tuple[dt.datetime, dt.datetime]:
    """[start, end) of a local time of day on `day` (end "24:00" is the next midnight)."""
    return _at(day, time_from, zone), _at(day, time_to, zone)
