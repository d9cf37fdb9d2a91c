"""CLI commands of the store and ledger: `ingest`, `incidents`, `assess`.

Each wraps one pipeline call. `--db` takes a SQLite path or a
`postgresql://…` URL (default: the user's data directory). Bad input or
configuration is one line on stderr naming the file and the problem, with a
non-zero exit and nothing half-written.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from trucewatch.errors import TrucewatchError
from trucewatch.serve.cli_progress import ProgressStore, progress, warn_languages

if TYPE_CHECKING:
    from rich.table import Table

    from trucewatch.assess import AgreementAssessment

    from trucewatch.link import Incident
    from trucewatch.store import Store

__all__ = ["findings_eval", "register"]

T = TypeVar("T")

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="SQLite file or postgresql:// URL (default: user data dir)."),
]


@contextmanager
def _errors_as_lines() -> Iterator[None]:
    """Turn the project's typed errors into one line and exit status 1."""
    try:
        yield
    except TrucewatchError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    except OSError as exc:
        typer.echo(f"error: {exc.filename or ''}: {exc.strerror or exc}", err=True)
        raise typer.Exit(1) from None


def _with_store(db: str | None, create: bool, work: Callable[[Store], T]) -> T:
    from trucewatch.store import open_store

    store = open_store(db, create=create)
    try:
        return work(store)
    finally:
        store.close()


def _date(value: str | None, name: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"expected YYYY-MM-DD, got {value!r}", param_hint=name) from None


def ingest_command(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, - for stdin, or batch outputs.")],
    db: DbOption = None,
    strict: Annotated[
        bool, typer.Option(help="Store nothing unless every input reads and extracts.")
    ] = False,
) -> None:
    """Extract reports and store documents, events and evidence."""
    from trucewatch.pipeline import ingest_sources

    with _errors_as_lines(), progress("ingesting") as advance:
        report = _with_store(db, True, lambda s: ingest_sources(paths, ProgressStore(s, advance), strict=strict))
    for problem in report.failed:
        typer.echo(f"error: {problem}", err=True)
    warn_languages(report.not_english)
    foreign = f"; {len(report.not_english)} not in English" if report.not_english else ""
    typer.echo(f"{report.added} new document(s) with {report.events} event(s); "
               f"{report.unchanged} already stored; {len(report.failed)} skipped{foreign}")
    if report.failed:
        raise typer.Exit(1)


def _incident_table(incidents: Sequence[Incident]) -> Table:
    """Ids and dates are never cut (they are what one copies); other cells wrap."""
    from rich import box
    from rich.table import Table

    table = Table(box=box.MINIMAL_HEAVY_HEAD, padding=0, collapse_padding=True, pad_edge=False)
    table.add_column("id", no_wrap=True, min_width=max((len(i.id) for i in incidents), default=2))
    for column in ("dates", "kind", "by"):
        table.add_column(column, no_wrap=True)
    for column in ("where", "targets"):
        table.add_column(column, overflow="fold", ratio=1)
    for column in ("src", "sides", "disp"):
        table.add_column(column, no_wrap=True)
    for i in incidents:
        dates = f"{i.date_from}\n{i.date_to}" if i.date_from != i.date_to else str(i.date_from)
        where = ", ".join(x for x in (i.place, *i.admin1) if x) or (i.country or "?")
        table.add_row(i.id, dates, str(i.kind), i.attacker, where,
                      ", ".join(str(t) for t in i.targets), str(i.sources),
                      ", ".join(i.source_sides), str(len(i.disputes)))
    return table


def _region_and_kind(region: str | None, kind: str | None) -> tuple[str | None, str | None]:
    """Names become codes; an unknown region or kind is a usage error, not an empty list."""
    from trucewatch.serve.regions import check_kind, region_code

    try:
        return (region_code(region) if region else None), (check_kind(kind) if kind else None)
    except ValueError as exc:
        hint = "--region" if "region" in str(exc).split(":")[0] else "--kind"
        raise typer.BadParameter(str(exc), param_hint=hint) from None


