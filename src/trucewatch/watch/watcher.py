"""Poll feeds, ingest new articles, re-assess, post new findings to a webhook.

`poll_once` is one round: every feed is fetched and parsed (a feed that times
out, answers an HTTP error or is not a readable feed costs one log line and
the round goes on), each new item's article is fetched and its main text
extracted, the new documents are ingested (content-hash upserts: a repeat is
a no-op), the agreements in force are assessed over the store, and each
finding not posted before is posted to the webhook as JSON. Items are marked
seen only once stored, and each finding as soon as the webhook took it (2xx;
the state file is saved after every delivery), so a crash or a failed post is
retried at the next round and a finding the receiver acknowledged is never
posted again. Delivery is at least once (a crash between the 2xx and the save
repeats one post): every post carries the finding's stable id as
`idempotency_key` and in the `Idempotency-Key` header, so receivers drop
repeats. `watch` repeats rounds.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from trucewatch.assess import AgreementAssessment, Finding
from trucewatch.errors import InputError
from trucewatch.model import Document
from trucewatch.pipeline import assess_store, ingest_documents
from trucewatch.store import Store
from trucewatch.watch.feeds import FeedError, FeedItem, article_document, parse_feed
from trucewatch.watch.fetch import FetchError, FetchPolicy, check_url, fetch, new_client
from trucewatch.watch.state import WatchState

__all__ = [
    "IDEMPOTENCY_HEADER", "PollReport", "WatchConfig", "finding_payload", "parse_every",
    "poll_once", "watch",
]

Log = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class WatchConfig:
    feeds: tuple[str, ...]
    webhook: str | None = None
    policy: FetchPolicy = field(default_factory=FetchPolicy)
    agreement_dirs: tuple[str | Path, ...] = ()
    max_item_failures: int = 3  # then the item is given up and marked seen


@dataclass(frozen=True, slots=True)
class PollReport:
    new_items: int
    added: int
    events: int
    findings: tuple[dict[str, Any], ...]  # payloads of the new findings
    delivered: int
    problems: tuple[str, ...] = ()


IDEMPOTENCY_HEADER = "Idempotency-Key"


def finding_payload(assessment: AgreementAssessment, finding: Finding) -> dict[str, Any]:
    """The JSON posted for one new finding; `idempotency_key` is the finding's stable id."""
    return {
        "type": "trucewatch.finding",
        "idempotency_key": finding.id,
        "agreement": {"id": assessment.agreement.id, "title": assessment.agreement.title},
        "finding": finding.to_dict(),
        "detected_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="milliseconds"),
    }


def _current_findings(store: Store, config: WatchConfig) -> dict[str, dict[str, Any]]:
    ledger = assess_store(store, None, config.agreement_dirs)
    return {f.id: finding_payload(a, f) for a in ledger if a.agreement.in_force for f in a.findings}


def _article(item: FeedItem, feed: str, policy: FetchPolicy, client: httpx.Client) -> Document:
    if not item.link:
        text = "\n".join(x for x in (item.title, item.summary) if x)
        if not text:
            raise InputError(feed, f"item {item.key} has neither link nor text")
        return Document(id=item.key, text=text, published=item.published, title=item.title,
                        origin=feed)
    page = fetch(item.link, policy, client)
    return article_document(item, page.body, page.url, feed)


class _Round:
    """One poll: collects documents, problems and the keys to mark seen."""

    def __init__(self, config: WatchConfig, state: WatchState, log: Log, client: httpx.Client) -> None:
        self.config, self.state, self.log, self.client = config, state, log, client
        self.documents: list[tuple[str, str, Document]] = []
        self.problems: list[str] = []

    def problem(self, line: str) -> None:
        self.problems.append(line)
        self.log(line)

    def feed(self, url: str) -> None:
        try:
            page = fetch(url, self.config.policy, self.client)
            items = parse_feed(page.body, page.url)
        except (FetchError, FeedError) as exc:
            self.problem(f"feed {url}: {exc.problem}")
            return
        for item in reversed(items):  # oldest first, as feeds list newest first
            if not self.state.has_seen(url, item.key):
                self.item(url, item)

    def item(self, feed: str, item: FeedItem) -> None:
        try:
            self.documents.append((feed, item.key, _article(item, feed, self.config.policy, self.client)))
        except (FetchError, InputError) as exc:
            failures = self.state.fail(feed, item.key)
            give_up = failures >= self.config.max_item_failures
            if give_up:
                self.state.mark_seen(feed, item.key)
            self.problem(f"item {item.link or item.key}: {exc}" + ("; giving up" if give_up else ""))


