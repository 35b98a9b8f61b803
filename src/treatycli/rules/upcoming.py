"""The deadlines ahead: the derived events of every treaty that fall in a window from a day."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from treatycli.dates import MAX_YEARS, add_duration, parse_duration
from treatycli.model.treaty import Treaty, party_key
from treatycli.rules.answers import Deadline, UpcomingAnswer
from treatycli.rules.status import Others, assess
from treatycli.rules.timeline import derived_entries

_SHORT_PERIOD = re.compile(r"(?:[0-9]+[ymwd])+", re.IGNORECASE)
_SHORT_PART = re.compile(r"([0-9]+)([ymwd])", re.IGNORECASE)


def parse_window(text: str) -> str:
    """``2y``, ``18m``, ``90d``, ``6w``, ``1y6m`` or ISO ``P2Y`` → an ISO duration.

    Raises ValueError with the accepted forms, or with the limit (MAX_YEARS) for a window
    longer than it, however many digits it is written with (a long text is shortened).
    """
    cleaned = text.strip()
    shown = repr(cleaned if len(cleaned) <= 40 else f"{cleaned[:20]}…{cleaned[-8:]}")
    parts = _SHORT_PART.findall(cleaned)
    units = {"y": 0, "m": 0, "w": 0, "d": 0}
    for amount, unit in parts:
        if len(amount) > 7:  # more days than a thousand years have: no need to read it
            units["y"] = MAX_YEARS + 1
            break
        units[unit.lower()] += int(amount)
    if units["y"] + units["m"] / 12 + (units["w"] * 7 + units["d"]) / 365 > MAX_YEARS:
        raise ValueError(f"{shown} is longer than {MAX_YEARS} years, the furthest it may reach")
    if _SHORT_PERIOD.fullmatch(cleaned):
        iso = "P" + "".join(f"{units[u]}{u.upper()}" for u in "ymwd" if units[u])
    else:
        iso = cleaned.upper() if cleaned[:1] in {"p", "P"} else cleaned
    try:
        parse_duration(iso)
    except ValueError:
        raise ValueError(
            f"{shown} is not a period: use for example 2y, 18m, 90d, 6w or ISO P2Y"
        ) from None
    return iso


def deadline_uid(treaty_id: str, kind: str, day: date, party: str | None = None) -> str:
    """A UID that is the same for the same deadline in every run (calendars update, not
    duplicate, when the file is imported again), and different for two parties' deadlines of
    the same kind on the same day (a calendar keeps one event per UID)."""
    who = f".{_uid_part(party)}" if party else ""
    return f"{treaty_id}.{kind}{who}.{day.isoformat()}@treatycli"


def _uid_part(name: str) -> str:
    """A party's name as a UID part: lowercase ASCII letters, digits and hyphens; other
    characters (Cyrillic, accents) as their code points, so distinct names stay distinct."""
    parts = []
    for char in name.casefold():
        if char.isascii() and char.isalnum():
            parts.append(char)
        elif char in " -_.'":
            parts.append("-")
        else:
            parts.append(f"u{ord(char):04x}")
    return re.sub("-+", "-", "".join(parts)).strip("-") or "party"


def upcoming(
    treaties: Iterable[Treaty],
    as_of: date,
    within: str,
    others: Others | None = None,
    parties: frozenset[str] = frozenset(),
) -> UpcomingAnswer:
    until = add_duration(as_of, within) or date.max
    deadlines: list[tuple[tuple[date, int], Deadline]] = []
    for index, treaty in enumerate(treaties):
        for entry in derived_entries(treaty, assess(treaty, as_of, others), others):
            if not as_of <= entry.date <= until or entry.rule is None:
                continue
            if parties and entry.party is not None and party_key(entry.party) not in parties:
                continue
            deadline = Deadline(
                date=entry.date,
                days_left=(entry.date - as_of).days,
                treaty=entry.treaty,
                type=entry.type,
                description=entry.description,
                rule=entry.rule,
                uid=deadline_uid(treaty.id, entry.type, entry.date, entry.party),
                party=entry.party,
                text_url=treaty.text.url,
            )
            deadlines.append(((entry.date, index), deadline))
    deadlines.sort(key=lambda pair: pair[0])
    return UpcomingAnswer(
        as_of=as_of, within=within, until=until, deadlines=[d for _, d in deadlines]
    )
