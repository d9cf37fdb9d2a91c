"""Turn the gazetteer's data files into one lookup table, resolved ahead of time.

Every surface form (a name as it may be written) maps to an `Entry` that
already says what the form means bare ("Kyiv": the city) and what it means when
the text marks it as a region ("Kyiv region": the oblast). Resolving once at
load time keeps the per-text matcher to dictionary lookups.

Precedence for a bare form, most trusted first:

1. a country, then a sea (hand-written, unambiguous);
2. a settlement's primary name, the most populous if several;
3. a region name or variant, unless a settlement of that same region is also
   written this way (then the settlement: "Kharkov" is the city, like
   "Kharkiv"): where a city and its region share a name, bare means the city;
4. a settlement's GeoNames alternate name, the most populous.

In a region context only region names count (an oblast before a federal city
of the same name: "Kyiv region" is UA-32); a form that names no region keeps
its bare meaning. settlement_stoplist.tsv removes settlement readings and all
bare readings of forms such as "Vladimir" or "Azov".
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from trucewatch.errors import ConfigError
from trucewatch.vocab.gazetteer._records import Place
from trucewatch.vocab.gazetteer._tsv import DATA_DIR, read_table, split_list

__all__ = ["TOKEN", "Context", "Entry", "Index", "load_index"]

# A name's tokens: initialisms ("U.S.") or runs of word characters and apostrophes.
TOKEN = re.compile(r"[A-Z](?:\.[A-Z])+\.?|[\w'’]+")
_CITY_TYPES = frozenset({"city", "federal city"})
_KIND_ORDER = ("country", "water")
_MIN_UPPER = 4  # shorter names get no ALL-CAPS form: they collide with acronyms


@dataclass(frozen=True, slots=True)
class Entry:
    """What one surface form means bare and in a region context (None: not a place)."""

    bare: Place | None
    explicit: Place | None
    self_explicit: bool  # the form itself says region ("Donetsk People's Republic")
    # Every settlement written this way, most populous first, for "X, Y region"
    # to pick the one in Y; empty where the form also names a region.
    settlements: tuple[Place, ...] = ()


@dataclass(frozen=True, slots=True)
class Context:
    """Compiled patterns for the words around a name (from context_words.tsv)."""

    phrase: re.Pattern[str]  # runs of capitalised words that may hold names
    after: re.Pattern[str]  # region word after a name; group 1 is the word
    before: re.Pattern[str]  # "regions of (the)" ending just before a name or list
    not_after: re.Pattern[str]  # word after a name that makes it no place
    list_sep: re.Pattern[str]  # separator between items of a list of names
    qualifier: re.Pattern[
        str
    ]  # between a settlement and its region: "X, Y region", "X in Y oblast"


@dataclass(frozen=True, slots=True)
class Index:
    entries: dict[str, Entry]
    first_max: dict[str, int]  # first token of a form → most tokens of a form it starts
    regions: dict[str, Place]
    waters: dict[str, Place]  # by canonical name and by variant
    countries: dict[str, Place]
    context: Context


@dataclass(frozen=True, slots=True)
class _Candidate:
    place: Place
    tier: int  # 0: curated name; 1: GeoNames alternate name
    region_type: str | None = None


# --- reading the files ------------------------------------------------------------


def _float(table: str, line: int, value: str) -> float:
    try:
        return float(value)
    except ValueError:
        raise ConfigError(str(DATA_DIR / table), f"line {line}: not a number: {value!r}") from None


def _regions() -> list[tuple[Place, str, list[str]]]:
    table = read_table(DATA_DIR / "regions.tsv", ("code", "country", "name", "variants", "type"))
    out = []
    for line, row in table.rows:
        lat, lon = _float("regions.tsv", line, row["lat"]), _float("regions.tsv", line, row["lon"])
        place = Place("region", row["name"], row["country"], row["code"], lat, lon)
        out.append((place, row["type"], [row["name"], *split_list(row["variants"])]))
    return out


def _simple(name: str, kind: str) -> list[tuple[Place, list[str]]]:
    table = read_table(DATA_DIR / name, ("name", "variants", "lat", "lon"))
    out = []
    for line, row in table.rows:
        lat, lon = _float(name, line, row["lat"]), _float(name, line, row["lon"])
        code = row.get("code") or None
        place = Place(kind, row["name"], code, None, lat, lon)
        out.append((place, [row["name"], *split_list(row["variants"])]))
    return out


def _settlements() -> list[tuple[Place, str, list[str]]]:
    table = read_table(DATA_DIR / "settlements.tsv", ("geonameid", "name", "variants", "admin1"))
    out = []
    for line, row in table.rows:
        lat, lon = (
            _float("settlements.tsv", line, row["lat"]),
            _float("settlements.tsv", line, row["lon"]),
        )
        place = Place(
            "settlement",
            row["name"],
            row["country"],
            row["admin1"],
            lat,
            lon,
            int(row["population"]),
        )
        out.append((place, row["geonameid"], split_list(row["variants"])))
    return out


def _stoplist() -> dict[str, str]:
    table = read_table(DATA_DIR / "settlement_stoplist.tsv", ("surface", "keep_geonameid"))
    return {row["surface"]: row["keep_geonameid"] for _, row in table.rows}


def _context_words() -> dict[str, list[str]]:
    table = read_table(DATA_DIR / "context_words.tsv", ("role", "word"))
    words: dict[str, list[str]] = defaultdict(list)
    for _, row in table.rows:
        words[row["role"]].append(row["word"])
    return words


# --- context patterns ---------------------------------------------------------------


def _cases(words: Iterable[str]) -> list[str]:
    """Each word as written, lower, Capitalised and UPPER, with either apostrophe; longest first."""
    forms: set[str] = set()
    for word in words:
        for form in (word, word.lower(), word[:1].upper() + word[1:], word.upper()):
            forms.update({form, form.replace("'", "’")})
    return sorted(forms, key=lambda w: (-len(w), w))


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in _cases(words))


def _context(words: dict[str, list[str]]) -> Context:
    word = r"(?:[A-Z](?:\.[A-Z])+\.?|[A-Z][\w'’]*)"
    sep = r"(?:\.?[ ](?:(?:of|on|upon|na)[ ])?|-(?:(?:on|na|upon)-)?)"
    tails = _alternation(words["name_tail"])
    # The first word's capital comes first and the look-behind after it (the same
    # matches): a pattern that opens on a character class lets `re` skip ahead in C.
    first = r"[A-Z](?<![\w\-'’.][A-Z])(?:(?:\.[A-Z])+\.?|[\w'’]*)"
    phrase = rf"{first}(?:{sep}{word}|[ ](?:{tails})(?![\w-]))*"
    adjective = _alternation(words["region_adjective"])
    return Context(
        phrase=re.compile(phrase),
        after=re.compile(
            rf"[ \t]+(?:(?:{adjective})[ \t]+)?({_alternation(words['region_after'])})(?![\w-])"
        ),
        before=re.compile(
            rf"(?:{_alternation(words['region_before'])})[ \t]+of[ \t]+(?:the[ \t]+)?$"
        ),
        not_after=re.compile(rf"[ \t]+(?:{_alternation(words['not_after'])})(?![\w-])"),
        list_sep=re.compile(r",[ \t]*(?:(?:and|or)[ \t]+)?|[ \t]+(?:and|or|&)[ \t]+"),
        qualifier=re.compile(r"(?:,[ \t]*|[ \t]+in[ \t]+|[ \t]*\([ \t]*)(?:the[ \t]+)?"),
    )


# --- resolving surface forms -----------------------------------------------------------


def _surface_forms(name: str) -> set[str]:
    forms = {name, name.replace("'", "’"), name.replace("’", "'")}
    if len(name) >= _MIN_UPPER:
        forms |= {f.upper() for f in forms}
    return forms


def _collect() -> tuple[dict[str, list[_Candidate]], dict[str, Place], dict[str, Place]]:
    """Candidates by surface form, regions by code, and settlements by geonameid."""
    by_form: dict[str, list[_Candidate]] = defaultdict(list)

    def add(names: Iterable[str], candidate: _Candidate) -> None:
        for name in names:
            for form in _surface_forms(name):
                by_form[form].append(candidate)

    regions = {}
    for place, region_type, names in _regions():
        regions[place.admin1 or ""] = place
        add(names, _Candidate(place, 0, region_type))
    for place, names in _simple("countries.tsv", "country") + _simple("waters.tsv", "water"):
        add(names, _Candidate(place, 0))
    ids: dict[str, Place] = {}
    for place, geonameid, variants in _settlements():
        ids[geonameid] = place
        add([place.name], _Candidate(place, 0))
        add(variants, _Candidate(place, 1))
    return by_form, regions, ids


def _best_settlement(candidates: list[_Candidate]) -> Place | None:
    best = max(candidates, key=lambda c: c.place.population or 0, default=None)
    return best.place if best else None


def _ranked(settlements: list[_Candidate], regions: list[_Candidate]) -> tuple[Place, ...]:
    if regions:
        return ()
    ordered = sorted(settlements, key=lambda c: (c.tier, -(c.place.population or 0)))
    return tuple(dict.fromkeys(c.place for c in ordered))


def _bare(candidates: list[_Candidate]) -> Place | None:
    for kind in _KIND_ORDER:
        for candidate in candidates:
            if candidate.place.kind == kind:
                return candidate.place
    settlements = [c for c in candidates if c.place.kind == "settlement"]
    primary = [c for c in settlements if c.tier == 0]
    if primary:
        return _best_settlement(primary)
    regions = [c for c in candidates if c.place.kind == "region"]
    if regions:
        codes = {c.place.admin1 for c in regions}
        inside = [c for c in settlements if c.place.admin1 in codes]
        if inside:
            return _best_settlement(inside)
        cities = [c for c in regions if c.region_type in _CITY_TYPES]
        return (cities or regions)[0].place
    return _best_settlement(settlements)


def _explicit(candidates: list[_Candidate]) -> Place | None:
    regions = [c for c in candidates if c.place.kind == "region"]
    if not regions:
        return _bare(candidates)
    oblasts = [c for c in regions if c.region_type not in _CITY_TYPES]
    return (oblasts or regions)[0].place


def _stopped(candidates: list[_Candidate], keep: str, ids: dict[str, Place]) -> Entry:
    """A stoplisted form: bare only as the kept settlement, explicit only as a region."""
    kept = [c for c in candidates if keep and c.place == ids.get(keep)]
    regions = [c for c in candidates if c.place.kind == "region"]
    return Entry(
        _best_settlement(kept),
        _explicit(regions) if regions else None,
        False,
        _ranked(kept, regions),
    )


def _is_redundant(
    form: str, candidates: list[_Candidate], by_form: dict[str, list[_Candidate]], markers: set[str]
) -> bool:
    """ "Kyiv Oblast" when "Kyiv" names the same region: the marker rule covers it, span and all."""
    head, _, last = form.rpartition(" ")
    if not head or last.lower() not in markers:
        return False
    places = {c.place for c in by_form.get(head, ())}
    return all(c.place in places for c in candidates)


def _entries(
    by_form: dict[str, list[_Candidate]],
    stop: dict[str, str],
    ids: dict[str, Place],
    markers: set[str],
) -> dict[str, Entry]:
    stop_forms = {form: keep for surface, keep in stop.items() for form in _surface_forms(surface)}
    entries = {}
    for form, candidates in by_form.items():
        if _is_redundant(form, candidates, by_form, markers):
            continue
        if form in stop_forms:
            entry = _stopped(candidates, stop_forms[form], ids)
            if entry.bare or entry.explicit:
                entries[form] = entry
            continue
        self_explicit = any(word.lower() in markers for word in form.split())
        regions = [c for c in candidates if c.place.kind == "region"]
        settlements = _ranked([c for c in candidates if c.place.kind == "settlement"], regions)
        entries[form] = Entry(_bare(candidates), _explicit(candidates), self_explicit, settlements)
    return entries


def _first_max(forms: Iterable[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for form in forms:
        tokens = TOKEN.findall(form)
        if tokens:
            out[tokens[0]] = max(out.get(tokens[0], 0), len(tokens))
    return out


@cache
def load_index() -> Index:
    """Read every data file once (the matcher runs per sentence, the files per process)."""
    words = _context_words()
    markers = {w.lower() for w in words["region_after"] for w in w.split()} | {"autonomous"}
    markers.discard("people's")
    by_form, regions, ids = _collect()
    entries = _entries(by_form, _stoplist(), ids, markers)
    waters = {form: c.place for form, cs in by_form.items() for c in cs if c.place.kind == "water"}
    countries = {
        c.place.country or "": c.place
        for cs in by_form.values()
        for c in cs
        if c.place.kind == "country"
    }
    return Index(entries, _first_max(entries), regions, waters, countries, _context(words))
