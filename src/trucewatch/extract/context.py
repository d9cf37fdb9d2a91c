"""What the rules remember across the sentences of one document.

Events of one kind and key merge as the document goes (the guide labels one
strike per attacker and region), and later sentences can add casualties or a
weapon to the strike an earlier sentence placed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from trucewatch.model import Kind, Modality, ParsedDocument, Sentence, UNKNOWN_SIDE
from trucewatch.vocab.loader import outlet_sides

__all__ = ["Draft", "DocContext", "outlet_side"]


@dataclass(slots=True)
class Draft:
    """A mutable event under construction; becomes a frozen model record at the end."""

    kind: Kind
    key: tuple[Any, ...]
    sentence: Sentence
    fields: dict[str, Any]
    claimant: str = UNKNOWN_SIDE
    source: str | None = None
    modality: Modality = Modality.ASSERTED
    order: int = 0
    rule: str = ""  # id of the rule that made the draft (kept when later drafts merge into it)


def outlet_side(parsed: ParsedDocument) -> str:
    """The side an outlet speaks for, from its name or its URL's host."""
    table = outlet_sides()
    doc = parsed.document
    names = [(doc.outlet or "").lower().strip()]
    if doc.url and "//" in doc.url:
        names.append(doc.url.split("//", 1)[1].split("/", 1)[0].lower())
    for name in names:
        labels = name.removeprefix("www.").split(".")
        for k in range(len(labels)):  # a domain matches with its subdomains
            side = table.get(".".join(labels[k:]))
            if side is not None:
                return side if side in ("RU", "UA") else UNKNOWN_SIDE
    return UNKNOWN_SIDE


@dataclass(slots=True)
class DocContext:
    parsed: ParsedDocument
    default_side: str
    drafts: dict[tuple[Any, ...], Draft] = field(default_factory=dict)
    last_strike: Draft | None = None
    topic_place: Any = None  # a named site in the headline, the topic later sentences refer to
    launches: dict[str, int] = field(default_factory=dict)  # weapon → count said launched
    launch_mentioned: set[str] = field(default_factory=set)  # weapons said launched, no count
    debris_single: set[str] = field(default_factory=set)  # "wreckage of the missile": one downed
    sentence_commitments: dict[tuple[str, Any], int] = field(default_factory=dict)  # this sentence's
    last_scope: Any = None  # scope of the last halt phrase seen (what "its word" refers to)
    first_projectile: str | None = None  # drone or missile, the first named in the document
    excluded: set[int] = field(default_factory=set)  # side tokens already used in this sentence
    claimant: str | None = None  # the side that last claimed interceptions (or spoke of the attack)
    last_person: str | None = None  # side of the last leader or official named: who "he"/"she" is
    intercept_places: set[int] = field(default_factory=set)  # this sentence's place tokens named only
    # as where projectiles were downed ("shot down across the X and Y regions"): not places struck

    def add(self, draft: Draft) -> Draft:
        """Keep the first draft of a key; merge later ones into it."""
        kept = self.drafts.get(draft.key)
        if kept is None:
            draft.order = len(self.drafts)
            self.drafts[draft.key] = draft
            return draft
        _merge(kept, draft)
        return kept


def _merge(kept: Draft, new: Draft) -> None:
    f, g = kept.fields, new.fields
    for name in ("weapon",):
        if f.get(name) in (None, "unknown") and g.get(name) not in (None, "unknown"):
            f[name] = g[name]
    for name in ("place", "water"):
        if f.get(name) is None and g.get(name) is not None:
            f[name] = g[name]
    for name in ("killed", "injured", "launched", "intercepted"):
        if g.get(name) is not None and (f.get(name) is None or g[name] > f[name]):
            f[name] = g[name]
    for name in ("targets", "admin1_list"):
        if name in g:
            f[name] = f.get(name, []) + [x for x in g[name] if x not in f.get(name, [])]
    if g.get("all"):
        f["all"] = True
    if kept.claimant == UNKNOWN_SIDE and new.claimant != UNKNOWN_SIDE:
        kept.claimant, kept.source = new.claimant, new.source
