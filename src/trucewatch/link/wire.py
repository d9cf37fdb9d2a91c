"""Wire copies and story versions.

Wire copies: the same agency story republished by several outlets with small
edits. They are near-duplicates (MinHash over word shingles, confirmed on the
shingle sets) and form one wire group, which counts as one independent source.

Versions: a later version supersedes an earlier one only when both are the
same story of the same outlet: the same URL path, or the same story slug on the
same site and outlet, or a near-duplicate from the same outlet with an update
marker. The earlier version's events are then left out so nothing is counted
twice. Anything else that repeats a story (another outlet republishing it, or
one outlet posting it twice without a marker) is a copy: kept, shown, and
grouped with the original as one independent source. Several outlets may share
one host (an aggregator, or our demo's `.invalid` domain), so the outlet is
part of a story's key.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
from collections.abc import Iterable, Sequence
from typing import Any
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from trucewatch.link.records import Provenance, Report
from trucewatch.link.sources import outlet_of

if TYPE_CHECKING:
    import numpy as np

# numpy and datasketch (which pulls in scipy) load when a signature or a link is first
# computed, not when the pipeline is imported: `trucewatch extract` never needs them.

__all__ = [
    "SHINGLE_WORDS",
    "analyse_sources",
    "band_keys",
    "has_update_marker",
    "near_duplicate",
    "shingles",
    "signature",
    "story_key",
]

SHINGLE_WORDS = 3
NUM_PERM = 128
_SEED = 1
_SCHEME = "affine32"
_DTYPE = "<u4"
LSH_THRESHOLD = 0.3  # candidates; confirmed by `near_duplicate`
LSH_BANDS, LSH_ROWS = 37, 3  # what datasketch's MinHashLSH picks for LSH_THRESHOLD at NUM_PERM
JACCARD_MIN = 0.6
CONTAINMENT_MIN = 0.8
CONTAINMENT_MIN_SHINGLES = 20
WIRE_MAX_DAYS = 3  # copies of one story appear within days of each other

_WORD = re.compile(r"\w+", re.UNICODE)
_UPDATE = re.compile(
    r"\b(?:THIS IS A BREAKING NEWS UPDATE|earlier story follows|UPDATE\s*\d+|UPDATED?:"
    r"|Updated at|\(Updates? with|\(Adds\b|\(Recasts\b|\(Corrects\b|CORRECTED\b)",
    re.IGNORECASE,
)


def shingles(text: str) -> set[str]:
    """Word n-grams of the lowercased text (the words themselves when shorter)."""
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < SHINGLE_WORDS:
        return set(words)
    return {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


@functools.cache
def _permutations() -> Any:
    """The seeded permutations, generated once (a new MinHash regenerates them: 0.3 ms each)."""
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME).permutations


def signature(text: str) -> bytes:
    """The MinHash signature of a text, as bytes to store beside it."""
    import numpy as np
    from datasketch import MinHash

    minhash = MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME, permutations=_permutations())
    minhash.update_batch([s.encode("utf-8") for s in sorted(shingles(text))])
    return bytes(np.asarray(minhash.hashvalues, dtype=_DTYPE).tobytes())



def near_duplicate(a: set[str], b: set[str]) -> bool:
    """Same story with small edits, or one text containing most of the other."""
    if not a or not b:
        return False
    common = len(a & b)
    if common / len(a | b) >= JACCARD_MIN:
        return True
    smaller = min(len(a), len(b))
    return smaller >= CONTAINMENT_MIN_SHINGLES and common / smaller >= CONTAINMENT_MIN


def has_update_marker(text: str) -> bool:
    return _UPDATE.search(text) is not None


def story_key(url: str | None, outlet: str | None = None) -> tuple[str, str] | None:
    """(site and outlet, slug or path) identifying one story of one outlet across its versions."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    path = re.sub(r"/+", "/", parts.path).rstrip("/")
    if not host or not path:
        return None
    if outlet:
        host = f"{host}|{outlet.casefold()}"
    last = path.rsplit("/", 1)[-1]
    slug = re.sub(r"\.(html?|php|aspx?)$", "", last.lower())
    if "-" in slug and len(slug) >= 12:
        return host, "slug:" + slug
    return host, "path:" + path.lower()


class _UnionFind:
    def __init__(self, keys: Iterable[str]) -> None:
        self.parent = {k: k for k in keys}

    def find(self, key: str) -> str:
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _days_apart(a: dt.date | None, b: dt.date | None) -> int:
    return abs((a - b).days) if a and b else 0


