"""Every derived event in full (day, kind, words, rule, party, note, future), for each shape.

Derived events are the deadlines ``upcoming`` lists and the calendar holds, so each field is
pinned here, as a reader would check it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from factories import COUNTED_ENTRY_RULES, SOURCE, minimal_treaty
from treatycli.model.treaty import Treaty
from treatycli.rules.status import assess
from treatycli.rules.timeline import build_timeline, derived_entries

Row = tuple[str, str, str, str, str, str | None, bool, str | None]


def event(kind: str, on: str, **fields: Any) -> dict[str, Any]:
    return {"type": kind, "date": on, "source": SOURCE, **fields}


def derived(treaty: Treaty, as_of: date) -> list[Row]:
    return [
        (
            e.date.isoformat(),
            e.type,
            e.description,
            e.rule.rule if e.rule else "",
            e.rule.article if e.rule else "",
            e.party,
            e.future,
            e.note,
        )
        for e in derived_entries(treaty, assess(treaty, as_of))
    ]


def build(events: list[dict[str, Any]] | None = None, **overrides: Any) -> Treaty:
    raw = minimal_treaty(**overrides)
    raw["events"] = [*raw["events"], *(events or [])]
    return Treaty.model_validate(raw)


def test_a_term_running_then_ended() -> None:
    t = build()
    assert derived(t, date(2020, 4, 14)) == [
        (
            "2021-02-05",
            "expires",
            "expires at the end of its term",
            "term",
            "Article 9.2",
            None,
            True,
            None,
        ),
        (
            "2021-02-04",
            "extension_deadline",
            "last day to agree an extension",
            "extension",
            "Article 9.2",
            None,
            True,
            None,
        ),
    ]
    assert derived(t, date(2021, 2, 5)) == [
        (
            "2021-02-05",
            "expired",
            "expired at the end of its term",
            "term",
            "Article 9.2",
            None,
            False,
            None,
        ),
    ]
    recorded = build([event("expired", "2021-02-05")])
    assert derived(recorded, date(2022, 1, 1)) == []


def test_an_extension_sets_the_rule_of_the_end() -> None:
    t = build([event("extended", "2021-02-03", until="2026-02-05")])
    assert derived(t, date(2027, 1, 1)) == [
        (
            "2026-02-05",
            "expired",
            "expired at the end of its term",
            "extension",
            "Article 9.2",
            None,
            False,
            None,
        ),
    ]


def test_withdrawals_pending_taken_and_disputed() -> None:
    rules = {
        "term": {"type": "unlimited", "article": "XV.1"},
        "withdrawal": {"notice": "P6M", "article": "XV.2"},
    }
    t = build(
        [
            event("withdrawal_notice", "2020-05-22", party="United States"),
            event(
                "withdrawal_notice", "2021-01-10", party="Alpha", disputed="the parties disagree"
            ),
        ],
        kind="multilateral",
        parties=[],
        rules=rules,
    )
    assert derived(t, date(2020, 6, 1)) == [
        (
            "2020-11-22",
            "withdrawal_effective",
            "withdrawal of the United States takes effect",
            "withdrawal",
            "XV.2",
            "United States",
            True,
            "notice given 2020-05-22",
        ),
    ]
    assert derived(t, date(2021, 2, 1)) == [
        (
            "2020-11-22",
            "withdrawal_effective",
            "withdrawal of the United States took effect",
            "withdrawal",
            "XV.2",
            "United States",
            False,
            "notice given 2020-05-22",
        ),
        (
            "2021-07-10",
            "withdrawal_effective_disputed",
            "withdrawal of Alpha would take effect by the notice period; its effect is disputed",
            "withdrawal",
            "XV.2",
            "Alpha",
            True,
            "notice given 2021-01-10; disputed: the parties disagree",
        ),
    ]
    bilateral = build([event("withdrawal_notice", "2019-02-02", party="Alpha")], rules=rules)
    assert derived(bilateral, date(2019, 3, 1))[0][2] == (
        "withdrawal of Alpha takes effect; the treaty terminates"
    )


def test_a_conference_and_a_derived_entry_into_force() -> None:
    conference = build(
        kind="multilateral",
        parties=[],
        rules={
            "term": {"type": "until_conference", "length": "P25Y", "article": "X.2"},
            "extension": {"decided_by": "conference", "indefinite_allowed": True, "article": "X.2"},
        },
    )
    assert derived(conference, date(2030, 1, 1)) == [
        (
            "2036-02-05",
            "conference_due",
            "a conference on its continuation is due",
            "term",
            "X.2",
            None,
            True,
            None,
        ),
    ]
    counted = Treaty.model_validate(
        {
            **minimal_treaty(
                kind="multilateral",
                parties=[],
                rules=COUNTED_ENTRY_RULES,
            ),
            "events": [
                event("opened_for_signature", "2020-01-01"),
                event("ratified", "2020-02-01", party="Alpha"),
                event("ratified", "2020-03-01", party="Beta"),
            ],
        }
    )
    entry = (
        "2020-05-30",
        "enters_into_force",
        "enters into force (counted from the instrument that completed the number)",
        "entry_into_force",
        "E",
        None,
    )
    assert [row[:6] for row in derived(counted, date(2020, 3, 1))] == [entry]
    assert derived(counted, date(2020, 3, 1))[0][6] is True
    assert derived(counted, date(2020, 2, 29)) == []
    timeline = build_timeline([counted], date(2020, 6, 1), {}).events
    assert [(e.date.isoformat(), e.type, e.origin) for e in timeline][-1] == (
        "2020-05-30",
        "enters_into_force",
        "derived",
    )


def test_a_renewing_term_lists_its_period_end_and_notice_deadline() -> None:
    t = build(
        rules={
            "term": {
                "type": "renewing",
                "length": "P5Y",
                "renewal": {"period": "P5Y", "notice_before": "P6M"},
                "article": "V",
            }
        }
    )
    assert derived(t, date(2017, 1, 1)) == [
        (
            "2021-02-05",
            "period_ends",
            "the current period ends; it renews unless a party gave notice in time",
            "term",
            "V",
            None,
            True,
            None,
        ),
        (
            "2020-08-05",
            "non_renewal_notice_deadline",
            "last day to give notice of non-renewal for the current period",
            "term",
            "V",
            None,
            True,
            None,
        ),
    ]
    ended = build(
        [event("non_renewal_notice", "2020-01-01", party="Alpha")],
        rules=t.rules.model_dump(mode="json", exclude_none=True),
    )
    assert derived(ended, date(2020, 6, 1)) == [
        ("2021-02-05", "expires", "expires at the end of its term", "term", "V", None, True, None),
    ]


def test_a_timeline_keeps_a_partys_events_and_the_treaty_wide_ones() -> None:
    from treatycli.model.treaty import party_key

    t = build(
        [
            event("suspended", "2015-01-01", party="United States"),
            event("suspended", "2016-01-01", party="Russian Federation"),
        ],
        parties=["United States", "Russian Federation"],
    )
    answer = build_timeline([t], date(2017, 1, 1), {}, parties=frozenset({party_key("US")}))
    assert [(e.type, e.party) for e in answer.events] == [
        ("signed", None),
        ("entered_into_force", None),
        ("suspended", "United States"),
        ("extension_deadline", None),
        ("expires", None),
    ]
    window = build_timeline([t], date(2017, 1, 1), {}, date(2015, 1, 1), date(2015, 12, 31))
    assert [e.type for e in window.events] == ["suspended"]
