"""Batch: the extractor over an archive, on one process or a distributed engine.

Pipeline level (like `trucewatch.pipeline`, which it calls): inputs are cut
into partitions, each partition is read, extracted and written as Parquet by
the worker that runs it, and `trucewatch ingest OUT` stores the result without
re-extracting. Entry points: `run_batch(inputs, out, engine="local"|"dask", ...)
-> BatchReport` and `read_batch_output(out)`; engines register by name
(`register_engine`).
"""

from __future__ import annotations

from trucewatch.batch.engines import (
    DaskEngine,
    Engine,
    LocalEngine,
    engine_names,
    open_engine,
    register_engine,
)
from trucewatch.batch.output import BatchRecord, is_batch_output, read_batch_output, read_manifest
from trucewatch.batch.partitions import DEFAULT_PARTITION_SIZE, Partition, plan_partitions, read_partition
from trucewatch.batch.run import BatchReport, PartitionStats, process_partition, run_batch

__all__ = [
    "DEFAULT_PARTITION_SIZE",
    "BatchRecord",
    "BatchReport",
    "DaskEngine",
    "Engine",
    "LocalEngine",
    "Partition",
    "PartitionStats",
    "engine_names",
    "is_batch_output",
    "open_engine",
    "plan_partitions",
    "process_partition",
    "read_batch_output",
    "read_manifest",
    "read_partition",
    "register_engine",
    "run_batch",
]
