"""Extract: strike, interception and commitment events from parsed sentences.

Entry point: `extract_events(parsed) -> list[AnyEvent]`. Rules only (no
statistical model): one tokenizer pass and dictionary lookups per sentence,
then the rules of strikes.py, interceptions.py and commitments.py over the
cues found. Every event carries the sentence it rests on as quote and span.
"""

from __future__ import annotations

import re

from trucewatch.extract.analysis import SentenceView, analyse, any_cue, place_cues
from trucewatch.extract.attribution import Speaker, side_of_name, speaker_of
from trucewatch.extract.commitments import find_commitments
from trucewatch.extract.context import DocContext, Draft, outlet_side
from trucewatch.extract.interceptions import find_interceptions, note_launches, settle_launched
from trucewatch.extract.strikes import find_strikes
from trucewatch.model import (
    AnyEvent, Commitment, Interception, Kind, ParsedDocument, Scope, Sentence, Span, Stance, Strike, Target,
    UNKNOWN_SIDE, Weapon,
)

__all__ = ["RULES_VERSION", "extract_events"]

RULES_VERSION = "trucewatch.rules.v2"
_EVENT_CUES = ("strike_verb", "damage", "intercept", "intercept_noun", "halt")


def extract_events(parsed: ParsedDocument) -> list[AnyEvent]:
    """All events of a document, one per key, in the order first reported."""
    ctx = DocContext(parsed, outlet_side(parsed))
    doc_speaker: Speaker | None = None
    datelines = frozenset(k for seg in parsed.segments if seg.dateline
                          for k in range(seg.dateline.span.start, seg.dateline.span.end))
    credit = parsed.document.outlet
    views = [analyse(piece, datelines, credit) for sentence in parsed.sentences for piece in pieces(sentence)]
    if views:  # a named site in the headline is what later sentences' "the plant" refers to
        ctx.topic_place = next((p for p in place_cues(views[0]) if p.mention.place.kind == "landmark"), None)
    ctx.first_projectile = next((c.label for v in views for c in v.cues.get("weapon", ())
                                 if c.label in ("drone", "missile")), None)
    for view in views:
        if doc_speaker is None:
            first = speaker_of(view, ctx.default_side)
            doc_speaker = first if first.source else Speaker(UNKNOWN_SIDE, None, None)
        if view.cues.get("weapon"):
            note_launches(view, ctx)
        if any_cue(view, *_EVENT_CUES):
            _sentence_events(view, ctx, doc_speaker)
        ctx.last_person = _last_person(view) or ctx.last_person
    settle_launched(ctx)
    return [_record(d) for d in _absorb_country_level(list(ctx.drafts.values()))]


# No sentence of the labelled sets or RUWA is longer than 500 characters. A "sentence" of
# several kilobytes is a page the splitter could not cut (a list, a table, markup): rules
# that relate every cue to every other would cost its length squared, so it is read in
# pieces cut at clause boundaries, which keeps extraction linear in the text's length.
_MAX_SENTENCE = 1000
_PIECE = 600
_CUTS = re.compile(r"[;,]\s+|\s+(?:and|but|while)\s+")


def pieces(sentence: Sentence) -> list[Sentence]:
    """The sentence itself, or for an overlong one consecutive pieces of it (each a clause
    run of about `_PIECE` characters), with spans into the same document."""
    text = sentence.text
    if len(text) <= _MAX_SENTENCE:
        return [sentence]
    out, start = [], 0
    while len(text) - start > _PIECE:
        cut = _cut_before(text, start + _PIECE, start)
        out.append(_piece(sentence, start, cut))
        start = cut
    out.append(_piece(sentence, start, len(text)))
    return out


def _cut_before(text: str, limit: int, start: int) -> int:
    """The end of the last clause boundary before `limit` (or `limit` itself if none)."""
    ends = [m.end() for m in _CUTS.finditer(text, start + 1, limit)]
    return ends[-1] if ends else limit


def _piece(sentence: Sentence, i: int, j: int) -> Sentence:
    base = sentence.span.start
    return Sentence(Span(base + i, base + j), sentence.text[i:j], sentence.segment)


