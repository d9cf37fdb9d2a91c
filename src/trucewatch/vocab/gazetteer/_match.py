"""Find place names in a text: one regex pass, then dictionary lookups.

Why not one big alternation of ~20,000 names: Python's `re` tries them one by
one at every position. Instead a single pattern finds runs of capitalised
words (with "of"/"on"/"-on-" connectors and a few lower-case tails such as
"peninsula"), and each run is looked up longest-first in the index; only a run
whose first token starts some name costs more than one dict miss. Context
(region words after a name, "regions of" before a list) is read only around
the names found.
"""

from __future__ import annotations

import re

from trucewatch.vocab.gazetteer._index import TOKEN, Context, Entry, Index, load_index
from trucewatch.vocab.gazetteer._records import Place, PlaceMention

__all__ = ["find_places"]

# "Kyiv and the surrounding region": the region around a city that is its own ISO 3166-2
# unit (Kyiv city UA-30, Kyiv oblast UA-32) is named without its name.
_SURROUNDING = re.compile(r"\s+and\s+(?:the\s+surrounding|the\s+wider|its\s+surrounding|its|the)\s+"
                          r"(region|oblast|province|area)\b")

_POSSESSIVE = ("'s", "’s", "'S", "’S")
_BEFORE_WINDOW = 48  # characters searched for "regions of (the)" before a list
_Raw = tuple[int, int, Entry]


def _lookup(index: Index, key: str, end: int) -> tuple[Entry | None, int]:
    """The entry for `key` (or `key` less a possessive 's) and where the name ends."""
    entry = index.entries.get(key)
    if entry is None and key.endswith(_POSSESSIVE):
        return index.entries.get(key[:-2]), end - 2
    return entry, end


def _scan_run(text: str, start: int, stop: int, index: Index, raw: list[_Raw]) -> None:
    """Longest-first matching inside one run of several tokens."""
    tokens = [(m.start(), m.end()) for m in TOKEN.finditer(text, start, stop)]
    i, count = 0, len(tokens)
    while i < count:
        first_start, first_end = tokens[i]
        word = text[first_start:first_end]
        most = index.first_max.get(word, 0)
        if not most and word.endswith(_POSSESSIVE) and word[:-2] in index.first_max:
            most = 1  # a possessive ends the name: "Kharkiv's"
        step = 1
        for n in range(min(most, count - i), 0, -1):
            entry, end = _lookup(
                index, text[first_start : tokens[i + n - 1][1]], tokens[i + n - 1][1]
            )
            if entry is not None:
                if not index.context.not_after.match(text, end):
                    raw.append((first_start, end, entry))
                step = n
                break
        i += step


def _scan(text: str, index: Index) -> list[_Raw]:
    raw: list[_Raw] = []
    entries, not_after = index.entries, index.context.not_after
    for run in index.context.phrase.finditer(text):
        word = run.group()
        if " " in word or "-" in word:
            _scan_run(text, run.start(), run.end(), index, raw)
            continue
        entry = entries.get(word)
        end = run.end()
        if entry is None:
            if not word.endswith(_POSSESSIVE):
                continue
            entry, end = entries.get(word[:-2]), end - 2
            if entry is None:
                continue
        if not not_after.match(text, end):
            raw.append((run.start(), end, entry))
    return raw


def _before_list(text: str, start: int, context: Context) -> bool:
    """ "the regions of " (or "provinces of the ") ends just before `start`."""
    if not (text.endswith("of ", 0, start) or text.endswith("the ", 0, start)):
        return False
    return context.before.search(text, max(0, start - _BEFORE_WINDOW), start) is not None


def _explicit_flags(text: str, raw: list[_Raw], context: Context) -> list[bool]:
    """Region context per name: its own region word, or its list's plural one or lead-in."""
    after = [context.after.match(text, end) for _, end, _ in raw]
    flags = [m is not None for m in after]
    i = 0
    while i < len(raw):
        j = i
        while j + 1 < len(raw) and context.list_sep.fullmatch(text, raw[j][1], raw[j + 1][0]):
            j += 1
        last = after[j]
        if (last is not None and last.group(1).endswith("s")) or _before_list(
            text, raw[i][0], context
        ):
            flags[i : j + 1] = [True] * (j + 1 - i)
        i = j + 1
    return flags


def _in_region(
    text: str, raw: list[_Raw], places: list[Place | None], k: int, context: Context
) -> Place | None:
    """Settlement k as placed by a region named right after it ("Terny, Donetsk region").

    The most populous town of a name can lie in another region than the one
    the text names: then take the town of that name in the named region, or
    no settlement at all (the village meant is not in the gazetteer, and the
    region mention that follows still carries the admin1).
    """
    place, following = places[k], places[k + 1]
    if (
        place is None
        or place.kind != "settlement"
        or following is None
        or following.kind != "region"
    ):
        return place
    if place.admin1 == following.admin1 or not context.qualifier.fullmatch(
        text, raw[k][1], raw[k + 1][0]
    ):
        return place
    return next((s for s in raw[k][2].settlements if s.admin1 == following.admin1), None)


def find_places(text: str) -> list[PlaceMention]:
    """Places named in `text`, sorted by start and non-overlapping."""
    index = load_index()
    raw = _scan(text, index)
    if not raw:
        return []
    flags = _explicit_flags(text, raw, index.context)
    places = [
        entry.explicit if flag else entry.bare
        for (_, _, entry), flag in zip(raw, flags, strict=True)
    ]
    for k in range(len(raw) - 1):
        if raw[k][2].settlements and places[k + 1] is not None:
            places[k] = _in_region(text, raw, places, k, index.context)
    out = []
    for (start, end, entry), flag, place in zip(raw, flags, places, strict=True):
        if place is None:
            continue
        marked = (flag or entry.self_explicit) and place.kind in ("region", "settlement")
        out.append(PlaceMention(start, end, text[start:end], place, marked))
        around = _surrounding(text, end, place, entry)
        if around is not None:
            out.append(around)
    return out


def _surrounding(text: str, end: int, place: Place, entry: Entry) -> PlaceMention | None:
    """The region named as "the surrounding region" right after a city of its own code."""
    region = entry.explicit
    if region is None or region.kind != "region" or region.admin1 == place.admin1:
        return None
    m = _SURROUNDING.match(text, end)
    if m is None:
        return None
    return PlaceMention(m.start(1), m.end(1), m.group(1), region, True)
