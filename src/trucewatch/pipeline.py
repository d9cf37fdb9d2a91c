"""The pipeline, wired: the only module besides `serve/` that imports several stages.

ingest → parse → extract → resolve. Later stages (link, assess, store) take
the `ExtractionResult`s this module yields.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from trucewatch.extract import extract_events
from trucewatch.model import Document, ExtractionResult, ParsedDocument
from trucewatch.parse import parse_document
from trucewatch.resolve import resolve_events

__all__ = ["extract", "extract_document", "extract_documents", "parse_document"]


def extract_document(document: Document) -> ExtractionResult:
    """Parse, extract and resolve one document."""
    parsed: ParsedDocument = parse_document(document)
    events = resolve_events(parsed, extract_events(parsed))
    return ExtractionResult(document.id, parsed.published, tuple(events))


def extract_documents(documents: Iterable[Document]) -> Iterator[ExtractionResult]:
    """Stream results, one per document, in input order."""
    for document in documents:
        yield extract_document(document)


def extract(
    text: str, published: dt.date | str | None = None, id: str = "text"
) -> ExtractionResult:
    """Extract events from one report's text (the public Python API)."""
    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    return extract_document(Document(id=id, text=text, published=published))
