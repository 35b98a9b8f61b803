"""The counting every rule and every check shares: one definition of each.

- the end reached by n extensions, counted one extension at a time from the previous end
  (as the consistency checks accept them, so the rules never promise what validation refuses);
- the pairing of a withdrawal notice with the recorded effect that answers it;
- the day a notice takes effect under a clause (receipt, "at least", armed-conflict deferral).

A day past the end of the calendar is None here and ``BEYOND_CALENDAR`` in answers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from treatycli.dates import add_duration
from treatycli.model.treaty import Event, Withdrawal


def end_after_extensions(end: date, period: str, count: int) -> date | None:
    """The end reached by ``count`` extensions of ``period`` each, starting from ``end``.

    Counted one extension at a time, each from the end the previous one reached: an extension
    of one month from 28 February ends on 28 March, whatever the term's first end was. This is
    how a recorded extension is checked, so the latest expiry promised before any extension
    equals the end reached by recording the longest extensions the checks accept.
    """
    current: date | None = end
    for _ in range(count):
        if current is None:
            return None
        current = add_duration(current, period)
    return current


@dataclass(frozen=True, slots=True)
class NoticePair:
    """A withdrawal notice and the recorded effect that answers it (if one is recorded)."""

    notice: Event
    effect: Event | None


def pair_notices(party_events: Sequence[Event]) -> tuple[list[NoticePair], list[Event]]:
    """One party's notices, each with its recorded effect: the first ``withdrawal_effective``
    on or after the notice and before that party's next notice. Returns the pairs, and the
    effects that answer no notice (for the checks to report). ``party_events`` is one party's
    events in date order."""
    pairs: list[NoticePair] = []
    orphans: list[Event] = []
    open_index: int | None = None
    for event in party_events:
        if event.type == "withdrawal_notice":
            pairs.append(NoticePair(event, None))
            open_index = len(pairs) - 1
        elif event.type == "withdrawal_effective":
            if open_index is None:
                orphans.append(event)
            else:
                pairs[open_index] = NoticePair(pairs[open_index].notice, event)
                open_index = None
    return pairs, orphans


def counted_from(rule: Withdrawal, notice: Event) -> date:
    """The day a notice's period starts: its receipt where the clause counts from receipt
    and the receipt is recorded, else the day it was given."""
    if rule.from_receipt and notice.received is not None:
        return notice.received
    return notice.date


@dataclass(frozen=True, slots=True)
class Effect:
    """When a notice takes effect under the clause.

    ``on`` None with ``beyond_calendar``: past 9999-12-31. ``on`` None with ``deferred``: the
    withdrawing state is in an armed conflict with no known end, so the day is not yet known.
    ``deferred`` with a day: the conflict ended and the withdrawal took effect then.
    """

    on: date | None
    earliest: date | None
    deferred: bool = False
    beyond_calendar: bool = False


def notice_effect(
    rule: Withdrawal, notice: Event, conflicts: Sequence[Event], as_of: date
) -> Effect:
    """The day ``notice`` takes effect by the clause, as known on ``as_of`` (a recorded effect
    is the caller's business: this is what the rule gives).

    The period runs from the notice (or its receipt); a notice may name a later day where the
    clause says "at least"; and where the clause defers a withdrawal during an armed conflict,
    a conflict of the withdrawing state under way at the end of the period moves the effect to
    the conflict's end (unknown while it lasts, as seen on ``as_of``).
    """
    assert rule.notice is not None  # a notice under 'clause: none' is refused by the checks
    earliest = add_duration(counted_from(rule, notice), rule.notice)
    if earliest is None:
        return Effect(None, None, beyond_calendar=True)
    on = earliest
    if rule.minimum and notice.effective is not None and notice.effective > on:
        on = notice.effective
    if rule.deferred_during_armed_conflict:
        for conflict in conflicts:
            if conflict.date > as_of or conflict.date > on:
                continue
            ended = (
                conflict.until if conflict.until is not None and conflict.until <= as_of else None
            )
            if ended is None:
                return Effect(None, earliest, deferred=True)
            if ended >= on:
                on = ended
                return Effect(on, earliest, deferred=True)
    return Effect(on, earliest)
