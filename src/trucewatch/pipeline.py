"""The pipeline, wired: the only module besides `serve/` that imports several stages.

ingest → parse → extract → resolve gives `ExtractionResult`s; `ingest_*` stores
them with their signatures (store), `link_store`/`find_incidents` link incidents
(link) and `assess_store` checks them against the agreements (assess). Batch
outputs (`trucewatch batch`) are stored as they are, without re-extracting.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from trucewatch.assess import AgreementAssessment, assess, load_agreements
from trucewatch.assess.score import FindingsScore, load_findings_gold, score_findings
from trucewatch.budget import BudgetExceeded, within
from trucewatch.errors import ConfigError, InputError
from trucewatch.extract import RULES_VERSION as _RULES_VERSION
from trucewatch.extract import extract_events
from trucewatch.ingest.language import not_english
from trucewatch.link import (
    EventRef,
    Incident,
    Provenance,
    Report,
    analyse_sources,
    commitments,
    event_refs,
    filter_incidents,
    link_incidents,
    signature,
)
from trucewatch.model import Document, ExtractionResult, ParsedDocument
from trucewatch.parse import parse_document
from trucewatch.resolve import resolve_events
from trucewatch.ledger import LedgerChange, ledger_current, relink, update_ledger
from trucewatch.store import Store, StoredDocument, content_hash, open_store
from trucewatch.store.base import event_from_dict

if TYPE_CHECKING:
    from trucewatch.batch import BatchRecord

T = TypeVar("T")

__all__ = [
    "EXTRACT_BUDGET_S",
    "PER_DOCUMENT_UPDATES",
    "IngestReport",
    "LinkedCorpus",
    "assess_corpus",
    "assess_store",
    "document_language",
    "ensure_ledger",
    "evaluate_findings",
    "extract",
    "extract_document",
    "extract_documents",
    "find_incidents",
    "ingest_batch_output",
    "ingest_documents",
    "ingest_paths",
    "ingest_sources",
    "link_store",
    "parse_document",
    "prepare_document",
    "prepare_unsigned",
    "relink_store",
    "within_budget",
]


def extract_document(document: Document) -> ExtractionResult:
    """Parse, extract and resolve one document."""
    parsed: ParsedDocument = parse_document(document)
    events = resolve_events(parsed, extract_events(parsed))
    return ExtractionResult(document.id, parsed.published, tuple(events))


def extract_documents(documents: Iterable[Document]) -> Iterator[ExtractionResult]:
    """Stream results, one per document, in input order."""
    for document in documents:
        yield extract_document(document)


def extract(
    text: str, published: dt.date | str | None = None, id: str = "text"
) -> ExtractionResult:
    """Extract events from one report's text (the public Python API)."""
    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    return extract_document(Document(id=id, text=text, published=published))


@dataclass(frozen=True, slots=True)
class IngestReport:
    """What one ingest did: new documents, ones already stored, and failures."""

    added: int
    unchanged: int
    events: int  # events of the added documents
    failed: tuple[InputError, ...] = ()
    not_english: tuple[tuple[str, str], ...] = ()  # (document, language code) of added ones


def _extractor_name() -> str:
    return _RULES_VERSION


def prepare_document(document: Document) -> StoredDocument:
    """Extract one document and package it for the store (hash, signature)."""
    result = extract_document(document)
    return StoredDocument(
        content_hash(document), document, result.published or document.published,
        result.events, signature(document.text), _extractor_name(),
    )


# The most one document may cost to extract, whatever its text. The rules are meant to be
# linear (issue 8); this bounds the worst case meanwhile and against any future regression.
EXTRACT_BUDGET_S = 20.0


def _where(document: Document) -> str:
    """The document's origin (or id) as printable text, for its error line."""
    return (document.origin or document.id).encode("utf-8", "backslashreplace").decode("utf-8")


def within_budget(
    work: Callable[[Document], T], document: Document, budget_s: float | None = EXTRACT_BUDGET_S
) -> T | InputError:
    """`work(document)`, or one InputError naming the document when it overruns or fails."""
    try:
        return within(budget_s, work, document)
    except BudgetExceeded as exc:
        return InputError(_where(document), f"extraction {exc}; document skipped")
    except Exception as exc:  # noqa: BLE001 - a failing document never stops a batch
        return InputError(_where(document), f"extraction failed ({exc!r})")


def _prepare_or_error(document: Document) -> StoredDocument | InputError:
    return within_budget(prepare_document, document, EXTRACT_BUDGET_S)


def _store_one(store: Store, stored: StoredDocument, update: bool = True) -> int | InputError:
    """Store one document (its own transaction, with the ledger's update unless deferred);
    InputError when the store refuses it."""
    try:
        return store.add_documents([stored], after=_update_ledger if update else None)
    except InputError as exc:
        return exc


