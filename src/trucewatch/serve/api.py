"""The REST API and the dashboard host: `create_app(store_url) -> FastAPI`.

The routes are thin: parse filters, call one function of the read model
(`serve/read_model.py`) or the exports (`serve/exports.py`), return its
result. The API is read-only unless an ingest token is configured; every error
has one JSON shape, `{"error": {"code", "message"}}`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from urllib.parse import quote
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from trucewatch.errors import TrucewatchError
from trucewatch.model import Document
from trucewatch.pipeline import ingest_documents
from trucewatch.serve.contract import (
    ERRORS,
    INGEST_ERRORS,
    SORT_FIELDS,
    Day,
    StrictDay,
    sort_enum,
)
from trucewatch.serve.docs import add_docs
from trucewatch.serve.exports import MEDIA, Dataset, ExportFormat, export
from trucewatch.serve.guard import DEFAULT_INGEST_BODY, BodyGuard, token_problem
from trucewatch.serve.map_points import add_map_points
from trucewatch.serve.read_model import (
    ApiError,
    Filters,
    SnapshotCache,
    agreement_detail,
    agreement_rows,
    document_detail,
    incident_detail,
    page,
    timeline,
    verdict_csv,
    verdict_detail,
    verdict_rows,
)
from trucewatch.serve.stored import StoredReader
from trucewatch.store import migrate_store, open_store

__all__ = ["ApiError", "create_app"]

WEB_DIR = Path(__file__).parent / "web"
MAX_LIMIT = 1000


def _error(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status,
                        headers=headers)


_HTTP_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
               405: "method_not_allowed", 413: "too_large"}


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(_: Request, exc: ApiError) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        return _error(exc.status, exc.code, exc.message, headers)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _HTTP_CODES.get(exc.status_code, "http_error")
        return _error(exc.status_code, code, str(exc.detail), exc.headers)  # keeps 405's Allow

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}"
                             for e in exc.errors()[:5])
        return _error(422, "invalid_request", problems)

    @app.exception_handler(TrucewatchError)
    async def bad_input(_: Request, exc: TrucewatchError) -> JSONResponse:
        return _error(400, "bad_input", str(exc))


class Page(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[dict[str, Any]]


class IngestDocument(BaseModel):
    """One report to ingest (the JSONL input's fields)."""

    id: str = Field(min_length=1, max_length=200)
    text: str = Field(min_length=1, max_length=2_000_000)
    published: StrictDay = None  # YYYY-MM-DD only: pydantic alone reads 0 as 1970-01-01
    url: str | None = Field(default=None, max_length=2000)
    title: str | None = Field(default=None, max_length=2000)
    outlet: str | None = Field(default=None, max_length=200)


class IngestBody(BaseModel):
    documents: list[IngestDocument] = Field(min_length=1, max_length=1000)


class IngestResult(BaseModel):
    added: int
    unchanged: int
    events: int
    failed: list[str]


def _filters(
    since: Day("From this day (YYYY-MM-DD).") = None,
    until: Day("To this day (YYYY-MM-DD).") = None,
    region: Annotated[str | None, Query(pattern=r"^[A-Za-z]{2}(-[A-Za-z0-9]{1,3})?$",
                                        description="ISO 3166-2 code (UA-63) or country (UA).")] = None,
    kind: Annotated[str | None, Query(pattern="^(strike|interception|commitment)$")] = None,
    party: Annotated[str | None, Query(pattern=r"^[A-Za-z]{2}$|^unknown$",
                                       description="Attacking (or committing) side: RU, UA.")] = None,
    target: Annotated[str | None, Query(description="Target class, e.g. energy.")] = None,
    agreement: Annotated[str | None, Query(description="Agreement id.")] = None,
) -> Filters:
    return Filters(since, until, region, kind, party, target, agreement)


FiltersDep = Annotated[Filters, Depends(_filters)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT)]
Offset = Annotated[int, Query(ge=0)]
_SORT_HELP = "Field to sort by; prefix - for descending."
SORTS = {name: sort_enum(f"{name.title()}Sort", fields) for name, fields in SORT_FIELDS.items()}
ExportSort = sort_enum("ExportSort", tuple(sorted({f for fs in SORT_FIELDS.values() for f in fs})))
ExportSortQuery = Annotated[ExportSort | None, Query(description=_SORT_HELP)]  # type: ignore[valid-type]


def _security_headers(app: FastAPI) -> None:
    policy = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
              "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
              "frame-ancestors 'none'")

    @app.middleware("http")
    async def headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", policy)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        return response


def create_app(store_url: str, *, ingest_token: str | None = None,
               max_body: int = DEFAULT_INGEST_BODY) -> FastAPI:
    """The API and dashboard over the store at `store_url` (SQLite path or PostgreSQL URL).

    The schema is migrated here, once; readers then open the store read-only.
    """
    migrate_store(store_url)
    cache = SnapshotCache(store_url)
    stored = StoredReader(store_url)
    app = FastAPI(title="trucewatch", version="1", summary="Strikes, interceptions, truce "
                  "commitments and the compliance ledger, with the evidence for each.",
                  docs_url=None, redoc_url=None,  # both would load scripts from a CDN
                  responses=ERRORS)
    app.state.cache = cache
    _install_error_handlers(app)
    _security_headers(app)
    _read_routes(app, cache, stored)
    add_map_points(app, cache, FiltersDep)
    _export_routes(app, cache)
    _ingest_route(app, cache, ingest_token)
    _web_routes(app)
    app.add_middleware(BodyGuard, ingest_token=ingest_token, ingest_limit=max_body)  # outermost
    return app


def _found(value: dict[str, Any] | None, what: str, key: str) -> dict[str, Any]:
    if value is None:
        raise ApiError(404, "not_found", f"no {what} {key!r}")
    return value


