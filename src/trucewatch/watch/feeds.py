"""RSS and Atom feeds to items; fetched article pages to Documents.

feedparser reads RSS 0.9x/1.0/2.0 and Atom. A feed that is not well-formed XML
is a FeedError (feedparser's lenient recovery can invent half items from a
cut-off feed); a wrong declared encoding or content type is tolerated. Each item has a stable key: its id (guid), else its
link, else a hash of its title.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import re
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urljoin

import feedparser

from trucewatch.errors import InputError, TrucewatchError
from trucewatch.ingest.html import html_document
from trucewatch.model import Document

__all__ = ["FeedError", "FeedItem", "article_document", "parse_feed"]


class FeedError(TrucewatchError):
    def __init__(self, url: str, problem: str) -> None:
        self.url, self.problem = url, problem
        super().__init__(f"{url}: {problem}")


@dataclass(frozen=True, slots=True)
class FeedItem:
    key: str
    link: str | None
    title: str | None
    summary: str | None
    published: dt.date | None


def _date(entry: Any) -> dt.date | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    return dt.datetime.fromtimestamp(calendar.timegm(parsed), dt.timezone.utc).date()


_BENIGN = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)
_TAGS = re.compile(r"<[^>]+>")


def _item(entry: Any, base: str) -> FeedItem | None:
    link = entry.get("link")
    link = urljoin(base, link) if link else None
    title = (entry.get("title") or "").strip() or None
    key = entry.get("id") or link or (title and "title:" + hashlib.sha1(title.encode()).hexdigest())
    if not key:
        return None
    summary = _TAGS.sub(" ", entry.get("summary") or "").strip() or None
    return FeedItem(str(key), link, title, summary, _date(entry))


def parse_feed(body: bytes, url: str) -> list[FeedItem]:
    """The feed's items, in feed order; FeedError when it cannot be read as a feed."""
    parsed = feedparser.parse(body)
    entries = parsed.get("entries") or []
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if problem is not None and not isinstance(problem, _BENIGN):
        raise FeedError(url, f"malformed feed ({problem})")
    if not entries and not parsed.get("version") and not parsed.get("feed"):
        raise FeedError(url, "not an RSS or Atom feed")
    items = (_item(entry, url) for entry in entries)
    return [item for item in items if item is not None]


def article_document(item: FeedItem, html: bytes, url: str, feed: str) -> Document:
    """The article's main text as a Document; the feed's date and title win over the page's."""
    try:
        page = html_document(html, url)
    except InputError:
        if not item.summary:
            raise
        text = f"{item.title}\n{item.summary}" if item.title else item.summary
        page = Document(id=url, text=text, origin=url)
    return replace(
        page, id=item.key, url=url, title=item.title or page.title,
        published=item.published or page.published, origin=f"{feed} {url}",
    )
