"""Builders for small test datasets."""

from __future__ import annotations

import copy
from typing import Any

SOURCE = {"title": "Test source", "publisher": "Test publisher", "url": "https://example.org/x"}


def minimal_treaty(**overrides: Any) -> dict[str, Any]:
    """A small valid bilateral treaty (10-year term, one 5-year extension, 3 months' notice)."""
    treaty: dict[str, Any] = {
        "id": "test-treaty",
        "short_name": "Test Treaty",
        "full_name": "Treaty for Testing the Rules",
        "aliases": ["TT"],
        "kind": "bilateral",
        "parties": ["Alpha", "Beta"],
        "text": {"title": "Test treaty text"},
        "rules": {
            "term": {"type": "fixed_length", "length": "P10Y", "article": "Article 9.2"},
            "extension": {
                "decided_by": "agreement",
                "max_period": "P5Y",
                "times": 1,
                "article": "Article 9.2",
            },
            "withdrawal": {"notice": "P3M", "article": "Article 9.3"},
        },
        "events": [
            {"type": "signed", "date": "2010-04-08", "place": "Prague", "source": SOURCE},
            {"type": "entered_into_force", "date": "2011-02-05", "source": SOURCE},
        ],
    }
    treaty.update(overrides)
    return treaty


# Entry into force 90 days after the second instrument (no treaty-specific floor).
COUNTED_ENTRY_RULES: dict[str, Any] = {
    "term": {"type": "unlimited", "article": "U"},
    "entry_into_force": {
        "condition": "90 days after the 2nd instrument",
        "instruments": 2,
        "offset": "P90D",
        "article": "E",
    },
}


def dataset_document(*treaties: dict[str, Any]) -> dict[str, Any]:
    return {"schema_version": 1, "treaties": [copy.deepcopy(t) for t in treaties]}


V1_FILE = """\
# kept: a comment
schema_version: 1
treaties:
  - id: t
    short_name: T
    full_name: T Treaty
    kind: bilateral
    parties: [United States, Russia]
    text: {title: x, kind: official}
    rules:
      term: {type: unlimited, article: "1"}
      withdrawal:
        notice: P6M
        notice_may_set_later_date: true
        earliest_notice_after_entry_into_force: P1Y
        article: "2"
    events:
      - {type: signed, date: 2000-01-01, source: {title: s, kind: official}}
"""
"""A version-1 file that version 2 accepts once migrated (two keys to rename)."""
