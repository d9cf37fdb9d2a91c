"""Parse: datelines, update markers, sentences and quotations.

Entry point: `parse_document(document) -> ParsedDocument`.
(Provisional minimal version; the full parser replaces it.)
"""

from __future__ import annotations

import re

from trucewatch.model import Document, ParsedDocument, Segment, Sentence, Span

__all__ = ["parse_document"]

_SENTENCE = re.compile(r"[^\n.!?]+(?:[.!?]+[\"”’]?|$)", re.M)


def parse_document(document: Document) -> ParsedDocument:
    text = document.text
    sentences = []
    for m in _SENTENCE.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            sentences.append(Sentence(Span(s, e), text[s:e], 0))
    segment = Segment(Span(0, len(text)), None)
    return ParsedDocument(document, document.published, (segment,), tuple(sentences), ())
