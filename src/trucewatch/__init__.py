"""trucewatch: conflict news in, an evidence ledger out.

Pipeline: ingest → parse → extract → resolve → link → assess → store → serve.
"""

from trucewatch.pipeline import extract, extract_document

__all__ = ["extract", "extract_document"]
__version__ = "0.1.0"