def _ingest_strict(items: Iterable[Document | InputError], store: Store) -> IngestReport:
    """All or nothing: every item must read and extract, then one transaction stores all."""
    prepared: dict[str, StoredDocument] = {}
    for item in items:
        if isinstance(item, InputError):
            raise item
        stored = _prepare_or_error(item)
        if isinstance(stored, InputError):
            raise stored
        prepared.setdefault(stored.content_hash, stored)
    new = [s for s in prepared.values() if not store.has_document(s.content_hash)]
    added = store.add_documents(new, after=_update_ledger)
    events = sum(len(s.events) for s in new) if added == len(new) else 0
    foreign = tuple(x for s in new for x in document_language(s.document)) if added else ()
    return IngestReport(added, len(prepared) - added, events, (), foreign)


# An ingest updates the stored ledger with each of its first documents, in that document's
# transaction; past this many (a bulk load), it stores the rest alone and relinks once at the
# end, since a full relink costs less than thousands of updates of the same dense incidents.
# Until then (or if the process dies first) the ledger lags, and the next ingest or server
# start relinks it (`ensure_ledger`: the ledger records how many documents it covers).
PER_DOCUMENT_UPDATES = 500


def _update_ledger(tx: object, keys: list[str]) -> None:
    """Link and assess the new documents in their own transaction (the stored ledger)."""
    update_ledger(tx, keys)


def relink_store(store: Store) -> LedgerChange:
    """Rebuild the stored incidents and findings from the documents (`trucewatch relink`)."""
    with store.transaction() as tx:
        return relink(tx)


def ensure_ledger(store: Store) -> bool:
    """Rebuild the stored ledger when it does not cover every document (a store filled by
    bulk inserts, or upgraded from schema 1); True when it had to."""
    with store.reading() as tx:
        if ledger_current(tx):
            return False
    relink_store(store)
    return True


def ingest_documents(
    items: Iterable[Document | InputError], store: Store, strict: bool = False
) -> IngestReport:
    """Extract and store documents, one transaction each; known content is skipped.

    Bad items are reported and skipped; with `strict=True` the first one is
    raised and nothing is stored.
    """
    if strict:
        return _ingest_strict(items, store)
    added = unchanged = events = 0
    failed: list[InputError] = []
    foreign: list[tuple[str, str]] = []
    for item in items:
        if isinstance(item, InputError):
            failed.append(item)
            continue
        if store.has_document(content_hash(item)):
            unchanged += 1
            continue
        stored = _prepare_or_error(item)
        update = added < PER_DOCUMENT_UPDATES
        result = stored if isinstance(stored, InputError) else _store_one(store, stored, update)
        if isinstance(result, InputError):
            failed.append(result)
        elif not isinstance(stored, InputError) and result:
            added, events = added + 1, events + len(stored.events)
            foreign.extend(document_language(item))
        else:  # another writer stored it meanwhile
            unchanged += 1
    if added > PER_DOCUMENT_UPDATES:
        ensure_ledger(store)  # the deferred ones: one relink
    return IngestReport(added, unchanged, events, tuple(failed), tuple(foreign))


def document_language(document: Document) -> list[tuple[str, str]]:
    """[(document name, language code)] when the text is not English (the rules read English)."""
    code = not_english(document.text)
    return [(document_name(document), code)] if code else []


def document_name(document: Document) -> str:
    """How a warning names a document: where it was read from, and its id if that differs."""
    origin = document.origin
    if not origin or document.id in origin:
        return origin or document.id
    return f"{origin} ({document.id})"


def ingest_paths(
    paths: Sequence[str | Path], store: Store, strict: bool = False
) -> IngestReport:
    """Read files, folders or stdin (`-`), extract and store them."""
    from trucewatch.ingest import read_documents

    return ingest_documents(read_documents([str(p) for p in paths], strict=strict), store, strict)


@dataclass(frozen=True, slots=True)
class LinkedCorpus:
    """The stored reports, their provenance, events and incidents."""

    reports: tuple[Report, ...]
    provenance: dict[str, Provenance]
    refs: tuple[EventRef, ...]
    incidents: tuple[Incident, ...]

    @property
    def superseded(self) -> int:
        return sum(1 for p in self.provenance.values() if p.superseded_by)

    @property
    def wire_groups(self) -> int:
        return len({p.wire_group for p in self.provenance.values() if not p.superseded_by})


def link_store(store: Store) -> LinkedCorpus:
    """Link everything in the store: wire copies, versions, incidents."""
    reports = tuple(
        Report(s.content_hash, s.document, s.published, s.events, s.signature, order)
        for order, s in enumerate(store.documents())
    )
    provenance = analyse_sources(reports)
    refs = tuple(event_refs(reports, provenance))
    return LinkedCorpus(reports, provenance, refs, tuple(link_incidents(refs)))


