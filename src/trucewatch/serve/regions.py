"""Region filters as people type them: `UA-63`, `ua-63`, `UA`, `Kharkiv`, `Kharkov oblast`.

The stores and the API filter by ISO 3166-2 code (or country code); analysts
type names. This turns a name or spelling from the gazetteer's regions and
countries into its code, and refuses anything else with the reason, so a typo
is an error, not an empty answer.
"""

from __future__ import annotations

import difflib
from functools import cache

__all__ = ["KINDS", "check_kind", "region_code", "region_names"]

KINDS = ("strike", "interception")
_TYPE_WORDS = ("oblast", "region", "krai", "kray", "republic", "province")


@cache
def _tables() -> tuple[dict[str, str], dict[str, str], dict[str, str], dict[str, str]]:
    """(codes → name, names → code, variants → code, oblast-level names and variants → code).

    Keys are lower-case. The last table leaves out cities, so that "Kyiv region"
    is the oblast (UA-32) while "Kyiv" is the city (UA-30), as in the guide.
    """
    from trucewatch.vocab.loader import read_tsv

    codes: dict[str, str] = {}
    names: dict[str, str] = {}
    variants: dict[str, str] = {}
    provinces: dict[str, str] = {}
    for table in ("gazetteer/regions.tsv", "gazetteer/countries.tsv"):
        for row in read_tsv(table):
            codes[row["code"].lower()] = row["name"]
            names.setdefault(row["name"].lower(), row["code"])
            spellings = [row["name"], *filter(None, row["variants"].split("|"))]
            for variant in spellings[1:]:
                variants.setdefault(variant.lower(), row["code"])
            if "city" not in row.get("type", "city"):
                for variant in spellings:
                    provinces.setdefault(variant.lower(), row["code"])
    return codes, names, variants, provinces


def region_names() -> dict[str, str]:
    """ISO code → English name, for every region and country the gazetteer knows."""
    codes = _tables()[0]
    return {code.upper(): name for code, name in codes.items()}


def _lookup(key: str) -> str | None:
    codes, names, variants, provinces = _tables()
    if key in codes:
        return key.upper()
    found = names.get(key) or variants.get(key)
    words = key.split()
    if found is None and len(words) > 1 and words[-1] in _TYPE_WORDS:
        found = provinces.get(" ".join(words[:-1]))
    return found


def region_code(value: str) -> str:
    """The ISO code meant by `value` (code, name or spelling); ValueError says what is known."""
    key = " ".join(value.strip().lower().replace("’", "'").split())
    code = _lookup(key)
    if code:
        return code
    codes, names, variants, _ = _tables()
    close = difflib.get_close_matches(key, [*names, *variants], n=3, cutoff=0.75)
    guesses = dict.fromkeys(f"{codes[c.lower()]} ({c})" for c in filter(None, map(_lookup, close)))
    hint = f"; did you mean {', '.join(guesses)}?" if guesses else ""
    raise ValueError(f"unknown region {value!r}: give an ISO 3166-2 code (UA-63), a country "
                     f"code (UA) or a region name (Kharkiv){hint}")


def check_kind(value: str) -> str:
    """`value` lower-cased if it is an incident kind; ValueError names the kinds."""
    kind = value.strip().lower()
    if kind not in KINDS:
        raise ValueError(f"unknown kind {value!r}: choose {' or '.join(KINDS)}")
    return kind
