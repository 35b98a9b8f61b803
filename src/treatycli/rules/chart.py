"""Each treaty's life as dated segments of one status, and the acts marked on it: the chart's data.

The terminal chart, the SVG figure and ``chart --json`` all draw this one answer, so no two of
them can disagree, and none computes a status of its own: a segment's status is
:func:`status_as_of` on its first day. Statuses change only on a day something happened or a
rule says something takes effect (a signing, an entry into force, a recorded event, an expiry,
a withdrawal's effect), so asking on those days, and only those, finds every change to the day.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta

from treatycli.model.treaty import Treaty
from treatycli.rules.answers import (
    STATUS_GROUPS,
    ChartAnswer,
    ChartMarker,
    ChartRow,
    ChartSegment,
    MarkerKind,
    StatusAnswer,
)
from treatycli.rules.status import (
    assess,
    base_expiry,
    entry_as_of,
    known_events,
    party_withdrawals,
    ref,
    status_as_of,
)
from treatycli.rules.timeline import describe_recorded

MARKED_EVENTS: dict[str, MarkerKind] = {
    "signed": "signature",
    "opened_for_signature": "signature",
    "extended": "extension",
    "withdrawal_notice": "withdrawal_notice",
    "withdrawal_effective": "withdrawal_effective",
    "ratification_revoked": "ratification_revoked",
    "suspended": "suspension",
    "suspension_lifted": "suspension_lifted",
}
"""Recorded events drawn as markers. Ends are drawn from the status (one marker, on the day the
treaty stopped binding), so a recorded 'terminated' and the withdrawal that caused it, or an
expiry nobody recorded, give one end marker, not two or none."""

ENDING_EVENTS = frozenset(
    {"withdrawal_effective", "declared_not_bound", "terminated", "expired", "superseded"}
)
"""Recorded events that, on the day a treaty ended, are that end, and are folded into its marker."""


def change_days(treaty: Treaty, as_of: date) -> list[date]:
    """Every day on or before ``as_of`` on which the treaty's status may change."""
    opening = treaty.opening
    if opening is None or opening.date > as_of:
        return []
    days = {opening.date}
    known = known_events(treaty, as_of)
    days.update(e.date for e in known)
    days.update(e.until for e in known if e.type == "extended" and e.until is not None)
    days.update(
        w.effective_on for w in party_withdrawals(treaty, as_of) if isinstance(w.effective_on, date)
    )
    days.update(e.effective for e in known if e.effective is not None)
    entry = entry_as_of(treaty, as_of)
    if entry is not None:
        days.add(entry)
    expiry = base_expiry(treaty, as_of)
    if expiry is not None:
        days.add(expiry)
    return sorted(d for d in days if opening.date <= d <= as_of)


def segments(treaty: Treaty, as_of: date) -> list[ChartSegment]:
    """The treaty's statuses from its signing to the as-of day, then its projected remainder."""
    runs: list[tuple[date, StatusAnswer]] = []
    for day in change_days(treaty, as_of):
        status = status_as_of(treaty, day)
        if not runs or runs[-1][1].code != status.code:
            runs.append((day, status))
    result = [
        ChartSegment(
            status=status.code,
            label=status.label,
            group=STATUS_GROUPS[status.code],
            start=start,
            end=runs[i + 1][0] if i + 1 < len(runs) else None,
        )
        for i, (start, status) in enumerate(runs)
    ]
    if result and result[-1].group == "in_force":
        until = projected_end(treaty, as_of)
        if until is not None:
            last = result[-1]
            result.append(
                last.model_copy(
                    update={"start": as_of + timedelta(days=1), "end": until, "projected": True}
                )
            )
    return result


def projected_end(treaty: Treaty, as_of: date) -> date | None:
    """When a treaty in force on the as-of day stops, if nothing else happens: its expiry, or
    for a bilateral treaty a pending withdrawal's effect, whichever comes first."""
    ends = []
    expires_on = assess(treaty, as_of).expires_on
    if expires_on is not None:
        ends.append(expires_on)
    if treaty.kind == "bilateral":
        ends += [
            w.effective_on
            for w in party_withdrawals(treaty, as_of)
            if not w.in_effect and not w.disputed and isinstance(w.effective_on, date)
        ]
    later = [d for d in ends if d > as_of]
    return min(later) if later else None


