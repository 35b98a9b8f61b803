"""Date and duration parsing and calendar arithmetic."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from treatycli.dates import (
    add_duration,
    day_before,
    describe_duration,
    parse_duration,
    parse_iso_date,
    subtract_duration,
)
from treatycli.rules.periods import end_after_extensions


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2010-04-08", date(2010, 4, 8)),
        ("2024-02-29", date(2024, 2, 29)),
        ("0001-01-01", date(1, 1, 1)),
    ],
)
def test_parse_iso_date_accepts_full_dates(text: str, expected: date) -> None:
    assert parse_iso_date(text) == expected


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("2020", "not a date in the form YYYY-MM-DD"),
        ("2020-04", "not a date in the form YYYY-MM-DD"),
        ("2020-4-14", "not a date in the form YYYY-MM-DD"),
        ("14.04.2020", "not a date in the form YYYY-MM-DD"),
        ("", "not a date in the form YYYY-MM-DD"),
        ("2020-13-01", "not a real calendar date"),
        ("2020-02-30", "not a real calendar date"),
        ("2021-02-29", "not a real calendar date"),
        ("2020-04-14T00:00", "not a date in the form YYYY-MM-DD"),
    ],
)
def test_parse_iso_date_refuses_everything_else(text: str, fragment: str) -> None:
    with pytest.raises(ValueError, match=fragment):
        parse_iso_date(text)


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("P10Y", (10, 0, 0, 0)),
        ("P6M", (0, 6, 0, 0)),
        ("P1Y6M", (1, 6, 0, 0)),
        ("P90D", (0, 0, 0, 90)),
        ("P2W", (0, 0, 2, 0)),
    ],
)
def test_parse_duration(text: str, parts: tuple[int, int, int, int]) -> None:
    assert parse_duration(text) == parts


@pytest.mark.parametrize("text", ["", "P", "10Y", "P-1Y", "P1.5Y", "PT1H", "P0Y", "p1y", "P1Y "])
def test_parse_duration_refuses_malformed(text: str) -> None:
    with pytest.raises(ValueError):
        parse_duration(text)


def test_describe_duration() -> None:
    assert describe_duration("P10Y") == "10 years"
    assert describe_duration("P1Y") == "1 year"
    assert describe_duration("P1Y6M") == "1 year 6 months"
    assert describe_duration("P3M") == "3 months"


def test_month_ends_clamp_to_the_last_day() -> None:
    assert add_duration(date(2019, 8, 31), "P6M") == date(2020, 2, 29)
    assert add_duration(date(2020, 11, 30), "P3M") == date(2021, 2, 28)
    assert add_duration(date(2024, 2, 29), "P1Y") == date(2025, 2, 28)
    assert add_duration(date(2024, 2, 29), "P4Y") == date(2028, 2, 29)
    assert subtract_duration(date(2021, 3, 31), "P1M") == date(2021, 2, 28)


def test_successive_periods_are_counted_one_at_a_time_from_the_previous_end() -> None:
    # Issue 9, case 1: the rules count as the checks do, each extension from the previous end.
    assert end_after_extensions(date(2024, 2, 29), "P1Y", 5) == date(2029, 2, 28)
    assert end_after_extensions(date(2011, 2, 5), "P5Y", 2) == date(2021, 2, 5)
    assert end_after_extensions(date(2021, 1, 31), "P1M", 2) == date(2021, 3, 28)
    assert end_after_extensions(date(9999, 1, 31), "P1M", 12) is None


def test_day_before() -> None:
    assert day_before(date(2021, 3, 1)) == date(2021, 2, 28)


days = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
periods = st.tuples(st.integers(0, 30), st.integers(0, 24), st.integers(0, 400)).filter(any)


def _iso(years: int, months: int, day_count: int) -> str:
    return "P" + "".join(f"{n}{u}" for n, u in ((years, "Y"), (months, "M"), (day_count, "D")) if n)


@given(days, periods)
def test_adding_a_period_always_moves_forward(start: date, period: tuple[int, int, int]) -> None:
    assert add_duration(start, _iso(*period)) > start


@given(days, st.integers(1, 24))
def test_months_land_on_the_same_day_or_the_months_last_day(start: date, months: int) -> None:
    end = add_duration(start, f"P{months}M")
    assert (end.year * 12 + end.month) - (start.year * 12 + start.month) == months
    if end.day != start.day:
        assert end.day < start.day
        assert (end + timedelta(days=1)).day == 1  # clamped to the end of a shorter month


@given(days, st.integers(1, 50))
def test_years_keep_the_date_except_29_february(start: date, years: int) -> None:
    end = add_duration(start, f"P{years}Y")
    assert end.year == start.year + years
    if (start.month, start.day) == (2, 29):
        assert end.month == 2 and end.day in {28, 29}
    else:
        assert (end.month, end.day) == (start.month, start.day)


@given(days, st.integers(1, 400))
def test_days_are_exact(start: date, count: int) -> None:
    assert add_duration(start, f"P{count}D") - start == timedelta(days=count)


def test_periods_past_the_end_of_the_calendar_are_no_day() -> None:
    # Issue 9, case 7: never 9999-12-31 (a real day), but "no day on this calendar".
    assert add_duration(date(9999, 6, 1), "P1Y") is None
    assert subtract_duration(date(1, 3, 1), "P1Y") is None


def test_absurdly_long_periods_are_refused() -> None:
    with pytest.raises(ValueError, match="longer than 1000 years"):
        parse_duration("P100000Y")
    assert parse_duration("P1000Y") == (1000, 0, 0, 0)


@pytest.mark.parametrize("text", ["٢٠١٠-٠٤-٠٨", "２０１０-０４-０８", "2010-04-0８"])
def test_dates_take_ascii_digits_only(text: str) -> None:
    with pytest.raises(ValueError, match="not a date in the form YYYY-MM-DD"):
        parse_iso_date(text)


@pytest.mark.parametrize("text", ["P１0Y", "P١٠Y"])
def test_durations_take_ascii_digits_only(text: str) -> None:
    with pytest.raises(ValueError, match="not an ISO 8601 duration"):
        parse_duration(text)
