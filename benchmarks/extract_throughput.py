"""Extraction throughput on the RUWA corpus, pinned to one core: in process and end to end.

    .venv/bin/python benchmarks/extract_throughput.py [--corpus PATH] [--repeat N] [--limit N] [--no-cli]

In process: streams the corpus through `trucewatch.ingest.read_documents` and
`trucewatch.pipeline.extract_document`, one document at a time, and prints
documents, sentences, events by kind, seconds, documents/s, sentences/s,
peak RSS and RSS at 25/50/75/100 % of the run (flat memory means streaming
works). Sentences are counted in a separate, untimed pass with
`trucewatch.parse.parse_document`, so the timed loop parses each document
once, inside the extractor, as in production. The timed loop includes
reading and decoding the JSONL.

End to end: runs the real CLI, `trucewatch extract CORPUS > /dev/null`, as a
child process (pinned to the same core) and takes its CPU seconds (user +
system) from `resource.getrusage(RUSAGE_CHILDREN)`: start-up, imports, loading
the vocabularies, extraction and writing JSONL. Its rate is given per CPU
second, which moves less than wall time when other processes share the
machine, in sentences by a plain splitter (`PLAIN_SPLIT`: a break after . ! ?
and whitespace, or a line break; 50,027 on RUWA) so that the figure does not
depend on the parser being measured. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from trucewatch.errors import InputError
from trucewatch.ingest import read_documents
from trucewatch.model import Document
from trucewatch.parse import parse_document
from trucewatch.pipeline import extract_document

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "data" / "ruwa" / "ruwa.jsonl"
CHECKPOINTS = (25, 50, 75, 100)
# The plain splitter of the end-to-end figure: a sentence ends after . ! or ? and
# whitespace, or at a line break; empty pieces do not count.
PLAIN_SPLIT = re.compile(r"(?<=[.!?])\s+|\n+")


@dataclass
class Run:
    """What the timed extraction pass measured."""

    documents: int = 0
    input_errors: int = 0
    events: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    rss_mb: dict[int, float] = field(default_factory=dict)


def pin_to_one_core() -> int:
    """Restrict this process to the first CPU it may run on; return that CPU."""
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return cpu


def documents(path: Path, repeat: int, limit: int | None) -> Iterator[Document | InputError]:
    """The corpus streamed `repeat` times, at most `limit` records per pass."""
    for _ in range(repeat):
        for number, item in enumerate(read_documents([str(path)]), start=1):
            if limit is not None and number > limit:
                break
            yield item


def count_sentences(path: Path, limit: int | None) -> tuple[int, int, int]:
    """Documents, parsed sentences and plain-split sentences in one pass (untimed)."""
    docs = sentences = plain = 0
    for item in documents(path, 1, limit):
        if isinstance(item, Document):
            docs += 1
            sentences += len(parse_document(item).sentences)
            plain += plain_sentences(item.text)
    return docs, sentences, plain


def plain_sentences(text: str) -> int:
    """Sentences of a text by `PLAIN_SPLIT`."""
    return sum(1 for piece in PLAIN_SPLIT.split(text) if piece.strip())


@dataclass
class CliRun:
    """What the end-to-end run of `trucewatch extract` cost its child process."""

    command: list[str]
    returncode: int
    seconds: float
    cpu_seconds: float
    peak_rss_mb: float


def cli_command(corpus: Path) -> list[str]:
    """The installed `trucewatch` script beside this interpreter, else `python -m trucewatch`."""
    script = Path(sys.executable).with_name("trucewatch")
    base = [str(script)] if script.is_file() else [sys.executable, "-m", "trucewatch"]
    return [*base, "extract", str(corpus)]


def run_cli(corpus: Path) -> CliRun:
    """Time `trucewatch extract CORPUS > /dev/null` in a child process (it inherits the core)."""
    command = cli_command(corpus)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    seconds = time.perf_counter() - wall
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode:
        sys.stderr.write(done.stderr.decode("utf-8", "replace")[-2000:])
    return CliRun(command, done.returncode, seconds, cpu, after.ru_maxrss / 1024)


def cli_corpus(path: Path, limit: int | None, folder: Path) -> Path:
    """The corpus itself, or its first `limit` lines in a temporary file."""
    if limit is None:
        return path
    part = folder / path.name
    with open(path, encoding="utf-8") as source, open(part, "w", encoding="utf-8") as out:
        for number, line in enumerate(source, start=1):
            if number > limit:
                break
            out.write(line)
    return part


def _proc_status_mb(key: str) -> float:
    """A memory line of /proc/self/status (VmRSS, VmHWM, ...) in MB."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024
    return float("nan")


def rss_mb() -> float:
    """Current resident set size (VmRSS) in MB."""
    return _proc_status_mb("VmRSS")


