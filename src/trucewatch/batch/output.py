"""The batch output: Parquet datasets of documents and events, hive-partitioned by date.

Layout under the output folder:

    _trucewatch_batch.json                 manifest, written last (its presence marks a complete run)
    documents/published_date=2025-03-19/part-000012.parquet
    documents/published_date=__HIVE_DEFAULT_PARTITION__/part-000012.parquet
    events/published_date=2025-03-19/part-000012.parquet
    errors/part-000012.parquet             bad records and failed extractions, when any

`published_date` is the report's publication date as the store keeps it
(metadata, `date` first line or dateline); Hive's null folder when none. The
key is named apart from every column (events have their own `date`), so
`pyarrow.dataset`, `pyarrow.parquet.read_table`, Polars and DuckDB all open
`documents/` and `events/` as one hive-partitioned dataset. Each engine partition
writes its own files, so workers never share a file and a re-run of one
partition replaces exactly its files. Events keep every field: the JSON of
`Event.to_dict()` in `data`, and the key fields as columns.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from trucewatch.errors import InputError
from trucewatch.model import AnyEvent, Document

__all__ = [
    "DOCUMENT_SCHEMA",
    "EVENT_SCHEMA",
    "FORMAT",
    "MANIFEST",
    "PARTITION_KEY",
    "BatchRecord",
    "PartitionWriter",
    "is_batch_output",
    "read_batch_output",
    "read_manifest",
]

FORMAT = "trucewatch.batch.v2"
READABLE_FORMATS = ("trucewatch.batch.v1", FORMAT)  # v1 partitioned by `date=`, clashing with events' date
MANIFEST = "_trucewatch_batch.json"
PARTITION_KEY = "published_date"
UNKNOWN_DATE = "__HIVE_DEFAULT_PARTITION__"  # Hive's null: every reader reads it as null
_PART = re.compile(r"part-(\d+)\.parquet$")

DOCUMENT_SCHEMA = pa.schema([
    ("partition", pa.int32()), ("seq", pa.int32()),
    ("id", pa.string()), ("text", pa.string()), ("published", pa.date32()),
    ("metadata_published", pa.date32()), ("url", pa.string()), ("title", pa.string()),
    ("outlet", pa.string()), ("origin", pa.string()), ("content_hash", pa.string()),
    ("signature", pa.binary()), ("extractor", pa.string()), ("events", pa.int32()),
])

_LIST = pa.list_(pa.string())
EVENT_SCHEMA = pa.schema([
    ("partition", pa.int32()), ("seq", pa.int32()), ("index", pa.int32()),
    ("document_id", pa.string()), ("content_hash", pa.string()), ("published", pa.date32()),
    ("kind", pa.string()), ("side", pa.string()), ("claimant", pa.string()),
    ("source", pa.string()), ("modality", pa.string()), ("date", pa.date32()),
    ("date_precision", pa.string()), ("date_phrase", pa.string()),
    ("lat", pa.float64()), ("lon", pa.float64()), ("rules", pa.string()),
    ("span_start", pa.int32()), ("span_end", pa.int32()), ("quote", pa.string()),
    ("attacker", pa.string()), ("party", pa.string()), ("weapon", pa.string()),
    ("stance", pa.string()), ("scope", pa.string()), ("country", pa.string()),
    ("admin1", _LIST), ("place", pa.string()), ("targets", _LIST),
    ("killed", pa.int64()), ("injured", pa.int64()), ("launched", pa.int64()),
    ("intercepted", pa.int64()), ("water", pa.string()), ("data", pa.string()),
])

ERROR_SCHEMA = pa.schema([
    ("partition", pa.int32()), ("path", pa.string()), ("line", pa.int64()),
    ("problem", pa.string()),
])

_EVENT_FIELDS = ("claimant", "source", "modality", "date_precision", "date_phrase", "lat",
                 "lon", "rules", "quote", "attacker", "party", "weapon", "stance", "scope",
                 "country", "place", "targets", "killed", "injured", "launched",
                 "intercepted", "water")


@dataclass(frozen=True, slots=True)
class BatchRecord:
    """One document read back from a batch output, ready for the store."""

    document: Document
    published: dt.date | None
    content_hash: str
    signature: bytes  # b"" when the run skipped signatures
    extractor: str
    events: tuple[dict[str, Any], ...]  # `Event.to_dict()` forms, in extraction order


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def event_columns(event: AnyEvent) -> dict[str, Any]:
    """The flattened columns of one event (the keys of EVENT_SCHEMA after `published`)."""
    data = event.to_dict()
    row = {name: data.get(name) for name in _EVENT_FIELDS}
    admin1 = data.get("admin1")
    row.update(
        kind=data["kind"], side=data.get("attacker") or data.get("party"),
        date=_date(data.get("date")), span_start=data["span"][0], span_end=data["span"][1],
        admin1=[admin1] if isinstance(admin1, str) else admin1,
        data=json.dumps(data, ensure_ascii=False, sort_keys=True),
    )
    return row


class PartitionWriter:
    """Collects one partition's rows and writes its files, one per date."""

    def __init__(self, out: str | Path, partition: int) -> None:
        self.out, self.partition = Path(out), partition
        self.documents: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.events: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.errors: list[dict[str, Any]] = []

    def add(self, seq: int, stored: Any) -> None:
        """Add one prepared document (a `trucewatch.store.StoredDocument`)."""
        doc: Document = stored.document
        day = stored.published.isoformat() if stored.published else UNKNOWN_DATE
        self.documents[day].append({
            "partition": self.partition, "seq": seq, "id": doc.id, "text": doc.text,
            "published": stored.published, "metadata_published": doc.published,
            "url": doc.url, "title": doc.title, "outlet": doc.outlet, "origin": doc.origin,
            "content_hash": stored.content_hash, "signature": stored.signature or None,
            "extractor": stored.extractor, "events": len(stored.events),
        })
        for index, event in enumerate(stored.events):
            self.events[day].append({
                "partition": self.partition, "seq": seq, "index": index,
                "document_id": doc.id, "content_hash": stored.content_hash,
                "published": stored.published, **event_columns(event),
            })

    def fail(self, error: InputError) -> None:
        self.errors.append({"partition": self.partition, "path": error.path,
                            "line": error.line, "problem": error.problem})

    def write(self) -> None:
        name = f"part-{self.partition:06d}.parquet"
        for day, rows in self.documents.items():
            _write(self.out / "documents" / f"{PARTITION_KEY}={day}" / name, rows, DOCUMENT_SCHEMA)
        for day, rows in self.events.items():
            _write(self.out / "events" / f"{PARTITION_KEY}={day}" / name, rows, EVENT_SCHEMA)
        if self.errors:
            _write(self.out / "errors" / name, self.errors, ERROR_SCHEMA)