def markers(
    treaty: Treaty, as_of: date, spans: list[ChartSegment], names: Mapping[str, str]
) -> list[ChartMarker]:
    """Signatures, extensions, notices, suspensions and the like as recorded, and the end."""
    ended = next((s for s in spans if s.group == "ended" and not s.projected), None)
    found: list[ChartMarker] = []
    for event in known_events(treaty, as_of):
        if ended is not None and event.date == ended.start and event.type in ENDING_EVENTS:
            continue
        kind = MARKED_EVENTS.get(event.type)
        if kind is None or (kind == "signature" and event.party is not None):
            # A party's own signature of a treaty already opened (the NPT's depositaries) is
            # in the timeline; the bar starts at the treaty's opening, which it marks once.
            continue
        found.append(
            ChartMarker(
                date=event.date,
                kind=kind,
                party=event.party,
                description=describe_recorded(event, names),
                origin="recorded",
            )
        )
    if ended is not None:
        found.append(_end_marker(treaty, as_of, ended, names))
    found.sort(key=lambda m: m.date)
    return found


def _end_marker(
    treaty: Treaty, as_of: date, ended: ChartSegment, names: Mapping[str, str]
) -> ChartMarker:
    """The day the treaty stopped binding (or was abandoned), with the party that ended it."""
    on_the_day = [e for e in known_events(treaty, as_of) if e.date == ended.start]
    party = next((e.party for e in on_the_day if e.type in ENDING_EVENTS and e.party), None)
    if party is None and ended.status == "terminated_by_withdrawal":
        party = next(
            (w.party for w in party_withdrawals(treaty, as_of) if w.effective_on == ended.start),
            None,
        )
    if party is None and ended.status == "abandoned":
        party = next((e.party for e in on_the_day if e.type == "declared_not_bound"), None)
    recorded = next((e for e in on_the_day if e.type in ENDING_EVENTS), None)
    if recorded is not None:
        reason = describe_recorded(recorded, names)
    else:
        reason = status_as_of(treaty, ended.start).reason
    return ChartMarker(
        date=ended.start,
        kind="end",
        party=party,
        description=reason if reason.startswith(ended.label) else f"{ended.label}: {reason}",
        origin="recorded" if recorded is not None else "derived",
        ending=ended.status,
    )


def default_span(treaties: Iterable[Treaty], as_of: date) -> tuple[date, date]:
    """From 1 January of the first signing year to 31 December of the later of the as-of year
    and the year the last treaty in force is due to end."""
    chosen = list(treaties)
    firsts = [t.signed_on.year for t in chosen if t.signed_on and t.signed_on <= as_of]
    first = min(firsts, default=as_of.year)
    last = as_of.year
    for treaty in chosen:
        if STATUS_GROUPS[status_as_of(treaty, as_of).code] == "in_force":
            end = projected_end(treaty, as_of)
            if end is not None:
                last = max(last, end.year)
    return date(first, 1, 1), date(last, 12, 31)


def build_chart(
    treaties: Iterable[Treaty],
    as_of: date,
    names: Mapping[str, str],
    date_from: date | None = None,
    date_to: date | None = None,
) -> ChartAnswer:
    """The chart's answer over a span of days (by default, the treaties' whole lives).

    A span given at one end only keeps the other end's default unless that would put it on
    the wrong side: then the axis runs to (or from) the end of the given day's year, so an
    option the user did not give is never the one at fault.
    """
    chosen = list(treaties)
    first, last = default_span(chosen, as_of)
    if date_from is not None:
        first = date_from
        if date_to is None and last < first:
            last = date(first.year, 12, 31)
    if date_to is not None:
        last = date_to
        if date_from is None and first > last:
            first = date(last.year, 1, 1)
    if first > last:
        raise ValueError(f"--from {first} is after --to {last}")
    rows = []
    for treaty in chosen:
        spans = segments(treaty, as_of)
        shown = [s for s in spans if s.start <= last and (s.end is None or s.end > first)]
        marks = [m for m in markers(treaty, as_of, spans, names) if first <= m.date <= last]
        rows.append(ChartRow(treaty=ref(treaty), segments=shown, markers=marks))
    return ChartAnswer(as_of=as_of, date_from=first, date_to=last, rows=rows)
