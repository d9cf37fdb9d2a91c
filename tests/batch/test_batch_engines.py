"""`trucewatch batch`: the Dask path gives exactly the single-process events; Parquet out and back.

One test starts a real local Dask cluster of two worker processes; the others
use the local engine, which runs the same partition code in this process.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import trucewatch
from trucewatch.batch import (
    engine_names,
    is_batch_output,
    open_engine,
    plan_partitions,
    read_batch_output,
    read_partition,
    run_batch,
)
from trucewatch.errors import ConfigError, InputError
from trucewatch.ingest import read_documents
from trucewatch.model import Document
from trucewatch.pipeline import extract_document
from trucewatch.store import open_store
from trucewatch.store.base import event_from_dict

DEMO = Path(trucewatch.__file__).parent / "demo"
CLI = [sys.executable, "-c", "from trucewatch.serve.cli import main; main()"]


def _reference(paths: list[str]) -> tuple[list[tuple[str | None, list[dict[str, Any]]]], list[str]]:
    """The single-process path: read_documents → extract_document, in order."""
    docs, errors = [], []
    for item in read_documents(paths):
        if isinstance(item, InputError):
            errors.append(str(item))
        else:
            docs.append((item.origin, [e.to_dict() for e in extract_document(item).events]))
    return docs, errors


def _batch(out: Path) -> list[tuple[str | None, list[dict[str, Any]]]]:
    return [(r.document.origin, list(r.events)) for r in read_batch_output(out)]


@pytest.fixture(scope="module")
def corpus(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """1,200 real reports, a bad line and blank lines in JSONL; the demo folder of text files."""
    folder = tmp_path_factory.mktemp("corpus")
    with (shared / "data" / "ruwa" / "ruwa.jsonl").open(encoding="utf-8") as stream:
        lines = [next(stream) for _ in range(1200)]
    lines[500:500] = ["{not json\n", "\n", "\n"]
    (folder / "reports.jsonl").write_text("".join(lines), encoding="utf-8")
    return [str(folder / "reports.jsonl"), str(DEMO / "corpus"), str(DEMO / "corpus.jsonl")]


def test_dask_cluster_gives_exactly_the_single_process_events(corpus: list[str], tmp_path: Path) -> None:
    expected, expected_errors = _reference(corpus)
    report = run_batch(corpus, tmp_path / "out", engine="dask", workers=2, partition_size=97)
    assert report.workers == 2 and report.partitions > 10
    assert len(report.peak_rss) == 2 and os.getpid() not in report.peak_rss  # two real processes
    assert _batch(tmp_path / "out") == expected  # same documents, order, events, every field
    assert [str(e) for e in report.failed] == expected_errors == [
        f"{corpus[0]}:501: invalid JSON: Expecting property name enclosed in double quotes (column 2)"
    ]
    assert report.events == sum(len(events) for _, events in expected) > 100


def test_partitions_read_what_read_documents_reads(corpus: list[str]) -> None:
    parts = list(plan_partitions(corpus, 7))
    assert [p.index for p in parts] == list(range(len(parts)))
    items = [item for p in parts for item in read_partition(p)]
    reference = list(read_documents(corpus))
    assert [str(i) if isinstance(i, InputError) else i for i in items] == [
        str(i) if isinstance(i, InputError) else i for i in reference
    ]


def test_parquet_input_and_output_layout(tmp_path: Path) -> None:
    text = "Russian drones struck a power substation in Sumy region overnight, officials said."
    table = pa.table({
        "id": ["a", "b", "c"],
        "text": [text, "KHERSON - Artillery shelled a school in Kherson, officials said.", "No date here."],
        "published": [dt.date(2025, 3, 25), dt.date(2025, 3, 21), None],
        "url": ["https://example.org/a", None, None],
    })
    pq.write_table(table, tmp_path / "in.parquet", row_group_size=2)
    report = run_batch([tmp_path / "in.parquet"], tmp_path / "out", partition_size=2)
    assert (report.documents, report.partitions, report.failed) == (3, 2, ())
    out = tmp_path / "out"
    assert is_batch_output(out)
    assert sorted(p.name for p in (out / "documents").iterdir()) == [
        "published_date=2025-03-21", "published_date=2025-03-25",
        "published_date=__HIVE_DEFAULT_PARTITION__"]
    events = pq.read_table(out / "events" / "published_date=2025-03-25").to_pylist()
    assert events[0]["kind"] == "strike" and events[0]["targets"] == ["energy"]
    assert events[0]["admin1"] == ["UA-59"] and events[0]["side"] == "RU"
    expected = extract_document(Document("a", text, dt.date(2025, 3, 25), "https://example.org/a"))
    assert event_from_dict(json.loads(events[0]["data"])) == expected.events[0]
    docs = {r.document.id: r for r in read_batch_output(out)}
    assert docs["a"].document.origin == f"{tmp_path / 'in.parquet'}#1"
    assert docs["c"].published is None and docs["a"].signature


def test_ingest_stores_a_batch_output_as_a_direct_ingest_would(corpus: list[str], tmp_path: Path) -> None:
    inputs = corpus[1:]  # the demo corpus: 27 reports with agreements to assess
    run_batch(inputs, tmp_path / "out", partition_size=5)
    stored = subprocess.run([*CLI, "ingest", str(tmp_path / "out"), "--db", str(tmp_path / "b.db")],
                            capture_output=True, text=True, timeout=120)
    assert stored.returncode == 0, stored.stderr
    direct = subprocess.run([*CLI, "ingest", *inputs, "--db", str(tmp_path / "d.db")],
                            capture_output=True, text=True, timeout=120)
    assert stored.stdout == direct.stdout  # same documents and events
    with open_store(tmp_path / "b.db") as b, open_store(tmp_path / "d.db") as d:
        def rows(store: Any) -> list[Any]:
            return [(s.content_hash, s.published, s.events, s.signature, s.extractor)
                    for s in store.documents()]
        assert rows(b) == rows(d)
    again = subprocess.run([*CLI, "ingest", str(tmp_path / "out"), "--db", str(tmp_path / "d.db")],
                           capture_output=True, text=True, timeout=120)
    assert again.stdout.startswith("0 new document(s)") and again.returncode == 0


def test_engines_by_name_and_bad_configuration(tmp_path: Path) -> None:
    assert engine_names() == ["dask", "local"]
    with pytest.raises(ConfigError, match="Scale"):
        open_engine("spark")
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "keep.txt").write_text("mine")
    with pytest.raises(ConfigError, match="not a batch output"):
        run_batch([str(DEMO / "corpus.jsonl")], tmp_path / "full")
    cli = subprocess.run([*CLI, "batch", str(DEMO / "corpus.jsonl"), "--out", str(tmp_path / "o"),
                          "--engine", "spark"], capture_output=True, text=True, timeout=120)
    assert cli.returncode == 1 and cli.stderr.startswith("error: --engine: no engine 'spark'")


def test_the_output_opens_as_one_hive_dataset_in_pyarrow_polars_and_duckdb(tmp_path: Path) -> None:
    """Other tools read the batch output right: partition key apart from the events' own `date`."""
    import duckdb
    import polars as pl
    import pyarrow.dataset as ds

    docs = [{"id": "a", "text": "Russian drones struck a power substation in Sumy region overnight, "
             "officials said.", "published": "2025-03-25"},
            {"id": "b", "text": "Artillery shelled a school in Kherson, officials said."}]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(json.dumps(d) for d in docs) + "\n", encoding="utf-8")
    run_batch([source], tmp_path / "out", partition_size=1)
    for name, rows in (("documents", 2), ("events", None)):
        root = tmp_path / "out" / name
        table = ds.dataset(root, format="parquet", partitioning="hive").to_table()
        assert pq.read_table(root).num_rows == table.num_rows
        assert sorted(map(str, table.column("published_date").to_pylist())) == sorted(
            map(str, pq.read_table(root).column("published_date").to_pylist()))
        frame = pl.read_parquet(str(root / "**" / "*.parquet"), hive_partitioning=True)
        [(count,)] = duckdb.sql(f"select count(*) from read_parquet('{root}/*/*.parquet', "
                                "hive_partitioning = true)").fetchall()
        assert frame.height == count == table.num_rows and table.num_rows >= (rows or 1)
        assert None in table.column("published_date").to_pylist() or name == "events"
    events = pq.read_table(tmp_path / "out" / "events")
    assert "date" in events.schema.names and "published_date" in events.schema.names
