"""Bytes to text, with one clear error per bad file; plain-text reports.

`decode_text` turns a file's bytes into `str` or raises `InputError` saying
what is wrong: empty, binary, not UTF-8 (at which byte, and which encoding it
probably is), or cut off inside a UTF-8 character. A UTF-8 byte-order mark is
stripped; a UTF-16 one is honoured.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
from pathlib import Path

from trucewatch.errors import InputError
from trucewatch.model import Document

__all__ = [
    "check_binary",
    "decode_text",
    "document_from_text",
    "format_size",
    "guess_encoding",
    "parse_published",
    "text_document",
]

_SAMPLE = 65536
# Control bytes that never occur in text (tab, newlines, form feed, escape excluded).
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27))
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "looks like a PDF"),
    (b"PK\x03\x04", "looks like a ZIP archive or Office document"),
    (b"\x1f\x8b", "looks like gzip-compressed data"),
    (b"\x89PNG", "looks like a PNG image"),
    (b"\xff\xd8\xff", "looks like a JPEG image"),
    (b"GIF8", "looks like a GIF image"),
    (b"\x7fELF", "looks like an executable"),
    (b"SQLite format 3\x00", "looks like an SQLite database"),
)
_HIGH_RUN = re.compile(rb"[\x80-\xff]{2,}")
_UPPER_HALF = re.compile(rb"[\xc0-\xff]")
_C0_DF = re.compile(rb"[\xc0-\xdf]")
_C1 = re.compile(rb"[\x80-\x9f]")


def format_size(n: int) -> str:
    """Human size: "100.0 MB", "2.5 KB", "12 bytes" (decimal units)."""
    if n >= 1_000_000:
        return f"{n / 1e6:.1f} MB"
    if n >= 1_000:
        return f"{n / 1e3:.1f} KB"
    return f"{n} bytes"


def guess_encoding(data: bytes) -> tuple[str, str]:
    """The likely legacy encoding of non-UTF-8 bytes, as (codec, description).

    Cyrillic in cp1251/KOI8-R is mostly bytes 0xC0–0xFF in runs (whole words);
    Western European latin-1/cp1252 text has isolated accented bytes.
    """
    sample = data[:_SAMPLE]
    high = sum(1 for b in sample if b >= 0x80) or 1
    upper = len(_UPPER_HALF.findall(sample))
    in_runs = sum(len(run) for run in _HIGH_RUN.findall(sample))
    if upper / high >= 0.6 and in_runs / high >= 0.6:
        c0_df = len(_C0_DF.findall(sample))
        if c0_df > 1.5 * (upper - c0_df):  # mostly lowercase in KOI8-R
            return "koi8-r", "Cyrillic"
        return "cp1251", "Cyrillic"
    if _C1.search(sample):
        return "cp1252", "Western European"
    return "latin-1", "Western European"


def check_binary(data: bytes) -> str | None:
    """Why `data` is not text (a short reason), or None when it may be text."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return what
    sample = data[:_SAMPLE]
    if b"\x00" in sample:
        half = len(sample) // 2 or 1
        odd, even = sample[1::2].count(0) / half, sample[0::2].count(0) / half
        if odd > 0.9 and even < 0.1:
            return "contains NUL bytes; looks like UTF-16 — pass --encoding utf-16-le"
        if even > 0.9 and odd < 0.1:
            return "contains NUL bytes; looks like UTF-16 — pass --encoding utf-16-be"
        return "contains NUL bytes"
    control = len(sample) - len(sample.translate(None, _CONTROL))
    if sample and control / len(sample) > 0.05:
        return f"{100 * control / len(sample):.0f}% control bytes"
    return None


def decode_text(
    data: bytes, path: str, encoding: str | None = None, *, line: int | None = None
) -> str:
    """Decode a report's bytes or raise InputError naming what is wrong."""
    if encoding is not None:
        return _decode_forced(data, path, encoding, line)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode_forced(data, path, "utf-16", line)
    reason = check_binary(data)
    if reason is not None:
        raise InputError(path, f"binary file, not text ({reason})", line)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _utf8_error(data, exc, path, line) from None
    return text[1:] if text.startswith("\ufeff") else text


def _decode_forced(data: bytes, path: str, encoding: str, line: int | None) -> str:
    try:
        text = data.decode(encoding)
    except LookupError:
        raise InputError(path, f"unknown encoding {encoding!r}", line) from None
    except UnicodeDecodeError as exc:
        problem = f"not valid {encoding} at byte {exc.start} ({exc.reason})"
        raise InputError(path, problem, line) from None
    return text[1:] if text.startswith("\ufeff") else text


def _utf8_error(
    data: bytes, exc: UnicodeDecodeError, path: str, line: int | None
) -> InputError:
    if exc.reason == "unexpected end of data" and exc.end == len(data):
        cut = len(data) - exc.start
        return InputError(
            path, f"truncated: ends inside a UTF-8 character (last {cut} byte(s))", line
        )
    codec, what = guess_encoding(data)
    if line is None:
        line = data.count(b"\n", 0, exc.start) + 1
    problem = (
        f"not valid UTF-8 at byte {exc.start}; looks like {codec} ({what}) — "
        f"re-encode as UTF-8 or pass --encoding {codec}"
    )
    return InputError(path, problem, line)


def parse_published(value: object) -> dt.date | None:
    """A date from "YYYY-MM-DD" or an ISO datetime; None for None or "".

    Raises ValueError (with a readable message) for anything else.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise ValueError(f"published must be a date string, got {type(value).__name__}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(value).date()
    except ValueError:
        raise ValueError(
            f"bad published date {value!r}: expected YYYY-MM-DD or an ISO datetime"
        ) from None


def document_from_text(
    text: str, *, id: str = "text", published: dt.date | str | None = None
) -> Document:
    """A Document from a string (the text is kept verbatim)."""
    return Document(id=id, text=text, published=parse_published(published))


def text_document(data: bytes, path: str, encoding: str | None = None) -> Document:
    """One plain-text report: id is the file stem, text kept verbatim.

    A leading `date YYYY-MM-DD` marker stays in the text; the parse stage
    reads it (spans index into the text as written).
    """
    if not data.strip():
        raise InputError(path, "empty file")
    text = decode_text(data, path, encoding)
    if not text.strip():
        raise InputError(path, "empty file")
    return Document(id=Path(path).stem or path, text=text, origin=path)
