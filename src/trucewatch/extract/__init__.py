"""Extract: strike, interception and commitment events from parsed sentences.

Entry point: `extract_events(parsed) -> list[AnyEvent]`.
"""

from __future__ import annotations

from trucewatch.model import AnyEvent, ParsedDocument

__all__ = ["extract_events"]


def extract_events(parsed: ParsedDocument) -> list[AnyEvent]:
    return []
