"""Calendar dates and ISO 8601 durations, parsed strictly and added the way treaties count.

Treaties count periods in calendar units ("ten years", "three months"), so a period is added
with ``dateutil.relativedelta``: a month after 31 January is the last day of February, and a
year after 29 February is 28 February. Both parsers refuse anything they cannot read exactly:
a partial date such as ``2020-04`` is an error, never silently completed.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from dateutil.relativedelta import relativedelta

_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_ISO_DURATION = re.compile(r"P(?:([0-9]+)Y)?(?:([0-9]+)M)?(?:([0-9]+)W)?(?:([0-9]+)D)?")
_UNIT_WORDS = (("year", "years"), ("month", "months"), ("week", "weeks"), ("day", "days"))

MAX_YEARS = 1000
"""The longest period accepted: treaty terms and notices are years, not millennia."""


def parse_iso_date(text: str) -> date:
    """Read ``YYYY-MM-DD`` and nothing else; raise ValueError saying what is wrong."""
    match = _ISO_DATE.fullmatch(text)
    if match is None:
        raise ValueError(f"{text!r} is not a date in the form YYYY-MM-DD")
    year, month, day = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"{text!r} is not a real calendar date ({exc})") from None


@lru_cache(maxsize=256)
def parse_duration(text: str) -> tuple[int, int, int, int]:
    """Read an ISO 8601 period of whole calendar units (``P10Y``, ``P6M``, ``P1Y6M``, ``P90D``).

    Returns (years, months, weeks, days). Time parts (``PT1H``), fractions and signs are refused:
    no treaty counts its notice in hours, and a negative notice period is a typo.
    """
    match = _ISO_DURATION.fullmatch(text)
    if match is None or not any(match.groups()):
        raise ValueError(
            f"{text!r} is not an ISO 8601 duration of whole years, months, weeks or days "
            "(for example P10Y, P6M, P90D)"
        )
    years, months, weeks, days = (int(part or 0) for part in match.groups())
    if years == months == weeks == days == 0:
        raise ValueError(f"{text!r} is a duration of zero length")
    if years + months / 12 + (weeks * 7 + days) / 365 > MAX_YEARS:
        raise ValueError(f"{text!r} is longer than {MAX_YEARS} years, which no treaty counts")
    return years, months, weeks, days


BEYOND_CALENDAR = "after 9999-12-31"
"""The value of a day that falls past the end of the calendar: a fact of its own, never shown
as 9999-12-31 (which is a real day on which something could happen)."""

NEVER = "never"
"""The value of a day that will not come (a withdrawal from a treaty that has no clause)."""


def add_duration(start: date, duration: str) -> date | None:
    """The date one period of ``duration`` after ``start``, counted as calendar units, or
    None when it falls past the end of the calendar (year 9999): callers say so in words
    (:data:`BEYOND_CALENDAR`) instead of showing 9999-12-31 as if it were a real answer.

    Successive periods are added one at a time by the rules (the end reached by n extensions
    is counted from each previous end), so this adds exactly one.
    """
    years, months, weeks, days = parse_duration(duration)
    try:
        result: date = start + relativedelta(years=years, months=months, weeks=weeks, days=days)
    except (ValueError, OverflowError):
        return None
    return result


def subtract_duration(end: date, duration: str) -> date | None:
    """The date one period of ``duration`` before ``end``, or None before the calendar's start."""
    years, months, weeks, days = parse_duration(duration)
    try:
        result: date = end - relativedelta(years=years, months=months, weeks=weeks, days=days)
    except (ValueError, OverflowError):
        return None
    return result


def describe_duration(duration: str) -> str:
    """Plain words for a duration: ``P10Y`` → ``10 years``, ``P1Y6M`` → ``1 year 6 months``."""
    parts = []
    for amount, (singular, plural) in zip(parse_duration(duration), _UNIT_WORDS, strict=True):
        if amount:
            parts.append(f"{amount} {singular if amount == 1 else plural}")
    return " ".join(parts)


def day_before(day: date) -> date:
    """The previous calendar day: the last day for something due "before" ``day``."""
    return day - timedelta(days=1) if day > date.min else day
