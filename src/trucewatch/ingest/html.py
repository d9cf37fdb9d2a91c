"""HTML pages: main text and metadata via trafilatura.

Document.text is the headline on its own first line, then the main text
(paragraphs one per line), so the parse stage sees the headline as a
sentence. When trafilatura's text already starts with the headline (an
<h1> inside the article), it is not repeated.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import trafilatura

from trucewatch.budget import BudgetExceeded, within
from trucewatch.errors import InputError
from trucewatch.ingest.text import check_binary, decode_text, parse_published
from trucewatch.model import Document

__all__ = ["MAIN_TEXT_BUDGET_S", "html_document"]

# trafilatura grows faster than linearly on tag-dense pages (1.6 MB of nested tags: 7.6 s,
# 8 MB: over 300 s); a page that takes longer than this is reported, not waited for.
MAIN_TEXT_BUDGET_S = 10.0

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)


def _decode_html(data: bytes, path: str, encoding: str | None) -> str:
    """UTF-8 unless `encoding` or a <meta charset> says otherwise."""
    if encoding is None and check_binary(data) is None:
        declared = _META_CHARSET.search(data[:4096])
        if declared and declared.group(1).lower() not in (b"utf-8", b"utf8"):
            try:
                data.decode("utf-8")
            except UnicodeDecodeError:
                encoding = declared.group(1).decode("ascii")
    return decode_text(data, path, encoding)


def _main_text(html: str, path: str, budget_s: float | None) -> object:
    """trafilatura's extraction, stopped after `budget_s` seconds."""
    try:
        extract = functools.partial(
            trafilatura.bare_extraction, with_metadata=True, favor_recall=True
        )
        return within(budget_s, extract, html)
    except BudgetExceeded as exc:
        raise InputError(path, f"main-text extraction from HTML {exc}; page skipped") from None


def html_document(
    data: bytes, path: str, encoding: str | None = None,
    budget_s: float | None = MAIN_TEXT_BUDGET_S,
) -> Document:
    """One report from an HTML page, or InputError when it has no main text (or takes too long)."""
    if not data.strip():
        raise InputError(path, "empty file")
    html = _decode_html(data, path, encoding)
    extracted = _main_text(html, path, budget_s)
    body = (getattr(extracted, "text", None) or "").strip() if extracted else ""
    if not body:
        raise InputError(path, "no main text found in HTML")
    title = (getattr(extracted, "title", None) or "").strip() or None
    text = body if title is None or body.startswith(title) else f"{title}\n{body}"
    try:
        published = parse_published(getattr(extracted, "date", None))
    except ValueError:
        published = None
    return Document(
        id=Path(path).stem or path,
        text=text,
        published=published,
        url=getattr(extracted, "url", None) or None,
        title=title,
        outlet=getattr(extracted, "sitename", None) or None,
        origin=path,
    )