def incidents_command(
    since: Annotated[str | None, typer.Option(help="From this day (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="To this day (YYYY-MM-DD).")] = None,
    region: Annotated[str | None, typer.Option(
        help="ISO 3166-2 code (UA-63), country (UA) or region name (Kharkiv).")] = None,
    kind: Annotated[str | None, typer.Option(help="strike or interception.")] = None,
    party: Annotated[str | None, typer.Option(help="Attacking side, e.g. RU or UA.")] = None,
    db: DbOption = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
) -> None:
    """List incidents: linked reports, independent sources, sides, disputes."""
    from rich.console import Console

    from trucewatch.pipeline import find_incidents

    start, end = _date(since, "--since"), _date(until, "--until")
    region, kind = _region_and_kind(region, kind)
    with _errors_as_lines():
        found = _with_store(db, False, lambda s: find_incidents(s, start, end, region, kind, party))
    if fmt == "json":
        typer.echo(json.dumps([i.to_dict() for i in found], indent=2, ensure_ascii=False))
    elif fmt == "table":
        Console().print(_incident_table(found))
        typer.echo(f"{len(found)} incident(s)")
    else:
        raise typer.BadParameter("expected table or json", param_hint="--format")


_SHORT = {"corroborated_both_sides": "both sides", "corroborated_one_side": "one side",
          "single_claim": "single", "disputed": "disputed", "accusation_only": "accusation",
          "uncertain_timing": "timing?"}


def _verdict_table(ledger: Sequence[AgreementAssessment]) -> Table:
    """Per agreement and party: findings by grade and in total (the verdict at a glance)."""
    from rich import box
    from rich.table import Table

    from trucewatch.assess import BREACH_GRADES, verdict

    table = Table(box=box.MINIMAL_HEAVY_HEAD, padding=0, collapse_padding=True)
    table.add_column("agreement", no_wrap=True)
    for name in ("party", *[_SHORT[str(g)] for g in BREACH_GRADES], "total"):
        table.add_column(name, overflow="fold")
    for item in ledger:
        if not item.agreement.in_force:
            table.add_row(item.agreement.id, "-", *["-"] * len(BREACH_GRADES), "not in force")
            continue
        for p in verdict(item).parties:
            table.add_row(item.agreement.id, p.party, *[str(n) for n in p.by_grade().values()],
                          str(len(p.findings)))
    return table


def _print_verdict(ledger: Sequence[AgreementAssessment], fmt: str) -> None:
    from rich.console import Console

    from trucewatch.assess import verdict, verdicts_csv

    if fmt == "json":
        typer.echo(json.dumps([verdict(a).to_dict() for a in ledger], indent=2, ensure_ascii=False))
    elif fmt == "csv":
        typer.echo(verdicts_csv([verdict(a) for a in ledger]), nl=False)
    else:
        Console().print(_verdict_table(ledger))


def _print_findings(ledger: Sequence[AgreementAssessment], fmt: str) -> None:
    from rich.console import Console
    from rich.table import Table

    from trucewatch.assess import ledger_json, ledger_markdown, ledger_rows
    from trucewatch.assess.report import ROW_HEADER

    if fmt == "json":
        typer.echo(ledger_json(ledger))
    elif fmt == "md":
        typer.echo(ledger_markdown(ledger), nl=False)
    else:
        table = Table(*ROW_HEADER)
        for row in ledger_rows(ledger):
            table.add_row(*row)
        Console().print(table)
        Console().print(_verdict_table(ledger))


def assess_command(
    agreement: Annotated[str | None, typer.Option(help="Only this agreement id.")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f",
                                     help="table, json or md (with --verdict: table, json or csv).")] = "table",
    show_verdict: Annotated[bool, typer.Option(
        "--verdict", help="Only the verdict per party: findings by grade, per day and in total.")] = False,
    db: DbOption = None,
    agreements: Annotated[
        list[str] | None, typer.Option(help="Extra folder of agreement YAML files.")
    ] = None,
) -> None:
    """Findings per party and agreement, with grades and evidence, and the verdict per party."""
    allowed = ("table", "json", "csv") if show_verdict else ("table", "json", "md")
    if fmt not in allowed:
        raise typer.BadParameter("expected " + ", ".join(allowed), param_hint="--format")
    from trucewatch.pipeline import assess_store

    with _errors_as_lines():
        ledger = _with_store(db, False, lambda s: assess_store(s, agreement, agreements or ()))
    (_print_verdict if show_verdict else _print_findings)(ledger, fmt)


def findings_eval(gold: str, as_json: bool = False) -> int:
    """`trucewatch eval --findings GOLD`: precision and recall of assess per agreement and party."""
    from rich.console import Console  # (imported for type checking only at the top)
    from rich.table import Table

    from trucewatch.pipeline import evaluate_findings

    try:
        score = evaluate_findings(gold)
    except (TrucewatchError, OSError) as exc:
        typer.echo(f"error: {exc}", err=True)
        return 2
    data = score.to_dict()
    if as_json:
        typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    table = Table("agreement party", "precision", "recall", "F1", "tp", "predicted", "gold", "grade acc.",
                  title="trucewatch eval --findings")
    for name, row in [*data["per_agreement_party"].items(), ("overall", data["overall"])]:
        acc = "-" if row["grade_accuracy"] is None else f"{row['grade_accuracy']:.3f}"
        table.add_row(name, f"{row['precision']:.3f}", f"{row['recall']:.3f}", f"{row['f1']:.3f}",
                      str(row["tp"]), str(row["predicted"]), str(row["gold"]), acc)
    Console(width=120).print(table)
    for name, row in data["per_agreement_party"].items():
        for what in row["missed"]:
            typer.echo(f"{name}: missed {what}")
        for what in row["spurious"]:
            typer.echo(f"{name}: spurious {what}")
    return 0


def relink_command(db: DbOption = None) -> None:
    """Rebuild the stored incidents and findings from the documents (ingest keeps them current)."""
    import time

    from trucewatch.pipeline import relink_store

    with _errors_as_lines():
        start = time.perf_counter()
        change = _with_store(db, False, relink_store)
        typer.echo(f"relinked {change.documents} documents: {change.incidents} incidents, "
                   f"{change.findings} findings ({time.perf_counter() - start:.1f} s)")


def register(app: typer.Typer) -> None:
    """Add the store and ledger commands to `app`."""
    app.command("ingest")(ingest_command)
    app.command("relink")(relink_command)
    app.command("incidents")(incidents_command)
    app.command("assess")(assess_command)
