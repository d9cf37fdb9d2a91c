"""JSON Lines (streamed, flat memory) and JSON lists of report records.

Each record is an object with `id` and `text` (strings, required) and
optional `published` (YYYY-MM-DD or ISO datetime), `url`, `title`, `outlet`.
A bad line yields an InputError naming the line; the rest goes on. For JSONL
the size limit applies to each line, never to the whole file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import IO, Any

from trucewatch.errors import InputError
from trucewatch.ingest.text import check_binary, decode_text, format_size, parse_published
from trucewatch.model import Document

__all__ = ["json_documents", "jsonl_documents", "record_document"]

_OPTIONAL = ("url", "title", "outlet")
_SKIP_CHUNK = 1 << 20
# A lone UTF-16 surrogate (JSON allows "\ud800") cannot be encoded, hashed or stored;
# NUL cannot be stored in PostgreSQL text and never occurs in a report.
_UNSTORABLE = re.compile(r"[\ud800-\udfff\x00]")
_TOO_DEEP = "invalid JSON: nested too deeply"


def _check_storable(key: str, value: str) -> None:
    """ValueError naming the field and position of a character no store can keep."""
    bad = _UNSTORABLE.search(value)
    if bad is None:
        return
    char = bad.group()
    what = "a NUL character (\\u0000)" if char == "\x00" else f"a lone surrogate escape (\\u{ord(char):04x})"
    raise ValueError(f"field {key!r} contains {what} at character {bad.start()}")


def record_document(obj: Any, origin: str) -> Document:
    """A Document from one decoded record; ValueError says what is wrong."""
    if not isinstance(obj, dict):
        raise ValueError(f"expected a JSON object, got {_json_type(obj)}")
    for key in ("id", "text"):
        if key not in obj:
            raise ValueError(f"missing required field {key!r}")
        if not isinstance(obj[key], str):
            raise ValueError(f"field {key!r} must be a string, got {_json_type(obj[key])}")
    for key in _OPTIONAL:
        if obj.get(key) is not None and not isinstance(obj[key], str):
            raise ValueError(f"field {key!r} must be a string, got {_json_type(obj[key])}")
    for key in ("id", "text", *_OPTIONAL):
        if obj.get(key) is not None:
            _check_storable(key, obj[key])
    return Document(
        id=obj["id"],
        text=obj["text"],
        published=parse_published(obj.get("published")),
        url=obj.get("url"),
        title=obj.get("title"),
        outlet=obj.get("outlet"),
        origin=origin,
    )


def _json_type(value: object) -> str:
    names = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}
    return names.get(type(value), "number")


def jsonl_documents(
    stream: IO[bytes], path: str, *, max_bytes: int, encoding: str | None = None
) -> Iterator[Document | InputError]:
    """Stream records from an open binary JSONL file, one line at a time."""
    head = stream.read(8192)
    if not head.strip():
        yield InputError(path, "empty file")
        return
    reason = check_binary(head) if encoding is None else None
    if reason is not None:
        yield InputError(path, f"binary file, not text ({reason})")
        return
    stream.seek(0)
    lineno = 0
    while raw := stream.readline(max_bytes + 1):
        lineno += 1
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            size = len(raw) + _skip_rest_of_line(stream)
            yield InputError(path, _over_limit(size, max_bytes), lineno)
            continue
        item = _line_document(raw, path, lineno, encoding)
        if item is not None:
            yield item


def _skip_rest_of_line(stream: IO[bytes]) -> int:
    skipped = 0
    while chunk := stream.readline(_SKIP_CHUNK):
        skipped += len(chunk)
        if chunk.endswith(b"\n"):
            break
    return skipped


def _over_limit(size: int, max_bytes: int) -> str:
    return (
        f"line is {format_size(size)}, over the {format_size(max_bytes)} limit for one "
        "report; split it or raise --max-bytes"
    )


def _line_document(
    raw: bytes, path: str, lineno: int, encoding: str | None
) -> Document | InputError | None:
    complete = raw.endswith(b"\n")
    data = raw.rstrip(b"\r\n")
    if lineno == 1 and data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if not data.strip():
        return None
    try:
        line = decode_text(data, path, encoding, line=lineno)
        obj = json.loads(line)
    except InputError as exc:
        return exc
    except RecursionError:
        return InputError(path, _TOO_DEEP, lineno)
    except json.JSONDecodeError as exc:
        problem = f"invalid JSON: {exc.msg} (column {exc.colno})"
        if not complete:
            problem += "; the last line has no newline — is the file truncated?"
        return InputError(path, problem, lineno)
    try:
        return record_document(obj, f"{path}:{lineno}")
    except ValueError as exc:
        return InputError(path, str(exc), lineno)


def json_documents(
    data: bytes, path: str, encoding: str | None = None
) -> Iterator[Document | InputError]:
    """Records from a `.json` file holding one object or a list of objects."""
    if not data.strip():
        yield InputError(path, "empty file")
        return
    try:
        value = json.loads(decode_text(data, path, encoding))
    except InputError as exc:
        yield exc
        return
    except RecursionError:
        yield InputError(path, _TOO_DEEP)
        return
    except json.JSONDecodeError as exc:
        yield InputError(path, f"invalid JSON: {exc.msg} (column {exc.colno})", exc.lineno)
        return
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list):
        got = _json_type(value)
        yield InputError(path, f"expected a JSON object or array of objects, got {got}")
        return
    for index, obj in enumerate(value, 1):
        try:
            yield record_document(obj, f"{path}#{index}")
        except ValueError as exc:
            yield InputError(path, f"item {index}: {exc}")
