"""Inputs cut into partitions that a worker can read on its own.

A partition is a small, picklable description of where its documents are, not
the documents themselves: the client plans, each worker reads. JSONL files are
cut into byte ranges at line starts (the first line number is kept, so errors
and `origin` name the same line as `trucewatch.ingest.read_documents`),
Parquet files into row ranges, other files of a directory into lists of paths.
Reading a partition yields what the single-process reader yields for the same
records: a Document or an InputError each.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from trucewatch.errors import InputError
from trucewatch.ingest.files import walk_files
from trucewatch.ingest import DEFAULT_MAX_BYTES, read_documents
from trucewatch.ingest.jsonl import jsonl_documents, record_document
from trucewatch.model import Document

__all__ = ["DEFAULT_PARTITION_SIZE", "Partition", "plan_partitions", "read_partition"]

DEFAULT_PARTITION_SIZE = 10_000
_JSONL = frozenset({".jsonl", ".ndjson"})
_PARQUET = frozenset({".parquet", ".pq"})
_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class Partition:
    """Where one partition's documents are.

    kind "jsonl": bytes [offset, offset + length) of `paths[0]`, first line `first`;
    kind "parquet": rows [offset, offset + length) of `paths[0]`;
    kind "files": the files `paths`, each read as `read_documents` reads it.
    """

    index: int
    kind: str
    paths: tuple[str, ...]
    offset: int = 0
    length: int = 0
    first: int = 1


def plan_partitions(inputs: Sequence[str | Path], size: int = DEFAULT_PARTITION_SIZE) -> Iterator[Partition]:
    """Partitions of about `size` documents each, in input order, numbered from 0."""
    if size < 1:
        raise ValueError("partition size must be at least 1")
    index = 0
    loose: list[str] = []
    for path in _input_files(inputs):
        suffix = Path(path).suffix.lower()
        if suffix not in _JSONL and suffix not in _PARQUET:
            loose.append(path)
            if len(loose) < size:
                continue
            parts: Iterator[Partition] = iter([Partition(0, "files", tuple(loose))])
            loose = []
        else:
            parts = _file_partitions(path, size, loose)
            loose = []
        for part in parts:
            yield dataclasses.replace(part, index=index)
            index += 1
    if loose:
        yield Partition(index, "files", tuple(loose))


def _file_partitions(path: str, size: int, pending: list[str]) -> Iterator[Partition]:
    if pending:  # files met before this one keep their place in the order
        yield Partition(0, "files", tuple(pending))
    if Path(path).suffix.lower() in _JSONL:
        yield from _jsonl_partitions(path, size)
    else:
        yield from _parquet_partitions(path, size)


def _input_files(inputs: Sequence[str | Path]) -> Iterator[str]:
    """Files named, and files under folders (sorted, hidden ones skipped), in order."""
    for item in inputs:
        path = os.fspath(item)
        if os.path.isdir(path):
            yield from _walk(path)
        else:
            yield path


def _walk(top: str) -> Iterator[str]:
    """The files `read_documents` would walk; an unreadable folder is passed on as it is, so
    that reading it reports the error."""
    for item in walk_files(top):
        yield item.path if isinstance(item, InputError) else item


def _jsonl_partitions(path: str, size: int) -> Iterator[Partition]:
    """Byte ranges of `size` lines each, cut at line starts."""
    try:
        stream = open(path, "rb")
    except OSError:
        yield Partition(0, "files", (path,))  # the reader reports why
        return
    with stream:
        start, first, lines, offset = 0, 1, 0, 0
        while chunk := stream.readline(_CHUNK):
            offset += len(chunk)
            if not chunk.endswith(b"\n"):
                continue
            lines += 1
            if lines == size:
                yield Partition(0, "jsonl", (path,), start, offset - start, first)
                start, first, lines = offset, first + size, 0
        if offset > start or first == 1:
            yield Partition(0, "jsonl", (path,), start, offset - start, first)


def _parquet_partitions(path: str, size: int) -> Iterator[Partition]:
    import pyarrow.parquet as pq

    try:
        rows = pq.ParquetFile(path).metadata.num_rows
    except (OSError, ValueError):
        yield Partition(0, "parquet", (path,), 0, -1)  # reading reports the error
        return
    for start in range(0, max(rows, 1), size):
        yield Partition(0, "parquet", (path,), start, min(size, rows - start))


def read_partition(
    partition: Partition, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Document | InputError]:
    """The partition's documents, or an InputError per bad record or file."""
    if partition.kind == "files":
        yield from read_documents(list(partition.paths), max_bytes=max_bytes)
    elif partition.kind == "jsonl":
        yield from _read_jsonl_range(partition, max_bytes)
    elif partition.kind == "parquet":
        yield from _read_parquet_rows(partition)
    else:
        raise ValueError(f"unknown partition kind {partition.kind!r}")


