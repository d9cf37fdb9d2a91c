"""Progress bars for the CLI: rich on a terminal, nothing when output is piped.

Kept apart from the commands so that every command module can use them
without importing the pipeline (rich.progress itself loads on first use).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from trucewatch.store import Store, StoreCounts, StoredDocument

__all__ = ["ProgressStore", "interactive", "language_warning", "progress", "track", "warn_languages"]

T = TypeVar("T")


def language_warning(name: str, code: str) -> str:
    """The one line that says a document is not English, so its empty result is not news."""
    from trucewatch.ingest.language import language_name

    return (f"warning: {name}: the text looks {language_name(code)} ({code}), not English; "
            "the rules read English, so it gives few or no events")


def warn_languages(found: Iterable[tuple[str, str]]) -> None:
    """Print a language warning per (document, code) on stderr."""
    for name, code in found:
        print(language_warning(name, code), file=sys.stderr)


def interactive() -> bool:
    """True when both output streams are terminals (a bar would be seen, not logged)."""
    return sys.stdout.isatty() and sys.stderr.isatty()


@contextlib.contextmanager
def progress(description: str, total: int | None = None) -> Iterator[Any]:
    """A progress bar on stderr, or nothing when output is not a terminal.

    Yields a function `advance(n=1)`.
    """
    if not interactive():
        yield lambda n=1: None
        return
    from rich.console import Console
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn,
                               TimeElapsedColumn)

    bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                   MofNCompleteColumn(), TimeElapsedColumn(), console=Console(stderr=True),
                   transient=True)
    with bar:
        task = bar.add_task(description, total=total)
        yield lambda n=1: bar.advance(task, n)


def track(items: Iterable[T], description: str, total: int | None = None) -> Iterator[T]:
    """Yield `items`, advancing a progress bar for each (quiet off a terminal)."""
    with progress(description, total) as advance:
        for item in items:
            yield item
            advance()


class ProgressStore:
    """A `Store` that advances a progress bar for every document the pipeline looks up."""

    def __init__(self, store: Store, advance: Any) -> None:
        self._store, self._advance = store, advance
        self.url = store.url

    def has_document(self, content_hash: str) -> bool:
        self._advance()
        return self._store.has_document(content_hash)

    def add_documents(self, documents: Sequence[StoredDocument],
                      after: Callable[[Any, list[str]], None] | None = None) -> int:
        return self._store.add_documents(documents, after)

    def transaction(self) -> AbstractContextManager[Any]:
        return self._store.transaction()

    def reading(self) -> AbstractContextManager[Any]:
        return self._store.reading()

    def documents(self, since: dt.date | None = None, until: dt.date | None = None) -> Iterator[StoredDocument]:
        return self._store.documents(since, until)

    def counts(self) -> StoreCounts:
        return self._store.counts()

    def check(self) -> list[str]:
        return self._store.check()

    def schema_version(self) -> int:
        return self._store.schema_version()

    def close(self) -> None:
        self._store.close()

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
