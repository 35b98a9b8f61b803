"""The seven wrong answers of issue 9, each pinned by the smallest dataset that showed it.

Each test fails on the rules as they were before the issue (the comment says what they said).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from conftest import parse_json
from factories import SOURCE, dataset_document, minimal_treaty
from treatycli.dataset.checks import treaty_problems
from treatycli.model.treaty import Treaty
from treatycli.rules.status import assess, status_as_of
from treatycli.rules.timeline import derived_entries
from treatycli.rules.upcoming import upcoming

Invoke = Callable[..., Any]


def build(events: list[dict[str, Any]] | None = None, **overrides: Any) -> Treaty:
    """The factory's treaty with ``events`` added to its own (or to ``base_events``)."""
    base_events = overrides.pop("base_events", None)
    base = minimal_treaty(**overrides)
    base["events"] = [*(base_events or base["events"]), *(events or [])]
    return Treaty.model_validate(base)


def event(kind: str, on: str, **fields: Any) -> dict[str, Any]:
    return {"type": kind, "date": on, "source": SOURCE, **fields}


MONTHLY = {
    "term": {"type": "fixed_length", "length": "P1Y", "article": "9"},
    "extension": {"decided_by": "agreement", "period": "P1M", "times": 2, "article": "10"},
}
MONTH_END = [event("signed", "2020-01-01"), event("entered_into_force", "2020-01-31")]


# 1. Extension counting agrees with validation at month ends --------------------------------


def test_latest_expiry_promised_is_the_end_validation_accepts() -> None:
    before = build(base_events=MONTH_END, rules=MONTHLY)
    # Before: 2021-03-31 (two months added in one step from 2021-01-31).
    assert assess(before, date(2020, 6, 1)).extension.latest_possible_expiry == date(2021, 3, 28)
    first = build(
        base_events=[*MONTH_END, event("extended", "2021-01-15", until="2021-02-28")],
        rules=MONTHLY,
    )
    assert treaty_problems(first) == []
    assert assess(first, date(2021, 2, 1)).extension.latest_possible_expiry == date(2021, 3, 28)
    second = build(
        base_events=[
            *MONTH_END,
            event("extended", "2021-01-15", until="2021-02-28"),
            event("extended", "2021-02-15", until="2021-03-28"),
        ],
        rules=MONTHLY,
    )
    assert treaty_problems(second) == []


def test_extend_check_promises_the_same_end_before_and_after_the_first_extension(
    invoke: Invoke, write_yaml: Callable[..., Any]
) -> None:
    doc = dataset_document(minimal_treaty(rules=MONTHLY, events=MONTH_END))
    path = write_yaml(doc)
    answer = parse_json(
        invoke("--data", str(path), "extend-check", "tt", "--as-of", "2020-06-01", "--json").stdout
    )
    assert answer["extension"]["latest_possible_expiry"] == "2021-03-28"


# 2. A term tied to another treaty ends with it ---------------------------------------------


def test_a_tied_term_ends_when_the_other_treaty_ends() -> None:
    parent = build(
        id="parent",
        short_name="Parent",
        full_name="Parent Treaty",
        aliases=[],
        rules={"term": {"type": "fixed_end", "ends_on": "2015-12-05", "article": "XVII"}},
    )
    child = build(
        id="child",
        short_name="Child",
        full_name="Child Treaty",
        aliases=[],
        rules={"term": {"type": "tied_to", "treaty": "parent", "article": "VI"}},
    )
    others = {"parent": parent, "child": child}
    # Before: "in force" in 2020, forever.
    assert status_as_of(child, date(2015, 12, 4), others).code == "in_force"
    ended = status_as_of(child, date(2020, 1, 1), others)
    assert ended.code == "expired"
    assert ended.since == date(2015, 12, 5)
    assert "parent" in ended.reason


# 3. A suspension does not outlive the suspending party's withdrawal -------------------------


CFE_LIKE: dict[str, Any] = {
    "kind": "multilateral",
    "parties": [],
    "rules": {
        "term": {"type": "unlimited", "article": "XIX.1"},
        "withdrawal": {"notice": "P150D", "notice_is_minimum": True, "article": "XIX.2"},
    },
    "base_events": [event("signed", "1990-11-19"), event("entered_into_force", "1992-11-09")],
}


def test_a_suspension_ends_when_the_suspending_party_is_out() -> None:
    cfe = build(
        events=[
            event("suspended", "2007-07-14", party="Russia", effective="2007-12-12"),
            event("withdrawal_notice", "2023-05-29", party="Russia"),
            event("withdrawal_effective", "2023-11-07", party="Russia"),
        ],
        **CFE_LIKE,
    )
    assert status_as_of(cfe, date(2007, 12, 11)).code == "in_force"  # decreed, not yet effective
    suspended = status_as_of(cfe, date(2020, 1, 1))
    assert suspended.code == "suspended"
    assert suspended.since == date(2007, 12, 12)
    # Before: "in force, suspended by a party (2007-12-12)" in 2026.
    assert status_as_of(cfe, date(2026, 1, 1)).code == "in_force"
    assert assess(cfe, date(2026, 1, 1)).suspended_by == []


