"""`run_batch`: plan partitions, run them on an engine, write the manifest.

Each partition is read, extracted with `trucewatch.pipeline` (the same
`extract_document` as the single-process path) and written by the worker that
ran it; the client only plans partitions and sums what comes back. A failing
document never stops the batch: it is recorded under `errors/`.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import resource
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from trucewatch.batch.engines import open_engine
from trucewatch.batch.output import FORMAT, MANIFEST, PartitionWriter, is_batch_output
from trucewatch.batch.partitions import DEFAULT_PARTITION_SIZE, Partition, plan_partitions, read_partition
from trucewatch.errors import ConfigError, InputError
from trucewatch.ingest import DEFAULT_MAX_BYTES
from trucewatch.model import Document
from trucewatch.pipeline import prepare_document, prepare_unsigned, within_budget

if TYPE_CHECKING:
    from trucewatch.store import StoredDocument

__all__ = ["BatchReport", "PartitionStats", "process_partition", "run_batch"]

Failure = tuple[str, str, int | None]  # path, problem, line: InputError's parts (they pickle)


@dataclass(frozen=True, slots=True)
class PartitionStats:
    """What one partition did, and the worker process that ran it."""

    index: int
    documents: int
    events: int
    failures: tuple[Failure, ...]
    pid: int
    peak_rss: int  # bytes, the worker process's peak so far
    seconds: float
    extractors: tuple[str, ...] = ()  # rule sets that produced the events


@dataclass(frozen=True, slots=True)
class BatchReport:
    out: str
    engine: str
    workers: int
    partitions: int
    documents: int
    events: int
    seconds: float
    failed: tuple[InputError, ...] = ()
    peak_rss: dict[int, int] = field(default_factory=dict)  # worker pid -> bytes
    extractors: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {
            "format": FORMAT, "engine": self.engine, "workers": self.workers,
            "partitions": self.partitions, "documents": self.documents, "events": self.events,
            "failed": len(self.failed), "seconds": round(self.seconds, 3),
            "peak_rss_per_worker": sorted(self.peak_rss.values()),
            "extractors": list(self.extractors),
        }


def _peak_rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux: KiB


def _prepare(document: Document, signatures: bool) -> StoredDocument | InputError:
    """One document extracted within the pipeline's per-document budget, or its error."""
    return within_budget(prepare_document if signatures else prepare_unsigned, document)


def process_partition(
    partition: Partition, out: str, signatures: bool = True, max_bytes: int = DEFAULT_MAX_BYTES
) -> PartitionStats:
    """Read, extract and write one partition (runs on a worker)."""
    start = time.perf_counter()
    writer = PartitionWriter(out, partition.index)
    documents = events = 0
    extractors: set[str] = set()
    for seq, item in enumerate(read_partition(partition, max_bytes)):
        stored = item if isinstance(item, InputError) else _prepare(item, signatures)
        if isinstance(stored, InputError):
            writer.fail(stored)
            continue
        writer.add(seq, stored)
        extractors.add(stored.extractor)
        documents, events = documents + 1, events + len(stored.events)
    writer.write()
    failures = tuple((e["path"], e["problem"], e["line"]) for e in writer.errors)
    return PartitionStats(partition.index, documents, events, failures, os.getpid(),
                          _peak_rss(), time.perf_counter() - start, tuple(sorted(extractors)))


def _prepare_out(out: Path) -> None:
    """An empty folder, or a previous batch output whose files are replaced."""
    if out.exists() and not out.is_dir():
        raise ConfigError(str(out), "--out must be a folder")
    if out.is_dir() and any(out.iterdir()):
        if not is_batch_output(out):
            raise ConfigError(str(out), "--out is not empty and not a batch output; pick another folder")
        (out / MANIFEST).unlink()
        for name in ("documents", "events", "errors"):
            shutil.rmtree(out / name, ignore_errors=True)
    out.mkdir(parents=True, exist_ok=True)


def run_batch(
    inputs: Sequence[str | Path],
    out: str | Path,
    engine: str = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    partition_size: int = DEFAULT_PARTITION_SIZE,
    signatures: bool = True,
    on_partition: Callable[[PartitionStats], None] | None = None,
) -> BatchReport:
    """Extract every input document on `engine`; write Parquet under `out`.

    `on_partition` is called as each partition finishes (the CLI's progress bar).
    """
    if partition_size < 1:
        raise ConfigError("--partition-size", "must be at least 1")
    target = Path(out).resolve()
    _prepare_out(target)
    start = time.perf_counter()
    task = functools.partial(process_partition, out=str(target), signatures=signatures)
    parts = plan_partitions([os.path.abspath(os.fspath(p)) for p in inputs], partition_size)
    stats: list[PartitionStats] = []
    runner = open_engine(engine, workers, scheduler)
    try:
        for done in runner.map_unordered(task, parts):
            stats.append(done)
            if on_partition is not None:
                on_partition(done)
        used = runner.workers
    finally:
        runner.close()
    report = _report(str(target), engine, used, stats, time.perf_counter() - start)
    _write_manifest(target, report, inputs)
    return report


def _report(out: str, engine: str, workers: int, stats: list[PartitionStats], seconds: float) -> BatchReport:
    stats.sort(key=lambda s: s.index)
    peaks: dict[int, int] = {}
    for s in stats:
        peaks[s.pid] = max(peaks.get(s.pid, 0), s.peak_rss)
    failed = tuple(InputError(path, problem, line) for s in stats for path, problem, line in s.failures)
    extractors = tuple(sorted({x for s in stats for x in s.extractors}))
    return BatchReport(out, engine, workers, len(stats), sum(s.documents for s in stats),
                       sum(s.events for s in stats), seconds, failed, peaks, extractors)


def _write_manifest(out: Path, report: BatchReport, inputs: Sequence[str | Path]) -> None:
    data = report.to_dict() | {
        "inputs": [os.fspath(p) for p in inputs],
        "created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
    }
    tmp = out / f".{MANIFEST}.tmp"
    tmp.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, out / MANIFEST)
