"""The date rules over the built-in dataset and over generated treaties."""

from __future__ import annotations

import copy
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import SOURCE, minimal_treaty
from treatycli.dataset.catalog import Dataset
from treatycli.dataset.checks import treaty_problems
from treatycli.dates import add_duration
from treatycli.model.treaty import Treaty
from treatycli.rules.status import assess, status_as_of


def treaty(**overrides: Any) -> Treaty:
    return Treaty.model_validate(minimal_treaty(**overrides))


def with_events(*extra: dict[str, Any], **overrides: Any) -> Treaty:
    base = minimal_treaty(**overrides)
    base["events"] = [*base["events"], *extra]
    return Treaty.model_validate(base)


# --- New START, the case the project exists for -------------------------------------------


def test_new_start_on_the_news_items_day(builtin: Dataset) -> None:
    a = assess(builtin.find("start-3"), date(2020, 4, 14))
    assert a.signed_on == date(2010, 4, 8)  # not 2011, as the news item said
    assert a.status.code == "in_force"
    assert a.expires_on == date(2021, 2, 5)
    assert a.days_left == 297
    ext = a.extension
    assert ext.possible
    assert ext.times_allowed == 1 and ext.times_used == 0
    assert ext.max_period == "P5Y"
    assert ext.latest_possible_expiry == date(2026, 2, 5)  # not "the end of 2020"
    assert ext.decide_before == date(2021, 2, 5)
    assert ext.last_day_to_decide == date(2021, 2, 4)
    assert ext.article == "Article XIV, paragraph 2"
    assert a.withdrawal.effective_if_notice_on_as_of == date(2020, 7, 14)


def test_new_start_after_its_extension_expired(builtin: Dataset) -> None:
    a = assess(builtin.find("New START"), date(2026, 12, 1))
    assert a.status.code == "expired"
    assert a.status.since == date(2026, 2, 5)
    assert a.expires_on == date(2026, 2, 5)
    assert a.days_left is None
    assert not a.extension.possible
    assert a.extension.times_used == 1
    assert not a.withdrawal.available


def test_new_start_status_through_its_life(builtin: Dataset) -> None:
    new_start = builtin.find("new-start")
    expected = {
        date(2010, 4, 7): "not_yet_signed",
        date(2010, 4, 8): "signed_not_in_force",
        date(2011, 2, 4): "signed_not_in_force",
        date(2011, 2, 5): "in_force",
        date(2021, 2, 4): "in_force",
        date(2023, 2, 28): "suspended",
        date(2026, 2, 4): "suspended",
        date(2026, 2, 5): "expired",
    }
    for day, code in expected.items():
        assert status_as_of(new_start, day).code == code, day


def test_new_start_between_extension_and_old_expiry(builtin: Dataset) -> None:
    a = assess(builtin.find("new-start"), date(2021, 2, 4))
    assert a.expires_on == date(2026, 2, 5)
    assert not a.extension.possible
    assert "only extension" in a.extension.reason


def test_sort_superseded_by_new_start(builtin: Dataset) -> None:
    sort = builtin.find("Moscow Treaty")
    assert status_as_of(sort, date(2005, 1, 1)).code == "in_force"
    assert assess(sort, date(2005, 1, 1)).expires_on == date(2012, 12, 31)
    after = assess(sort, date(2012, 1, 1))
    assert after.status.code == "superseded"
    assert after.status.since == date(2011, 2, 5)
    assert after.expires_on is None
    assert not after.extension.possible


def test_inf_unlimited_then_terminated_by_withdrawal(builtin: Dataset) -> None:
    inf = builtin.find("INF")
    before = assess(inf, date(2017, 1, 1))
    assert before.status.code == "in_force"
    assert before.expires_on is None
    assert not before.extension.possible
    assert "unlimited duration" in before.extension.reason
    assert before.withdrawal.effective_if_notice_on_as_of == date(2017, 7, 1)
    pending = assess(inf, date(2019, 5, 1))
    assert pending.status.code == "withdrawal_pending"
    assert pending.withdrawals[0].effective_on == date(2019, 8, 2)
    ended = assess(inf, date(2026, 12, 1))
    assert ended.status.code == "terminated_by_withdrawal"
    assert ended.status.since == date(2019, 8, 2)


def test_outer_space_treaty_notice_takes_a_year(builtin: Dataset) -> None:
    ost = builtin.find("outer space treaty")
    a = assess(ost, date(2026, 12, 1))
    assert a.status.code == "in_force"
    assert a.expires_on is None
    assert a.withdrawal.effective_if_notice_on_as_of == date(2027, 12, 1)
    # Art. XVI: notice only from one year after entry into force (1967-10-10).
    early = assess(ost, date(1968, 1, 1))
    assert not early.withdrawal.available
    assert early.withdrawal.earliest_notice_on == date(1968, 10, 10)


