"""Update markers and the segments they make.

A wire story that was updated often carries the newer text first, then a
marker, then the earlier story:

    THIS IS A BREAKING NEWS UPDATE. AP’s earlier story follows below.

Such a marker ("… earlier story/version follows …", "EDITOR’S NOTE: …
earlier version below") starts an *older* segment. An `UPDATE:` prefix at a
line start after some text starts a *newer* one (an update appended to the
story); at the very start of a text it only is a label. "This is a developing
story." and editor's notes are dropped without splitting. Marker sentences
are not content: they are left out of the sentences.

Segments are numbered by age, 0 the newest, whatever their order in the text.
"""

from __future__ import annotations

import re
from enum import Enum

__all__ = ["Marker", "classify", "segment_sentences"]


class Marker(Enum):
    OLDER_FOLLOWS = "older"  # what follows is an earlier version
    NEWER_FOLLOWS = "newer"  # what follows is an update to what came before
    DROP = "drop"  # not content, no split


_BREAKING = re.compile(r"THIS IS A BREAKING NEWS UPDATE\b", re.I)
_EARLIER = re.compile(
    r"\b(?:earlier|previous|original|prior)\b.{0,40}?\b(?:story|version|report|item|article)\b"
    r".{0,40}?\b(?:follows|below)\b",
    re.I | re.S,
)
_NOTE = re.compile(r"EDITOR[’'`]?S[’'`]?\s+NOTE\b", re.I)
_DEVELOPING = re.compile(
    r"(?:This is an? (?:developing|breaking)(?: news)? (?:story|update|report)"
    r"|This (?:story|report) (?:is developing|(?:has been|will be|is being) updated))\b",
    re.I,
)
_UPDATE_PREFIX = re.compile(
    r"(?:UPDATE|Update)(?:[ ]*\([^()\n]{1,30}\)|[ ]+\d{1,2}(?::\d{2})?)?[ ]*[:—–-]\s*"
)
_FIRST = frozenset("TtEeUuAa")
_MAX_MARKER = 300


def classify(text: str, s: int, e: int) -> tuple[Marker | None, int]:
    """What the sentence [s, e) is, and where its content starts (UPDATE: prefix)."""
    if e - s > _MAX_MARKER:
        return None, s
    first = text[s]
    if first in _FIRST:
        if _BREAKING.match(text, s, e) or (_NOTE.match(text, s, e) and _EARLIER.search(text, s, e)):
            return Marker.OLDER_FOLLOWS, e
        if _NOTE.match(text, s, e) or _DEVELOPING.match(text, s, e):
            return Marker.DROP, e
        m = _UPDATE_PREFIX.match(text, s, e)
        if m and _at_line_start(text, s):
            return Marker.NEWER_FOLLOWS, m.end()
    if ("follow" in text[s:e] or "below" in text[s:e]) and _EARLIER.search(text, s, e):
        return Marker.OLDER_FOLLOWS, e
    return None, s


def _at_line_start(text: str, pos: int) -> bool:
    while pos > 0 and text[pos - 1] in " \t\xa0":
        pos -= 1
    return pos == 0 or text[pos - 1] in "\n\r\u2028\u2029\x85\x0b\x0c\x1c\x1d\x1e"


def segment_sentences(
    text: str, spans: list[tuple[int, int]], start: int
) -> tuple[list[tuple[int, int, int]], list[tuple[int, int]]]:
    """Content sentences as (start, end, segment) and segment spans, newest first.

    `start` is where content begins (after a leading date marker).
    """
    content: list[tuple[int, int, int]] = []
    bounds = [start]  # where each part starts
    ages = [0]
    for s, e in spans:
        kind, cut = classify(text, s, e)
        part = len(bounds) - 1
        if kind is None:
            content.append((s, e, part))
            continue
        filled = bool(content) and content[-1][2] == part
        if kind is not Marker.DROP and filled:
            bounds.append(cut)
            ages.append(ages[-1] + (1 if kind is Marker.OLDER_FOLLOWS else -1))
            part += 1
        elif not filled:
            bounds[part] = cut  # a part starts after the markers that open it
        if kind is Marker.NEWER_FOLLOWS and cut < e:
            content.append((cut, e, part))
    return _number(text, content, bounds, ages)


def _number(
    text: str,
    content: list[tuple[int, int, int]],
    bounds: list[int],
    ages: list[int],
) -> tuple[list[tuple[int, int, int]], list[tuple[int, int]]]:
    last_end: dict[int, int] = {}
    for _, e, part in content:
        last_end[part] = e
    if not last_end:
        last_end[0] = len(text.rstrip())
    order = sorted(last_end, key=lambda part: (ages[part], part))
    rank = {part: i for i, part in enumerate(order)}
    sentences = [(s, e, rank[part]) for s, e, part in content]
    return sentences, [_part_span(text, bounds[part], last_end[part]) for part in order]


def _part_span(text: str, start: int, end: int) -> tuple[int, int]:
    """From the part's start (whitespace skipped) to its last sentence's end."""
    while start < end and text[start].isspace():
        start += 1
    return start, max(start, end)
