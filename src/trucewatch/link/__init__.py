"""Link: wire copies and versions of stories, and incidents across reports.

Entry points: `analyse_sources(reports)` (outlets, wire groups, supersession),
`event_refs(reports, provenance)`, `link_incidents(refs)` and `filter_incidents`.
"""

from __future__ import annotations

from trucewatch.link.incidents import (
    accusations,
    commitments,
    day_range,
    event_refs,
    filter_incidents,
    independent_sources,
    link_bucket,
    link_incidents,
)
from trucewatch.link.records import Dispute, EventRef, Incident, Provenance, Report
from trucewatch.link.sources import Outlet, load_outlets, outlet_of
from trucewatch.link.wire import (
    WIRE_MAX_DAYS,
    analyse_sources,
    band_keys,
    has_update_marker,
    near_duplicate,
    shingles,
    signature,
    story_key,
)

__all__ = [
    "WIRE_MAX_DAYS",
    "Dispute",
    "EventRef",
    "Incident",
    "Outlet",
    "Provenance",
    "Report",
    "accusations",
    "analyse_sources",
    "band_keys",
    "commitments",
    "day_range",
    "event_refs",
    "filter_incidents",
    "has_update_marker",
    "independent_sources",
    "link_bucket",
    "link_incidents",
    "load_outlets",
    "near_duplicate",
    "outlet_of",
    "shingles",
    "signature",
    "story_key",
]