def find_incidents(
    store: Store,
    since: dt.date | None = None,
    until: dt.date | None = None,
    region: str | None = None,
    kind: str | None = None,
    party: str | None = None,
) -> list[Incident]:
    """Incidents in the store, filtered by period, region, kind and attacking party."""
    corpus = link_store(store)
    return filter_incidents(corpus.incidents, since, until, region, kind, party)


def assess_store(
    store: Store,
    agreement_id: str | None = None,
    agreement_dirs: Sequence[str | Path] = (),
) -> list[AgreementAssessment]:
    """The compliance ledger over the store, for all agreements or one."""
    agreements = load_agreements(agreement_dirs)
    if agreement_id is not None and agreement_id not in {a.id for a in agreements}:
        known = ", ".join(sorted(a.id for a in agreements))
        raise ConfigError("--agreement", f"no agreement {agreement_id!r} (known: {known})")
    corpus = link_store(store)  # the agreements are read once, above
    return assess(agreements, corpus.incidents, commitments(corpus.refs), agreement_id)


def assess_corpus(
    corpus: LinkedCorpus,
    agreement_id: str | None = None,
    agreement_dirs: Sequence[str | Path] = (),
) -> list[AgreementAssessment]:
    """The ledger over an already linked corpus (so a caller holding one does not link twice)."""
    agreements = load_agreements(agreement_dirs)
    return assess(agreements, corpus.incidents, commitments(corpus.refs), agreement_id)


def evaluate_findings(gold_path: str | Path, corpus: str | Path | None = None) -> FindingsScore:
    """Score assess against a findings gold, over a fresh SQLite store of its corpus.

    The corpus is `corpus.jsonl` beside the gold unless given; it is ingested
    into a temporary database (the user's store is never touched).
    """
    gold = load_findings_gold(gold_path)
    source = Path(corpus) if corpus else Path(gold_path).parent / "corpus.jsonl"
    with tempfile.TemporaryDirectory(prefix="trucewatch-findings-") as folder:
        with open_store(Path(folder) / "findings-eval.db") as store:
            report = ingest_paths([source], store, strict=True)
            if report.failed:
                raise report.failed[0]
            ledger = assess_store(store)
    return score_findings(ledger, gold)


_BATCH_CHUNK = 500


def prepare_unsigned(document: Document) -> StoredDocument:
    """`prepare_document` without the MinHash signature (b"": computed when stored)."""
    result = extract_document(document)
    return StoredDocument(
        content_hash(document), document, result.published or document.published,
        result.events, b"", _extractor_name(),
    )


def _stored_from_batch(record: BatchRecord) -> StoredDocument:
    doc = record.document
    events = tuple(event_from_dict(data) for data in record.events)
    return StoredDocument(content_hash(doc), doc, record.published, events,
                          record.signature or signature(doc.text), record.extractor)


def ingest_batch_output(path: str | Path, store: Store, strict: bool = False) -> IngestReport:
    """Store the documents and events of a `trucewatch batch` output folder as they are."""
    from trucewatch.batch import read_batch_output

    added = unchanged = events = 0
    chunk: list[StoredDocument] = []
    for record in read_batch_output(path):
        stored = _stored_from_batch(record)
        if store.has_document(stored.content_hash):
            unchanged += 1
            continue
        chunk.append(stored)
        if len(chunk) >= _BATCH_CHUNK and not strict:
            new = store.add_documents(chunk)
            added, unchanged = added + new, unchanged + len(chunk) - new
            events, chunk = events + sum(len(s.events) for s in chunk), []
    new = store.add_documents(chunk) if chunk else 0
    events += sum(len(s.events) for s in chunk)
    ensure_ledger(store)  # bulk inserts: one relink at the end, not one update per document
    return IngestReport(added + new, unchanged + len(chunk) - new, events)


def ingest_sources(paths: Sequence[str | Path], store: Store, strict: bool = False) -> IngestReport:
    """`ingest_paths`, where a batch output folder is stored as it is, not re-extracted."""
    from trucewatch.batch import is_batch_output

    batch = [p for p in paths if str(p) != "-" and is_batch_output(p)]
    rest = [p for p in paths if p not in batch]
    reports = [ingest_batch_output(p, store, strict) for p in batch]
    if rest or not batch:
        reports.append(ingest_paths(rest, store, strict))
    return IngestReport(
        sum(r.added for r in reports), sum(r.unchanged for r in reports),
        sum(r.events for r in reports), tuple(e for r in reports for e in r.failed),
        tuple(x for r in reports for x in r.not_english),
    )
