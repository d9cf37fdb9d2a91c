"""Agreements as data: YAML files validated on load (pydantic at this edge only).

Bundled files live in `trucewatch/vocab/agreements/`; users add their own in
`$XDG_CONFIG_HOME/trucewatch/agreements/` (default ~/.config/…) or a folder
given with `--agreements DIR`. A later layer's file replaces a bundled one of
the same `id`. A bad file raises `ConfigError` naming the file and the field.
"""

from __future__ import annotations

import datetime as dt
import importlib.resources
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from trucewatch.errors import ConfigError
from trucewatch.model import Kind, Scope, Target, Weapon
from trucewatch.vocab.loader import SAFE_LOADER

__all__ = [
    "Agreement",
    "AgreementScope",
    "PartyAct",
    "TermsSource",
    "load_agreement",
    "load_agreements",
    "user_agreements_dir",
]

_SIDE = r"^[A-Z]{2}$"
_OFFSET = re.compile(r"^(?:UTC)?([+-])(\d{2}):?(\d{2})$")
Status = Literal["in_force", "conditional", "not_in_force"]


# -- the records the rest of the project uses ---------------------------------


@dataclass(frozen=True, slots=True)
class PartyAct:
    """A party agreeing to (or refusing) an agreement: who, when, how."""

    party: str
    date: dt.date
    by: str | None = None
    how: str | None = None


@dataclass(frozen=True, slots=True)
class TermsSource:
    publisher: str
    date: dt.date
    title: str
    url: str | None = None


@dataclass(frozen=True, slots=True)
class AgreementScope:
    kinds: tuple[Kind, ...]
    targets: tuple[Target, ...]  # empty: any target
    facilities: tuple[str, ...]  # the facility types as the parties listed them
    weapons: tuple[Weapon, ...]  # empty: any weapon
    countries: tuple[str, ...]  # empty: anywhere
    admin1: tuple[str, ...]
    waters: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Agreement:
    id: str
    title: str
    status: str
    commitment_scope: Scope  # the guide's commitment scope that refers to it
    parties: tuple[str, ...]
    proposed_by: tuple[str, ...]
    agreed: tuple[PartyAct, ...]
    refused: tuple[PartyAct, ...]
    start: dt.datetime  # aware
    end: dt.datetime | None  # aware; None: open-ended
    timezone: str
    scope: AgreementScope
    sources: tuple[TermsSource, ...]
    notes: str
    path: str

    @property
    def in_force(self) -> bool:
        return self.status != "not_in_force"

    @property
    def tz(self) -> dt.tzinfo:
        return _tzinfo(self.timezone)


# -- the file format (pydantic) -----------------------------------------------


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Act(_Strict):
    party: str = Field(pattern=_SIDE)
    date: dt.date
    by: str | None = None
    how: str | None = None


class _Source(_Strict):
    publisher: str = Field(min_length=1)
    date: dt.date
    title: str = Field(min_length=1)
    url: str | None = None


class _Window(_Strict):
    start: dt.datetime
    end: dt.datetime | None = None
    timezone: str

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        _tzinfo(value)
        return value

    @model_validator(mode="after")
    def _ordered(self) -> _Window:
        if self.end is not None and _aware(self.end, self.timezone) <= _aware(self.start, self.timezone):
            raise ValueError("end must be after start")
        return self


class _Geography(_Strict):
    countries: list[str] = Field(default_factory=list)
    admin1: list[str] = Field(default_factory=list)
    waters: list[str] = Field(default_factory=list)

    @field_validator("countries")
    @classmethod
    def _sides(cls, value: list[str]) -> list[str]:
        bad = [v for v in value if not re.match(_SIDE, v)]
        if bad:
            raise ValueError(f"not ISO 3166-1 alpha-2: {', '.join(bad)}")
        return value

    @field_validator("admin1")
    @classmethod
    def _codes(cls, value: list[str]) -> list[str]:
        bad = [v for v in value if not re.match(r"^[A-Z]{2}-[A-Z0-9]{1,3}$", v)]
        if bad:
            raise ValueError(f"not ISO 3166-2: {', '.join(bad)}")
        return value


class _Scope(_Strict):
    kinds: list[Literal["strike", "interception"]] = Field(min_length=1)
    targets: list[Target] = Field(default_factory=list)
    facilities: list[str] = Field(default_factory=list)
    weapons: list[Weapon] = Field(default_factory=list)
    geography: _Geography = Field(default_factory=_Geography)


