-- Stored, stable link and assess results (issue 10): kept up to date by every ingest.
-- Provenance of each document: outlet, wire group, supersession, and the label of the
-- group of versions and wire copies it belongs to (what is re-analysed when one joins),
-- and whether its text carries an update marker (a version, not a copy).
CREATE TABLE doc_provenance (
    content_hash TEXT PRIMARY KEY REFERENCES documents (content_hash) ON DELETE CASCADE,
    outlet TEXT,
    outlet_side TEXT NOT NULL,
    wire_group TEXT NOT NULL,
    superseded_by TEXT,
    story TEXT,
    component TEXT NOT NULL,
    marked INTEGER NOT NULL
);
CREATE INDEX doc_provenance_story ON doc_provenance (story);
CREATE INDEX doc_provenance_component ON doc_provenance (component);
CREATE INDEX doc_provenance_wire ON doc_provenance (wire_group);
-- LSH band keys of each stored MinHash signature: near-duplicate candidates by index.
CREATE TABLE doc_bands (
    band INTEGER NOT NULL,
    key BIGINT NOT NULL,
    content_hash TEXT NOT NULL REFERENCES documents (content_hash) ON DELETE CASCADE,
    PRIMARY KEY (band, key, content_hash)
);
-- Every event of a current (not superseded) report: filter columns, its listing row, and
-- for strikes and interceptions the link bucket, day range and incident it belongs to.
CREATE TABLE event_index (
    content_hash TEXT NOT NULL,
    seq INTEGER NOT NULL,
    ingested_at TEXT NOT NULL,
    kind TEXT NOT NULL,
    side TEXT,
    country TEXT,
    admin1s TEXT NOT NULL,
    targets TEXT NOT NULL,
    day TEXT,
    bucket TEXT,
    day_from TEXT,
    day_to TEXT,
    incident_id TEXT,
    position INTEGER,
    row_json TEXT NOT NULL,
    ref_json TEXT NOT NULL,
    PRIMARY KEY (content_hash, seq),
    FOREIGN KEY (content_hash, seq) REFERENCES events (content_hash, seq) ON DELETE CASCADE
);
CREATE INDEX event_index_bucket ON event_index (bucket, day_from);
CREATE INDEX event_index_incident ON event_index (incident_id);
CREATE INDEX event_index_order ON event_index (ingested_at, content_hash, seq);
CREATE INDEX event_index_day ON event_index (day);
-- Incidents with a stable id, the columns listings filter and sort on, and the row.
CREATE TABLE incidents (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    attacker TEXT NOT NULL,
    country TEXT,
    admin1s TEXT NOT NULL,
    targets TEXT NOT NULL,
    agreements TEXT NOT NULL,
    date_from TEXT,
    date_to TEXT,
    bucket TEXT NOT NULL,
    report_count INTEGER NOT NULL,
    sources INTEGER NOT NULL,
    grade TEXT NOT NULL,
    sort_key TEXT NOT NULL,
    row_json TEXT NOT NULL,
    disputes_json TEXT NOT NULL
);
CREATE INDEX incidents_order ON incidents (sort_key);
CREATE INDEX incidents_days ON incidents (date_from, date_to);
CREATE INDEX incidents_kind ON incidents (kind, sort_key);
-- An incident id that merged into another (or lost its first report) answers with the new one.
CREATE TABLE incident_redirects (
    old_id TEXT PRIMARY KEY,
    new_id TEXT NOT NULL
);
CREATE INDEX incident_redirects_new ON incident_redirects (new_id);
-- Findings of the ledger, per agreement and incident (or accusation).
CREATE TABLE findings (
    id TEXT PRIMARY KEY,
    agreement TEXT NOT NULL,
    agreement_rank INTEGER NOT NULL,
    incident_id TEXT,
    party TEXT NOT NULL,
    basis TEXT NOT NULL,
    grade TEXT NOT NULL,
    kind TEXT,
    country TEXT,
    admin1s TEXT NOT NULL,
    targets TEXT NOT NULL,
    date_from TEXT,
    date_to TEXT,
    sort_key TEXT NOT NULL,
    row_json TEXT NOT NULL
);
CREATE INDEX findings_order ON findings (agreement_rank, sort_key);
CREATE INDEX findings_incident ON findings (incident_id);
CREATE INDEX findings_agreement_day ON findings (agreement, basis, date_from);
-- The events behind each finding: its evidence and the accusations attached to it.
CREATE TABLE finding_refs (
    finding_id TEXT NOT NULL,
    agreement TEXT NOT NULL,
    role TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    seq INTEGER NOT NULL,
    PRIMARY KEY (finding_id, role, content_hash, seq)
);
CREATE INDEX finding_refs_event ON finding_refs (agreement, content_hash, seq);
-- Bookkeeping: the number of documents the stored ledger covers.
CREATE TABLE ledger_meta (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
)
