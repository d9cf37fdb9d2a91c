"""Read and write the gazetteer's TSV files.

Each file is UTF-8: optional comment lines starting with ``#`` (credits, what
each column means), one header line, then one row per line. The loader and
``tools/build_gazetteer.py`` share this code so that both read the files the
same way; a malformed row raises ``ConfigError`` naming the file and line.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from trucewatch.errors import ConfigError

__all__ = ["DATA_DIR", "Table", "read_table", "split_list", "write_table"]

DATA_DIR = Path(__file__).parent


@dataclass(frozen=True, slots=True)
class Table:
    """A TSV file as read: its comment lines, header and rows (line number, fields)."""

    path: Path
    comments: tuple[str, ...]
    header: tuple[str, ...]
    rows: tuple[tuple[int, dict[str, str]], ...]


def read_table(path: Path, required: Sequence[str] = ()) -> Table:
    """Parse one TSV file; every row must have exactly the header's columns."""
    comments: list[str] = []
    header: tuple[str, ...] | None = None
    rows: list[tuple[int, dict[str, str]]] = []
    with open(path, encoding="utf-8") as handle:
        for number, raw in enumerate(handle, start=1):
            line = raw.rstrip("\n").rstrip("\r")
            if header is None and line.startswith("#"):
                comments.append(line)
            elif header is None:
                header = tuple(line.split("\t"))
                missing = [c for c in required if c not in header]
                if missing:
                    raise ConfigError(str(path), f"missing columns {missing}")
            elif line.strip() and not line.startswith("#"):
                fields = line.split("\t")
                if len(fields) != len(header):
                    raise ConfigError(
                        str(path), f"line {number}: {len(fields)} fields, header has {len(header)}"
                    )
                rows.append((number, dict(zip(header, fields, strict=True))))
    if header is None:
        raise ConfigError(str(path), "no header line")
    return Table(path, tuple(comments), header, tuple(rows))


def write_table(
    path: Path, comments: Iterable[str], header: Sequence[str], rows: Iterable[dict[str, str]]
) -> str:
    """Serialise a table (tabs and newlines inside values are refused); returns the text."""
    lines = list(comments)
    lines.append("\t".join(header))
    for row in rows:
        values = [row.get(column, "") for column in header]
        if any("\t" in v or "\n" in v for v in values):
            raise ConfigError(str(path), f"tab or newline inside a value: {values}")
        lines.append("\t".join(values))
    return "\n".join(lines) + "\n"


def split_list(value: str) -> list[str]:
    """A `|`-separated column as a list, blanks dropped."""
    return [part.strip() for part in value.split("|") if part.strip()]
