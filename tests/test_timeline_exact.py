"""The exact words, days, order and rule of a timeline's entries, at each edge.

Written from the survivors of a mutation run over ``rules/timeline.py`` (``bench/mutation.py
--only rules/timeline.py``): each test states the answer a reader expects, so that a change to
the words of an event, to which day a deadline falls on, or to what is left out, is noticed.
"""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise
from typing import Any

import pytest

from factories import COUNTED_ENTRY_RULES, SOURCE, minimal_treaty
from treatycli.model.treaty import Event, Treaty
from treatycli.rules.answers import RuleRef
from treatycli.rules.status import assess
from treatycli.rules.timeline import build_timeline, derived_entries, describe_recorded

NAMES = {"new-treaty": "New Treaty"}


def recorded(kind: str, **fields: Any) -> Event:
    return Event.model_validate({"type": kind, "date": "2001-02-03", "source": SOURCE, **fields})


WORDS = [
    ({"type": "adopted"}, "text adopted"),
    ({"type": "adopted", "place": "Geneva"}, "text adopted in Geneva"),
    ({"type": "opened_for_signature"}, "opened for signature"),
    ({"type": "opened_for_signature", "place": "Oslo"}, "opened for signature in Oslo"),
    ({"type": "signed"}, "signed"),
    ({"type": "signed", "place": "Prague"}, "signed in Prague"),
    ({"type": "signed", "party": "Chile"}, "signed by Chile"),
    (
        {"type": "signed", "party": "United States", "place": "Paris"},
        "signed by the United States in Paris",
    ),
    ({"type": "ratified", "party": "Chile"}, "ratified by Chile"),
    ({"type": "ratified", "party": "Chile", "instrument": "ratification"}, "ratified by Chile"),
    ({"type": "ratified", "party": "Chile", "instrument": "acceptance"}, "accepted by Chile"),
    ({"type": "ratified", "party": "Chile", "instrument": "approval"}, "approved by Chile"),
    ({"type": "acceded", "party": "Russian Federation"}, "acceded to by the Russian Federation"),
    ({"type": "succeeded", "party": "Slovakia"}, "succession by Slovakia"),
    ({"type": "provisionally_applied"}, "applied provisionally"),
    ({"type": "provisionally_applied", "party": "Peru"}, "applied provisionally by Peru"),
    (
        {"type": "engaged_in_armed_conflict", "party": "Ukraine"},
        "Ukraine engaged in an armed conflict",
    ),
    (
        {"type": "engaged_in_armed_conflict", "party": "Ukraine", "until": "2002-04-10"},
        "Ukraine engaged in an armed conflict until 2002-04-10",
    ),
    ({"type": "non_renewal_notice", "party": "Chile"}, "notice of non-renewal by Chile"),
    ({"type": "entered_into_force"}, "entered into force"),
    ({"type": "entered_into_force", "place": "Moscow"}, "entered into force in Moscow"),
    ({"type": "extended", "indefinitely": True}, "extended indefinitely"),
    ({"type": "extended", "until": "2011-02-05"}, "extended until 2011-02-05"),
    ({"type": "conference_decision"}, "decision of a conference of the parties"),
    ({"type": "suspended", "party": "Russian Federation"}, "suspended by the Russian Federation"),
    ({"type": "suspension_lifted", "party": "Chile"}, "suspension lifted by Chile"),
    (
        {"type": "withdrawal_notice", "party": "United States"},
        "notice of withdrawal by the United States",
    ),
    (
        {"type": "withdrawal_effective", "party": "United States"},
        "withdrawal of the United States took effect",
    ),
    (
        {"type": "declared_not_bound", "party": "Chile"},
        "Chile declared it no longer considers itself bound",
    ),
    ({"type": "ratification_revoked", "party": "Chile"}, "ratification revoked by Chile"),
    ({"type": "superseded", "by": "new-treaty"}, "superseded by New Treaty"),
    ({"type": "superseded", "by": "unnamed-treaty"}, "superseded by unnamed-treaty"),
    ({"type": "expired"}, "expired"),
    ({"type": "terminated"}, "terminated"),
    ({"type": "statement"}, "joint statement"),
    ({"type": "statement", "party": "Norway"}, "statement by Norway"),
    (
        {"type": "statement", "party": "Norway", "summary": "it will not deploy"},
        "statement by Norway: it will not deploy",
    ),
    ({"type": "expired", "summary": "by its own terms"}, "expired: by its own terms"),
]


