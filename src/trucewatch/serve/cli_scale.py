"""CLI commands to scale out and to keep up: `batch` and `watch`.

`batch` wraps `trucewatch.batch.run_batch`; `watch` wraps
`trucewatch.watch.watch`. Bad input or configuration is one line on stderr.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from trucewatch.errors import TrucewatchError
from trucewatch.serve.cli_progress import progress

if TYPE_CHECKING:
    from trucewatch.watch import PollReport

__all__ = ["register"]

# The default of `trucewatch.batch.DEFAULT_PARTITION_SIZE`, repeated here so that
# `--help` need not import the batch stage (pyarrow, dask); a test keeps them equal.
DEFAULT_PARTITION_SIZE = 10_000

_SHOWN_ERRORS = 20


def batch_command(
    inputs: Annotated[list[str], typer.Argument(help="Folders of files, JSONL or Parquet files.")],
    out: Annotated[str, typer.Option("--out", help="Output folder (Parquet, partitioned by date).")],
    engine: Annotated[str, typer.Option(help="local or dask.")] = "local",
    workers: Annotated[int | None, typer.Option(help="Worker processes of a local Dask cluster.")] = None,
    scheduler: Annotated[str | None, typer.Option(help="Address of a running Dask scheduler.")] = None,
    partition_size: Annotated[int, typer.Option(help="Documents per partition.")] = DEFAULT_PARTITION_SIZE,
    signatures: Annotated[bool, typer.Option(help="Compute near-duplicate signatures on the workers.")] = True,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Extract an archive on one process or a Dask cluster into Parquet for `ingest`."""
    from trucewatch.batch import run_batch

    try:
        with progress("extracting (documents)") as advance:
            report = run_batch(inputs, out, engine, workers, scheduler, partition_size, signatures,
                               on_partition=lambda done: advance(done.documents))
    except (TrucewatchError, OSError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    for problem in report.failed[:_SHOWN_ERRORS]:
        typer.echo(f"error: {problem}", err=True)
    if len(report.failed) > _SHOWN_ERRORS:
        typer.echo(f"error: … and {len(report.failed) - _SHOWN_ERRORS} more (see {out}/errors/)", err=True)
    if as_json:
        typer.echo(json.dumps(report.to_dict(), indent=2))
    else:
        rate = report.documents / report.seconds if report.seconds else 0.0
        typer.echo(f"{report.documents} document(s), {report.events} event(s) in {report.partitions} "
                   f"partition(s) on {report.engine} ({report.workers} worker(s)), "
                   f"{report.seconds:.1f} s, {rate:,.0f} documents/s; {len(report.failed)} skipped → {out}")
    if report.failed:
        raise typer.Exit(1)


def _print_poll(report: PollReport) -> None:
    typer.echo(f"{report.new_items} new item(s), {report.added} stored with {report.events} event(s); "
               f"{len(report.findings)} new finding(s), {report.delivered} posted", err=True)


def _default_state(db: str | None) -> Path:
    """Beside the SQLite file (`x.db` → `x.db.watch.json`), else in the user data dir."""
    from trucewatch.store import default_db_path

    if db and "://" not in db:
        return Path(db).expanduser().with_name(Path(db).name + ".watch.json")
    return default_db_path().parent / "watch-state.json"


def watch_command(
    feeds: Annotated[list[str], typer.Argument(help="RSS or Atom feed URLs.")],
    every: Annotated[str, typer.Option(help="Interval between polls: 90, 30s, 5m, 1h.")] = "5m",
    webhook: Annotated[str | None, typer.Option(help="POST each new finding here as JSON.")] = None,
    db: Annotated[str | None, typer.Option("--db", help="SQLite file or postgresql:// URL.")] = None,
    state: Annotated[str | None, typer.Option(help="State file (default: beside the SQLite file).")] = None,
    allow_private: Annotated[bool, typer.Option(help="Allow private and loopback addresses.")] = False,
    once: Annotated[bool, typer.Option(help="Poll once and exit.")] = False,
    agreements: Annotated[list[str] | None, typer.Option(help="Extra folder of agreement YAML files.")] = None,
) -> None:
    """Poll feeds, store new articles, post new findings to a webhook."""
    from trucewatch.store import open_store
    from trucewatch.watch import FetchPolicy, WatchConfig, WatchState, parse_every, watch

    try:
        seconds = parse_every(every)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--every") from None
    config = WatchConfig(tuple(feeds), webhook, FetchPolicy(allow_private=allow_private),
                         tuple(agreements or ()))
    state_path = Path(state) if state else _default_state(db)
    polls: list[PollReport] = []

    def on_poll(report: PollReport) -> None:
        polls.append(report)
        _print_poll(report)

    try:
        with open_store(db) as store:
            watch(config, store, WatchState(state_path), seconds, once,
                  log=lambda line: typer.echo(line, err=True), on_poll=on_poll)
    except TrucewatchError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    except KeyboardInterrupt:
        raise typer.Exit(130) from None
    if once and polls and len(failed_feeds(feeds, polls[-1])) == len(feeds):
        typer.echo(f"error: every feed failed ({len(feeds)} of {len(feeds)}); nothing was read", err=True)
        raise typer.Exit(1)


def failed_feeds(feeds: list[str], report: PollReport) -> set[str]:
    """The feeds the round could not read (each costs one `feed URL: problem` line)."""
    return {url for url in feeds if any(p.startswith(f"feed {url}: ") for p in report.problems)}


def register(app: typer.Typer) -> None:
    """Add `batch` and `watch` to `app`."""
    app.command("batch")(batch_command)
    app.command("watch")(watch_command)
