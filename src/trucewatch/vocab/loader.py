"""Load the vocabulary data files once, validating labels against the guide's enums."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from functools import cache
from importlib import resources
from pathlib import Path

import yaml

from trucewatch.errors import ConfigError
from trucewatch.model import Target, Weapon

__all__ = ["SAFE_LOADER", "LexiconEntry", "landmark_rows", "lexicon_entries", "outlet_sides", "read_tsv", "side_entries"]

LexiconEntry = tuple[str, str, str]  # phrase, category, label

# libyaml's loader where PyYAML was built with it: the same safe subset, parsed in C (the lexicon
# and rule packs load at every start of the CLI; the pure-Python parser was a third of it).
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Categories whose labels must belong to a guide vocabulary.
_CHECKED = {"weapon": {w.value for w in Weapon}, "target": {t.value for t in Target}}


def _path(name: str) -> Path:
    return Path(str(resources.files("trucewatch.vocab").joinpath(name)))


def read_tsv(name: str) -> Iterator[dict[str, str]]:
    """Rows of a TSV data file in this package (lines starting with # are comments)."""
    path = _path(name)
    with open(path, encoding="utf-8") as handle:
        lines = (line for line in handle if line.strip() and not line.startswith("#"))
        yield from csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)


@cache
def lexicon_entries() -> tuple[LexiconEntry, ...]:
    """(phrase, category, label) of lexicon.yaml, labels checked."""
    path = _path("lexicon.yaml")
    with open(path, encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=SAFE_LOADER)
    entries = []
    for category, labels in data.items():
        for label, phrases in labels.items():
            allowed = _CHECKED.get(category)  # a target may be two at once: "military+port"
            if allowed is not None and not set(str(label).split("+")) <= allowed:
                raise ConfigError(str(path), f"{category}: unknown label {label!r}")
            for phrase in phrases:
                if not isinstance(phrase, str):  # YAML reads a bare no/yes/false as a boolean
                    raise ConfigError(str(path), f"{category}.{label}: phrase {phrase!r} is not a "
                                      "string (quote it)")
                entries.append((phrase, category, label))
    return tuple(entries)


@cache
def side_entries() -> tuple[tuple[str, str, str], ...]:
    """(phrase, side, kind) of sides.tsv."""
    return tuple((r["phrase"], r["side"], r["kind"]) for r in read_tsv("sides.tsv"))


@cache
def landmark_rows() -> tuple[dict[str, str], ...]:
    """Named sites (nuclear plants, bridges, islands) with their region and target."""
    return tuple(read_tsv("landmarks.tsv"))


@cache
def outlet_sides() -> dict[str, str]:
    """Outlet name or web domain → side (RU, UA or neutral), from outlets.tsv."""
    path = _path("outlets.tsv")
    table: dict[str, str] = {}
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.rstrip("\n").split("\t")
            if len(cells) != 3 or cells[1] not in ("RU", "UA", "neutral"):
                raise ConfigError(f"{path}:{number}", "expected key<TAB>side<TAB>name")
            table[cells[0].strip().lower()] = cells[1]
    return table
