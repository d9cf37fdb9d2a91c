"""What the watcher has seen and sent, in a small JSON file written atomically.

Per feed: the keys of items already ingested (the newest `KEEP` of them) and
failure counts of items still to retry. Globally: the ids of findings already
posted to the webhook (`None` until the first poll records the findings that
existed before watching began, so they are not posted). The file is replaced
with a rename after an fsync, so a crash leaves the old state or the new one.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from trucewatch.errors import ConfigError

__all__ = ["KEEP", "WatchState"]

KEEP = 20_000  # item keys remembered per feed: far more than any feed lists at once


class WatchState:
    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else None
        self.seen: dict[str, list[str]] = {}
        self.failures: dict[str, dict[str, int]] = {}
        self.notified: set[str] | None = None
        self._index: dict[str, set[str]] = {}
        self.recheck = True  # assess at the next round even if nothing new was stored
        if self.path is not None and self.path.exists():
            self._load(self.path)

    def _load(self, path: Path) -> None:
        try:
            data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
            self.seen = {str(k): [str(x) for x in v] for k, v in data.get("seen", {}).items()}
            self.failures = {str(k): dict(v) for k, v in data.get("failures", {}).items()}
            notified = data.get("notified")
        except (OSError, ValueError, AttributeError, TypeError) as exc:
            raise ConfigError(str(path), f"unreadable watch state ({exc}); move it away to start afresh") from None
        self.notified = None if notified is None else {str(x) for x in notified}
        self._index = {feed: set(keys) for feed, keys in self.seen.items()}

    def has_seen(self, feed: str, key: str) -> bool:
        return key in self._index.get(feed, set())

    def mark_seen(self, feed: str, key: str) -> None:
        if self.has_seen(feed, key):
            return
        keys = self.seen.setdefault(feed, [])
        keys.append(key)
        self._index.setdefault(feed, set()).add(key)
        self.failures.get(feed, {}).pop(key, None)
        if len(keys) > KEEP:
            for old in keys[: len(keys) - KEEP]:
                self._index[feed].discard(old)
            del keys[: len(keys) - KEEP]

    def fail(self, feed: str, key: str) -> int:
        """Count one more failure of an item; return how many so far."""
        counts = self.failures.setdefault(feed, {})
        counts[key] = counts.get(key, 0) + 1
        return counts[key]

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": 1, "seen": self.seen, "failures": self.failures,
            "notified": sorted(self.notified) if self.notified is not None else None,
        }

    def save(self) -> None:
        """Write the state atomically (nothing to do without a path)."""
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as stream:
                json.dump(self.to_dict(), stream)
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
