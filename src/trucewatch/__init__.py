"""trucewatch: conflict news in, an evidence ledger out.

Pipeline: ingest → parse → extract → resolve → link → assess → store → serve.

The package imports nothing heavy on its own: `trucewatch.extract` and
`trucewatch.extract_document` load the pipeline the first time they are read,
so that `trucewatch --help` and the light commands start fast.
"""

from __future__ import annotations

import sys
import types
from typing import Any

__all__ = ["extract", "extract_document"]
__version__ = "0.1.0"


def _pipeline_member(name: str) -> Any:
    from trucewatch import pipeline

    return getattr(pipeline, name)


class _Package(types.ModuleType):
    """The package module, whose public functions are read from the pipeline on demand.

    Importing the subpackage `trucewatch.extract` would bind the attribute
    `extract` to that module; the setter ignores it, so `trucewatch.extract`
    stays the function (as it was when the pipeline was imported eagerly).
    """

    extract = property(lambda self: _pipeline_member("extract"), lambda self, value: None)
    extract_document = property(lambda self: _pipeline_member("extract_document"),
                                lambda self, value: None)


sys.modules[__name__].__class__ = _Package