def _write(path: Path, rows: list[dict[str, Any]], schema: pa.Schema) -> None:
    """Write a Parquet file atomically (a temporary name, then rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), tmp, compression="zstd")
    os.replace(tmp, path)


def is_batch_output(path: str | Path) -> bool:
    """Whether `path` is a folder holding a complete batch output."""
    return (Path(path) / MANIFEST).is_file()


def read_manifest(path: str | Path) -> dict[str, Any]:
    try:
        data = json.loads((Path(path) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(str(Path(path) / MANIFEST), f"not a readable batch manifest ({exc})") from None
    if not isinstance(data, dict) or data.get("format") not in READABLE_FORMATS:
        raise InputError(str(Path(path) / MANIFEST), f"not a {FORMAT} manifest")
    return data


def _part_files(root: Path) -> dict[int, list[Path]]:
    """Files of each partition under `root` (any date folder)."""
    parts: dict[int, list[Path]] = defaultdict(list)
    if root.is_dir():
        for file in sorted(root.glob("*=*/part-*.parquet")):
            match = _PART.search(file.name)
            if match:
                parts[int(match.group(1))].append(file)
    return parts


def _read_rows(files: Sequence[Path]) -> list[dict[str, Any]]:
    rows = [row for file in files for row in pq.read_table(file).to_pylist()]
    return sorted(rows, key=lambda r: (r["seq"], r.get("index", 0)))


def read_batch_output(path: str | Path) -> Iterator[BatchRecord]:
    """Documents and their events, in input order, one partition in memory at a time."""
    read_manifest(path)
    root = Path(path)
    documents, events = _part_files(root / "documents"), _part_files(root / "events")
    for partition in sorted(documents):
        by_seq: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for row in _read_rows(events.get(partition, [])):
            by_seq[row["seq"]].append(json.loads(row["data"]))
        for row in _read_rows(documents[partition]):
            yield _record(row, tuple(by_seq.get(row["seq"], ())))


def _record(row: dict[str, Any], events: tuple[dict[str, Any], ...]) -> BatchRecord:
    document = Document(
        id=row["id"], text=row["text"], published=row["metadata_published"], url=row["url"],
        title=row["title"], outlet=row["outlet"], origin=row["origin"],
    )
    return BatchRecord(document, row["published"], row["content_hash"],
                       row["signature"] or b"", row["extractor"], events)
