"""The public API is explicit and pinned: a change to it is a decision, not an accident."""

from __future__ import annotations

import trucewatch


def test_exported_members() -> None:
    assert sorted(trucewatch.__all__) == ["extract", "extract_document"]
    for name in trucewatch.__all__:
        assert callable(getattr(trucewatch, name))
