"""``upcoming --format ics``: a calendar that imports as it should into another program.

The file is written with the ``icalendar`` library; these tests read it with ``vobject``, a
separate parser, and check the raw text against RFC 5545's line rules by hand, so a quirk that
only the writing library forgives cannot pass unnoticed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import vobject

from factories import SOURCE, dataset_document, minimal_treaty
from treatycli.errors import ExitCode

Invoke = Callable[..., Any]


def _multilateral_with_two_notices(day: str = "2030-01-15") -> dict[str, Any]:
    """A treaty that two parties leave on the same day: their notices were given together."""
    return minimal_treaty(
        id="club",
        short_name="Club Treaty",
        full_name="Treaty on the Club",
        aliases=[],
        kind="multilateral",
        parties=["Alpha", "Beta", "Gamma"],
        text={"title": "Club treaty text", "url": "https://example.org/club-text"},
        rules={
            "term": {"type": "unlimited", "article": "Article 9.1"},
            "withdrawal": {"notice": "P3M", "article": "Article 9.3"},
        },
        events=[
            {"type": "signed", "date": "2010-04-08", "source": SOURCE},
            {"type": "entered_into_force", "date": "2011-02-05", "source": SOURCE},
            {"type": "withdrawal_notice", "date": day, "party": "Alpha", "source": SOURCE},
            {"type": "withdrawal_notice", "date": day, "party": "Beta", "source": SOURCE},
        ],
    )


def _rfc5545_problems(text: str) -> list[str]:
    """What a strict reader would object to in the raw text (RFC 5545 section 3.1 and 3.6)."""
    problems = []
    if not text.endswith("\r\n"):
        problems.append("the file does not end with CRLF")
    lines = text.split("\r\n")[:-1]
    stack: list[str] = []
    for number, line in enumerate(lines, 1):
        if "\n" in line or "\r" in line:
            problems.append(f"line {number}: a bare CR or LF")
        if len(line.encode("utf-8")) > 75:
            problems.append(f"line {number}: longer than 75 octets")
        if line.startswith("BEGIN:"):
            stack.append(line[6:])
        elif line.startswith("END:") and (not stack or stack.pop() != line[4:]):
            problems.append(f"line {number}: {line} closes nothing open")
    if stack:
        problems.append(f"left open: {stack}")
    return problems


def test_two_same_day_withdrawals_import_as_two_events_with_reminders(
    invoke: Invoke, write_yaml: Callable[..., Path], tmp_path: Path
) -> None:
    data = write_yaml(dataset_document(_multilateral_with_two_notices()))
    target = tmp_path / "deadlines.ics"
    result = invoke(
        "--data", str(data), "upcoming", "--as-of", "2030-02-01", "-o", str(target)
    )  # the format comes from the extension
    assert result.exit_code == ExitCode.OK, result.stderr
    assert result.stdout == ""
    assert result.stderr == f"wrote 2 deadlines to {target}\n"
    raw = target.read_bytes().decode("utf-8")
    assert _rfc5545_problems(raw) == []

    calendar = vobject.readOne(raw)
    events = calendar.vevent_list
    assert len(events) == 2
    uids = {event.uid.value for event in events}
    assert uids == {
        "club.withdrawal_effective.alpha.2030-04-15@treatycli",
        "club.withdrawal_effective.beta.2030-04-15@treatycli",
    }
    for event in events:
        assert event.dtstart.value == date(2030, 4, 15)
        assert event.dtend.value == date(2030, 4, 16)
        assert event.url.value == "https://example.org/club-text"
        assert event.categories.value == [
            "Treaty deadline",
            "Withdrawal takes effect",
            "Club Treaty",
        ]
        assert "Treaty text: https://example.org/club-text" in event.description.value
        (alarm,) = event.valarm_list
        assert alarm.action.value == "DISPLAY"
        assert alarm.trigger.value == -timedelta(days=30)
        assert alarm.description.value
    summaries = sorted(event.summary.value for event in events)
    assert "Alpha" in summaries[0] and "Beta" in summaries[1]


@pytest.mark.parametrize(
    ("remind", "trigger"),
    [("2w", -timedelta(days=14)), ("P10D", -timedelta(days=10)), ("0", timedelta(0))],
)
def test_remind_sets_the_alarm(invoke: Invoke, remind: str, trigger: timedelta) -> None:
    result = invoke(
        "upcoming", "new-start", "--as-of", "2020-04-14", "--format", "ics", "--remind", remind
    )
    assert result.exit_code == ExitCode.OK, result.stderr
    for event in vobject.readOne(result.stdout).vevent_list:
        assert event.valarm.trigger.value == trigger


def test_remind_none_leaves_no_alarm(invoke: Invoke) -> None:
    result = invoke("upcoming", "--as-of", "2020-04-14", "--format", "ics", "--remind", "none")
    assert result.exit_code == ExitCode.OK
    assert "BEGIN:VALARM" not in result.stdout
    assert "BEGIN:VEVENT" in result.stdout


@pytest.mark.parametrize("bad", ["1m", "a month", "-2d", "2y", ""])
def test_bad_remind_is_a_usage_error(invoke: Invoke, bad: str) -> None:
    result = invoke("upcoming", "--format", "ics", "--remind", bad)
    assert result.exit_code == ExitCode.USAGE_ERROR
    assert "is not a reminder: use days or weeks" in result.stderr


def test_a_deadline_on_the_last_day_of_the_calendar(
    invoke: Invoke, write_yaml: Callable[..., Path]
) -> None:
    """Issue 11: the day after 9999-12-31 does not exist; the event is that one day."""
    treaty = minimal_treaty(
        rules={"term": {"type": "fixed_end", "ends_on": "9999-12-31", "article": "Art. 1"}}
    )
    data = write_yaml(dataset_document(treaty))
    result = invoke("--data", str(data), "upcoming", "--as-of", "9999-06-01", "--format", "ics")
    assert result.exit_code == ExitCode.OK, result.stderr
    assert _rfc5545_problems(result.stdout.replace("\n", "\r\n").replace("\r\r", "\r")) == []
    (event,) = vobject.readOne(result.stdout).vevent_list
    assert event.dtstart.value == date(9999, 12, 31)
    assert "dtend" not in event.contents  # an all-day DTSTART alone lasts that day


def test_an_empty_window_says_so_on_stderr(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "none.ics"
    # New START ended in 2026; the renewing terms (TTBT, PNET) have deadlines in every window.
    result = invoke("upcoming", "new-start", "--as-of", "2040-01-01", "--output", str(target))
    assert result.exit_code == ExitCode.OK
    assert result.stderr == (
        f"no deadlines between 2040-01-01 and 2041-01-01\nwrote 0 deadlines to {target}\n"
    )
    assert vobject.readOne(target.read_text(encoding="utf-8")).name == "VCALENDAR"
