"""CLI commands that show the ledger: `serve`, `brief`, `demo`; and progress bars.

`serve` runs the API and dashboard (`serve/api.py`) on uvicorn; `brief`
writes the daily brief (`serve/brief.py`); `demo` ingests the bundled demo
corpus into a fresh database, prints the ledger and serves it. The web stack
is imported inside the commands, so that `extract` and `ingest` start fast.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from trucewatch.assess import ledger_rows
from trucewatch.assess.report import ROW_HEADER
from trucewatch.errors import TrucewatchError
from trucewatch.pipeline import IngestReport, assess_store, ingest_paths
from trucewatch.store import Store, StoreCounts, StoredDocument, migrate_store, open_store

__all__ = ["ProgressStore", "progress", "register", "track"]

T = TypeVar("T")

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="SQLite file or postgresql:// URL (default: user data dir)."),
]


# -- progress bars ---------------------------------------------------------------------


def _interactive() -> bool:
    return sys.stdout.isatty() and sys.stderr.isatty()


@contextlib.contextmanager
def progress(description: str, total: int | None = None) -> Iterator[Any]:
    """A progress bar on stderr, or nothing when output is not a terminal.

    Yields a function `advance(n=1)`.
    """
    bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                   MofNCompleteColumn(), TimeElapsedColumn(), console=Console(stderr=True),
                   transient=True, disable=not _interactive())
    with bar:
        task = bar.add_task(description, total=total)
        yield lambda n=1: bar.advance(task, n)


def track(items: Iterable[T], description: str, total: int | None = None) -> Iterator[T]:
    """Yield `items`, advancing a progress bar for each (quiet off a terminal)."""
    with progress(description, total) as advance:
        for item in items:
            yield item
            advance()


class ProgressStore:
    """A `Store` that advances a progress bar for every document the pipeline looks up."""

    def __init__(self, store: Store, advance: Any) -> None:
        self._store, self._advance = store, advance
        self.url = store.url

    def has_document(self, content_hash: str) -> bool:
        self._advance()
        return self._store.has_document(content_hash)

    def add_documents(self, documents: Sequence[StoredDocument]) -> int:
        return self._store.add_documents(documents)

    def documents(self, since: dt.date | None = None, until: dt.date | None = None) -> Iterator[StoredDocument]:
        return self._store.documents(since, until)

    def counts(self) -> StoreCounts:
        return self._store.counts()

    def check(self) -> list[str]:
        return self._store.check()

    def schema_version(self) -> int:
        return self._store.schema_version()

    def close(self) -> None:
        self._store.close()

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# -- serve, brief, demo ------------------------------------------------------------------


def _fail(exc: Exception) -> typer.Exit:
    typer.echo(f"error: {exc}", err=True)
    return typer.Exit(1)


def _store_url(db: str | None) -> str:
    from trucewatch.store import default_db_path

    return db or str(default_db_path())


def run_server(store_url: str, host: str, port: int, ingest_token: str | None = None) -> None:
    """Serve the API and dashboard until interrupted."""
    import uvicorn

    from trucewatch.serve.api import create_app

    app = create_app(store_url, ingest_token=ingest_token)
    typer.echo(f"trucewatch: dashboard at http://{host}:{port}/  (OpenAPI: /openapi.json; Ctrl-C stops)")
    uvicorn.run(app, host=host, port=port, log_level="warning", ws="none", lifespan="off")


def serve_command(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    ingest_token: Annotated[str | None, typer.Option(
        envvar="TRUCEWATCH_INGEST_TOKEN",
        help="Accept POST /api/ingest with this Bearer token (default: read-only).")] = None,
) -> None:
    """Serve the REST API (OpenAPI at /openapi.json) and the web dashboard."""
    url = _store_url(db)
    try:
        migrate_store(url)  # once, here; the server's readers open the store read-only
    except TrucewatchError as exc:
        raise _fail(exc) from None
    run_server(url, host, port, ingest_token)


def migrate_command(db: DbOption = None) -> None:
    """Bring the store's schema up to date (servers also do it once at start-up)."""
    try:
        version = migrate_store(_store_url(db))
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
        with open_store(_store_url(db), create=False) as store:
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
    with progress(description) as advance:
        return ingest_paths(paths, ProgressStore(store, advance))


def print_ledger(store: Store, console: Console) -> None:
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
    with contextlib.ExitStack() as stack:
        url = db or str(Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="trucewatch-demo-")))
                        / "demo.db")
        _fresh(url)
        console = Console(width=160)
        try:
            with open_store(url) as store:
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