# --- rules on synthetic treaties ----------------------------------------------------------


def test_fixed_end_term() -> None:
    t = treaty(rules={"term": {"type": "fixed_end", "ends_on": "2012-12-31", "article": "IV"}})
    assert assess(t, date(2012, 12, 30)).days_left == 1
    assert status_as_of(t, date(2012, 12, 31)).code == "expired"


def test_successive_extensions_have_no_latest_expiry() -> None:
    t = treaty(
        rules={
            "term": {"type": "fixed_length", "length": "P15Y", "article": "XVII.2"},
            "extension": {
                "decided_by": "agreement",
                "period": "P5Y",
                "consider_before": "P1Y",
                "article": "XVII.2",
            },
        }
    )
    ext = assess(t, date(2020, 1, 1)).extension
    assert ext.possible
    assert ext.times_allowed is None
    assert ext.next_expiry_if_extended == date(2031, 2, 5)
    assert ext.latest_possible_expiry is None
    assert ext.consider_by == date(2025, 2, 5)


def test_never_in_force_treaty() -> None:
    t = treaty(events=[{"type": "signed", "date": "1993-01-03", "source": SOURCE}])
    a = assess(t, date(2026, 12, 1))
    assert a.status.code == "signed_not_in_force"
    assert a.expires_on is None
    assert not a.extension.possible
    assert not a.withdrawal.available


def test_declared_not_bound_before_entry_into_force_abandons_a_bilateral_treaty() -> None:
    t = treaty(
        events=[
            {"type": "signed", "date": "1993-01-03", "source": SOURCE},
            {"type": "declared_not_bound", "date": "2002-06-14", "party": "Beta", "source": SOURCE},
        ]
    )
    assert status_as_of(t, date(2002, 6, 13)).code == "signed_not_in_force"
    assert status_as_of(t, date(2002, 6, 14)).code == "abandoned"


def test_multilateral_withdrawal_leaves_the_treaty_in_force() -> None:
    t = with_events(
        {"type": "withdrawal_notice", "date": "2020-05-22", "party": "Alpha", "source": SOURCE},
        kind="multilateral",
        parties=[],
        rules={
            "term": {"type": "unlimited", "article": "XV.1"},
            "withdrawal": {"notice": "P6M", "article": "XV.2"},
        },
    )
    a = assess(t, date(2021, 1, 1))
    assert a.status.code == "in_force"
    assert a.withdrawals[0].effective_on == date(2020, 11, 22)
    assert a.withdrawals[0].in_effect


def test_suspension_lifted_restores_in_force() -> None:
    t = with_events(
        {"type": "suspended", "date": "2015-01-01", "party": "Beta", "source": SOURCE},
        {"type": "suspension_lifted", "date": "2016-01-01", "party": "Beta", "source": SOURCE},
    )
    assert status_as_of(t, date(2015, 6, 1)).code == "suspended"
    assert status_as_of(t, date(2016, 6, 1)).code == "in_force"


def test_withdrawal_ends_a_bilateral_treaty_before_its_expiry() -> None:
    t = with_events(
        {"type": "withdrawal_notice", "date": "2019-11-30", "party": "Alpha", "source": SOURCE},
    )
    assert status_as_of(t, date(2020, 2, 28)).code == "withdrawal_pending"
    ended = status_as_of(t, date(2020, 2, 29))  # 30 November + 3 months: end of February
    assert ended.code == "terminated_by_withdrawal"
    assert ended.since == date(2020, 2, 29)


def test_conference_term_stays_in_force_until_the_decision() -> None:
    t = with_events(
        {"type": "extended", "date": "1995-05-11", "indefinitely": True, "source": SOURCE},
        events=[
            {"type": "opened_for_signature", "date": "1968-07-01", "source": SOURCE},
            {"type": "entered_into_force", "date": "1970-03-05", "source": SOURCE},
        ],
        kind="multilateral",
        parties=[],
        rules={
            "term": {"type": "until_conference", "length": "P25Y", "article": "X.2"},
            "extension": {"decided_by": "conference", "indefinite_allowed": True, "article": "X.2"},
        },
    )
    assert treaty_problems(t) == []
    between = assess(t, date(1995, 4, 1))
    assert between.status.code == "in_force"
    assert between.extension.possible
    assert between.extension.conference_due == date(1995, 3, 5)
    after = assess(t, date(2000, 1, 1))
    assert after.status.code == "in_force"
    assert after.expires_on is None
    assert not after.extension.possible
    assert "indefinitely" in after.extension.reason


