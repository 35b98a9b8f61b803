"""``upcoming``: which deadlines a window holds (both ends included), their order, days left
and calendar UIDs, exactly."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from factories import SOURCE, minimal_treaty
from treatycli.model.treaty import Treaty, party_key
from treatycli.rules.upcoming import deadline_uid, parse_window, upcoming


def build(*events: dict[str, Any], **overrides: Any) -> Treaty:
    raw = minimal_treaty(**overrides)
    raw["events"] = [*raw["events"], *events]
    return Treaty.model_validate(raw)


def rows(treaties: list[Treaty], as_of: date, within: str, **options: Any) -> list[tuple[Any, ...]]:
    answer = upcoming(treaties, as_of, within, **options)
    return [
        (d.date.isoformat(), d.days_left, d.treaty.id, d.type, d.party) for d in answer.deadlines
    ]


# minimal_treaty: in force 2011-02-05 for ten years; last day to agree an extension 2021-02-04.
@pytest.mark.parametrize(
    ("as_of", "within", "expected"),
    [
        (date(2021, 1, 4), "P1M", [("2021-02-04", 31, "test-treaty", "extension_deadline", None)]),
        (date(2021, 1, 3), "P1M", []),
        (
            date(2021, 2, 4),
            "P1D",
            [
                ("2021-02-05", 1, "test-treaty", "expires", None),
                ("2021-02-04", 0, "test-treaty", "extension_deadline", None),
            ],
        ),
        (date(2021, 2, 5), "P1Y", [("2021-02-05", 0, "test-treaty", "expired", None)]),
        (date(2021, 2, 6), "P1Y", []),
    ],
)
def test_a_window_holds_its_first_and_last_days(
    as_of: date, within: str, expected: list[tuple[Any, ...]]
) -> None:
    assert sorted(rows([build()], as_of, within)) == sorted(expected)


def test_deadlines_in_date_order_then_treaty_order() -> None:
    first = build(id="first")
    raw = minimal_treaty(id="second")
    raw["events"][-1]["date"] = "2011-02-04"  # in force a day earlier than the first
    second = Treaty.model_validate(raw)
    assert rows([second, first], date(2021, 1, 1), "P2M") == [
        ("2021-02-03", 33, "second", "extension_deadline", None),
        ("2021-02-04", 34, "second", "expires", None),
        ("2021-02-04", 34, "first", "extension_deadline", None),
        ("2021-02-05", 35, "first", "expires", None),
    ]
    assert [r[2] for r in rows([first, second], date(2021, 1, 1), "P2M")] == [
        "second",
        "first",
        "second",
        "first",
    ]


def test_a_party_asked_for_keeps_its_deadlines_and_the_treaty_wide_ones() -> None:
    rules = {
        "term": {"type": "unlimited", "article": "1"},
        "withdrawal": {"notice": "P6M", "article": "2"},
    }
    t = build(
        {"type": "withdrawal_notice", "date": "2020-01-10", "party": "Chile", "source": SOURCE},
        {"type": "withdrawal_notice", "date": "2020-01-20", "party": "Peru", "source": SOURCE},
        kind="multilateral",
        parties=[],
        rules=rules,
    )
    both = rows([t], date(2020, 2, 1), "P1Y")
    assert both == [
        ("2020-07-10", 160, "test-treaty", "withdrawal_effective", "Chile"),
        ("2020-07-20", 170, "test-treaty", "withdrawal_effective", "Peru"),
    ]
    assert rows([t], date(2020, 2, 1), "P1Y", parties=frozenset({party_key("Peru")})) == both[1:]


def test_a_deadline_uid_is_stable_and_tells_parties_apart() -> None:
    day = date(2020, 7, 10)
    assert deadline_uid("ottawa", "withdrawal_effective", day) == (
        "ottawa.withdrawal_effective.2020-07-10@treatycli"
    )
    assert deadline_uid("ottawa", "withdrawal_effective", day, "United States") == (
        "ottawa.withdrawal_effective.united-states.2020-07-10@treatycli"
    )
    assert (
        deadline_uid("t", "k", day, "Côte d'Ivoire") == "t.k.cu00f4te-d-ivoire.2020-07-10@treatycli"
    )
    assert deadline_uid("t", "k", day, "СССР") == "t.k.u0441u0441u0441u0440.2020-07-10@treatycli"
    assert deadline_uid("t", "k", day, " - ") == "t.k.party.2020-07-10@treatycli"


@pytest.mark.parametrize(
    ("typed", "accepted"),
    [
        ("1000y", True),
        ("1001y", False),
        ("12000m", True),
        ("12001m", False),
        ("365000d", True),
        ("365001d", False),
    ],
)
def test_a_window_reaches_at_most_a_thousand_years(typed: str, accepted: bool) -> None:
    if accepted:
        assert parse_window(typed) == f"P{typed.upper()}"
    else:
        with pytest.raises(
            ValueError, match=rf"^'{typed}' is longer than 1000 years, the furthest"
        ):
            parse_window(typed)
