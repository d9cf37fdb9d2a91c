"""CLI commands of the extractor: `extract`, `eval` (and the demo table helpers).

Each command is a few lines around one library call; what is printed is the
library's result, formatted. Bad input files are reported one line each on
stderr, naming the file (and line) and the problem; the exit code is 1 when
anything was skipped, and `--strict` stops at the first.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO, TypeVar

import typer

from trucewatch.errors import InputError, TrucewatchError
from trucewatch.serve.cli_progress import language_warning, track

if TYPE_CHECKING:
    from rich.console import Console

    from trucewatch.evaluate import EvalReport
    from trucewatch.model import Document, ExtractionResult

__all__ = ["register"]

_CSV_FIELDS = ["id", "published", "kind", "quote", "span_start", "span_end", "claimant", "source",
               "modality", "date", "date_precision", "attacker", "weapon", "country", "admin1", "place",
               "targets", "killed", "injured", "launched", "intercepted", "water", "party", "stance",
               "scope", "lat", "lon", "rules", "rule"]


T = TypeVar("T")


class Skipped:
    """Counts input errors while streaming, and prints each as one line."""

    def __init__(self, strict: bool) -> None:
        self.strict = strict
        self.count = 0

    def filter(self, items: Iterable[T | InputError]) -> Iterator[T]:
        for item in items:
            if isinstance(item, InputError):
                self.count += 1
                typer.echo(f"error: {item}", err=True)
                if self.strict:
                    raise typer.Exit(2)
                continue
            yield item


def _csv_rows(result: ExtractionResult) -> Iterator[dict[str, Any]]:
    for event in result.to_dict()["events"]:
        row = {"id": result.id, "published": result.published.isoformat() if result.published else None}
        for key, value in event.items():
            if key == "span":
                row["span_start"], row["span_end"] = value
            elif isinstance(value, list):
                row[key] = ";".join(str(v) for v in value)
            else:
                row[key] = value
        yield row


def write_results(results: Iterable[ExtractionResult], fmt: str, out: TextIO) -> int:
    """Write results as jsonl, json or csv; return the number of documents."""
    n = 0
    if fmt == "jsonl":
        for n, result in enumerate(results, 1):
            out.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
    elif fmt == "json":
        docs = [r.to_dict() for r in results]
        json.dump(docs, out, ensure_ascii=False, indent=2)
        out.write("\n")
        n = len(docs)
    else:
        from trucewatch.serve.exports import csv_cell

        writer = csv.DictWriter(out, fieldnames=_CSV_FIELDS, extrasaction="ignore")
        writer.writeheader()
        for n, result in enumerate(results, 1):
            writer.writerows({k: csv_cell(v) for k, v in row.items()} for row in _csv_rows(result))
    return n


def extract_command(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, or - for stdin.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="jsonl, json or csv.")] = "jsonl",
    strict: Annotated[bool, typer.Option(help="Stop at the first bad input.")] = False,
    max_bytes: Annotated[int, typer.Option(help="Largest report accepted, in bytes.")] = 10_000_000,
    encoding: Annotated[str | None, typer.Option(help="Force a text encoding, e.g. cp1251.")] = None,
) -> None:
    """Extract strike, interception and commitment events from reports."""
    if fmt not in ("jsonl", "json", "csv"):
        raise typer.BadParameter("choose jsonl, json or csv", param_hint="--format")
    from trucewatch.ingest import read_documents

    skipped = Skipped(strict)
    languages = Languages()
    documents = skipped.filter(read_documents(paths, strict=False, max_bytes=max_bytes, encoding=encoding))
    results = skipped.filter(languages.extract(track(documents, "extracting")))
    write_results(results, fmt, sys.stdout)
    if languages.count:
        typer.echo(f"{languages.count} document(s) not in English", err=True)
    if skipped.count:
        typer.echo(f"{skipped.count} input(s) skipped", err=True)
        raise typer.Exit(1)


class Languages:
    """Extracts documents, warning (one line each) about those not in English, and counts them."""

    def __init__(self) -> None:
        self.count = 0

    def extract(self, documents: Iterable[Document]) -> Iterator[ExtractionResult | InputError]:
        """Each document's result, or an InputError when it overran the extraction budget."""
        from trucewatch.pipeline import document_language, extract_document, within_budget

        for document in documents:
            for name, code in document_language(document):
                self.count += 1
                typer.echo(language_warning(name, code), err=True)
            yield within_budget(extract_document, document)


