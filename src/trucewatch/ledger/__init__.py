"""The stored ledger: incidents and findings kept as tables of the store (issue 10).

`sync.update_ledger` links and assesses only what a new document touches, in
the document's own transaction; `sync.relink` rebuilds everything from the
documents; `queries` answers the listings in SQL. Rows are built by `rows`,
the same functions the in-memory read model uses, so both answer alike.
"""
