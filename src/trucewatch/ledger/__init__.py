"""The stored ledger: incidents and findings kept as tables of the store (issue 10).

`sync.update_ledger` links and assesses only what a new document touches, in
the document's own transaction; `sync.relink` rebuilds everything from the
documents; `queries` answers the listings in SQL. Rows are built by `rows`,
the same functions the in-memory read model uses, so both answer alike.
"""

from __future__ import annotations

from trucewatch.ledger.queries import (
    ListFilters,
    finding_stubs,
    incident_detail,
    list_page,
    redirect_of,
    stored_verdicts,
)
from trucewatch.ledger.rows import (
    SIDES,
    event_day,
    event_id,
    event_places,
    event_row,
    finding_row,
    incident_location,
    incident_summary,
    iso,
    most,
    region_name,
    side_of,
)
from trucewatch.ledger.sync import LedgerChange, ledger_agreements, ledger_current, relink, update_ledger

__all__ = [
    "SIDES",
    "LedgerChange",
    "ListFilters",
    "event_day",
    "event_id",
    "event_places",
    "event_row",
    "finding_row",
    "finding_stubs",
    "incident_detail",
    "incident_location",
    "incident_summary",
    "iso",
    "ledger_agreements",
    "ledger_current",
    "list_page",
    "most",
    "redirect_of",
    "region_name",
    "relink",
    "side_of",
    "stored_verdicts",
    "update_ledger",
]