def _sentence_events(view: SentenceView, ctx: DocContext, doc_speaker: Speaker) -> None:
    speaker = speaker_of(view, ctx.default_side)
    if not speaker.source and ctx.last_person:
        speaker = _pronoun_speaker(view, ctx.last_person, speaker) or speaker
    if not (speaker.source or speaker.verb):
        speaker = _quoted(view, ctx) or speaker
    ctx.excluded = set()
    ctx.sentence_commitments = {}
    taken, used = find_interceptions(view, ctx, speaker)
    ctx.excluded = used
    find_strikes(view, ctx, speaker, taken)
    find_commitments(view, ctx, speaker, doc_speaker)


def _last_person(view: SentenceView) -> str | None:
    """The side of the last leader or official the sentence names ("Zelensky", "Putin")."""
    people = [c.label for c in view.cues.get("side", ()) if c.label.endswith(":person")]
    side = people[-1].partition(":")[0] if people else None
    return side if side in ("RU", "UA", "US") else None


def _pronoun_speaker(view: SentenceView, side: str, found: Speaker) -> Speaker | None:
    """"He said …", "…, she added": the last leader or official named speaks again."""
    for verb in view.cues.get("report", ()):
        for k in (verb.i - 1, verb.j):  # "he said", "…, she added"
            if 0 <= k < len(view.tokens) and view.tokens[k].lower in ("he", "she"):
                return Speaker(side, view.tokens[k].text, verb, found.denied)
    return None


def _quoted(view: SentenceView, ctx: DocContext) -> Speaker | None:
    """Words inside a quotation are claimed by its speaker (the parse stage found who)."""
    span = view.sentence.span
    for quote in ctx.parsed.quotations:
        if quote.speaker and quote.span.start < span.end and span.start < quote.span.end:
            side = side_of_name(quote.speaker)
            return Speaker(side or UNKNOWN_SIDE, quote.speaker, None)
    return None


def _absorb_country_level(drafts: list[Draft]) -> list[Draft]:
    """Drop a country-level strike when the same attacker has a regional one there (guide);
    the regional strikes it refines take its weapon when their own sentences name none
    ("Ukraine shelled Russian positions" then "positions came under attack in Luhansk")."""
    regional: dict[tuple[str, str], list[Draft]] = {}
    for d in drafts:
        if d.kind is Kind.STRIKE and d.fields["admin1"] is not None:
            regional.setdefault((d.fields["attacker"], d.fields["country"]), []).append(d)
    kept = []
    for d in drafts:
        refined = regional.get((d.fields["attacker"], d.fields["country"])) if d.kind is Kind.STRIKE \
            and d.fields["admin1"] is None else None
        if refined is None:
            kept.append(d)
            continue
        for r in refined:
            if r.fields["weapon"] == "unknown":
                r.fields["weapon"] = d.fields["weapon"]
    return kept


def _record(draft: Draft) -> AnyEvent:
    s = draft.sentence
    base = dict(quote=s.text, span=Span(s.span.start, s.span.end), claimant=draft.claimant or UNKNOWN_SIDE,
                source=draft.source, modality=draft.modality, rules=RULES_VERSION, rule=draft.rule)
    f = draft.fields
    if draft.kind is Kind.STRIKE:
        return Strike(kind=Kind.STRIKE, **base, attacker=f["attacker"], weapon=Weapon(f["weapon"]),
                      country=f["country"], admin1=f["admin1"], place=f["place"],
                      targets=tuple(Target(t) for t in f["targets"]), killed=f["killed"], injured=f["injured"])
    if draft.kind is Kind.INTERCEPTION:
        base["claimant"] = f["claimant"]
        return Interception(kind=Kind.INTERCEPTION, **base, attacker=f["attacker"], weapon=Weapon(f["weapon"]),
                            launched=f["launched"], intercepted=f["intercepted"],
                            admin1=tuple(f["admin1_list"]), water=f["water"])
    return Commitment(kind=Kind.COMMITMENT, **base, party=f["party"], stance=Stance(f["stance"]),
                      scope=Scope(f["scope"]))
