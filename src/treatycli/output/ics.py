"""Deadlines as an iCalendar file (RFC 5545), written with the ``icalendar`` library.

Each deadline is an all-day event with a UID that is stable across runs, so importing a newer
file updates a calendar instead of duplicating entries; the UID names the party whose act the
deadline is about, so two parties' withdrawals taking effect on one day stay two events.
DTSTAMP is the as-of day at midnight UTC rather than the clock, so the same question always
gives the same file. Each event carries a reminder (VALARM) a chosen time before the day, the
address of the treaty's text, and categories a person can read.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING

from treatycli.rules.answers import Deadline, UpcomingAnswer

if TYPE_CHECKING:
    from icalendar import Event

DEFAULT_REMINDER = timedelta(days=30)

CATEGORY_LABELS = {
    "expires": "Expiry",
    "expired": "Expiry",
    "extension_deadline": "Extension deadline",
    "extension_consultation_due": "Extension consultation",
    "conference_due": "Review conference",
    "withdrawal_effective": "Withdrawal takes effect",
    "withdrawal_effective_disputed": "Withdrawal (disputed)",
}
"""Deadline types as a calendar shows them; a type not listed is shown in words."""


_REMINDER = re.compile(r"(?:([0-9]+)w)?(?:([0-9]+)d)?", re.IGNORECASE)
_ISO_REMINDER = re.compile(r"P(?:([0-9]+)W)?(?:([0-9]+)D)?", re.IGNORECASE)


def parse_reminder(text: str) -> timedelta | None:
    """``30d``, ``2w``, ``1w3d``, ISO ``P30D``, ``0`` (on the day) or ``none`` (no reminder).

    Only days and weeks: an iCalendar alarm is a fixed length of time before the event, and a
    "month" before would be a different length for each deadline. Raises ValueError.
    """
    cleaned = text.strip()
    if cleaned.lower() in {"none", "off", "no"}:
        return None
    if cleaned == "0":
        return timedelta(0)
    match = _REMINDER.fullmatch(cleaned) or _ISO_REMINDER.fullmatch(cleaned)
    if match is None or not any(match.groups()):
        raise ValueError(
            f"{text!r} is not a reminder: use days or weeks before the deadline, for example "
            "30d, 2w or P30D, 0 for the day itself, or 'none'"
        )
    weeks, days = (int(part or 0) for part in match.groups())
    if weeks * 7 + days > 3660:
        raise ValueError(f"{text!r} is more than ten years ahead of the deadline")
    return timedelta(weeks=weeks, days=days)


def category_label(kind: str) -> str:
    return CATEGORY_LABELS.get(kind, kind.replace("_", " ").capitalize())


def calendar_text(answer: UpcomingAnswer, remind: timedelta | None = DEFAULT_REMINDER) -> str:
    """The deadlines of ``answer`` as iCalendar text; ``remind`` before each (None: no alarm)."""
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", "-//treatycli//treaty upcoming//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", "Treaty deadlines")
    stamp = datetime.combine(answer.as_of, time(0), tzinfo=UTC)
    for deadline in answer.deadlines:
        calendar.add_component(_event(deadline, answer.as_of, stamp, remind))
    text: str = calendar.to_ical().decode("utf-8")
    return text


def _event(deadline: Deadline, as_of: date, stamp: datetime, remind: timedelta | None) -> Event:
    from icalendar import Alarm, Event

    name = deadline.treaty.short_name
    event = Event()
    event.add("uid", deadline.uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", deadline.date)
    if deadline.date < date.max:
        event.add("dtend", deadline.date + timedelta(days=1))
    # else: the calendar's last day has no day after it; RFC 5545 (3.6.1) reads an all-day
    # DTSTART without DTEND as lasting that one day.
    event.add("summary", f"{name}: {deadline.description}")
    lines = [
        f"{name} ({deadline.treaty.id}): {deadline.description}.",
        f"Derived from the {deadline.rule.rule} rule, {deadline.rule.article}, "
        f"by treatycli as of {as_of}.",
    ]
    if deadline.text_url:
        lines.append(f"Treaty text: {deadline.text_url}")
        event.add("url", deadline.text_url)
    event.add("description", "\n".join(lines))
    categories = ["Treaty deadline", category_label(deadline.type), name]
    event.add("categories", categories)
    event.add("transp", "TRANSPARENT")
    if remind is not None:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"{name}: {deadline.description} on {deadline.date}")
        alarm.add("trigger", -remind)
        event.add_component(alarm)
    return event
