"""Every recorded event says what happened, in timeline and show, whatever its type.

Written when the second dataset round brought accessions, successions, provisional application,
acceptances and statements with summaries into the built-in data, and timeline and show either
crashed on them ("unhandled event type") or said less than the record ("ratified" for an
instrument of acceptance, "statement by ..." without what was said).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from conftest import parse_json
from factories import SOURCE, minimal_treaty

Invoke = Callable[..., Any]

OFFICIAL = {**SOURCE, "kind": "official"}


def _multilateral(*events: dict[str, Any], **rules: Any) -> dict[str, Any]:
    treaty = minimal_treaty(
        kind="multilateral",
        rules={
            "term": {"type": "unlimited", "article": "10"},
            "withdrawal": {"notice": "P6M", "article": "11"},
            **rules,
        },
        events=[
            {"type": "opened_for_signature", "date": "2000-01-10", "source": OFFICIAL},
            {"type": "entered_into_force", "date": "2001-01-10", "source": OFFICIAL},
            *({"source": OFFICIAL, **e} for e in events),
        ],
    )
    del treaty["parties"]
    treaty["text"] = {"title": "Test treaty text", "kind": "official"}
    return {"schema_version": 2, "treaties": [treaty]}


EVENTS = [
    ({"type": "acceded", "date": "2002-03-04", "party": "Chile"}, "acceded to by Chile"),
    ({"type": "succeeded", "date": "2002-03-05", "party": "Slovakia"}, "succession by Slovakia"),
    (
        {"type": "provisionally_applied", "date": "2002-03-06", "party": "Peru"},
        "applied provisionally by Peru",
    ),
    (
        {"type": "ratified", "date": "2002-03-07", "party": "Japan", "instrument": "acceptance"},
        "accepted by Japan",
    ),
    (
        {"type": "ratified", "date": "2002-03-08", "party": "France", "instrument": "approval"},
        "approved by France",
    ),
    (
        {
            "type": "statement",
            "date": "2002-03-09",
            "party": "Norway",
            "summary": "Norway declares it will not deploy the system",
        },
        "statement by Norway: Norway declares it will not deploy the system",
    ),
    (
        {
            "type": "engaged_in_armed_conflict",
            "date": "2002-03-10",
            "until": "2002-04-10",
            "party": "Ukraine",
        },
        "Ukraine engaged in an armed conflict until 2002-04-10",
    ),
]


@pytest.mark.parametrize(("event", "words"), EVENTS, ids=[e["type"] for e, _ in EVENTS])
def test_timeline_and_show_say_what_happened(
    invoke: Invoke, write_yaml: Callable[..., Any], event: dict[str, Any], words: str
) -> None:
    path = str(write_yaml(_multilateral(event)))
    # A multilateral treaty's joining states are kept with --every-state, or by naming them.
    timeline = invoke(
        "--data",
        path,
        "timeline",
        "test-treaty",
        "--as-of",
        "2026-12-01",
        "--json",
        "--every-state",
    )
    assert timeline.exit_code == 0, timeline.stderr
    descriptions = [e["description"] for e in parse_json(timeline.stdout)["events"]]
    assert words in descriptions
    party = ["--party", event["party"]] if "party" in event else []
    show = invoke("--data", path, "show", "test-treaty", "--as-of", "2026-12-01", *party)
    assert show.exit_code == 0, show.stderr
    assert words in show.stdout


def test_an_acceptance_is_not_called_a_ratification(
    invoke: Invoke, write_yaml: Callable[..., Any]
) -> None:
    event = {"type": "ratified", "date": "2002-03-07", "party": "Japan", "instrument": "acceptance"}
    path = str(write_yaml(_multilateral(event)))
    result = invoke(
        "--data", path, "timeline", "test-treaty", "--as-of", "2026-12-01", "--party", "Japan"
    )
    assert "accepted by Japan" in result.stdout and "ratified by Japan" not in result.stdout


def test_show_describes_a_renewing_term(invoke: Invoke, write_yaml: Callable[..., Any]) -> None:
    term = {
        "type": "renewing",
        "length": "P5Y",
        "renewal": {"period": "P5Y", "notice_before": "P6M"},
        "article": "V",
    }
    path = str(write_yaml(_multilateral(term=term)))
    result = invoke("--data", path, "show", "test-treaty", "--as-of", "2026-12-01")
    assert result.exit_code == 0, result.stderr
    assert "then renewed for 5 years at a time" in result.stdout
    assert "at least 6 months before the end of a period" in result.stdout
