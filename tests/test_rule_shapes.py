"""The rule shapes of data format v2, each from data (never code per treaty), and its schema."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError

from conftest import parse_json
from factories import SOURCE, dataset_document, minimal_treaty
from treatycli.dataset.checks import treaty_problems
from treatycli.model.treaty import Treaty
from treatycli.rules.status import assess, status_as_of
from treatycli.rules.timeline import derived_entries

Invoke = Callable[..., Any]


def event(kind: str, on: str, **fields: Any) -> dict[str, Any]:
    return {"type": kind, "date": on, "source": SOURCE, **fields}


def build(rules: dict[str, Any], *events: dict[str, Any], **overrides: Any) -> Treaty:
    base = minimal_treaty(rules=rules, **overrides)
    base["events"] = [*base["events"], *events]
    return Treaty.model_validate(base)


UNLIMITED = {"type": "unlimited", "article": "XV.1"}


def test_no_withdrawal_clause_is_told_apart_from_a_clause_not_recorded() -> None:
    none = build({"term": UNLIMITED, "withdrawal": {"clause": "none", "article": "XIV-XVII"}})
    answer = assess(none, date(2020, 1, 1)).withdrawal
    assert not answer.available
    assert answer.clause == "none"
    assert answer.effective_if_notice_on_as_of == "never"
    unrecorded = assess(build({"term": UNLIMITED}), date(2020, 1, 1)).withdrawal
    assert unrecorded.clause == "not_recorded"
    assert unrecorded.effective_if_notice_on_as_of is None
    with pytest.raises(ValidationError, match="takes no notice"):
        build(
            {"term": UNLIMITED, "withdrawal": {"clause": "none", "notice": "P6M", "article": "X"}}
        )
    with pytest.raises(ValidationError, match="needs 'notice'"):
        build({"term": UNLIMITED, "withdrawal": {"article": "X"}})


def test_a_notice_under_no_clause_is_refused() -> None:
    t = build(
        {"term": UNLIMITED, "withdrawal": {"clause": "none", "article": "XIV"}},
        event("withdrawal_notice", "2020-01-01", party="Alpha"),
    )
    assert any("no withdrawal clause" in message for _, message in treaty_problems(t))


AT_LEAST = {
    "term": UNLIMITED,
    "withdrawal": {"notice": "P150D", "notice_is_minimum": True, "article": "XIX.2"},
}


def test_an_at_least_notice_may_name_a_later_day() -> None:
    named = build(
        AT_LEAST,
        event("withdrawal_notice", "2023-05-29", party="Alpha", effective="2023-11-07"),
        kind="multilateral",
        parties=[],
    )
    assert treaty_problems(named) == []
    [withdrawal] = assess(named, date(2023, 6, 1)).withdrawals
    assert withdrawal.effective_on == date(2023, 11, 7)
    plain = build(
        AT_LEAST,
        event("withdrawal_notice", "2023-05-29", party="Alpha"),
        kind="multilateral",
        parties=[],
    )
    [earliest] = assess(plain, date(2023, 6, 1)).withdrawals
    assert earliest.effective_on == date(2023, 10, 26)  # 150 days
    strict = build(
        {"term": UNLIMITED, "withdrawal": {"notice": "P6M", "article": "XV.2"}},
        event("withdrawal_notice", "2023-05-29", party="Alpha", effective="2024-01-01"),
    )
    assert any("is not an 'at least' notice" in m for _, m in treaty_problems(strict))


def test_a_notice_counted_from_receipt() -> None:
    rules = {
        "term": UNLIMITED,
        "withdrawal": {"notice": "P1Y", "counted_from": "receipt", "article": "XVI"},
    }
    t = build(rules, event("withdrawal_notice", "2020-01-10", party="Alpha", received="2020-01-20"))
    [withdrawal] = assess(t, date(2020, 2, 1)).withdrawals
    assert withdrawal.received_on == date(2020, 1, 20)
    assert withdrawal.effective_on == date(2021, 1, 20)
    assert status_as_of(t, date(2021, 1, 19)).code == "withdrawal_pending"
    assert status_as_of(t, date(2021, 1, 20)).code == "terminated_by_withdrawal"
    v1_text = {
        "term": UNLIMITED,
        "withdrawal": {"notice": "P1Y", "counted_from": "the notice", "article": "XVI"},
    }
    sent = build(
        v1_text, event("withdrawal_notice", "2020-01-10", party="Alpha", received="2020-01-20")
    )
    assert assess(sent, date(2020, 2, 1)).withdrawals[0].effective_on == date(2021, 1, 10)
    with pytest.raises(ValidationError, match="before the notice was sent"):
        build(rules, event("withdrawal_notice", "2020-01-10", party="Alpha", received="2020-01-01"))


RENEWING = {
    "term": {
        "type": "renewing",
        "length": "P5Y",
        "renewal": {"period": "P5Y", "notice_before": "P6M"},
        "article": "V",
    }
}


def test_a_renewing_term_renews_unless_notice_is_given_in_time() -> None:
    t = build(RENEWING)  # in force 2011-02-05: periods end 2016, 2021, 2026 (5 February)
    a = assess(t, date(2017, 1, 1))
    assert a.status.code == "in_force"
    assert a.expires_on == date(2021, 2, 5)
    assert not a.extension.possible and "renews" in a.extension.reason
    kinds = {e.type: e.date for e in derived_entries(t, a)}
    assert kinds["non_renewal_notice_deadline"] == date(2020, 8, 5)
    assert kinds["period_ends"] == date(2021, 2, 5)
    timely = build(RENEWING, event("non_renewal_notice", "2020-08-05", party="Alpha"))
    assert status_as_of(timely, date(2021, 2, 4)).code == "in_force"
    ended = status_as_of(timely, date(2021, 2, 5))
    assert ended.code == "expired" and ended.since == date(2021, 2, 5)
    late = build(RENEWING, event("non_renewal_notice", "2020-08-06", party="Alpha"))
    assert status_as_of(late, date(2021, 2, 5)).code == "in_force"  # too late: the next period
    assert status_as_of(late, date(2026, 2, 5)).code == "expired"
    with pytest.raises(ValidationError, match="renewing"):
        build(
            {
                "term": {
                    "type": "fixed_length",
                    "length": "P5Y",
                    "renewal": {"period": "P5Y", "notice_before": "P6M"},
                    "article": "V",
                }
            }
        )


def test_entry_into_force_has_a_floor() -> None:
    rules = {
        "term": UNLIMITED,
        "entry_into_force": {
            "condition": "180 days after the 2nd instrument, not before two years after opening",
            "instruments": 2,
            "offset": "P180D",
            "not_before": "1995-01-13",
            "article": "XXI",
        },
    }
    base = minimal_treaty(rules=rules, kind="multilateral", parties=[])
    base["events"] = [
        event("opened_for_signature", "1993-01-13"),
        event("ratified", "1993-06-01", party="Alpha"),
        event("ratified", "1993-07-01", party="Beta"),
    ]
    t = Treaty.model_validate(base)
    assert status_as_of(t, date(1995, 1, 12)).code == "signed_not_in_force"
    assert status_as_of(t, date(1995, 1, 13)).code == "in_force"  # the floor, not 1993-12-28
    later = {**base, "events": [*base["events"][:2], event("ratified", "1996-10-31", party="Beta")]}
    cwc = Treaty.model_validate(later)
    assert status_as_of(cwc, date(1997, 4, 29)).since == date(1997, 4, 29)  # 180 days after


def test_provisional_application_is_a_standing_of_its_own() -> None:
    from treatycli.rules.parties import standings

    base = minimal_treaty(rules={"term": UNLIMITED}, kind="multilateral", parties=[])
    base["events"] = [
        event("opened_for_signature", "2020-01-01"),
        event("signed", "2020-01-01", party="Alpha"),
        event("provisionally_applied", "2020-02-01", party="Alpha"),
    ]
    rows = standings(Treaty.model_validate(base), date(2020, 3, 1))
    assert rows[0].status == "provisionally_applying"
    assert not rows[0].bound
    everyone = {
        **base,
        "events": [
            event("opened_for_signature", "2020-01-01"),
            event("signed", "2020-01-01", party="Alpha"),
            event("provisionally_applied", "2020-02-01"),
        ],
    }
    assert standings(Treaty.model_validate(everyone), date(2020, 1, 31))[0].status == "signatory"
    later = standings(Treaty.model_validate(everyone), date(2020, 2, 1))
    assert later[0].status == "provisionally_applying"


def test_notes_tied_to_a_later_day_are_not_shown_earlier(
    invoke: Invoke, write_yaml: Callable[..., Any]
) -> None:
    doc = dataset_document(
        minimal_treaty(
            notes=[
                "Always true.",
                {"text": "Written after the withdrawal.", "written": "2025-01-01"},
            ]
        )
    )
    path = write_yaml(doc)
    early = invoke("--data", str(path), "show", "tt", "--as-of", "2020-01-01").stdout
    late = invoke("--data", str(path), "show", "tt", "--as-of", "2025-01-01").stdout
    assert "Always true." in early and "Written after" not in early
    assert "Written after the withdrawal." in late
    shown = parse_json(
        invoke("--data", str(path), "show", "tt", "--as-of", "2020-01-01", "--json").stdout
    )
    assert shown["treaty"]["notes"] == ["Always true."]


def test_version_two_asks_more_than_version_one(
    invoke: Invoke, write_yaml: Callable[..., Any]
) -> None:
    treaty = minimal_treaty(parties=["United States", "Russia"])
    treaty["events"].append(event("statement", "2020-01-01", party="Russia"))
    v1 = write_yaml(dataset_document(treaty))
    assert invoke("validate", str(v1)).exit_code == 0
    doc = dataset_document(treaty)
    doc["schema_version"] = 2
    v2 = write_yaml(doc)
    result = invoke("validate", str(v2))
    assert result.exit_code == 1
    assert "needs 'kind'" in result.stdout
    assert "statement needs a one-line 'summary'" in result.stdout
    unknown = dataset_document(minimal_treaty())  # parties Alpha and Beta: no such states
    unknown["schema_version"] = 2
    assert (
        "a party must name a state: unknown state 'Alpha'"
        in invoke("validate", str(write_yaml(unknown))).stdout
    )


def test_the_data_schema_documents_the_new_shapes(invoke: Invoke) -> None:
    schema = json.dumps(parse_json(invoke("schema", "data").stdout))
    for key in (
        "deferred_during_armed_conflict",
        "notice_is_minimum",
        "counted_from",
        "renewal",
        "notice_before",
        "for_later_states",
        "not_before",
        "instruments",
        "provisionally_applied",
        "engaged_in_armed_conflict",
        "received",
        "party_count",
        "armed conflict",
        "no withdrawal clause",
    ):
        assert key in schema, key


def test_version_two_counts_a_notice_from_its_sending_or_its_receipt(
    invoke: Invoke, write_yaml: Callable[..., Any]
) -> None:
    source = {"title": "T", "kind": "official"}
    treaty = minimal_treaty(parties=["United States", "Russia"], text=source)
    treaty["rules"]["withdrawal"]["counted_from"] = "written notice to the other Party"
    treaty["events"] = [{**e, "source": source} for e in treaty["events"]]
    doc = dataset_document(treaty)
    doc["schema_version"] = 2
    result = invoke("validate", str(write_yaml(doc)))
    assert "counted_from is 'notice' or 'receipt' in version 2" in result.stdout
    treaty["rules"]["withdrawal"]["counted_from"] = "receipt"
    doc = dataset_document(treaty)
    doc["schema_version"] = 2
    assert invoke("validate", str(write_yaml(doc))).exit_code == 0