@pytest.mark.parametrize(("fields", "words"), WORDS, ids=[w for _, w in WORDS])
def test_each_recorded_event_in_words(fields: dict[str, Any], words: str) -> None:
    kind = fields["type"]
    fields = {k: v for k, v in fields.items() if k != "type"}
    assert describe_recorded(recorded(kind, **fields), NAMES) == words


def event(kind: str, on: str, **fields: Any) -> dict[str, Any]:
    return {"type": kind, "date": on, "source": SOURCE, **fields}


def build(events: list[dict[str, Any]] | None = None, **overrides: Any) -> Treaty:
    raw = minimal_treaty(**overrides)
    raw["events"] = [*raw["events"], *(events or [])]
    return Treaty.model_validate(raw)


def derived(treaty: Treaty, as_of: date) -> list[tuple[str, str, bool, str]]:
    """Day, kind, whether still to come, and words of each derived event."""
    return [
        (e.date.isoformat(), e.type, e.future, e.description)
        for e in derived_entries(treaty, assess(treaty, as_of))
    ]


UNLIMITED = {
    "term": {"type": "unlimited", "article": "XV.1"},
    "withdrawal": {"notice": "P6M", "article": "XV.2"},
}


@pytest.mark.parametrize(
    ("as_of", "future", "verb"),
    [
        (date(2020, 11, 21), True, "takes"),
        (date(2020, 11, 22), False, "took"),
        (date(2020, 11, 23), False, "took"),
    ],
)
def test_a_withdrawal_the_day_before_of_and_after_it_takes_effect(
    as_of: date, future: bool, verb: str
) -> None:
    t = build(
        [event("withdrawal_notice", "2020-05-22", party="United States")],
        kind="multilateral",
        parties=[],
        rules=UNLIMITED,
    )
    assert derived(t, as_of) == [
        (
            "2020-11-22",
            "withdrawal_effective",
            future,
            f"withdrawal of the United States {verb} effect",
        ),
    ]


def test_the_term_the_day_before_of_and_after_each_deadline() -> None:
    t = build()  # in force 2011-02-05, ten years, one extension agreed before the end
    expires = ("2021-02-05", "expires", True, "expires at the end of its term")
    assert derived(t, date(2021, 2, 3)) == [
        expires,
        ("2021-02-04", "extension_deadline", True, "last day to agree an extension"),
    ]
    assert derived(t, date(2021, 2, 4)) == [
        expires,
        ("2021-02-04", "extension_deadline", False, "last day to agree an extension"),
    ]
    expired = [("2021-02-05", "expired", False, "expired at the end of its term")]
    assert derived(t, date(2021, 2, 5)) == expired
    assert derived(t, date(2021, 2, 6)) == expired


def test_a_bilateral_withdrawal_cancels_the_deadlines_after_it() -> None:
    t = build([event("withdrawal_notice", "2020-05-22", party="Alpha")])
    ends = "withdrawal of Alpha {} effect; the treaty terminates"
    assert derived(t, date(2020, 6, 1)) == [
        ("2020-08-22", "withdrawal_effective", True, ends.format("takes")),
    ]
    assert derived(t, date(2020, 8, 22)) == [
        ("2020-08-22", "withdrawal_effective", False, ends.format("took")),
    ]