class _AgreementFile(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str = Field(min_length=1)
    status: Status
    commitment_scope: Scope
    parties: list[str] = Field(min_length=1)
    proposed_by: list[str] = Field(default_factory=list)
    agreed: list[_Act] = Field(default_factory=list)
    refused: list[_Act] = Field(default_factory=list)
    window: _Window
    scope: _Scope
    sources: list[_Source] = Field(min_length=1)
    notes: str = ""

    @field_validator("parties", "proposed_by")
    @classmethod
    def _sides(cls, value: list[str]) -> list[str]:
        bad = [v for v in value if not re.match(_SIDE, v)]
        if bad:
            raise ValueError(f"not ISO 3166-1 alpha-2: {', '.join(bad)}")
        return value


# -- loading ------------------------------------------------------------------


def _tzinfo(name: str) -> dt.tzinfo:
    match = _OFFSET.match(name.strip())
    if match:
        sign = -1 if match[1] == "-" else 1
        return dt.timezone(sign * dt.timedelta(hours=int(match[2]), minutes=int(match[3])))
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown time zone {name!r} (use an IANA name or +HH:MM)") from exc


def _aware(moment: dt.datetime, zone: str) -> dt.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=_tzinfo(zone))


def _describe(error: ValidationError) -> str:
    problems = []
    for item in error.errors()[:3]:
        where = ".".join(str(p) for p in item["loc"]) or "(top level)"
        problems.append(f"field '{where}': {item['msg']}")
    more = len(error.errors()) - 3
    return "; ".join(problems) + (f" (and {more} more)" if more > 0 else "")


def _record(data: _AgreementFile, path: str) -> Agreement:
    window, scope, geo = data.window, data.scope, data.scope.geography
    acts = lambda items: tuple(PartyAct(a.party, a.date, a.by, a.how) for a in items)  # noqa: E731
    return Agreement(
        id=data.id, title=data.title, status=data.status,
        commitment_scope=data.commitment_scope, parties=tuple(data.parties),
        proposed_by=tuple(data.proposed_by), agreed=acts(data.agreed), refused=acts(data.refused),
        start=_aware(window.start, window.timezone),
        end=_aware(window.end, window.timezone) if window.end else None,
        timezone=window.timezone,
        scope=AgreementScope(
            tuple(Kind(k) for k in scope.kinds), tuple(scope.targets), tuple(scope.facilities),
            tuple(scope.weapons), tuple(geo.countries), tuple(geo.admin1), tuple(geo.waters),
        ),
        sources=tuple(TermsSource(s.publisher, s.date, s.title, s.url) for s in data.sources),
        notes=data.notes.strip(), path=path,
    )


def parse_agreement(text: str, path: str) -> Agreement:
    """Validate one agreement file's text; `path` names it in errors."""
    try:
        raw: Any = yaml.load(text, Loader=SAFE_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        raise ConfigError(path, f"{where}not valid YAML ({getattr(exc, 'problem', exc)})") from exc
    if not isinstance(raw, dict):
        raise ConfigError(path, "expected a mapping of agreement fields")
    try:
        return _record(_AgreementFile.model_validate(raw), path)
    except ValidationError as exc:
        raise ConfigError(path, _describe(exc)) from exc


def load_agreement(path: str | Path) -> Agreement:
    path = Path(path)
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), f"cannot read ({exc})") from exc
    return parse_agreement(text, str(path))


def user_agreements_dir() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "trucewatch" / "agreements"


def _bundled() -> list[Agreement]:
    folder = importlib.resources.files("trucewatch.vocab") / "agreements"
    found = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith((".yaml", ".yml")):
            found.append(parse_agreement(entry.read_text("utf-8"), f"vocab/agreements/{entry.name}"))
    return found


def _folder(folder: Path) -> list[Agreement]:
    if not folder.is_dir():
        raise ConfigError(str(folder), "not a folder of agreement files")
    found: dict[str, Agreement] = {}
    for path in sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]):
        agreement = load_agreement(path)
        if agreement.id in found:
            raise ConfigError(str(path), f"field 'id': {agreement.id!r} is also in {found[agreement.id].path}")
        found[agreement.id] = agreement
    return list(found.values())


def load_agreements(
    folders: Sequence[str | Path] = (), bundled: bool = True, user: bool = True
) -> list[Agreement]:
    """Bundled agreements, then the user's config folder, then `folders` (later wins)."""
    layers: list[Iterable[Agreement]] = [_bundled()] if bundled else []
    if user and user_agreements_dir().is_dir():
        layers.append(_folder(user_agreements_dir()))
    layers += [_folder(Path(f)) for f in folders]
    merged: dict[str, Agreement] = {}
    for layer in layers:
        merged.update({a.id: a for a in layer})
    return list(merged.values())