def _band_keys(signatures: np.ndarray) -> np.ndarray:
    """One 64-bit key per report and LSH band (rows of the band hashed together)."""
    import numpy as np

    rows = signatures[:, : LSH_BANDS * LSH_ROWS].astype(np.uint64).reshape(-1, LSH_BANDS, LSH_ROWS)
    keys = np.zeros(rows.shape[:2], dtype=np.uint64)
    for i in range(LSH_ROWS):
        keys = keys * np.uint64(0x9E3779B97F4A7C15) + rows[:, :, i]
    return keys


def band_keys(signature_bytes: bytes) -> list[int]:
    """The LSH band keys of one stored signature (as signed 64-bit integers, for an index):
    two reports are near-duplicate candidates when they share one (see `_candidates`)."""
    import numpy as np

    keys = _band_keys(np.frombuffer(signature_bytes, dtype=_DTYPE)[None, :])[0].tolist()
    return [k - (1 << 64) if k >= 1 << 63 else k for k in keys]


def _candidates(reports: Sequence[Report]) -> set[tuple[int, int]]:
    """Index pairs (earlier, later) sharing an LSH band: banding of the stored MinHash signatures
    (the bands and rows datasketch chooses for LSH_THRESHOLD), vectorised with numpy."""
    import numpy as np

    signatures = np.stack([np.frombuffer(r.signature or signature(r.document.text), dtype=_DTYPE)
                           for r in reports])
    keys = _band_keys(signatures)
    pairs: set[tuple[int, int]] = set()
    for band in range(LSH_BANDS):
        order = np.argsort(keys[:, band], kind="stable")
        ordered = keys[order, band]
        starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1], True])
        for a, b in zip(starts[:-1].tolist(), starts[1:].tolist(), strict=True):
            if b - a > 1:  # reports sharing this band's key
                pairs.update(itertools.combinations(sorted(order[a:b].tolist()), 2))
    return pairs


def _near_pairs(reports: Sequence[Report]) -> list[tuple[Report, Report]]:
    """Pairs of near-duplicate reports (LSH candidates confirmed on shingle sets).

    Shingle sets are built only for reports that have a candidate: most have none,
    and the stored signature spares re-hashing their text.
    """
    usable = [r for r in reports if _WORD.search(r.document.text)]
    if len(usable) < 2:
        return []
    cache: dict[str, set[str]] = {}

    def shingled(report: Report) -> set[str]:
        if report.key not in cache:
            cache[report.key] = shingles(report.document.text)
        return cache[report.key]

    pairs = []
    for i, j in sorted(_candidates(usable)):
        earlier, later = usable[i], usable[j]
        if near_duplicate(shingled(earlier), shingled(later)):
            pairs.append((earlier, later))
    return pairs


def _version_rank(report: Report) -> tuple[dt.date, bool, int]:
    return (report.published or dt.date.min, has_update_marker(report.document.text), report.order)


def analyse_sources(reports: Sequence[Report]) -> dict[str, Provenance]:
    """Provenance of every report: outlet, side, wire group and supersession."""
    ordered = sorted(reports, key=lambda r: (r.order, r.key))
    outlets = {r.key: outlet_of(r.document) for r in ordered}
    versions = _UnionFind(r.key for r in ordered)
    wires = _UnionFind(r.key for r in ordered)
    stories: dict[tuple[str, str], str] = {}
    for report in ordered:
        outlet = outlets[report.key]
        key = story_key(report.document.url, outlet.name if outlet else None)
        if key in stories:
            versions.union(stories[key], report.key)
        elif key:
            stories[key] = report.key
    for a, b in _near_pairs(ordered):
        same_outlet = outlets[a.key] is not None and outlets[a.key] == outlets[b.key]
        marked = has_update_marker(b.document.text) or has_update_marker(a.document.text)
        if same_outlet and marked:
            versions.union(a.key, b.key)
        elif _days_apart(a.published, b.published) <= WIRE_MAX_DAYS:
            wires.union(a.key, b.key)
    latest: dict[str, Report] = {}
    for report in ordered:
        root = versions.find(report.key)
        if root not in latest or _version_rank(report) >= _version_rank(latest[root]):
            latest[root] = report
    result = {}
    for report in ordered:
        outlet = outlets[report.key]
        current = latest[versions.find(report.key)].key
        result[report.key] = Provenance(
            key=report.key,
            outlet=outlet.name if outlet else None,
            outlet_side=outlet.side if outlet else "unknown",
            wire_group=wires.find(current),
            superseded_by=None if current == report.key else current,
        )
    return result