def _read_routes(app: FastAPI, cache: SnapshotCache, stored: StoredReader) -> None:
    def listing(dataset: str) -> Callable[..., dict[str, Any]]:
        def route(filters: FiltersDep, limit: Limit = 100, offset: Offset = 0,
                  sort: Any = None) -> dict[str, Any]:
            order = str(sort.value) if sort is not None else None
            if stored.usable:  # filtered, sorted and paged in SQL
                return stored.page(dataset, filters, order, limit, offset)
            return page(cache.get(), dataset, filters, order, limit, offset)
        # this listing's own enum of sortable fields (a real object: annotations are strings here)
        route.__annotations__["sort"] = Annotated[SORTS[dataset] | None, Query(description=_SORT_HELP)]
        route.__doc__ = f"List {dataset}, filtered, sorted and paginated (`total` counts all matches)."
        return route

    for name in ("documents", "events", "incidents", "findings"):
        app.get(f"/api/{name}", response_model=Page, tags=[name], name=f"list_{name}")(listing(name))

    @app.get("/api/documents/{key}", tags=["documents"])
    def get_document(key: str) -> dict[str, Any]:
        """One document: text, metadata and its events with their spans."""
        return _found(document_detail(cache.get(), key), "document", key)

    @app.get("/api/incidents/{incident_id}", tags=["incidents"],
             responses={308: {"description": "An id merged into another: its new address."}})
    def get_incident(incident_id: str) -> Any:
        """One incident: every report's quote with its document text, grade and findings.

        An id that merged into another incident (or lost its first report) answers
        with a permanent redirect (308) to the incident's current id."""
        if not stored.usable:
            return _found(incident_detail(cache.get(), incident_id), "incident", incident_id)
        found, moved = stored.incident(incident_id)
        if moved is not None:
            return RedirectResponse(f"/api/incidents/{quote(moved, safe='')}", status_code=308)
        return _found(found, "incident", incident_id)

    @app.get("/api/agreements", tags=["agreements"])
    def list_agreements() -> list[dict[str, Any]]:
        """Agreements with their findings counted per party and grade."""
        return agreement_rows(cache.get())

    @app.get("/api/agreements/{agreement_id}", tags=["agreements"])
    def get_agreement(agreement_id: str) -> dict[str, Any]:
        """One agreement's assessment: findings per party with their evidence, and stances."""
        return _found(agreement_detail(cache.get(), agreement_id), "agreement", agreement_id)

    @app.get("/api/verdicts", tags=["agreements"])
    def list_verdicts() -> list[dict[str, Any]]:
        """Per agreement and party: findings by grade, per day and in total, with their ids."""
        return stored.verdicts() if stored.usable else verdict_rows(cache.get())

    @app.get("/api/agreements/{agreement_id}/verdict", tags=["agreements"])
    def get_verdict(agreement_id: str) -> dict[str, Any]:
        """One agreement's verdict per party: is the truce holding, and who breaks it."""
        return _found(verdict_detail(cache.get(), agreement_id), "agreement", agreement_id)

    @app.get("/api/timeline", tags=["incidents"])
    def get_timeline(filters: FiltersDep) -> list[dict[str, Any]]:
        """Per day: strike incidents by attacking side, launched and intercepted."""
        return timeline(cache.get(), filters)


def _export_routes(app: FastAPI, cache: SnapshotCache) -> None:
    @app.get("/api/export/verdicts.csv", tags=["exports"],
             responses={200: {"content": {MEDIA["csv"]: {}}}})
    def export_verdicts(agreement: str | None = None) -> Response:
        """Verdicts per agreement, party and day (and a total row per party) as CSV."""
        return Response(verdict_csv(cache.get(), agreement), media_type=MEDIA["csv"],
                        headers={"Content-Disposition": 'attachment; filename="trucewatch-verdicts.csv"'})

    @app.get("/api/export/{dataset}.{fmt}", tags=["exports"],
             responses={200: {"content": {m: {} for m in MEDIA.values()}}})
    def export_dataset(dataset: Dataset, fmt: ExportFormat, filters: FiltersDep,
                       sort: ExportSortQuery = None) -> Response:
        """A dataset as CSV (ACLED column names where a field maps), GeoJSON or Parquet."""
        order = str(sort.value) if sort is not None else None
        body = export(cache.get(), str(dataset), str(fmt), filters, order)
        name = f"trucewatch-{dataset}.{fmt}"
        return Response(body, media_type=MEDIA[str(fmt)],
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})


def _check_token(configured: str | None, authorization: str | None) -> None:
    """Checked again here (BodyGuard checks before the body is read), so the route is safe alone."""
    problem = token_problem(configured, authorization)
    if problem is not None:
        raise ApiError(*problem)


def _ingest_route(app: FastAPI, cache: SnapshotCache, token: str | None) -> None:
    @app.post("/api/ingest", response_model=IngestResult, tags=["ingest"], responses=INGEST_ERRORS)
    def ingest(body: IngestBody,
               authorization: Annotated[str | None, Header()] = None) -> dict[str, Any]:
        """Extract and store reports (only with the server's ingest token, as a Bearer token)."""
        _check_token(token, authorization)
        docs = [Document(d.id, d.text, d.published, d.url, d.title, d.outlet, f"api:{d.id}")
                for d in body.documents]
        with open_store(cache.store_url, migrate=False) as store:  # migrated at start-up
            report = ingest_documents(docs, store)
        cache.invalidate()
        return {"added": report.added, "unchanged": report.unchanged, "events": report.events,
                "failed": [str(e) for e in report.failed]}


def _web_routes(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=WEB_DIR), name="static")
    add_docs(app, WEB_DIR)

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(WEB_DIR / "index.html", media_type="text/html")