def test_ties_keep_the_treaty_order_then_the_record_before_the_rules() -> None:
    first = build(
        [
            event("withdrawal_notice", "2020-05-22", party="Alpha"),
            event("statement", "2020-08-22", party="Beta", summary="second in the file"),
            event("statement", "2020-08-22", party="Alpha", summary="third in the file"),
        ]
    )
    second = build([event("statement", "2020-08-22", summary="other treaty")], id="second")
    on_the_day = [
        (e.treaty.id, e.origin, e.description)
        for e in build_timeline([first, second], date(2020, 9, 1), {}).events
        if e.date == date(2020, 8, 22)
    ]
    assert on_the_day == [
        ("test-treaty", "recorded", "statement by Beta: second in the file"),
        ("test-treaty", "recorded", "statement by Alpha: third in the file"),
        ("test-treaty", "derived", "withdrawal of Alpha took effect; the treaty terminates"),
        ("second", "recorded", "joint statement: other treaty"),
    ]
    reversed_order = build_timeline([second, first], date(2020, 9, 1), {}).events
    assert [e.treaty.id for e in reversed_order if e.date == date(2020, 8, 22)] == [
        "second",
        "test-treaty",
        "test-treaty",
        "test-treaty",
    ]


def test_a_range_includes_its_first_and_last_days() -> None:
    t = build()
    days = [date(2010, 4, 8), date(2011, 2, 5), date(2021, 2, 4), date(2021, 2, 5)]
    answer = build_timeline([t], date(2020, 1, 1), {})
    assert [e.date for e in answer.events] == days
    for start, end in pairwise(days):
        window = build_timeline([t], date(2020, 1, 1), {}, start, end).events
        assert [e.date for e in window] == [start, end]
        after = build_timeline([t], date(2020, 1, 1), {}, start + timedelta(days=1), end).events
        assert [e.date for e in after] == [end]
        before = build_timeline([t], date(2020, 1, 1), {}, start, end - timedelta(days=1)).events
        assert [e.date for e in before] == [start]


@pytest.mark.parametrize(
    ("as_of", "future"),
    [(date(2020, 2, 4), True), (date(2020, 2, 5), False), (date(2020, 2, 6), False)],
)
def test_the_last_day_to_meet_on_an_extension(as_of: date, future: bool) -> None:
    extension = {
        "decided_by": "agreement",
        "max_period": "P5Y",
        "times": 1,
        "consider_before": "P1Y",
        "article": "9.4",
    }
    t = build(
        rules={
            "term": {"type": "fixed_length", "length": "P10Y", "article": "9.1"},
            "extension": extension,
        }
    )
    entries = derived_entries(t, assess(t, as_of))
    assert [(e.date.isoformat(), e.type, e.future, e.description, e.rule) for e in entries] == [
        (
            "2021-02-05",
            "expires",
            True,
            "expires at the end of its term",
            RuleRef(rule="term", article="9.1"),
        ),
        (
            "2020-02-05",
            "extension_consultation_due",
            future,
            "last day for the parties to meet on an extension",
            RuleRef(rule="extension", article="9.4"),
        ),
        (
            "2021-02-04",
            "extension_deadline",
            True,
            "last day to agree an extension",
            RuleRef(rule="extension", article="9.4"),
        ),
    ]


CONFERENCE = {
    "term": {"type": "until_conference", "length": "P25Y", "article": "X.2"},
    "extension": {"decided_by": "conference", "indefinite_allowed": True, "article": "X.3"},
}


@pytest.mark.parametrize(
    ("as_of", "future"),
    [(date(2036, 2, 4), True), (date(2036, 2, 5), False), (date(2036, 2, 6), False)],
)
def test_a_conference_due_the_day_before_of_and_after(as_of: date, future: bool) -> None:
    t = build(kind="multilateral", parties=[], rules=CONFERENCE)
    assert derived(t, as_of) == [
        ("2036-02-05", "conference_due", future, "a conference on its continuation is due")
    ]


def test_no_conference_is_due_for_a_treaty_already_terminated() -> None:
    t = build(
        [event("terminated", "2030-01-01")], kind="multilateral", parties=[], rules=CONFERENCE
    )
    assert derived(t, date(2031, 1, 1)) == []


