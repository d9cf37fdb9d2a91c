"""Parse: datelines, update markers, sentences and quotations.

Entry point: `parse_document(document) -> ParsedDocument`. Pure and cheap
(precompiled regexes, data files read once at import); never raises on any
text. Every span indexes `document.text`; sentence spans are ordered and do
not overlap, and `sentence.text == document.text[start:end]`.

- `published`: the document's metadata, else a leading `date YYYY-MM-DD`
  marker, else a dateline date that carries its year, else a Censor.NET
  stamp ("19.09.22 23:54" → 2022-09-19), else None.
- Segments: split by update markers (see `updates`), 0 the newest; each has
  the wire dateline at its start (or at the start of its second line, after
  a headline), if any. A Censor.NET stamp is no Dateline (it names no place).
- Sentences: see `sentences`; marker sentences and the date marker are left
  out, wire datelines stay inside the first sentence.
- Quotations: see `quotes`.
"""

from __future__ import annotations

import datetime as dt

from trucewatch.model import Document, ParsedDocument, Segment, Sentence, Span
from trucewatch.parse.dateline import censor_date, read_date_marker
from trucewatch.parse.quotes import find_quotations
from trucewatch.parse.sentences import split_sentences
from trucewatch.parse.updates import segment_sentences

__all__ = ["parse_document"]


def parse_document(document: Document) -> ParsedDocument:
    """Segments, sentences and quotations of one report."""
    text = document.text
    content_start, marker_date = read_date_marker(text)
    spans, datelines = split_sentences(text, content_start)
    content, parts = segment_sentences(text, spans, content_start)
    segments: list[Segment] = []
    dateline_date: dt.date | None = None
    for start, end in parts:
        found = _first_dateline(datelines, start, end)
        if found is not None and dateline_date is None:
            dateline_date = found[1]
        segments.append(Segment(Span(start, end), found[0] if found else None))
    sentences = tuple(Sentence(Span(s, e), text[s:e], seg) for s, e, seg in content)
    published = document.published or marker_date or dateline_date
    if published is None:
        published = censor_date(text)
    return ParsedDocument(
        document=document,
        published=published,
        segments=tuple(segments),
        sentences=sentences,
        quotations=find_quotations(text, content),
    )


# A segment's dateline opens its story: after a headline, a byline or a few lines of page
# boilerplate, but not deep in the body (where "KYIV (AP) —" would quote another story).
_DATELINE_REACH = 1500


def _first_dateline(datelines: dict[int, tuple[Dateline, dt.date | None]], start: int,
                    end: int) -> tuple[Dateline, dt.date | None] | None:
    """The earliest dateline in the first stretch of a segment, or None."""
    inside = [k for k in datelines if start <= k < min(end, start + _DATELINE_REACH)]
    return datelines[min(inside)] if inside else None

