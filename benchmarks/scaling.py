"""Scaling: `trucewatch batch` on Dask with 1 and 2 workers over >= 1 GB of real text.

The RUWA corpus (../shared/data/ruwa/ruwa.jsonl) is replicated, streamed to a
JSONL file in a temporary folder until its `text` fields hold at least
--target-bytes (1 GB by default). Copies are written date by date (all copies
of one day's reports, then the next day), as an archive is laid out, and each
copy gets its own id. Then, for each worker count, `run_batch` runs on a local
Dask cluster of that many worker processes (one thread each) and writes
Parquet into the temporary folder. Printed per run: documents, sentences,
events, seconds, documents/s, sentences/s, text MB/s, peak RSS of each worker.
Sentences are counted once on the original corpus (untimed) and multiplied by
the number of copies: the copies are the same text.

    .venv/bin/python benchmarks/scaling.py                      # 1 GB, 1 and 2 workers
    .venv/bin/python benchmarks/scaling.py --target-bytes 50e6  # a quick look
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from trucewatch.batch import run_batch
from trucewatch.ingest import read_documents
from trucewatch.model import Document
from trucewatch.parse import parse_document

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "data" / "ruwa" / "ruwa.jsonl"
DAY_OF_NEWS = 730_000  # articles a day, worldwide (the figure)
ARTICLE_CHARS = 4_000  # a typical full news article's main text, for the extrapolation


def _load(corpus: Path) -> list[dict[str, object]]:
    records = []
    with corpus.open(encoding="utf-8") as stream:
        for line in stream:
            if line.strip():
                records.append(json.loads(line))
    return records


def replicate(records: list[dict[str, object]], target: float, path: Path) -> tuple[int, int, int]:
    """Write copies until the text reaches `target` bytes; return (copies, documents, text bytes)."""
    base = sum(len(str(r["text"]).encode("utf-8")) for r in records)
    copies = math.ceil(target / base)
    by_day: dict[str, list[dict[str, object]]] = defaultdict(list)
    for r in records:
        by_day[str(r.get("published") or "")].append(r)
    documents = 0
    with path.open("w", encoding="utf-8") as out:
        for day in sorted(by_day):
            for copy in range(copies):
                lines = [json.dumps({**r, "id": f"{r['id']}~{copy}"}, ensure_ascii=False)
                         for r in by_day[day]]
                out.write("\n".join(lines) + "\n")
                documents += len(lines)
    return copies, documents, copies * base


def count_sentences(corpus: Path) -> int:
    return sum(len(parse_document(d).sentences) for d in read_documents([str(corpus)])
               if isinstance(d, Document))


def run(path: Path, out: Path, workers: int, partition_size: int, signatures: bool) -> dict[str, object]:
    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    report = run_batch([path], out, "dask", workers=workers, partition_size=partition_size,
                       signatures=signatures)
    wall = time.perf_counter() - start
    return {"workers": workers, "documents": report.documents, "events": report.events,
            "failed": len(report.failed), "seconds": wall,
            "peak_rss_mb": [round(v / 1e6, 1) for v in sorted(report.peak_rss.values())]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--target-bytes", type=float, default=1e9)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--partition-size", type=int, default=20_000)
    parser.add_argument("--signatures", action="store_true",
                        help="also compute near-duplicate signatures on the workers")
    parser.add_argument("--tmp", type=Path, default=None, help="folder for the copies (default: a temp dir)")
    args = parser.parse_args()
    if not args.corpus.is_file():
        print(f"error: {args.corpus}: no such corpus file", file=sys.stderr)
        return 1
    records = _load(args.corpus)
    sentences = count_sentences(args.corpus)
    work = Path(tempfile.mkdtemp(prefix="trucewatch-scaling-", dir=args.tmp))
    try:
        t = time.perf_counter()
        copies, documents, text_bytes = replicate(records, args.target_bytes, work / "corpus.jsonl")
        print(f"corpus        {args.corpus} × {copies} = {documents:,} documents, "
              f"{text_bytes / 1e9:.2f} GB of text, {sentences * copies:,} sentences "
              f"(written in {time.perf_counter() - t:.0f} s, "
              f"file {os.path.getsize(work / 'corpus.jsonl') / 1e9:.2f} GB)")
        print(f"machine       {os.cpu_count()} CPUs; Dask LocalCluster, 1 thread per worker; "
              f"partitions of {args.partition_size:,}; signatures {'on' if args.signatures else 'off'}")
        results = []
        for n in args.workers:
            r = run(work / "corpus.jsonl", work / "out", n, args.partition_size, args.signatures)
            seconds = float(r["seconds"])  # type: ignore[arg-type]
            r |= {"docs_per_s": documents / seconds, "sentences_per_s": sentences * copies / seconds,
                  "text_mb_per_s": text_bytes / seconds / 1e6}
            results.append(r)
            print(f"workers {n}     {r['documents']:,} docs, {r['events']:,} events, {seconds:,.0f} s, "
                  f"{r['docs_per_s']:,.0f} docs/s, {r['sentences_per_s']:,.0f} sentences/s, "
                  f"{r['text_mb_per_s']:.2f} MB/s of text, peak RSS per worker {r['peak_rss_mb']} MB")
        _extrapolate(results)
        print(json.dumps(results))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def _extrapolate(results: list[dict[str, object]]) -> None:
    """A day of global news, from the measured text rate per worker."""
    best = max(results, key=lambda r: int(r["workers"]))  # type: ignore[call-overload]
    per_worker = float(best["text_mb_per_s"]) * 1e6 / int(best["workers"])  # type: ignore[call-overload, arg-type]
    day_bytes = DAY_OF_NEWS * ARTICLE_CHARS
    print(f"per worker    {per_worker / 1e6:.2f} MB/s of text at {best['workers']} worker(s)")
    for label, cores in (("16 cores", 16), ("4 × 16 cores", 64)):
        hours = day_bytes / (per_worker * cores) / 3600
        print(f"day of news   {DAY_OF_NEWS:,} articles × {ARTICLE_CHARS:,} chars on {label}: "
              f"{hours * 60:,.1f} min (ideal scaling)")


if __name__ == "__main__":
    sys.exit(main())