def test_no_conference_is_due_for_a_treaty_terminated_before_it() -> None:
    t = build(
        [event("terminated", "2030-01-01")], kind="multilateral", parties=[], rules=CONFERENCE
    )
    assert derived(t, date(2037, 1, 1)) == []


FIXED = {
    "term": {"type": "fixed_length", "length": "P10Y", "article": "9.2"},
    "withdrawal": {"notice": "P6M", "article": "9.3"},
}


def test_a_withdrawal_due_after_the_treaty_expired_never_takes_effect() -> None:
    t = build(
        [
            event("withdrawal_notice", "2020-12-01", party="Alpha"),  # effect 2021-06-01
            event("withdrawal_notice", "2020-06-01", party="Beta", disputed="not accepted"),
        ],
        kind="multilateral",
        parties=[],
        rules=FIXED,
    )
    disputed = (
        "2020-12-01",
        "withdrawal_effective_disputed",
        False,
        "withdrawal of Beta would take effect by the notice period; its effect is disputed",
    )
    assert derived(t, date(2020, 12, 15)) == [
        ("2021-02-05", "expires", True, "expires at the end of its term"),
        disputed,
    ]
    assert derived(t, date(2022, 1, 1)) == [
        ("2021-02-05", "expired", False, "expired at the end of its term"),
        disputed,
    ]


def test_a_recorded_effect_replaces_the_counted_one() -> None:
    t = build(
        [
            event("withdrawal_notice", "2020-01-01", party="Alpha"),
            event("withdrawal_effective", "2020-07-01", party="Alpha"),
        ],
        kind="multilateral",
        parties=[],
        rules=FIXED,
    )
    expires = ("2021-02-05", "expires", True, "expires at the end of its term")
    assert derived(t, date(2020, 3, 1)) == [
        expires,
        ("2020-07-01", "withdrawal_effective", True, "withdrawal of Alpha takes effect"),
    ]
    assert derived(t, date(2020, 8, 1)) == [expires]


def test_joining_steps_left_out_are_counted_within_the_range_ends_included() -> None:
    t = build(
        [
            event("signed", "2012-01-01", party="Chile"),
            event("ratified", "2012-06-01", party="Chile"),
            event("acceded", "2013-01-01", party="Peru"),
            event("withdrawal_notice", "2014-01-01", party="Peru"),
        ],
        kind="multilateral",
        parties=[],
        rules=UNLIMITED,
    )

    def left_out(start: date | None, end: date | None) -> int:
        return build_timeline([t], date(2020, 1, 1), {}, start, end).joining_steps_left_out

    assert left_out(None, None) == 3
    assert left_out(date(2012, 1, 1), date(2013, 1, 1)) == 3
    assert left_out(date(2012, 1, 2), date(2013, 1, 1)) == 2
    assert left_out(date(2012, 1, 1), date(2012, 12, 31)) == 2
    assert left_out(date(2012, 6, 1), date(2012, 6, 1)) == 1
    every = build_timeline([t], date(2020, 1, 1), {}, every_state=True)
    assert every.joining_steps_left_out == 0
    assert [e.type for e in every.events if e.party == "Chile"] == ["signed", "ratified"]
    kept = build_timeline([t], date(2020, 1, 1), {})
    assert [(e.type, e.party) for e in kept.events if e.party is not None] == [
        ("withdrawal_notice", "Peru"),
        ("withdrawal_effective", "Peru"),
    ]


