"""CLI commands that show the ledger: `serve`, `brief`, `demo`; and progress bars.

`serve` runs the API and dashboard (`serve/api.py`) on uvicorn; `brief`
writes the daily brief (`serve/brief.py`); `demo` ingests the bundled demo
corpus into a fresh database, prints the ledger and serves it. The web stack
is imported inside the commands, so that `extract` and `ingest` start fast.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from trucewatch.errors import TrucewatchError
from trucewatch.serve.cli_progress import ProgressStore, progress

if TYPE_CHECKING:
    from rich.console import Console

    from trucewatch.pipeline import IngestReport
    from trucewatch.store import Store

__all__ = ["register"]

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="SQLite file or postgresql:// URL (default: user data dir)."),
]


# -- serve, brief, demo ------------------------------------------------------------------


def _fail(exc: Exception) -> typer.Exit:
    typer.echo(f"error: {exc}", err=True)
    return typer.Exit(1)


def _open_store(url: str, create: bool = True) -> Store:
    from trucewatch.store import open_store

    return open_store(url, create=create)


def _migrate(url: str) -> int:
    from trucewatch.store import migrate_store

    return migrate_store(url)


def _store_url(db: str | None) -> str:
    from trucewatch.store import default_db_path

    return db or str(default_db_path())


def run_server(store_url: str, host: str, port: int, ingest_token: str | None = None) -> None:
    """Serve the API and dashboard until interrupted."""
    import uvicorn

    from trucewatch.serve.api import create_app

    app = create_app(store_url, ingest_token=ingest_token)
    typer.echo(f"trucewatch: dashboard at http://{host}:{port}/  (API docs: /docs; Ctrl-C stops)")
    uvicorn.run(app, host=host, port=port, log_level="warning", ws="none", lifespan="off")


def serve_command(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    ingest_token: Annotated[str | None, typer.Option(
        envvar="TRUCEWATCH_INGEST_TOKEN",
        help="Accept POST /api/ingest with this Bearer token (default: read-only).")] = None,
) -> None:
    """Serve the REST API (docs at /docs, OpenAPI at /openapi.json) and the web dashboard."""
    url = _store_url(db)
    try:
        _migrate(url)  # once, here; the server's readers open the store read-only
    except TrucewatchError as exc:
        raise _fail(exc) from None
    run_server(url, host, port, ingest_token)


def migrate_command(db: DbOption = None) -> None:
    """Bring the store's schema up to date (servers also do it once at start-up)."""
    try:
        version = _migrate(_store_url(db))
    except TrucewatchError as exc:
        raise _fail(exc) from None
    typer.echo(f"schema version {version}")


def brief_command(
    date: Annotated[str, typer.Option("--date", help="The day of the brief (YYYY-MM-DD).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="HTML file to write.")] = Path("brief.html"),
    db: DbOption = None,
) -> None:
    """Write the daily brief: one self-contained HTML file with charts."""
    from trucewatch.serve.brief import build_brief

    try:
        day = dt.date.fromisoformat(date)
    except ValueError:
        raise typer.BadParameter(f"expected YYYY-MM-DD, got {date!r}", param_hint="--date") from None
    try:
        with _open_store(_store_url(db), create=False) as store:
            html = build_brief(store, day)
        out.write_text(html, encoding="utf-8")
    except (TrucewatchError, OSError) as exc:
        raise _fail(exc) from None
    typer.echo(f"wrote {out} ({len(html) // 1024} KiB)")


def demo_corpus() -> Path:
    """The bundled demo corpus: reports we wrote ourselves (see demo/README.md)."""
    from importlib import resources

    return Path(str(resources.files("trucewatch").joinpath("demo/corpus.jsonl")))


def ingest_with_progress(paths: Sequence[str | Path], store: Store, description: str) -> IngestReport:
    """`ingest_paths` with a progress bar counting documents."""
    from trucewatch.pipeline import ingest_paths

    with progress(description) as advance:
        return ingest_paths(paths, ProgressStore(store, advance))


def print_ledger(store: Store, console: Console) -> None:
    from rich.table import Table

    from trucewatch.assess import ledger_rows
    from trucewatch.assess.report import ROW_HEADER
    from trucewatch.pipeline import assess_store

    table = Table(*ROW_HEADER, title="compliance ledger")
    for row in ledger_rows(assess_store(store)):
        table.add_row(*row)
    console.print(table)


def demo_command(
    db: Annotated[str | None, typer.Option(
        "--db", help="Database to (re)create for the demo (default: a temporary folder).")] = None,
    serve: Annotated[bool, typer.Option("--serve/--no-serve", help="Serve the dashboard afterwards.")] = True,
    port: Annotated[int, typer.Option(help="Port of the dashboard.")] = 8000,
) -> None:
    """Ingest the bundled demo corpus into a fresh database, print the ledger, serve it."""
    from rich.console import Console

    with contextlib.ExitStack() as stack:
        url = db or str(Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="trucewatch-demo-")))
                        / "demo.db")
        _fresh(url)
        console = Console(width=160)
        try:
            with _open_store(url) as store:
                report = ingest_with_progress([demo_corpus()], store, "ingesting the demo corpus")
                console.print(f"demo database {url}: {report.added} reports, {report.events} events")
                print_ledger(store, console)
        except TrucewatchError as exc:
            raise _fail(exc) from None
        if serve:
            run_server(url, "127.0.0.1", port)


def _fresh(url: str) -> None:
    """Remove an old SQLite demo database (a PostgreSQL URL is reused as it is)."""
    if "://" in url:
        return
    for suffix in ("", "-wal", "-shm"):
        Path(url + suffix).unlink(missing_ok=True)


def register(app: typer.Typer) -> None:
    """Add `serve`, `brief` and `demo` to `app`."""
    app.command("serve")(serve_command)
    app.command("migrate")(migrate_command)
    app.command("brief")(brief_command)
    app.command("demo")(demo_command)