def _deliver(webhook: str, payload: dict[str, Any], client: httpx.Client, timeout: float) -> str | None:
    """Post one payload with its idempotency key (header too); None on success, else the problem."""
    headers = {IDEMPOTENCY_HEADER: payload["idempotency_key"]}
    try:
        response = client.post(webhook, json=payload, headers=headers, timeout=timeout)
    except httpx.HTTPError as exc:
        return f"{type(exc).__name__}: {exc}"
    return None if response.is_success else f"HTTP {response.status_code}"


def _notify(
    store: Store, config: WatchConfig, state: WatchState, client: httpx.Client, run: _Round
) -> tuple[list[dict[str, Any]], int]:
    current = _current_findings(store, config)
    if state.notified is None:  # the first round: what exists already is not news
        state.notified = set(current)
        return [], 0
    new = [payload for fid, payload in current.items() if fid not in state.notified]
    delivered = 0
    for payload in new:
        problem = None
        if config.webhook:
            problem = _deliver(config.webhook, payload, client, config.policy.timeout)
        if problem is None:  # saved at once: a crash later in the loop never posts it again
            state.notified.add(payload["idempotency_key"])
            state.save()
            delivered += 1 if config.webhook else 0
        else:
            run.problem(f"webhook {config.webhook}: {problem}; will retry")
    state.recheck = delivered < len(new) and bool(config.webhook)
    return new, delivered


def poll_once(
    config: WatchConfig, store: Store, state: WatchState, log: Log = lambda line: None
) -> PollReport:
    """One round over every feed (see the module's docstring)."""
    if config.webhook:
        check_url(config.webhook, allow_private=True)
    with new_client(config.policy) as client:
        if state.notified is None:
            _notify(store, config, state, client, _Round(config, state, log, client))
        run = _Round(config, state, log, client)
        for url in config.feeds:
            run.feed(url)
        report = ingest_documents((doc for _, _, doc in run.documents), store)
        for problem in report.failed:
            run.problem(f"item {problem}")
        for feed, key, _ in run.documents:
            state.mark_seen(feed, key)
        state.save()
        findings: list[dict[str, Any]] = []
        delivered = 0
        if report.added or state.recheck:
            findings, delivered = _notify(store, config, state, client, run)
            state.save()
    return PollReport(len(run.documents), report.added, report.events, tuple(findings),
                      delivered, tuple(run.problems))


def parse_every(text: str) -> float:
    """Seconds from "90", "30s", "5m", "1h"."""
    units = {"s": 1, "m": 60, "h": 3600}
    text = text.strip().lower()
    scale = units.get(text[-1:], 1)
    number = text[:-1] if text[-1:] in units else text
    try:
        seconds = float(number) * scale
    except ValueError:
        raise ValueError(f"expected a duration such as 90, 30s, 5m or 1h, got {text!r}") from None
    if seconds <= 0:
        raise ValueError("the interval must be positive")
    return seconds


def watch(
    config: WatchConfig,
    store: Store,
    state: WatchState,
    every: float = 300.0,
    once: bool = False,
    stop: threading.Event | None = None,
    log: Log = lambda line: None,
    on_poll: Callable[[PollReport], None] | None = None,
) -> None:
    """Poll every `every` seconds until `stop` is set (or once)."""
    stop = stop or threading.Event()
    while not stop.is_set():
        started = time.monotonic()
        report = poll_once(config, store, state, log)
        if on_poll is not None:
            on_poll(report)
        if once:
            return
        stop.wait(max(0.0, every - (time.monotonic() - started)))