def peak_rss_mb() -> float:
    """Peak RSS from getrusage (KiB on Linux) in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def extract_all(path: Path, repeat: int, limit: int | None, expected: int) -> Run:
    """The timed pass: read, parse, extract and resolve every document."""
    run = Run()
    marks = {max(1, expected * pct // 100): pct for pct in CHECKPOINTS}
    wall, cpu = time.perf_counter(), time.process_time()
    for item in documents(path, repeat, limit):
        if isinstance(item, InputError):
            run.input_errors += 1
            continue
        run.events.update(str(event.kind) for event in extract_document(item).events)
        run.documents += 1
        if run.documents in marks:
            run.rss_mb[marks[run.documents]] = rss_mb()
    run.seconds = time.perf_counter() - wall
    run.cpu_seconds = time.process_time() - cpu
    run.rss_mb.setdefault(100, rss_mb())
    return run


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def report(run: Run, sentences: int, plain: int, cpu: int, args: argparse.Namespace, start_rss: float) -> None:
    def rate(count: int) -> float:
        return count / run.seconds if run.seconds else float("nan")

    def per_cpu(count: int) -> float:
        return count / run.cpu_seconds if run.cpu_seconds else float("nan")

    kinds = ", ".join(f"{k} {run.events[k]:,}" for k in ("strike", "interception", "commitment"))
    rss = "  ".join(f"{pct}%: {run.rss_mb[pct]:.1f}" for pct in CHECKPOINTS if pct in run.rss_mb)
    print(f"corpus        {args.corpus}  (repeat {args.repeat}, limit {args.limit})")
    print(f"python        {platform.python_implementation()} {platform.python_version()}")
    print(f"cpu           {cpu_model()}  (pinned to cpu {cpu})")
    print(f"documents     {run.documents:,}  (input errors {run.input_errors})")
    print(f"sentences     {sentences:,} by the parser, {plain:,} by the plain splitter")
    print(f"events        {sum(run.events.values()):,}  ({kinds})")
    print(f"seconds       {run.seconds:.2f} wall, {run.cpu_seconds:.2f} cpu")
    print(f"documents/s   {rate(run.documents):,.0f}")
    print(f"sentences/s   {rate(sentences):,.0f}")
    print(f"per cpu-s     {per_cpu(run.documents):,.0f} documents, {per_cpu(sentences):,.0f} parsed sentences,"
          f" {per_cpu(plain):,.0f} plain sentences")
    print(f"peak RSS      {peak_rss_mb():.1f} MB ru_maxrss, {_proc_status_mb('VmHWM'):.1f} MB VmHWM"
          f"  (RSS before the run {start_rss:.1f} MB)")
    print(f"RSS MB        {rss}")


def report_cli(cli: CliRun, docs: int, plain: int) -> None:
    def per_cpu(count: int) -> float:
        return count / cli.cpu_seconds if cli.cpu_seconds else float("nan")

    print("end to end    " + " ".join(cli.command) + " > /dev/null" + (f"  (exit {cli.returncode})"
                                                                      if cli.returncode else ""))
    print(f"  seconds     {cli.seconds:.2f} wall, {cli.cpu_seconds:.2f} cpu (user + system, RUSAGE_CHILDREN)")
    print(f"  per cpu-s   {per_cpu(plain):,.0f} plain sentences, {per_cpu(docs):,.0f} documents")
    print(f"  per wall-s  {plain / cli.seconds if cli.seconds else float('nan'):,.0f} plain sentences")
    print(f"  peak RSS    {cli.peak_rss_mb:.1f} MB (the largest child's ru_maxrss)")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help="JSONL corpus (default: ../shared/data/ruwa/ruwa.jsonl)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="stream the corpus N times (memory should stay flat)")
    parser.add_argument("--limit", type=int, default=None,
                        help="at most N records per pass")
    parser.add_argument("--count-only", action="store_true",
                        help="only count documents and sentences, no extraction")
    parser.add_argument("--no-cli", action="store_true",
                        help="skip the end-to-end run of `trucewatch extract`")
    args = parser.parse_args(argv)
    if args.repeat < 1 or (args.limit is not None and args.limit < 1):
        parser.error("--repeat and --limit must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not args.corpus.is_file():
        print(f"error: corpus not found: {args.corpus}\n"
              "The RUWA corpus lives in ../shared/data/ruwa/ruwa.jsonl beside the repository;"
              " pass --corpus PATH to use another JSONL file.", file=sys.stderr)
        return 2
    cpu = pin_to_one_core()
    docs, sentences, plain = count_sentences(args.corpus, args.limit)
    if args.count_only:
        print(f"documents {docs:,}  sentences {sentences:,} (parser), {plain:,} (plain splitter)"
              f"  (one pass, {args.corpus})")
        return 0
    start_rss = rss_mb()
    run = extract_all(args.corpus, args.repeat, args.limit, docs * args.repeat)
    report(run, sentences * args.repeat, plain * args.repeat, cpu, args, start_rss)
    if not args.no_cli:
        with tempfile.TemporaryDirectory() as folder:
            cli = run_cli(cli_corpus(args.corpus, args.limit, Path(folder)))
        report_cli(cli, docs, plain)
        return 1 if cli.returncode else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
