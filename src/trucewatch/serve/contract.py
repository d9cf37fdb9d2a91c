"""The API's contract in one place: what a query may say, and every answer it may get.

Schema-valid input must be accepted and everything else refused (schemathesis
checks both), so: days are strictly YYYY-MM-DD (pydantic alone would read
`until=0` as 1970-01-01), `sort` is an enum of each listing's sortable fields
(a test pins them to the rows the read model makes), and the error answers
(400, 404, 413, 422; 401/403 on ingest) are documented with their JSON shape.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from typing import Annotated, Any

from fastapi import Query
from pydantic import BaseModel, BeforeValidator

__all__ = [
    "ERRORS", "INGEST_ERRORS", "SORT_FIELDS", "Day", "ErrorBody", "StrictDay", "sort_enum",
]

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _strict_day(value: Any) -> Any:
    """Only YYYY-MM-DD strings (dates, None) pass; the calendar check stays pydantic's."""
    if value is None or isinstance(value, dt.date) or (isinstance(value, str) and _DAY.match(value)):
        return value
    raise ValueError("expected a day as YYYY-MM-DD")


StrictDay = Annotated[dt.date | None, BeforeValidator(_strict_day)]  # in JSON bodies


def Day(description: str) -> Any:  # noqa: N802 - reads as a type in signatures
    """A query parameter holding one calendar day."""
    return Annotated[dt.date | None, BeforeValidator(_strict_day), Query(description=description)]


# Scalar fields of each listing's rows (plus `date`, the row's own date field).
SORT_FIELDS: dict[str, tuple[str, ...]] = {
    "documents": ("date", "events", "id", "key", "outlet", "published", "superseded_by", "title",
                  "url"),
    "events": ("attacker", "claimant", "country", "date", "date_phrase", "date_precision",
               "document", "document_id", "id", "injured", "intercepted", "killed", "kind", "lat",
               "launched", "lon", "modality", "outlet", "party", "place", "published", "quote",
               "rules", "scope", "side", "source", "span_end", "span_start", "stance", "url",
               "voice", "water", "weapon"),
    "incidents": ("attacker", "country", "date", "date_from", "date_to", "grade", "id", "injured",
                  "intercepted", "killed", "kind", "lat", "launched", "lon", "place", "quote",
                  "report_count", "sources"),
    "findings": ("agreement", "basis", "date", "date_from", "date_to", "evidence_count", "grade",
                 "id", "incident", "kind", "lat", "lon", "party", "quote", "sources", "summary",
                 "timing"),
}


def sort_enum(name: str, fields: tuple[str, ...]) -> type[enum.StrEnum]:
    """`field` ascending and `-field` descending, for each field."""
    members = [(f"asc_{f}", f) for f in fields] + [(f"desc_{f}", f"-{f}") for f in fields]
    return enum.StrEnum(name, members)  # type: ignore[return-value]


class ErrorDetail(BaseModel):
    code: str
    message: str


class ErrorBody(BaseModel):
    """Every error answer: `{"error": {"code", "message"}}`."""

    error: ErrorDetail


def _answer(description: str) -> dict[str, Any]:
    return {"model": ErrorBody, "description": description}


ERRORS: dict[int | str, dict[str, Any]] = {
    400: _answer("Bad input (a filter or value the store cannot use)."),
    404: _answer("No such resource."),
    413: _answer("Request body over the route's limit."),
    422: _answer("A parameter that does not match the schema."),
}
INGEST_ERRORS: dict[int | str, dict[str, Any]] = {
    401: _answer("Missing or wrong ingest token."),
    403: _answer("This server is read-only (started without --ingest-token)."),
}
