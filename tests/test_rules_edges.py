"""The day before, of and after the edges the v2 rules add, and the dataset-wide links
(a term tied to another treaty) through every answer that asks for a treaty's status."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from conftest import parse_json
from factories import SOURCE, dataset_document, minimal_treaty
from treatycli.model.treaty import Treaty
from treatycli.rules.parties import parties_answer, standing_of, standings
from treatycli.rules.status import assess, derived_entry, in_armed_conflict, status_as_of
from treatycli.rules.upcoming import upcoming

Invoke = Callable[..., Any]


def event(kind: str, on: str, **fields: Any) -> dict[str, Any]:
    return {"type": kind, "date": on, "source": SOURCE, **fields}


def tied_pair() -> dict[str, Treaty]:
    parent = minimal_treaty(
        id="parent",
        short_name="Parent",
        full_name="Parent Treaty",
        aliases=[],
        rules={"term": {"type": "fixed_end", "ends_on": "2015-12-05", "article": "XVII"}},
    )
    child = minimal_treaty(
        id="child",
        short_name="Child",
        full_name="Child Treaty",
        aliases=[],
        parties=["United States", "Russian Federation"],
        rules={
            "term": {"type": "tied_to", "treaty": "parent", "article": "VI"},
            "withdrawal": {"notice": "P6M", "article": "VI.3"},
        },
    )
    return {t["id"]: Treaty.model_validate(t) for t in (parent, child)}


def test_the_parties_of_a_tied_treaty_are_not_bound_once_the_other_ends() -> None:
    others = tied_pair()
    child = others["child"]
    before = parties_answer(child, date(2015, 12, 4), others)
    assert before.status.code == "in_force" and before.parties_on_day == 2
    after = parties_answer(child, date(2015, 12, 5), others)
    assert after.status.code == "expired"
    assert after.parties_on_day == 0
    assert not any(p.bound for p in standings(child, date(2015, 12, 5), others))
    us = standing_of(child, "US", date(2015, 12, 5), others)
    assert us is not None and not us.bound
    assert standing_of(child, "US", date(2015, 12, 4), others).bound  # type: ignore[union-attr]
    assert standing_of(child, "FR", date(2015, 12, 4), others) is None


def test_upcoming_knows_a_tied_treaty_has_ended() -> None:
    others = tied_pair()
    child = others["child"]
    notice = Treaty.model_validate(
        {
            **child.model_dump(mode="json"),
            "events": [
                *child.model_dump(mode="json")["events"],
                event("withdrawal_notice", "2015-09-01", party="United States"),
            ],
        }
    )
    others = {**others, "child": notice}
    ahead = upcoming([notice], date(2015, 10, 1), "P1Y", others)
    assert [d.date for d in ahead.deadlines] == [
        date(2015, 12, 5)
    ]  # the parent's end, not 2016-03-01
    assert assess(notice, date(2016, 1, 1), others).status.code == "expired"


def test_tied_treaty_through_the_cli(invoke: Invoke, write_yaml: Callable[..., Any]) -> None:
    others = tied_pair()
    path = write_yaml(
        dataset_document(
            *(t.model_dump(mode="json", exclude_defaults=True) for t in others.values())
        )
    )
    answer = parse_json(
        invoke("--data", str(path), "parties", "child", "--as-of", "2016-01-01", "--json").stdout
    )
    assert answer["status"]["code"] == "expired"
    assert answer["party_list"] == "complete"  # a bilateral treaty names both parties
    listed = parse_json(
        invoke(
            "--data", str(path), "list", "--party", "US", "--as-of", "2015-12-04", "--json"
        ).stdout
    )
    assert [r["id"] for r in listed["treaties"]] == ["child"]
    listed = parse_json(
        invoke(
            "--data", str(path), "list", "--party", "US", "--as-of", "2015-12-05", "--json"
        ).stdout
    )
    assert listed["treaties"] == []


def test_party_count_from_a_source_is_shown_from_its_day() -> None:
    raw = minimal_treaty(
        kind="multilateral", parties=[], rules={"term": {"type": "unlimited", "article": "X"}}
    )
    raw["party_count"] = {"count": 191, "as_of": "2021-08-10", "source": SOURCE}
    raw["events"].append(event("ratified", "2011-03-01", party="Finland"))
    t = Treaty.model_validate(raw)
    early = parties_answer(t, date(2021, 8, 9))
    assert early.party_count is None and early.party_count_as_of is None
    assert early.party_list == "partial"
    late = parties_answer(t, date(2021, 8, 10))
    assert late.party_count == 191 and late.party_count_as_of == date(2021, 8, 10)
    complete = Treaty.model_validate({**raw, "party_list": "complete"})
    assert parties_answer(complete, date(2021, 8, 10)).party_list == "complete"
    assert parties_answer(complete, date(2021, 8, 10)).parties_on_day == 1


def test_the_nth_instrument_counts_on_its_own_day() -> None:
    raw = minimal_treaty(
        kind="multilateral",
        parties=[],
        rules={
            "term": {"type": "unlimited", "article": "X"},
            "entry_into_force": {
                "condition": "on the 2nd instrument",
                "instruments": 2,
                "article": "Y",
            },
        },
    )
    raw["events"] = [
        event("opened_for_signature", "2000-01-01"),
        event("ratified", "2000-02-01", party="Finland"),
        event("acceded", "2000-03-01", party="Sweden"),
    ]
    t = Treaty.model_validate(raw)
    assert derived_entry(t, date(2000, 2, 29)) is None
    assert derived_entry(t, date(2000, 3, 1)) == date(2000, 3, 1)
    assert status_as_of(t, date(2000, 3, 1)).code == "in_force"


def test_an_armed_conflict_from_its_first_day_to_its_last() -> None:
    conflict = Treaty.model_validate(
        {
            **minimal_treaty(),
            "events": [
                *minimal_treaty()["events"],
                event("engaged_in_armed_conflict", "2020-01-10", party="Alpha", until="2020-03-01"),
            ],
        }
    ).events_by_party["alpha"]
    assert not in_armed_conflict(conflict, date(2020, 1, 9))
    assert in_armed_conflict(conflict, date(2020, 1, 10))
    assert in_armed_conflict(conflict, date(2020, 2, 29))
    assert not in_armed_conflict(conflict, date(2020, 3, 1))


def test_a_timely_non_renewal_notice_is_the_reason_it_ended() -> None:
    rules = {
        "term": {
            "type": "renewing",
            "length": "P5Y",
            "renewal": {"period": "P5Y", "notice_before": "P6M"},
            "article": "V",
        }
    }
    raw = minimal_treaty(rules=rules)
    raw["events"].append(event("non_renewal_notice", "2015-01-01", party="Alpha"))
    t = Treaty.model_validate(raw)
    a = assess(t, date(2015, 6, 1))
    assert a.expires_on == date(2016, 2, 5)
    assert "non-renewal" in a.expiry_basis  # type: ignore[operator]
    ended = status_as_of(t, date(2016, 2, 5))
    assert ended.code == "expired" and "non-renewal" in ended.reason