# 4. "Suspended since" is the earliest suspension still active -----------------------------


def test_suspended_since_is_the_earliest_active_suspension() -> None:
    t = build(
        events=[
            event("suspended", "2015-01-01", party="Alpha"),
            event("suspended", "2018-01-01", party="Beta"),
            event("suspended", "2019-01-01", party="Alpha"),  # a second act, same spell
        ]
    )
    # Before: since 2019-01-01 (the latest suspension).
    assert status_as_of(t, date(2020, 1, 1)).since == date(2015, 1, 1)
    lifted = build(
        events=[
            event("suspended", "2015-01-01", party="Alpha"),
            event("suspended", "2018-01-01", party="Beta"),
            event("suspension_lifted", "2019-01-01", party="Alpha"),
        ]
    )
    assert status_as_of(lifted, date(2020, 1, 1)).since == date(2018, 1, 1)


# 5. A fixed-period extension decided by a conference -----------------------------------------


def test_a_conference_extension_to_a_fixed_date_sets_the_next_decision() -> None:
    npt_like = build(
        events=[event("extended", "1995-05-11", until="2020-03-05")],
        kind="multilateral",
        parties=[],
        rules={
            "term": {"type": "until_conference", "length": "P25Y", "article": "X.2"},
            "extension": {"decided_by": "conference", "period": "P25Y", "article": "X.2"},
        },
        base_events=[
            event("opened_for_signature", "1968-07-01"),
            event("entered_into_force", "1970-03-05"),
        ],
    )
    assert treaty_problems(npt_like) == []
    ext = assess(npt_like, date(2000, 1, 1)).extension
    # Before: "a conference is due on 1995-03-05" and no decide-before date.
    assert ext.possible
    assert ext.conference_due == date(2020, 3, 5)
    assert ext.decide_before == date(2020, 3, 5)
    assert ext.next_expiry_if_extended == date(2045, 3, 5)
    assert status_as_of(npt_like, date(2020, 3, 5)).code == "expired"


# 6. Nothing is scheduled after a bilateral treaty ends by withdrawal ------------------------


def test_no_deadline_after_a_pending_withdrawal_ends_the_treaty(
    invoke: Invoke, write_yaml: Callable[..., Any]
) -> None:
    t = build(events=[event("withdrawal_notice", "2020-09-01", party="Alpha")])
    as_of = date(2020, 10, 15)
    a = assess(t, as_of)
    # Before: extension possible, decide before 2021-02-05, after the treaty ends on 2020-12-01.
    assert a.status.code == "withdrawal_pending"
    assert not a.extension.possible
    assert "2020-12-01" in a.extension.reason
    kinds = {e.type for e in derived_entries(t, a) if e.future}
    assert kinds == {"withdrawal_effective"}
    ahead = upcoming([t], as_of, "P20Y")
    assert [d.type for d in ahead.deadlines] == ["withdrawal_effective"]
    assert ahead.deadlines[0].date == date(2020, 12, 1)
    path = write_yaml(
        dataset_document(minimal_treaty(events=[*t.model_dump(mode="json")["events"]]))
    )
    answer = parse_json(
        invoke(
            "--data", str(path), "upcoming", "--as-of", "2020-10-15", "--within", "5y", "--json"
        ).stdout
    )
    assert [d["type"] for d in answer["deadlines"]] == ["withdrawal_effective"]


# 7. The end of the calendar is not a real day ----------------------------------------------


def test_a_notice_whose_effect_falls_after_9999_is_never_in_effect() -> None:
    t = build(
        events=[
            event("signed", "9998-01-01"),
            event("entered_into_force", "9998-06-01"),
            event("withdrawal_notice", "9999-12-01", party="Alpha"),
        ],
        rules={
            "term": {"type": "unlimited", "article": "XV.1"},
            "withdrawal": {"notice": "P6M", "article": "XV.2"},
        },
    )
    status = status_as_of(t, date(9999, 12, 31))
    # Before: "terminated 9999-12-31".
    assert status.code == "withdrawal_pending"
    a = assess(t, date(9999, 12, 31))
    assert a.withdrawals[0].effective_on == "after 9999-12-31"
    assert not a.withdrawals[0].in_effect


def test_a_notice_given_near_the_end_of_the_calendar_is_no_day_of_it(
    invoke: Invoke, write_yaml: Callable[..., Any]
) -> None:
    doc = dataset_document(
        minimal_treaty(
            rules={
                "term": {"type": "unlimited", "article": "XV.1"},
                "withdrawal": {"notice": "P6M", "article": "XV.2"},
            }
        )
    )
    path = write_yaml(doc)
    result = invoke("--data", str(path), "extend-check", "tt", "--as-of", "9999-11-01")
    assert result.exit_code == 0
    assert "9999-12-31" not in result.stdout.replace("after 9999-12-31", "")
    assert "after 9999-12-31" in result.stdout
