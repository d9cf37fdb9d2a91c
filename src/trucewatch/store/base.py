"""The store's interface and the record it keeps: a document with its events.

Both backends (SQLite, PostgreSQL) implement `Store` over the same schema.
Every write is one transaction, so a document is stored with all its events
or not at all; the content hash makes re-ingesting the same content a no-op.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Protocol

from trucewatch.model import (
    AnyEvent,
    Commitment,
    DatePrecision,
    Document,
    Interception,
    Kind,
    Modality,
    Scope,
    Span,
    Stance,
    Strike,
    Target,
    Weapon,
)

__all__ = [
    "Store",
    "StoreCounts",
    "StoredDocument",
    "content_hash",
    "event_from_dict",
    "event_row",
    "unstorable",
]


@dataclass(frozen=True, slots=True)
class StoredDocument:
    """One document as kept in the store, with the events extracted from it."""

    content_hash: str
    document: Document
    published: dt.date | None
    events: tuple[AnyEvent, ...]
    signature: bytes  # MinHash signature for near-duplicate detection
    extractor: str  # name and version of the rules that produced the events
    ingested_at: str = ""  # ISO timestamp, set by the store


@dataclass(frozen=True, slots=True)
class StoreCounts:
    documents: int
    events: int


class Store(Protocol):
    """What every backend offers; writes are transactions, reads are snapshots."""

    url: str

    def add_documents(
        self, documents: Sequence[StoredDocument],
        after: Callable[[Any, list[str]], None] | None = None,
    ) -> int:
        """Store all `documents` in one transaction; return how many were new.

        `after(tx, new_keys)` runs in that same transaction (see `common.Tx`)."""
        ...

    def transaction(self) -> AbstractContextManager[Any]:
        """A write transaction yielding a `common.Tx` (plain SQL for the ledger tables)."""
        ...

    def reading(self) -> AbstractContextManager[Any]:
        """A read snapshot yielding a `common.Tx`."""
        ...

    def has_document(self, content_hash: str) -> bool: ...

    def documents(
        self, since: dt.date | None = None, until: dt.date | None = None
    ) -> Iterator[StoredDocument]:
        """Stored documents in ingest order, optionally by published date."""
        ...

    def counts(self) -> StoreCounts: ...

    def check(self) -> list[str]:
        """Integrity problems (empty when the store is consistent)."""
        ...

    def schema_version(self) -> int: ...

    def check_schema(self) -> int:
        """The schema version; InputError when it is behind this trucewatch's migrations."""
        ...

    def close(self) -> None: ...

    def __enter__(self) -> Store: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...


def _parts(document: Document) -> tuple[str, ...]:
    return (
        document.text,
        document.url or "",
        document.outlet or "",
        document.title or "",
        document.published.isoformat() if document.published else "",
    )


def content_hash(document: Document) -> str:
    """Identity of a document's content: its text and publication metadata.

    Lone surrogates (from a JSON `\\ud800` escape or an undecodable file name)
    are hashed as their code points ("surrogatepass"), so hashing never fails;
    the store refuses such text (see `unstorable`). Valid text hashes as before.
    """
    joined = "\x1f".join(_parts(document))
    return hashlib.sha256(joined.encode("utf-8", "surrogatepass")).hexdigest()


# Neither SQLite (UTF-8) nor PostgreSQL (no NUL in text) can keep these characters.
_UNSTORABLE = re.compile("[\ud800-\udfff\x00]")
_FIELDS = ("text", "url", "outlet", "title", "id", "origin")


def unstorable(document: Document) -> str | None:
    """Why a document cannot be stored as it is (a NUL or a lone surrogate), or None."""
    for name in _FIELDS:
        value = getattr(document, name) or ""
        bad = _UNSTORABLE.search(value)
        if bad is not None:
            char = "a NUL character" if bad.group() == "\x00" else "a lone surrogate"
            return f"{name} contains {char} (U+{ord(bad.group()):04X}) at character {bad.start()}"
    return None


def _side(event: AnyEvent) -> str:
    return event.party if isinstance(event, Commitment) else event.attacker


def _admin1(event: AnyEvent) -> str | None:
    if isinstance(event, Strike):
        return event.admin1
    if isinstance(event, Interception):
        return event.admin1[0] if event.admin1 else None
    return None


def event_row(event: AnyEvent) -> dict[str, Any]:
    """Column values of one event (the `events` table, less keys)."""
    return {
        "kind": str(event.kind),
        "side": _side(event),
        "claimant": event.claimant,
        "admin1": _admin1(event),
        "date": event.date.isoformat() if event.date else None,
        "date_precision": str(event.date_precision),
        "modality": str(event.modality),
        "span_start": event.span.start,
        "span_end": event.span.end,
        "quote": event.quote,
        "rules": event.rules,
        "data": json.dumps(event.to_dict(), ensure_ascii=False, sort_keys=True),
    }


_CLASSES: dict[str, type[Strike] | type[Interception] | type[Commitment]] = {
    Kind.STRIKE: Strike,
    Kind.INTERCEPTION: Interception,
    Kind.COMMITMENT: Commitment,
}

_CONVERT: dict[str, Any] = {
    "kind": Kind,
    "modality": Modality,
    "date_precision": DatePrecision,
    "weapon": Weapon,
    "stance": Stance,
    "scope": Scope,
    "span": lambda v: Span(int(v[0]), int(v[1])),
    "date": lambda v: dt.date.fromisoformat(v) if v else None,
    "targets": lambda v: tuple(Target(t) for t in v),
}


def event_from_dict(data: dict[str, Any]) -> AnyEvent:
    """Rebuild an event from its JSON form (`Event.to_dict()`)."""
    cls = _CLASSES[data["kind"]]
    values: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        if f.name not in data:
            continue
        value = data[f.name]
        if f.name in _CONVERT and value is not None:
            value = _CONVERT[f.name](value)
        elif isinstance(value, list):
            value = tuple(value)
        values[f.name] = value
    return cls(**values)


def events_from_json(rows: Iterable[str]) -> tuple[AnyEvent, ...]:
    return tuple(event_from_dict(json.loads(row)) for row in rows)
