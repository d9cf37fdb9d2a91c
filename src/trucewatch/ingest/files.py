"""Paths to Documents: files, directories (recursive, sorted), and "-" for stdin.

The file's extension picks the reader: `.jsonl`/`.ndjson` (streamed records),
`.json` (an object or a list of them), `.html`/`.htm`/`.xhtml` (trafilatura),
anything else one plain-text report. Bad input yields one InputError and the
batch goes on (or, with `strict=True`, the first one is raised).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from trucewatch.errors import InputError
from trucewatch.ingest.html import html_document
from trucewatch.ingest.jsonl import json_documents, jsonl_documents
from trucewatch.ingest.text import decode_text, format_size, text_document
from trucewatch.model import Document

__all__ = ["DEFAULT_MAX_BYTES", "STDIN", "read_documents", "walk_files"]

DEFAULT_MAX_BYTES = 10_000_000
STDIN = "-"
_JSONL = frozenset({".jsonl", ".ndjson"})
_HTML = frozenset({".html", ".htm", ".xhtml"})


def read_documents(
    paths: Sequence[str],
    *,
    strict: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    encoding: str | None = None,
) -> Iterator[Document | InputError]:
    """Documents from files, directories and stdin, in order; errors inline.

    With `strict=True` the first InputError is raised instead of yielded.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]  # one path, not a sequence of characters
    for path in paths:
        for item in _read_path(os.fspath(path), max_bytes, encoding):
            if strict and isinstance(item, InputError):
                raise item
            yield item


def _read_path(path: str, max_bytes: int, encoding: str | None) -> Iterator[Document | InputError]:
    if path == STDIN:
        yield _read_stdin(max_bytes, encoding)
    elif os.path.isdir(path):
        for item in walk_files(path):
            if isinstance(item, InputError):
                yield item
            else:
                yield from _read_file(item, max_bytes, encoding)
    else:
        yield from _read_file(path, max_bytes, encoding)


def walk_files(top: str) -> Iterator[str | InputError]:
    """Files under `top`, sorted by name, hidden files and folders skipped."""
    try:
        with os.scandir(top) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        yield _os_error(top, exc)
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from walk_files(entry.path)
        elif entry.is_file():
            yield entry.path


def _os_error(path: str, exc: OSError) -> InputError:
    reason = (exc.strerror or str(exc)).lower()
    return InputError(path, f"cannot read: {reason}")


def _read_file(path: str, max_bytes: int, encoding: str | None) -> Iterator[Document | InputError]:
    suffix = Path(path).suffix.lower()
    try:
        with open(path, "rb") as stream:
            if suffix in _JSONL:
                yield from jsonl_documents(stream, path, max_bytes=max_bytes, encoding=encoding)
                return
            size = os.fstat(stream.fileno()).st_size
            if size > max_bytes:
                yield InputError(path, _too_big("file", size, max_bytes))
                return
            data = stream.read(max_bytes + 1)
    except OSError as exc:
        yield _os_error(path, exc)
        return
    if len(data) > max_bytes:  # grew, or a pipe/device whose size stat cannot tell
        yield InputError(path, _too_big("file", len(data), max_bytes))
    elif suffix == ".json":
        yield from json_documents(data, path, encoding)
    else:
        reader = html_document if suffix in _HTML else text_document
        try:
            yield reader(data, path, encoding)
        except InputError as exc:
            yield exc


def _too_big(what: str, size: int, max_bytes: int) -> str:
    more = "+" if size == max_bytes + 1 else ""
    return (
        f"{what} is {format_size(size)}{more}, over the {format_size(max_bytes)} limit "
        "for one report; split it or raise --max-bytes"
    )


def _read_stdin(max_bytes: int, encoding: str | None) -> Document | InputError:
    """One text report from standard input, id "stdin"."""
    where = "<stdin>"
    buffer = getattr(sys.stdin, "buffer", None)
    try:
        if buffer is not None:
            data = buffer.read(max_bytes + 1)
        else:
            data = sys.stdin.read(max_bytes + 1).encode("utf-8")
    except OSError as exc:
        return _os_error(where, exc)
    if len(data) > max_bytes:
        return InputError(where, _too_big("input", len(data), max_bytes))
    if not data.strip():
        return InputError(where, "empty input")
    try:
        text = decode_text(data, where, encoding)
    except InputError as exc:
        return exc
    return Document(id="stdin", text=text, origin=where)
