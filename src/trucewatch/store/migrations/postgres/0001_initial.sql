-- Documents as ingested, one row per distinct content (sha256 of text and metadata).
CREATE TABLE documents (
    content_hash TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL,
    url TEXT,
    title TEXT,
    outlet TEXT,
    origin TEXT,
    published TEXT,
    text TEXT NOT NULL,
    signature BYTEA NOT NULL,
    extractor TEXT NOT NULL,
    n_events INTEGER NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE INDEX documents_url ON documents (url);
CREATE INDEX documents_published ON documents (published);
-- Events with their evidence (quote and span); `data` holds the full event as JSON.
CREATE TABLE events (
    content_hash TEXT NOT NULL REFERENCES documents (content_hash) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL,
    side TEXT NOT NULL,
    claimant TEXT NOT NULL,
    admin1 TEXT,
    date TEXT,
    date_precision TEXT NOT NULL,
    modality TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    quote TEXT NOT NULL,
    rules TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (content_hash, seq)
);
CREATE INDEX events_kind_date ON events (kind, date);