def test_a_term_tied_to_another_treaty_ends_with_it_in_the_timeline() -> None:
    parent = build(
        id="parent", rules={"term": {"type": "fixed_length", "length": "P10Y", "article": "9"}}
    )
    child = build(
        id="child", rules={"term": {"type": "tied_to", "treaty": "parent", "article": "VI"}}
    )
    others = {"parent": parent, "child": child}
    tied = RuleRef(rule="term", article="VI")

    def derived_in_timeline(as_of: date) -> list[tuple[str, str, RuleRef | None]]:
        events = build_timeline([child], as_of, {}, others=others).events
        return [(e.date.isoformat(), e.type, e.rule) for e in events if e.origin == "derived"]

    assert derived_in_timeline(date(2021, 2, 4)) == [("2021-02-05", "expires", tied)]
    assert derived_in_timeline(date(2021, 2, 5)) == [("2021-02-05", "expired", tied)]


def test_joining_steps_left_out_are_summed_over_the_treaties() -> None:
    def joined(treaty_id: str, *states: str) -> Treaty:
        steps = [event("acceded", f"2012-0{n + 1}-01", party=s) for n, s in enumerate(states)]
        return build(steps, id=treaty_id, kind="multilateral", parties=[], rules=UNLIMITED)

    treaties = [
        joined("a", "Chile", "Peru"),
        joined("b", "Chile"),
        joined("c", "Peru", "Chile", "Cuba"),
    ]
    assert build_timeline(treaties, date(2020, 1, 1), {}).joining_steps_left_out == 6


def test_a_recorded_entry_into_force_is_not_counted_again() -> None:
    steps = [
        event("opened_for_signature", "2020-01-01"),
        event("ratified", "2020-02-01", party="Alpha"),
        event("ratified", "2020-03-01", party="Beta"),
    ]
    base = minimal_treaty(kind="multilateral", parties=[], rules=COUNTED_ENTRY_RULES)
    counted = Treaty.model_validate({**base, "events": steps})
    assert derived(counted, date(2020, 6, 1)) == [
        (
            "2020-05-30",
            "enters_into_force",
            False,
            "enters into force (counted from the instrument that completed the number)",
        )
    ]
    recorded = Treaty.model_validate(
        {**base, "events": [*steps, event("entered_into_force", "2020-05-30")]}
    )
    assert derived(recorded, date(2020, 6, 1)) == []


def test_a_conference_due_before_a_later_extension_is_known() -> None:
    extended = build(
        [event("extended", "2036-01-20", until="2046-02-05")],
        kind="multilateral",
        parties=[],
        rules=CONFERENCE,
    )
    due = "a conference on its continuation is due"

    def conferences(as_of: date) -> list[tuple[str, str, bool, str]]:
        # Only the conference: what else a fixed-period extension implies is issue 9, case 5.
        return [row for row in derived(extended, as_of) if row[1] == "conference_due"]

    assert conferences(date(2036, 1, 19)) == [("2036-02-05", "conference_due", True, due)]
    assert conferences(date(2036, 1, 20)) == [("2046-02-05", "conference_due", True, due)]


def test_a_conference_due_the_day_the_treaty_ended() -> None:
    t = build(
        [event("terminated", "2036-02-05")], kind="multilateral", parties=[], rules=CONFERENCE
    )
    assert derived(t, date(2036, 2, 5)) == [
        ("2036-02-05", "conference_due", False, "a conference on its continuation is due")
    ]


def test_every_pending_withdrawal_is_listed_after_a_recorded_or_disputed_one() -> None:
    t = build(
        [
            event("withdrawal_notice", "2019-01-10", party="Alpha"),
            event("withdrawal_effective", "2019-07-10", party="Alpha"),
            event("withdrawal_notice", "2019-02-10", party="Beta", disputed="not accepted"),
            event("withdrawal_notice", "2019-03-10", party="Gamma"),
        ],
        kind="multilateral",
        parties=[],
        rules=UNLIMITED,
    )
    assert [(row[0], row[1], row[3]) for row in derived(t, date(2019, 8, 1))] == [
        (
            "2019-08-10",
            "withdrawal_effective_disputed",
            "withdrawal of Beta would take effect by the notice period; its effect is disputed",
        ),
        ("2019-09-10", "withdrawal_effective", "withdrawal of Gamma takes effect"),
    ]