def print_report(report: EvalReport, console: Console) -> None:
    from rich.table import Table

    table = Table(title=f"trucewatch eval: {report.documents} documents")
    for column in ("key", "precision", "recall", "F1", "tp", "predicted", "gold"):
        table.add_column(column, justify="right" if column != "key" else "left")
    rows = report.to_dict()
    for name, row in [*rows["kinds"].items(), ("overall", rows["overall"])]:
        table.add_row(name, f"{row['precision']:.3f}", f"{row['recall']:.3f}", f"{row['f1']:.3f}",
                      str(row["tp"]), str(row["predicted"]), str(row["gold"]))
    console.print(table)
    secondary = Table(title="matched pairs")
    secondary.add_column("metric")
    secondary.add_column("value", justify="right")
    secondary.add_column("n", justify="right")
    for name, row in rows["secondary"].items():
        value = "-" if row["value"] is None else f"{row['value']:.3f}"
        secondary.add_row(name, value, str(row["n"]))
    console.print(secondary)


def score_gold(score: Callable[[Path, str], T], gold: Path, part: str) -> T:
    """`score(gold, part)` for `eval` and `rules report`: a bad --part is a usage error, a bad
    gold file one line naming it (exit 2), never a traceback."""
    from trucewatch.evaluate import PARTS

    if part not in PARTS:
        raise typer.BadParameter(f"choose one of {', '.join(PARTS)}", param_hint="--part")
    try:
        return score(gold, part)
    except (TrucewatchError, OSError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None


def eval_command(
    gold: Annotated[Path | None, typer.Argument(help="Gold JSONL (annotation-guide format).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    errors: Annotated[bool, typer.Option(help="List each document's missed and spurious keys.")] = False,
    part: Annotated[str, typer.Option(help="all, or one part of the fixed id-hash split: tune or heldout.")] = "all",
    findings: Annotated[str | None, typer.Option(help="Score assess against a findings gold instead.")] = None,
) -> None:
    """Score the extractor against gold labels (the guide's Scoring section)."""
    if findings is not None or gold is None:  # the ledger's findings gold: serve/cli_ledger.py
        from trucewatch.serve.cli_ledger import findings_eval
        raise typer.Exit(findings_eval(findings, as_json) if findings else _no_gold())
    from rich.console import Console

    from trucewatch.evaluate import evaluate

    report = score_gold(evaluate, gold, part)
    if as_json:
        typer.echo(json.dumps(report.to_dict(), indent=2))
        return
    console = Console(width=100)
    if errors:
        for row in report.errors:
            console.print(f"{row['id']}: missed {row['missed']} spurious {row['spurious']}")
    print_report(report, console)


def _no_gold() -> int:
    typer.echo("error: give a gold JSONL, or --findings GOLD", err=True)
    return 2


def demo_corpus() -> Path:
    """The bundled demo corpus: reports we wrote ourselves (see demo/README.md)."""
    return Path(str(resources.files("trucewatch").joinpath("demo/corpus.jsonl")))


def demo_command() -> None:
    """Extract the bundled demo corpus and print its events as a table."""
    from rich.console import Console
    from rich.table import Table

    from trucewatch.ingest import read_documents
    from trucewatch.pipeline import extract_document

    console = Console(width=160)
    table = Table(title="trucewatch demo: events extracted from the bundled corpus")
    for column in ("doc", "date", "kind", "who", "what", "where", "counts", "claimant", "modality"):
        table.add_column(column, overflow="fold")
    skipped = Skipped(strict=False)
    for document in skipped.filter(read_documents([str(demo_corpus())])):
        for event in extract_document(document).to_dict()["events"]:
            table.add_row(document.id, event.get("date") or "", *_demo_cells(event))
    console.print(table)


def _demo_cells(e: dict[str, Any]) -> tuple[str, ...]:
    kind = e["kind"]
    if kind == "strike":
        where = " ".join(str(x) for x in (e["place"], e["admin1"] or e["country"]) if x)
        counts = f"killed {e['killed']} injured {e['injured']}"
        return kind, e["attacker"], f"{e['weapon']} → {','.join(e['targets']) or '-'}", where, counts, e["claimant"], e["modality"]
    if kind == "interception":
        where = ",".join(e["admin1"]) + (f" {e['water']}" if e["water"] else "")
        counts = f"launched {e['launched']} intercepted {e['intercepted']}"
        return kind, f"{e['claimant']} vs {e['attacker']}", e["weapon"], where, counts, e["claimant"], e["modality"]
    return kind, e["party"], f"{e['stance']} {e['scope']}", "", "", e["claimant"], e["modality"]


def register(app: typer.Typer) -> None:
    """Add the extractor's commands to `app`."""
    app.command("extract")(extract_command)
    app.command("eval")(eval_command)
