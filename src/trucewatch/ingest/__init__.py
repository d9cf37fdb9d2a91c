"""Ingest: read reports from files, directories, JSONL, HTML and stdin into Documents.

Entry points: `read_documents(paths, *, strict=False, max_bytes=10_000_000,
encoding=None)` yields a Document or an InputError per report, and
`document_from_text(text, *, id="text", published=None)`.
"""

from __future__ import annotations

from trucewatch.ingest.files import DEFAULT_MAX_BYTES, read_documents
from trucewatch.ingest.text import document_from_text

__all__ = ["DEFAULT_MAX_BYTES", "document_from_text", "read_documents"]
