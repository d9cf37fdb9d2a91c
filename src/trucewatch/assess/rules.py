"""Rules: is an incident inside an agreement's scope and time window?

Times are compared as aware datetimes in the agreement's time zone: a `day`
event covers its whole calendar day, a `night` event the night ending on its
date (18:00 the evening before to 06:00), wider precisions wider spans. An
incident's span is what all its reports allow (their intersection). The same
rules apply to every party.
"""

from __future__ import annotations

import datetime as dt

from trucewatch.assess.agreements import Agreement
from trucewatch.assess.clocks import local_range, place_zone
from trucewatch.assess.records import Claim, IncidentView
from trucewatch.model import AnyEvent, Commitment, DatePrecision, Kind, Stance
from trucewatch.vocab.gazetteer import region as region_place

__all__ = [
    "ACCUSATION_LAG_DAYS",
    "accused_party",
    "incident_span",
    "in_scope",
    "matches",
    "near",
    "refers_to",
    "report_day",
    "timing",
]

NIGHT_FROM_HOUR = 18
NIGHT_TO_HOUR = 6
ACCUSATION_LAG_DAYS = 2  # an accusation may follow the attack it refers to by this much

Span = tuple[dt.datetime, dt.datetime]


def _at(day: dt.date, hour: int, tz: dt.tzinfo) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=tz)


def _night(day: dt.date, tz: dt.tzinfo) -> Span:
    return _at(day - dt.timedelta(days=1), NIGHT_FROM_HOUR, tz), _at(day, NIGHT_TO_HOUR, tz)


def incident_span(incident: IncidentView, tz: dt.tzinfo) -> Span | None:
    """[start, end) of the time an incident may have happened, in `tz`.

    Its days (what all its reports allow), narrowed to the night when a report
    dates it to the night ending on a day, or to the time of day a report gives
    ("at 18:30", "on Monday morning") in the place's time zone.
    """
    if incident.date_from is None or incident.date_to is None:
        return None
    start = _at(incident.date_from, 0, tz)
    end = _at(incident.date_to + dt.timedelta(days=1), 0, tz)
    zone = place_zone(incident.admin1, incident.country)
    for claim in incident.reports:
        narrower = _claim_span(claim.event, tz, zone)
        if narrower is not None and max(start, narrower[0]) < min(end, narrower[1]):
            start, end = max(start, narrower[0]), min(end, narrower[1])
    return start, end


def _claim_span(event: AnyEvent, tz: dt.tzinfo, zone: dt.tzinfo) -> Span | None:
    """What one report says of the time: the night ending on its date, or a local time of day."""
    if event.date is None:
        return None
    if event.date_precision == DatePrecision.NIGHT:
        return _night(event.date, tz)
    if event.date_precision == DatePrecision.DAY and event.time_from and event.time_to:
        return local_range(event.date, event.time_from, event.time_to, zone)  # type: ignore[arg-type]
    return None


def timing(span: Span | None, agreement: Agreement) -> str | None:
    """`within`, `straddles_start`, `straddles_end`, or None when outside the window."""
    if span is None:
        return None
    start, end = agreement.start, agreement.end
    if span[1] <= start or (end is not None and span[0] >= end):
        return None
    if span[0] < start:
        return "straddles_start"
    if end is not None and span[1] > end:
        return "straddles_end"
    return "within"


def _geography_ok(incident: IncidentView, agreement: Agreement) -> bool:
    geo = agreement.scope
    if geo.countries:
        countries = {incident.country} if incident.country else {a[:2] for a in incident.admin1}
        if countries and not countries & set(geo.countries):
            return False
    if not geo.admin1 and not geo.waters:
        return True
    return bool(set(incident.admin1) & set(geo.admin1)) or _over_waters(incident, agreement)


def _over_waters(incident: IncidentView, agreement: Agreement) -> bool:
    waters = {str(getattr(r.event, "water", "") or "").casefold() for r in incident.reports}
    return bool(waters & {w.casefold() for w in agreement.scope.waters})


def in_scope(incident: IncidentView, agreement: Agreement) -> bool:
    """Does the incident fall under the agreement's kinds, parties, targets, weapons, places?"""
    scope = agreement.scope
    if incident.kind not in scope.kinds or incident.attacker not in agreement.parties:
        return False
    if scope.targets and incident.kind == Kind.STRIKE:
        if not set(incident.targets) & set(scope.targets):
            return False
    if scope.targets and incident.kind == Kind.INTERCEPTION and not _over_waters(incident, agreement):
        return False  # drones downed over land say nothing of the targets the agreement protects
    if scope.weapons and not set(incident.weapons) & {str(w) for w in scope.weapons}:
        return False
    return _geography_ok(incident, agreement)


def report_day(ref: Claim) -> dt.date | None:
    """The day a claim refers to: its own date, else its report's publication."""
    return ref.event.date or ref.published


def refers_to(ref: Claim, agreement: Agreement) -> bool:
    """Does a commitment (stance or accusation) concern this agreement, by scope and time?"""
    event = ref.event
    if not isinstance(event, Commitment) or event.scope != agreement.commitment_scope:
        return False
    day = report_day(ref)
    if day is None:
        return False
    lag = dt.timedelta(days=ACCUSATION_LAG_DAYS)
    if event.stance != Stance.ACCUSED_BREACH:  # stances may precede the window
        lag_before = dt.timedelta(days=14)
        return agreement.start.date() - lag_before <= day and (
            agreement.end is None or day <= agreement.end.date() + lag
        )
    return agreement.start.date() <= day and (
        agreement.end is None or day <= agreement.end.date() + lag
    )


def accused_party(accuser: str, agreement: Agreement) -> str | None:
    """The party an accusation is against: the other party of a two-party agreement."""
    others = [p for p in agreement.parties if p != accuser]
    return others[0] if accuser in agreement.parties and len(others) == 1 else None


def near(day: dt.date | None, incident: IncidentView, lag_days: int = ACCUSATION_LAG_DAYS) -> bool:
    """Is an accusation of `day` close enough to refer to the incident?"""
    if day is None or incident.date_from is None or incident.date_to is None:
        return False
    lag = dt.timedelta(days=lag_days)
    return incident.date_from - dt.timedelta(days=1) <= day <= incident.date_to + lag




_KIND_WORDS = {
    Kind.STRIKE: ("strike", "struck", "attack", "hit", "shell", "bomb", "drone", "missile", "fire"),
    Kind.INTERCEPTION: ("drone", "missile", "shot down", "intercept", "downed", "air defence"),
}


def _names_place(quote: str, incident: IncidentView) -> bool:
    text = quote.casefold()
    names = [incident.place] + [_region_name(code) for code in incident.admin1]
    return any(name and name.casefold() in text for name in names)


def _region_name(code: str) -> str | None:
    place = region_place(code)
    return place.name if place else None


def _names_kind(quote: str, incident: IncidentView) -> bool:
    text = quote.casefold()
    return any(word in text for word in _KIND_WORDS.get(incident.kind, ()))


def matches(ref: Claim, incident: IncidentView) -> bool:
    """Does an accusation refer to this incident, not just to a breach somewhere that week?

    Near in time, and either told in a report of the incident, or naming its place
    (settlement or region) and its kind of attack. An accusation matching nothing
    stays an accusation on its own.
    """
    if not near(report_day(ref), incident):
        return False
    if any(claim.report_key == ref.report_key for claim in incident.reports):
        return True
    return _names_place(ref.event.quote, incident) and _names_kind(ref.event.quote, incident)