def _read_jsonl_range(part: Partition, max_bytes: int) -> Iterator[Document | InputError]:
    path = part.paths[0]
    try:
        with open(path, "rb") as stream:
            stream.seek(part.offset)
            data = stream.read(part.length)
    except OSError as exc:
        yield InputError(path, f"cannot read: {(exc.strerror or str(exc)).lower()}")
        return
    if part.first == 1 and not data.strip() and part.length >= os.path.getsize(path):
        yield InputError(path, "empty file")
        return
    body = data.lstrip(b" \t\r\n")
    shift = part.first - 1 + data[: len(data) - len(body)].count(b"\n")
    if not body:
        return
    for item in jsonl_documents(io.BytesIO(body), path, max_bytes=max_bytes):
        yield _shifted(item, path, shift)


def _shifted(item: Document | InputError, path: str, shift: int) -> Document | InputError:
    """Line numbers of a range made line numbers of the file."""
    if isinstance(item, InputError):
        line = item.line + shift if item.line is not None else None
        return InputError(item.path, item.problem, line)
    line = int((item.origin or "").rsplit(":", 1)[-1]) + shift
    return dataclasses.replace(item, origin=f"{path}:{line}")


_PARQUET_COLUMNS = ("id", "text", "published", "url", "title", "outlet")


def _read_parquet_rows(part: Partition) -> Iterator[Document | InputError]:
    path = part.paths[0]
    try:
        table = _parquet_slice(path, part.offset, part.length)
    except (OSError, ValueError) as exc:
        yield InputError(path, f"cannot read as Parquet ({exc})")
        return
    missing = [c for c in ("id", "text") if c not in table.column_names]
    if missing:
        yield InputError(path, f"missing required column(s) {', '.join(missing)}")
        return
    columns = [c for c in _PARQUET_COLUMNS if c in table.column_names]
    for row, record in enumerate(table.select(columns).to_pylist(), part.offset + 1):
        yield _parquet_document(record, path, row)


def _parquet_slice(path: str, offset: int, length: int) -> Any:
    import pyarrow.parquet as pq

    if length < 0:
        pq.ParquetFile(path)  # raises the reason it cannot be read
    file = pq.ParquetFile(path)
    groups, first, seen = [], None, 0
    for g in range(file.metadata.num_row_groups):
        n = file.metadata.row_group(g).num_rows
        if seen + n > offset and seen < offset + length:
            groups.append(g)
            first = seen if first is None else first
        seen += n
    table = file.read_row_groups(groups) if groups else file.schema_arrow.empty_table()
    return table.slice(offset - (first or 0), length)


def _parquet_document(record: dict[str, Any], path: str, row: int) -> Document | InputError:
    published = record.get("published")
    if isinstance(published, (dt.date, dt.datetime)):
        record["published"] = published.isoformat()
    try:
        return record_document(record, f"{path}#{row}")
    except ValueError as exc:
        return InputError(path, f"row {row}: {exc}")
