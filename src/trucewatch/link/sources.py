"""Outlets and the side each speaks for (data: `vocab/outlets.tsv`)."""

from __future__ import annotations

import functools
import importlib.resources
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from trucewatch.errors import ConfigError
from trucewatch.model import Document

__all__ = ["OUTLET_SIDES", "Outlet", "load_outlets", "outlet_of"]

OUTLET_SIDES = ("RU", "UA", "neutral")
_AGENCY = re.compile(r"[(—–-]\s*([A-Z][A-Za-z .]{0,30}?)\s*[)—–]")


@dataclass(frozen=True, slots=True)
class Outlet:
    name: str
    side: str  # RU, UA, neutral, or unknown for outlets not in the table


@functools.cache
def load_outlets() -> dict[str, Outlet]:
    """The outlet table: domain or lowercase name → outlet."""
    resource = importlib.resources.files("trucewatch.vocab") / "outlets.tsv"
    table: dict[str, Outlet] = {}
    for number, line in enumerate(resource.read_text("utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != 3 or cells[1] not in OUTLET_SIDES:
            raise ConfigError(f"vocab/outlets.tsv:{number}", "expected key<TAB>side<TAB>name")
        table[cells[0].strip().lower()] = Outlet(cells[2].strip(), cells[1])
    return table


def _by_domain(host: str) -> Outlet | None:
    labels = host.lower().removeprefix("www.").split(".")
    table = load_outlets()
    for i in range(len(labels) - 1):
        found = table.get(".".join(labels[i:]))
        if found:
            return found
    return None


def _by_name(name: str) -> Outlet | None:
    key = name.strip().lower()
    return load_outlets().get(key) or (_by_domain(key) if "." in key else None)


def _from_dateline(text: str) -> Outlet | None:
    for match in _AGENCY.finditer(text[:400]):
        found = _by_name(match.group(1))
        if found:
            return found
    return None


def outlet_of(document: Document) -> Outlet | None:
    """The outlet of a document: its metadata, its URL, else its wire dateline."""
    if document.outlet:
        found = _by_name(document.outlet)
        return found or Outlet(document.outlet.strip(), "unknown")
    if document.url:
        host = urlsplit(document.url).hostname
        found = _by_domain(host) if host else None
        if found:
            return found
    return _from_dateline(document.text)
