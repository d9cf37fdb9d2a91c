"""The API's reads from the stored ledger: listings, incident detail and verdicts in SQL.

Each server thread keeps one read-only connection (readers never migrate nor
lock). At start-up the ledger is brought up to date once (`ensure_ledger`);
where that cannot be done (a read-only file behind its documents) the routes
fall back to the in-memory snapshot, which answers the same.
"""

from __future__ import annotations

import threading
from typing import Any

from trucewatch.errors import TrucewatchError
from trucewatch.ledger import (
    ListFilters, incident_detail, ledger_agreements, ledger_current, list_page, redirect_of, stored_verdicts,
)
from trucewatch.pipeline import ensure_ledger
from trucewatch.serve.read_model import Filters
from trucewatch.store import Store, open_store

__all__ = ["StoredReader"]


class StoredReader:
    """SQL reads over the stored ledger of one store."""

    def __init__(self, store_url: str) -> None:
        self.store_url = store_url
        self._local = threading.local()
        self.usable = self._prepare()

    def _prepare(self) -> bool:
        try:
            with open_store(self.store_url, create=False, migrate=False) as store:
                ensure_ledger(store)
            return True
        except Exception:  # noqa: BLE001 - a read-only or unwritable store: check, else fall back
            return self._current()

    def _current(self) -> bool:
        try:
            with self._store().reading() as tx:
                return ledger_current(tx)
        except (TrucewatchError, OSError):
            return False

    def _store(self) -> Store:
        store = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self.store_url, read_only=True)
            self._local.store = store
        return store

    def page(self, dataset: str, filters: Filters, sort: str | None, limit: int,
             offset: int) -> dict[str, Any]:
        wanted = ListFilters(filters.since, filters.until, filters.region, filters.kind,
                             filters.party, filters.target, filters.agreement)
        with self._store().reading() as tx:
            return list_page(tx, dataset, wanted, sort, limit, offset)

    def incident(self, incident_id: str) -> tuple[dict[str, Any] | None, str | None]:
        """(the incident, None), or (None, the id it now answers with) for a merged id."""
        with self._store().reading() as tx:
            found = incident_detail(tx, incident_id)
            return (found, None) if found is not None else (None, redirect_of(tx, incident_id))

    def verdicts(self) -> list[dict[str, Any]]:
        with self._store().reading() as tx:
            return stored_verdicts(tx, ledger_agreements())
