"""Deadlines as an iCalendar file (RFC 5545), written with the ``icalendar`` library.

Each deadline is an all-day event with a UID that is stable across runs, so importing a newer
file updates a calendar instead of duplicating entries. DTSTAMP is the as-of day at midnight
UTC rather than the clock, so the same question always gives the same file.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from treatycli.rules.answers import UpcomingAnswer


def calendar_text(answer: UpcomingAnswer) -> str:
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//treatycli//treaty upcoming//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", "Treaty deadlines")
    stamp = datetime.combine(answer.as_of, time(0), tzinfo=UTC)
    for deadline in answer.deadlines:
        event = Event()
        event.add("uid", deadline.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", deadline.date)
        event.add("dtend", deadline.date + timedelta(days=1))
        event.add("summary", f"{deadline.treaty.short_name}: {deadline.description}")
        event.add(
            "description",
            f"{deadline.treaty.short_name} ({deadline.treaty.id}): {deadline.description}. "
            f"Derived from the {deadline.rule.rule} rule, {deadline.rule.article}, "
            f"by treatycli as of {answer.as_of}.",
        )
        event.add("categories", ["treaty", deadline.type])
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    text: str = calendar.to_ical().decode("utf-8")
    return text
