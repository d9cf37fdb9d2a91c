"""Paths to Documents: files, directories (recursive, sorted), and "-" for stdin.

The file's extension picks the reader: `.jsonl`/`.ndjson` (streamed records),
`.json` (an object or a list of them), `.html`/`.htm`/`.xhtml` (trafilatura),
anything else one plain-text report. Bad input yields one InputError and the
batch goes on (or, with `strict=True`, the first one is raised).
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from trucewatch.errors import InputError
from trucewatch.ingest.html import html_document
from trucewatch.ingest.jsonl import json_documents, jsonl_documents
from trucewatch.ingest.text import decode_text, format_size, text_document
from trucewatch.model import Document

__all__ = ["DEFAULT_MAX_BYTES", "STDIN", "display_path", "read_documents", "walk_files"]

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


def display_path(path: str) -> str:
    """`path` as printable text: bytes of a non-UTF-8 file name become `\\xNN` escapes.

    Python decodes such names with lone surrogates, which neither a terminal
    nor a database can encode; the escaped form names the file unambiguously.
    """
    return os.fsencode(path).decode("utf-8", "backslashreplace")


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
        yield _os_error(display_path(top), exc)
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


_KINDS = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))


def _open_regular(path: str) -> int:
    """A descriptor of the regular file at `path`; InputError for a FIFO, device or socket.

    Opened non-blocking, so a FIFO with no writer cannot hang the batch.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    mode = os.fstat(fd).st_mode
    if stat.S_ISREG(mode):
        os.set_blocking(fd, True)
        return fd
    os.close(fd)
    what = next((name for test, name in _KINDS if test(mode)), "a special file")
    raise InputError(display_path(path), f"{what}, not a regular file; give files or folders")


def _read_file(path: str, max_bytes: int, encoding: str | None) -> Iterator[Document | InputError]:
    suffix = Path(path).suffix.lower()
    shown = display_path(path)
    try:
        with open(_open_regular(path), "rb") as stream:
            if suffix in _JSONL:
                yield from jsonl_documents(stream, shown, max_bytes=max_bytes, encoding=encoding)
                return
            size = os.fstat(stream.fileno()).st_size
            if size > max_bytes:
                yield InputError(shown, _too_big("file", size, max_bytes))
                return
            data = stream.read(max_bytes + 1)
    except InputError as exc:
        yield exc
        return
    except OSError as exc:
        yield _os_error(shown, exc)
        return
    if len(data) > max_bytes:  # grew while read
        yield InputError(shown, _too_big("file", len(data), max_bytes))
    elif suffix == ".json":
        yield from json_documents(data, shown, encoding)
    else:
        reader = html_document if suffix in _HTML else text_document
        try:
            yield reader(data, shown, encoding)
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
