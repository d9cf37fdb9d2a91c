"""Records shared by every pipeline stage.

Stages exchange these frozen dataclasses and nothing else, so that each stage
can be read, tested and replaced alone. Every extracted fact keeps the
character span of the text it rests on (evidence first).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from functools import cache
from enum import StrEnum
from typing import Any


class Kind(StrEnum):
    """Event kinds of the annotation guide."""

    STRIKE = "strike"
    INTERCEPTION = "interception"
    COMMITMENT = "commitment"


class Weapon(StrEnum):
    DRONE = "drone"
    MISSILE = "missile"
    AIRCRAFT = "aircraft"
    ARTILLERY = "artillery"
    UNKNOWN = "unknown"


class Target(StrEnum):
    ENERGY = "energy"
    MEDICAL = "medical"
    RESIDENTIAL = "residential"
    EDUCATION = "education"
    INDUSTRIAL = "industrial"
    TRANSPORT = "transport"
    PORT = "port"
    MILITARY = "military"
    GOVERNMENT = "government"
    OTHER_CIVILIAN = "other_civilian"


class Stance(StrEnum):
    AGREED = "agreed"
    PROPOSED = "proposed"
    REFUSED = "refused"
    ACCUSED_BREACH = "accused_breach"


class Scope(StrEnum):
    FULL_CEASEFIRE = "full_ceasefire"
    ENERGY = "energy"
    MARITIME = "maritime"
    OTHER = "other"


class Modality(StrEnum):
    ASSERTED = "asserted"
    CLAIMED = "claimed"
    DENIED = "denied"
    PLANNED = "planned"
    HYPOTHETICAL = "hypothetical"


class DatePrecision(StrEnum):
    DAY = "day"
    NIGHT = "night"  # the night ending on `date`
    WEEK = "week"
    MONTH = "month"
    UNKNOWN = "unknown"


UNKNOWN_SIDE = "unknown"


@dataclass(frozen=True, slots=True)
class Document:
    """One report as ingested: raw text plus whatever metadata came with it."""

    id: str
    text: str
    published: dt.date | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    origin: str | None = None  # file path (and line) it was read from


@dataclass(frozen=True, slots=True)
class Span:
    """A [start, end) character range into a document's text."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Dateline:
    """A wire dateline such as "KYIV, Ukraine (AP) —"."""

    span: Span
    place: str
    agency: str | None


@dataclass(frozen=True, slots=True)
class Quotation:
    """Text inside quotation marks and who said it, when the report says."""

    span: Span  # the quoted words, marks excluded
    speaker: str | None


@dataclass(frozen=True, slots=True)
class Sentence:
    span: Span
    text: str
    segment: int  # 0 is the newest segment of the document


@dataclass(frozen=True, slots=True)
class Segment:
    """A part of a document separated by an update marker; 0 is the newest."""

    span: Span
    dateline: Dateline | None


@dataclass(frozen=True, slots=True)
class ParsedDocument:
    document: Document
    published: dt.date | None  # from metadata, a `date` first line or the dateline
    segments: tuple[Segment, ...]
    sentences: tuple[Sentence, ...]
    quotations: tuple[Quotation, ...]


@dataclass(frozen=True, slots=True)
class Event:
    """Fields every event kind carries, per the annotation guide and issue #2."""

    kind: Kind
    quote: str
    span: Span
    claimant: str
    source: str | None
    modality: Modality
    date: dt.date | None = None
    date_precision: DatePrecision = DatePrecision.UNKNOWN
    date_phrase: str | None = None
    lat: float | None = None
    lon: float | None = None
    time_from: str | None = None  # local time of day at the place, "HH:MM", when the text gives one
    time_to: str | None = None  # end of that time of day ("24:00": the day's end)
    rules: str = ""  # name and version of the rule pack that produced it
    rule: str = ""  # id of the rule in that pack, e.g. "interception/n-of-m"

    def to_dict(self) -> dict[str, Any]:
        """The event as the JSON contract spells it."""
        out: dict[str, Any] = {}
        for key in _field_names(type(self)):
            value = getattr(self, key)
            if key == "span":
                value = [self.span.start, self.span.end]
            elif isinstance(value, StrEnum):
                value = value.value
            elif isinstance(value, dt.date):
                value = value.isoformat()
            elif isinstance(value, tuple):
                value = [v.value if isinstance(v, StrEnum) else v for v in value]
            out[key] = value
        return out


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    """The dataclass's field names, once per class (asdict would deep-copy every value)."""
    return tuple(f.name for f in fields(cls))


@dataclass(frozen=True, slots=True)
class Strike(Event):
    attacker: str = UNKNOWN_SIDE
    weapon: Weapon = Weapon.UNKNOWN
    country: str | None = None
    admin1: str | None = None
    place: str | None = None
    targets: tuple[Target, ...] = ()
    killed: int | None = None
    injured: int | None = None


@dataclass(frozen=True, slots=True)
class Interception(Event):
    attacker: str = UNKNOWN_SIDE
    weapon: Weapon = Weapon.UNKNOWN
    launched: int | None = None
    intercepted: int | None = None
    admin1: tuple[str, ...] = ()
    water: str | None = None


@dataclass(frozen=True, slots=True)
class Commitment(Event):
    party: str = UNKNOWN_SIDE
    stance: Stance = Stance.AGREED
    scope: Scope = Scope.OTHER


AnyEvent = Strike | Interception | Commitment


@dataclass(frozen=True, slots=True)
class ExtractionResult:
    """What the extractor gives for one document."""

    id: str
    published: dt.date | None
    events: tuple[AnyEvent, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "published": self.published.isoformat() if self.published else None,
            "events": [event.to_dict() for event in self.events],
        }