# --- properties ---------------------------------------------------------------------------

starts = st.dates(min_value=date(1950, 1, 1), max_value=date(2050, 12, 31))
notice_months = st.integers(min_value=1, max_value=24)


@settings(max_examples=150)
@given(
    entry=starts,
    years=st.integers(1, 30),
    max_years=st.integers(1, 10),
    asked_days=st.integers(-4000, 4000),
    offset=st.integers(0, 20000),
)
def test_an_extension_is_accepted_only_within_its_maximum(
    entry: date, years: int, max_years: int, asked_days: int, offset: int
) -> None:
    """Whatever extension is recorded, either the checks refuse it or it is within the rule;
    and the latest possible expiry the rules promise is never beyond the maximum."""
    term_end = add_duration(entry, f"P{years}Y")
    maximum = add_duration(term_end, f"P{max_years}Y")
    until = term_end + timedelta(days=abs(asked_days) + 1)
    agreed = term_end - timedelta(days=1)
    raw = minimal_treaty(
        rules={
            "term": {"type": "fixed_length", "length": f"P{years}Y", "article": "A"},
            "extension": {
                "decided_by": "agreement",
                "max_period": f"P{max_years}Y",
                "times": 1,
                "article": "A",
            },
        }
    )
    raw["events"] = [
        {"type": "signed", "date": (entry - timedelta(days=30)).isoformat(), "source": SOURCE},
        {"type": "entered_into_force", "date": entry.isoformat(), "source": SOURCE},
    ]
    before = Treaty.model_validate(raw)
    promised = assess(before, entry + timedelta(days=offset % max(1, (term_end - entry).days)))
    if promised.extension.possible:
        assert promised.extension.latest_possible_expiry == maximum
    extended = copy.deepcopy(raw)
    extended["events"].append(
        {
            "type": "extended",
            "date": agreed.isoformat(),
            "until": until.isoformat(),
            "source": SOURCE,
        }
    )
    t = Treaty.model_validate(extended)
    problems = treaty_problems(t)
    if until > maximum:
        assert any("beyond" in message for _, message in problems)
    else:
        assert problems == []
        assert assess(t, agreed).expires_on == until <= maximum


@settings(max_examples=150)
@given(
    notice=st.dates(min_value=date(2012, 1, 1), max_value=date(2020, 12, 31)), months=notice_months
)
def test_a_withdrawal_takes_effect_exactly_one_notice_period_after_notice(
    notice: date, months: int
) -> None:
    raw = minimal_treaty(
        kind="multilateral",
        parties=[],
        rules={
            "term": {"type": "unlimited", "article": "A"},
            "withdrawal": {"notice": f"P{months}M", "article": "B"},
        },
    )
    raw["events"].append(
        {
            "type": "withdrawal_notice",
            "date": notice.isoformat(),
            "party": "Alpha",
            "source": SOURCE,
        }
    )
    t = Treaty.model_validate(raw)
    effective = add_duration(notice, f"P{months}M")
    day_before = assess(t, effective - timedelta(days=1)).withdrawals[0]
    on_the_day = assess(t, effective).withdrawals[0]
    assert day_before.effective_on == on_the_day.effective_on == effective
    assert not day_before.in_effect and on_the_day.in_effect


@settings(max_examples=100)
@given(day=st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31)))
def test_new_start_answers_are_coherent_on_any_day(builtin: Dataset, day: date) -> None:
    a = assess(builtin.find("new-start"), day)
    if a.days_left is not None:
        assert a.expires_on == day + timedelta(days=a.days_left)
    if a.extension.possible:
        assert a.extension.latest_possible_expiry is not None
        assert a.extension.latest_possible_expiry <= date(2026, 2, 5)
        assert a.extension.decide_before == a.expires_on
    if a.status.code == "expired":
        assert a.status.since is not None and a.status.since <= day


@pytest.mark.parametrize("day", [date(2020, 2, 29), date(2024, 2, 29)])
def test_notice_on_29_february(builtin: Dataset, day: date) -> None:
    inf = builtin.find("inf")
    ost = builtin.find("outer-space")
    if status_as_of(inf, day).code == "in_force":
        assert assess(inf, day).withdrawal.effective_if_notice_on_as_of == date(day.year, 8, 29)
    assert assess(ost, day).withdrawal.effective_if_notice_on_as_of == date(day.year + 1, 2, 28)
