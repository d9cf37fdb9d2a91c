"""Bounded requests: the ingest token is checked before any body is read, bodies are capped.

An ASGI middleware in front of the API, so nothing (FastAPI's body parsing,
pydantic validation) sees a body before the sender is known to be allowed
and the body is known to fit: a declared `Content-Length` over the limit is
answered 413 at once, and a chunked body is counted as it streams in and cut
off at the limit (413), so an unauthenticated or oversized post costs the
server at most the limit in memory. Errors keep the API's one JSON shape.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

__all__ = ["DEFAULT_INGEST_BODY", "DEFAULT_OTHER_BODY", "BodyGuard", "token_problem"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

DEFAULT_INGEST_BODY = 20_000_000  # bytes of JSON per POST /api/ingest
DEFAULT_OTHER_BODY = 65_536  # every other route takes no body worth the name
INGEST_PATH = "/api/ingest"


def token_problem(configured: str | None, authorization: str | None) -> tuple[int, str, str] | None:
    """(status, code, message) when the sender may not ingest, else None."""
    if not configured:
        return 403, "read_only", "this server is read-only: start it with --ingest-token"
    scheme, _, sent = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not secrets.compare_digest(sent.strip().encode(), configured.encode()):
        return 401, "unauthorized", "send the ingest token as 'Authorization: Bearer TOKEN'"
    return None


async def _send_error(send: Send, status: int, code: str, message: str) -> None:
    body = json.dumps({"error": {"code": code, "message": message}}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
               (b"connection", b"close")]
    if status == 401:
        headers.append((b"www-authenticate", b"Bearer"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def _too_large(limit: int) -> tuple[int, str, str]:
    return 413, "too_large", f"request body over the {limit}-byte limit for this route"


class BodyGuard:
    """Token first (ingest), then a byte limit on the body of every request."""

    def __init__(self, app: ASGIApp, ingest_token: str | None,
                 ingest_limit: int = DEFAULT_INGEST_BODY, other_limit: int = DEFAULT_OTHER_BODY) -> None:
        self.app, self.token = app, ingest_token
        self.ingest_limit, self.other_limit = ingest_limit, other_limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        ingest = scope["path"] == INGEST_PATH and scope["method"] == "POST"
        refused = token_problem(self.token, headers.get("authorization")) if ingest else None
        limit = self.ingest_limit if ingest else self.other_limit
        declared = headers.get("content-length", "")
        if refused is None and declared.isdigit() and int(declared) > limit:
            refused = _too_large(limit)
        if refused is not None:
            await _send_error(send, *refused)
            return
        await _Counted(self.app, limit)(scope, receive, send)


class _Counted:
    """Runs the app with a receive that stops the body at `limit` bytes (answering 413)."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit
        self.received, self.answered, self.started = 0, False, False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def counted_receive() -> Message:
            if self.answered:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                self.received += len(message.get("body", b""))
                if self.received > self.limit:
                    if not self.started:
                        await _send_error(send, *_too_large(self.limit))
                    self.answered = True
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            if self.answered:
                return  # the 413 went out already; the app's own answer is dropped
            self.started = True
            await send(message)

        await self.app(scope, counted_receive, guarded_send)
