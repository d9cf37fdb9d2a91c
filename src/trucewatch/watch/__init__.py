"""Watch: poll RSS/Atom feeds, ingest new articles, post new findings to a webhook.

Pipeline level (it wires fetching, ingest, store and assess through
`trucewatch.pipeline`). Entry points: `poll_once(config, store, state)` and
`watch(config, store, state, every=...)`; fetching goes through
`fetch(url, FetchPolicy(...))`, which refuses non-http(s) schemes and, unless
allowed, non-public addresses.
"""

from __future__ import annotations

from trucewatch.watch.feeds import FeedError, FeedItem, article_document, parse_feed
from trucewatch.watch.fetch import FetchError, FetchPolicy, FetchRefused, Fetched, check_url, fetch
from trucewatch.watch.state import WatchState
from trucewatch.watch.watcher import (
    IDEMPOTENCY_HEADER,
    PollReport,
    WatchConfig,
    finding_payload,
    parse_every,
    poll_once,
    watch,
)

__all__ = [
    "IDEMPOTENCY_HEADER",
    "FeedError",
    "FeedItem",
    "FetchError",
    "FetchPolicy",
    "FetchRefused",
    "Fetched",
    "PollReport",
    "WatchConfig",
    "WatchState",
    "article_document",
    "check_url",
    "fetch",
    "finding_payload",
    "parse_every",
    "parse_feed",
    "poll_once",
    "watch",
]
