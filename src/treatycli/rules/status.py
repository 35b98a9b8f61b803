"""The date rules: pure functions of (treaty, as-of day) to status, expiry, extension, withdrawal.

Nothing here reads files, prints, or asks the clock: the day is always an argument, so every
answer can be reproduced for any day ("what could be said on 14 April 2020?"). Only events
recorded on or before the as-of day are known; later ones have not happened yet.

Conventions, applied to every treaty alike:
- A treaty is in force up to, not including, its expiry date: on that day its status is
  ``expired``. This is how the parties speak ("extended until February 5, 2026"; New START
  expired on 5 February 2026), and a term of ten years from 5 February 2011 ends on
  5 February 2021.
- A withdrawal takes effect exactly one notice period after the notice (unless the record
  states a later date the notice named), counted in calendar units.
- An extension must be agreed before the expiry date it prolongs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from treatycli.dates import (
    BEYOND_CALENDAR,
    add_duration,
    day_before,
    describe_duration,
    subtract_duration,
)
from treatycli.model.treaty import INSTRUMENT_EVENTS, Event, Treaty
from treatycli.rules.answers import (
    ENDED_STATUSES,
    IN_FORCE_STATUSES,
    NEVER_IN_FORCE_STATUSES,
    STATUS_GROUPS,
    STATUS_LABELS,
    Assessment,
    BeyondCalendar,
    ExtensionAnswer,
    PartyWithdrawal,
    Status,
    StatusAnswer,
    TreatyRef,
    WithdrawalAnswer,
)
from treatycli.rules.periods import end_after_extensions, notice_effect, pair_notices
from treatycli.wording import definite

Others = Mapping[str, Treaty]
"""The other treaties of the dataset by id, for a term tied to another treaty."""


def ref(treaty: Treaty) -> TreatyRef:
    return TreatyRef(id=treaty.id, short_name=treaty.short_name)


def known_events(treaty: Treaty, as_of: date) -> tuple[Event, ...]:
    """The recorded events that had happened by the as-of day, oldest first (stable for ties)."""
    return treaty.events_until(as_of)


def instruments(treaty: Treaty) -> list[Event]:
    """Every recorded instrument of ratification, accession or succession, in date order."""
    return [e for e in treaty.events_by_date if e.type in INSTRUMENT_EVENTS]


def offset_day(start: date, offset: str | None, first_day_of_month: bool) -> date | None:
    """``offset`` after ``start``; with ``first_day_of_month``, the first day of the month that
    many months after the month of ``start`` (Ottawa Art. 17: "the first day of the sixth month
    after the month in which…")."""
    if offset is None:
        return start
    base = start.replace(day=1) if first_day_of_month else start
    return add_duration(base, offset)


def derived_entry(treaty: Treaty, as_of: date) -> date | None:
    """The entry into force the rule gives once its Nth instrument is known by the as-of day:
    the offset after that instrument, not before the floor (CWC: 180 days after the 65th, not
    earlier than 13 January 1995). None if the rule does not count instruments or not enough
    are recorded by then."""
    rule = treaty.rules.entry_into_force
    if rule is None or rule.instruments is None:
        return None
    deposited = [e for e in instruments(treaty) if e.date <= as_of]
    if len(deposited) < rule.instruments:
        return None
    day = offset_day(deposited[rule.instruments - 1].date, rule.offset, rule.first_day_of_month)
    if day is not None and rule.not_before is not None:
        day = max(day, rule.not_before)
    return day


def entry_as_of(treaty: Treaty, as_of: date) -> date | None:
    """The treaty's entry into force: the recorded one, else the one its rule derives."""
    return treaty.entered_into_force_on or derived_entry(treaty, as_of)


def base_expiry(treaty: Treaty, as_of: date | None = None) -> date | None:
    """The end of the original term, before any extension, or None if it has no fixed end."""
    term = treaty.rules.term
    if term.type == "fixed_end":
        return term.ends_on
    if term.type in {"fixed_length", "renewing"} and term.length is not None:
        entry = entry_as_of(treaty, as_of or date.max)
        return add_duration(entry, term.length) if entry else None
    return None


def extensions_known(treaty: Treaty, as_of: date) -> list[Event]:
    return [e for e in known_events(treaty, as_of) if e.type == "extended"]


def conference_due(treaty: Treaty, as_of: date | None = None) -> date | None:
    """For a term that ends in a conference (NPT Art. X.2), the day the next conference is due:
    the term's end, or the end of the fixed period the last conference extended it to."""
    term = treaty.rules.term
    if term.type != "until_conference" or term.length is None:
        return None
    extensions = extensions_known(treaty, as_of or date.max)
    if extensions:
        return extensions[-1].until  # None after an indefinite extension
    entry = entry_as_of(treaty, as_of or date.max)
    return add_duration(entry, term.length) if entry else None


@dataclass(frozen=True, slots=True)
class Expiry:
    """The expiry in force on a day, and what set it (the term, the latest extension, a
    notice of non-renewal, or the end of the treaty the term is tied to)."""

    on: date | None
    set_by: Event | None
    indefinite: bool
    beyond_calendar: bool = False
    renews: bool = False
    tied_end: tuple[str, date] | None = None


def _renewing_expiry(treaty: Treaty, as_of: date) -> Expiry:
    """A renewing term's end as known on the day: the end of the period a timely notice of
    non-renewal stops it at, or else the end of the current period (it renews unless…)."""
    term = treaty.rules.term
    assert term.renewal is not None
    end = base_expiry(treaty, as_of)
    if end is None:
        return Expiry(None, None, False, beyond_calendar=entry_as_of(treaty, as_of) is not None)
    notices = [e for e in known_events(treaty, as_of) if e.type == "non_renewal_notice"]
    while True:
        latest_notice = subtract_duration(end, term.renewal.notice_before)
        timely = [n for n in notices if latest_notice is not None and n.date <= latest_notice]
        if timely:
            return Expiry(end, timely[0], False)
        if end > as_of:
            return Expiry(end, None, False, renews=True)
        following = add_duration(end, term.renewal.period)
        if following is None:
            return Expiry(None, None, False, beyond_calendar=True)
        end = following


def expiry_as_of(treaty: Treaty, as_of: date, others: Others | None = None) -> Expiry:
    """The expiry as known on the as-of day: the term's end, moved by every extension so far."""
    term = treaty.rules.term
    if term.type == "renewing":
        return _renewing_expiry(treaty, as_of)
    if term.type == "tied_to" and term.treaty is not None and others is not None:
        parent = others.get(term.treaty)
        if parent is not None and parent.id != treaty.id:
            # It ends when the other treaty ends: the day it ended, or the day it is due to.
            parent_status = status_as_of(parent, as_of, None)
            if parent_status.code in ENDED_STATUSES and parent_status.since is not None:
                ends = parent_status.since
                return Expiry(ends, None, False, tied_end=(parent.id, ends))
            scheduled = expiry_as_of(parent, as_of, None)
            if scheduled.on is not None and not scheduled.indefinite:
                return Expiry(scheduled.on, None, False, tied_end=(parent.id, scheduled.on))
    start = base_expiry(treaty, as_of)
    beyond = (
        start is None and term.type == "fixed_length" and entry_as_of(treaty, as_of) is not None
    )
    expiry = Expiry(start, None, False, beyond_calendar=beyond)
    for extension in extensions_known(treaty, as_of):
        expiry = Expiry(extension.until, extension, extension.indefinitely)
    return expiry


_MEMO: dict[tuple[str, int, date], tuple[Treaty, Any]] = {}
"""Per-(treaty, day) results that several answers ask for (the withdrawals, the suspensions):
computed once per treaty and day, so a treaty with 32,000 notices is walked a few times, not
once per question. Keyed by the object's identity, which the entry keeps alive."""


def _memo(kind: str, treaty: Treaty, as_of: date, compute: Any) -> Any:
    key = (kind, id(treaty), as_of)
    hit = _MEMO.get(key)
    if hit is not None and hit[0] is treaty:
        return hit[1]
    if len(_MEMO) > 4096:
        _MEMO.clear()
    value = compute(treaty, as_of)
    _MEMO[key] = (treaty, value)
    return value


def party_withdrawals(treaty: Treaty, as_of: date) -> list[PartyWithdrawal]:
    """Every withdrawal notice known by the as-of day, with the day it takes (took) effect:
    the recorded effect that answers it, else the day the clause gives."""
    return list(_memo("withdrawals", treaty, as_of, _party_withdrawals))


def _end_not_by_withdrawal(treaty: Treaty, as_of: date) -> date | None:
    """The first day, by the as-of day, the treaty ended other than by a party's withdrawal
    (its term, or a recorded termination, expiry or superseding treaty). A term tied to
    another treaty is not followed here (the other treaties are not at hand)."""
    days = [
        e.date
        for e in known_events(treaty, as_of)
        if e.type in {"superseded", "terminated", "expired"}
    ]
    expiry = expiry_as_of(treaty, as_of).on
    if expiry is not None and expiry <= as_of:
        days.append(expiry)
    return min(days, default=None)


def _overtaken(withdrawals: list[PartyWithdrawal], ended: date | None) -> list[PartyWithdrawal]:
    """Mark each notice whose effect (derived from the rule) would come after the treaty ended:
    it never took effect. A recorded effect is a fact and stays as recorded."""
    if ended is None:
        return withdrawals
    return [
        w.model_copy(update={"in_effect": False, "overtaken_by_end": ended})
        if not w.effective_recorded
        and (not isinstance(w.effective_on, date) or w.effective_on > ended)
        else w
        for w in withdrawals
    ]


def _party_withdrawals(treaty: Treaty, as_of: date) -> list[PartyWithdrawal]:
    result = _overtaken(_notices(treaty, as_of), _end_not_by_withdrawal(treaty, as_of))
    if treaty.kind == "bilateral":
        # The first withdrawal to take effect ends a bilateral treaty; a later one never will.
        first = min(
            (w.effective_on for w in result if w.in_effect and isinstance(w.effective_on, date)),
            default=None,
        )
        result = _overtaken(result, first)
    return result


def _notices(treaty: Treaty, as_of: date) -> list[PartyWithdrawal]:
    rule = treaty.rules.withdrawal
    result = []
    for events in treaty.events_by_party.values():
        if not any(e.type == "withdrawal_notice" for e in events):
            continue
        pairs, _ = pair_notices(events)
        conflicts = [e for e in events if e.type == "engaged_in_armed_conflict"]
        for pair in pairs:
            notice = pair.notice
            if notice.date > as_of:
                break
            assert notice.party is not None
            deferred = False
            effective_on: date | str | None
            if pair.effect is not None:
                effective_on = pair.effect.date
            elif rule is None or rule.notice is None:
                # No clause to count from: checks refuse such a notice in a valid dataset.
                continue
            else:
                effect = notice_effect(rule, notice, conflicts, as_of)
                deferred = effect.deferred
                effective_on = BEYOND_CALENDAR if effect.beyond_calendar else effect.on
            in_effect = isinstance(effective_on, date) and effective_on <= as_of
            result.append(
                PartyWithdrawal(
                    party=notice.party,
                    notice_on=notice.date,
                    received_on=notice.received,
                    effective_on=effective_on,  # type: ignore[arg-type]
                    effective_recorded=pair.effect is not None and pair.effect.date <= as_of,
                    # A notice whose effect is contested (the DPRK's of 2003) is reported, but
                    # the tool does not declare the party out: that is for the parties to settle.
                    in_effect=in_effect and notice.disputed is None,
                    disputed=notice.disputed,
                    deferred_by_armed_conflict=deferred,
                )
            )
    result.sort(key=lambda w: w.notice_on)
    return result


def withdrawn_parties(treaty: Treaty, as_of: date) -> dict[str, date]:
    """Folded party name → the day its (last) withdrawal took effect, for those out by then."""
    from treatycli.model.treaty import casefold_name

    out: dict[str, date] = {}
    for w in party_withdrawals(treaty, as_of):
        if w.in_effect and isinstance(w.effective_on, date):
            out[casefold_name(w.party)] = w.effective_on
    return out


def suspension_spells(treaty: Treaty, as_of: date) -> dict[str, date]:
    """Folded party name → the day its current suspension began, for every party whose
    suspension had taken effect by the as-of day and was neither lifted nor ended by that
    party's withdrawal (a state that has left suspends nothing)."""
    return dict(_memo("suspensions", treaty, as_of, _suspension_spells))


def _suspension_spells(treaty: Treaty, as_of: date) -> dict[str, date]:
    left_on = withdrawn_parties(treaty, as_of)
    spells: dict[str, date] = {}
    for key, events in treaty.events_by_party.items():
        since: date | None = None
        for event in events:
            if event.date > as_of:
                break
            if event.type == "suspended":
                start = event.effective or event.date
                if since is None and start <= as_of:
                    since = start
            elif event.type == "suspension_lifted":
                since = None
        if since is not None and key not in left_on:
            spells[key] = since
    return spells


def active_suspensions(treaty: Treaty, as_of: date) -> list[str]:
    """Parties (as written) whose suspension is in effect on the as-of day."""
    return [treaty.party_names[key] for key in suspension_spells(treaty, as_of)]


@dataclass(frozen=True, slots=True)
class _Ending:
    on: date
    status: Status
    reason: str


_ENDING_PRECEDENCE: dict[str, int] = {
    "terminated_by_withdrawal": 0,
    "superseded": 1,
    "expired": 2,
    "terminated": 3,
}
"""On one day, the most specific cause wins: a recorded 'terminated' on the day a withdrawal
takes effect is that withdrawal, not a separate ending."""


def _expiry_reason(treaty: Treaty, expiry: Expiry) -> str:
    article = treaty.rules.term.article
    if expiry.tied_end is not None:
        return f"it lasted as long as {expiry.tied_end[0]}, which ended ({article})"
    if expiry.set_by is None:
        return f"its term ended ({article})"
    if expiry.set_by.type == "non_renewal_notice":
        return (
            f"{definite(expiry.set_by.party or '')} gave notice of non-renewal on "
            f"{expiry.set_by.date.isoformat()} ({article})"
        )
    return f"its extension, agreed {expiry.set_by.date.isoformat()}, ended ({article})"


def _endings(treaty: Treaty, as_of: date, expiry: Expiry) -> list[_Ending]:
    """Every way the treaty had ended by the as-of day, as known then."""
    endings: list[_Ending] = []
    for event in known_events(treaty, as_of):
        if event.type == "superseded":
            endings.append(_Ending(event.date, "superseded", f"superseded by {event.by}"))
        elif event.type == "terminated":
            endings.append(_Ending(event.date, "terminated", "terminated"))
        elif event.type == "expired":
            endings.append(_Ending(event.date, "expired", "expired"))
    if expiry.on is not None and expiry.on <= as_of:
        endings.append(_Ending(expiry.on, "expired", _expiry_reason(treaty, expiry)))
    if treaty.kind == "bilateral":
        for withdrawal in party_withdrawals(treaty, as_of):
            if withdrawal.in_effect and isinstance(withdrawal.effective_on, date):
                endings.append(
                    _Ending(
                        withdrawal.effective_on,
                        "terminated_by_withdrawal",
                        f"the withdrawal of {definite(withdrawal.party)} took effect "
                        f"(notice given {withdrawal.notice_on.isoformat()})",
                    )
                )
    return endings


def pending_bilateral_end(treaty: Treaty, as_of: date) -> PartyWithdrawal | None:
    """For a bilateral treaty, the undisputed notice that will end it first, if any: the
    treaty ends the day it takes effect, and nothing scheduled after that day will happen."""
    if treaty.kind != "bilateral":
        return None
    pending = [
        w
        for w in party_withdrawals(treaty, as_of)
        if not w.in_effect
        and not w.disputed
        and w.overtaken_by_end is None
        and isinstance(w.effective_on, date)
    ]
    return min(pending, key=lambda w: w.effective_on) if pending else None  # type: ignore[arg-type,return-value]


def lapsed_on(treaty: Treaty, as_of: date, others: Others | None = None) -> tuple[date, str] | None:
    """For a treaty not in force, the day its term would have ended, once that day has come,
    and why: from then it can never enter into force (SALT II, to 31 December 1985, Art. XIX;
    a treaty lasting as long as another that has ended). None while it still could, or where
    its term runs from an entry into force."""
    term = treaty.rules.term
    if treaty.entered_into_force_on is not None:
        return None
    if term.type == "fixed_end" and term.ends_on is not None and term.ends_on <= as_of:
        return term.ends_on, f"its term would have ended on {term.ends_on.isoformat()}"
    if term.type == "tied_to" and term.treaty is not None and others is not None:
        parent = others.get(term.treaty)
        if parent is not None and parent.id != treaty.id:
            ended = status_as_of(parent, as_of, None)
            if STATUS_GROUPS[ended.code] == "ended" and ended.since is not None:
                return ended.since, (
                    f"it would have lasted as long as {parent.id}, which ended on "
                    f"{ended.since.isoformat()}"
                )
    return None


def status_as_of(treaty: Treaty, as_of: date, others: Others | None = None) -> StatusAnswer:
    """The treaty's status on the as-of day, derived from its rules and known events."""
    opened = treaty.opening
    if opened is None or as_of < opened.date:
        return _status("not_yet_signed", None, "it had not been signed yet")
    entry = entry_as_of(treaty, as_of)
    known = known_events(treaty, as_of)
    if entry is None or as_of < entry:
        refusals = [e for e in known if e.type == "declared_not_bound"]
        lapse = lapsed_on(treaty, as_of, others)
        if (
            treaty.kind == "bilateral"
            and refusals
            and (lapse is None or refusals[0].date < lapse[0])
        ):
            first = refusals[0]
            return _status(
                "abandoned",
                first.date,
                f"{definite(first.party or '')} declared it no longer considers itself bound by it",
            )
        if lapse is not None:
            return _status(
                "lapsed",
                lapse[0],
                f"never entered into force; {lapse[1]} ({treaty.rules.term.article})",
            )
        verb = "opened for signature" if opened.type == "opened_for_signature" else "signed"
        return _status("signed_not_in_force", opened.date, f"{verb}, and not (yet) in force")
    expiry = expiry_as_of(treaty, as_of, others)
    endings = _endings(treaty, as_of, expiry)
    if endings:
        first_end = min(endings, key=lambda e: (e.on, _ENDING_PRECEDENCE[e.status]))
        return _status(first_end.status, first_end.on, first_end.reason)
    pending = pending_bilateral_end(treaty, as_of)
    if pending is None and treaty.kind == "bilateral":
        beyond = [
            w
            for w in party_withdrawals(treaty, as_of)
            if not w.in_effect and not w.disputed and w.overtaken_by_end is None
        ]
        pending = beyond[0] if beyond else None
    if pending is not None:
        takes = (
            pending.effective_on.isoformat()
            if isinstance(pending.effective_on, date)
            else "a day not yet known"
        )
        return _status(
            "withdrawal_pending",
            pending.notice_on,
            f"{definite(pending.party)} gave notice of withdrawal; it takes effect "
            f"{'on ' if isinstance(pending.effective_on, date) else ''}{takes}",
        )
    spells = suspension_spells(treaty, as_of)
    if spells:
        names = [definite(treaty.party_names[key]) for key in spells]
        return _status("suspended", min(spells.values()), f"suspended by {', '.join(names)}")
    return _status("in_force", entry, "in force since its entry into force")


def _status(code: Status, since: date | None, reason: str) -> StatusAnswer:
    return StatusAnswer(code=code, label=STATUS_LABELS[code], since=since, reason=reason)


def _expiry_basis(treaty: Treaty, expiry: Expiry, as_of: date) -> str:
    term = treaty.rules.term
    if expiry.tied_end is not None:
        return _expiry_reason(treaty, expiry)
    if expiry.set_by is not None and expiry.set_by.type == "non_renewal_notice":
        return _expiry_reason(treaty, expiry)
    if expiry.set_by is not None:
        extension = expiry.set_by
        article = treaty.rules.extension.article if treaty.rules.extension else term.article
        if extension.indefinitely:
            return f"extended indefinitely on {extension.date.isoformat()}, {article}"
        return f"extended on {extension.date.isoformat()} until {extension.until}, {article}"
    if term.type == "renewing" and term.renewal is not None:
        return (
            f"it renews for successive periods of {describe_duration(term.renewal.period)} "
            f"unless a party gives notice {describe_duration(term.renewal.notice_before)} "
            f"before the end of one, {term.article}"
        )
    if term.type == "fixed_length" and term.length:
        entry = entry_as_of(treaty, as_of)
        on = f" on {entry.isoformat()}" if entry else ""
        return f"{describe_duration(term.length)} from entry into force{on}, {term.article}"
    if term.type == "fixed_end" and term.ends_on:
        return f"in force until {term.ends_on.isoformat()}, {term.article}"
    if term.type == "until_conference" and term.length:
        return (
            f"a conference {describe_duration(term.length)} after entry into force "
            f"decides its duration, {term.article}"
        )
    if term.type == "tied_to":
        return f"it lasts as long as {term.treaty} stays in force, {term.article}"
    if term.type == "unlimited":
        return f"of unlimited duration, {term.article}"
    return f"the text sets no duration, {term.article}"


def _never_in_force(status: StatusAnswer) -> str:
    """Why nothing can be done under a treaty that never entered into force and never will."""
    since = f" on {status.since.isoformat()}" if status.since else ""
    how = "it lapsed" if status.code == "lapsed" else "it was abandoned"
    return f"{how}{since} and can never enter into force ({status.reason})"


def _later(day: date | None) -> date | BeyondCalendar:
    """A computed day, or the value of its own for a day past the calendar."""
    return "after 9999-12-31" if day is None else day


def extension_outlook(
    treaty: Treaty, as_of: date, status: StatusAnswer, others: Others | None = None
) -> ExtensionAnswer:
    """Whether the term can still be extended on the as-of day, how far, and by when."""
    rule = treaty.rules.extension
    term = treaty.rules.term
    used = extensions_known(treaty, as_of)
    common: dict[str, Any] = {}
    if rule is not None:
        common = {
            "decided_by": rule.decided_by,
            "times_allowed": rule.times,
            "times_used": len(used),
            "max_period": rule.max_period,
            "period": rule.period,
            "indefinite_allowed": rule.indefinite_allowed,
            "article": rule.article,
        }
    if status.code in ENDED_STATUSES:
        since = status.since.isoformat() if status.since else "an earlier date"
        return ExtensionAnswer(
            possible=False,
            reason=f"it is no longer in force ({status.label} on {since}); "
            "a treaty that has ended cannot be extended",
            **common,
        )
    if status.code in NEVER_IN_FORCE_STATUSES:
        return ExtensionAnswer(possible=False, reason=_never_in_force(status), **common)
    if rule is None:
        if term.type == "unlimited":
            reason = f"it is of unlimited duration ({term.article}), so there is no term to extend"
        elif term.type == "unspecified":
            reason = f"the text sets no duration ({term.article}), so there is no term to extend"
        elif term.type == "tied_to":
            reason = f"it lasts as long as {term.treaty} ({term.article}), with no term of its own"
        elif term.type == "renewing" and term.renewal is not None:
            reason = (
                f"it renews by itself for periods of {describe_duration(term.renewal.period)} "
                f"unless a party gives notice {describe_duration(term.renewal.notice_before)} "
                f"before the end of one ({term.article})"
            )
        else:
            reason = "the text provides for no extension"
        return ExtensionAnswer(possible=False, reason=reason)
    if status.code not in IN_FORCE_STATUSES:
        return ExtensionAnswer(
            possible=False, reason="it is not in force, so its term has not begun", **common
        )
    expiry = expiry_as_of(treaty, as_of, others)
    if expiry.indefinite:
        assert expiry.set_by is not None
        return ExtensionAnswer(
            possible=False,
            reason=f"it was extended indefinitely on {expiry.set_by.date.isoformat()}",
            **common,
        )
    if rule.times is not None and len(used) >= rule.times:
        only = "its only extension" if rule.times == 1 else f"all {rule.times} extensions"
        return ExtensionAnswer(
            possible=False,
            reason=f"{only} allowed by {rule.article} {'was' if rule.times == 1 else 'were'} "
            "already used",
            **common,
        )
    ending = pending_bilateral_end(treaty, as_of)
    if (
        ending is not None
        and isinstance(ending.effective_on, date)
        and (expiry.on is None or ending.effective_on <= expiry.on)
    ):
        return ExtensionAnswer(
            possible=False,
            reason=f"it ends on {ending.effective_on.isoformat()}, when the withdrawal of "
            f"{definite(ending.party)} takes effect, before its term would",
            **common,
        )
    step = rule.period or rule.max_period
    if term.type == "until_conference":
        due = conference_due(treaty, as_of)
        if due is None:
            return ExtensionAnswer(possible=False, reason="it has no end to decide on", **common)
        next_end = add_duration(due, step) if step and used else None
        return ExtensionAnswer(
            possible=True,
            reason=f"a conference of the parties decides whether it continues ({rule.article})",
            conference_due=due,
            decide_before=due if used else None,
            last_day_to_decide=day_before(due) if used else None,
            next_expiry_if_extended=_later(next_end) if step and used else None,
            **common,
        )
    if expiry.on is None:
        return ExtensionAnswer(possible=False, reason="it has no expiry date to extend", **common)
    remaining = None if rule.times is None else rule.times - len(used)
    next_expiry = _later(add_duration(expiry.on, step)) if step else None
    latest = (
        _later(end_after_extensions(expiry.on, step, remaining)) if step and remaining else None
    )
    consider_by = (
        subtract_duration(expiry.on, rule.consider_before) if rule.consider_before else None
    )
    return ExtensionAnswer(
        possible=True,
        reason=f"it is in force and may be extended by {rule.decided_by} before it expires",
        next_expiry_if_extended=next_expiry,
        latest_possible_expiry=latest,
        decide_before=expiry.on,
        last_day_to_decide=day_before(expiry.on),
        consider_by=consider_by,
        **common,
    )


def in_armed_conflict(events: tuple[Event, ...] | list[Event], as_of: date) -> bool:
    """Whether a state's record shows it engaged in an armed conflict on the as-of day."""
    return any(
        e.type == "engaged_in_armed_conflict"
        and e.date <= as_of
        and (e.until is None or e.until > as_of)
        for e in events
    )


def withdrawal_outlook(
    treaty: Treaty,
    as_of: date,
    status: StatusAnswer,
    party_events: tuple[Event, ...] = (),
    others: Others | None = None,
) -> WithdrawalAnswer:
    """When a withdrawal notice given on the as-of day would take effect (for a party whose
    record is ``party_events``, where one is asked about: its armed conflicts defer it)."""
    rule = treaty.rules.withdrawal
    if rule is None:
        return WithdrawalAnswer(
            available=False,
            clause="not_recorded",
            reason="the withdrawal clause is not recorded in the data",
        )
    common: dict[str, Any] = {
        "notice_period": rule.notice,
        "notice_is_minimum": rule.minimum,
        "counted_from_receipt": rule.from_receipt,
        "deferred_during_armed_conflict": rule.deferred_during_armed_conflict,
        "condition": rule.condition,
        "article": rule.article,
        "clause": rule.clause,
    }
    if rule.clause == "none" or rule.notice is None:
        return WithdrawalAnswer(
            available=False,
            reason=f"the text has no withdrawal clause ({rule.article})",
            effective_if_notice_on_as_of="never",
            **common,
        )
    if status.code in ENDED_STATUSES:
        since = f" on {status.since.isoformat()}" if status.since else ""
        return WithdrawalAnswer(
            available=False,
            reason=f"it is no longer in force: it ended{since} ({status.label}), so no notice "
            "can be given and none given earlier is still to take effect",
            **common,
        )
    if status.code in NEVER_IN_FORCE_STATUSES:
        return WithdrawalAnswer(available=False, reason=_never_in_force(status), **common)
    if status.code not in IN_FORCE_STATUSES:
        return WithdrawalAnswer(
            available=False,
            reason="it is not in force; a signatory leaves by not ratifying, not by notice",
            **common,
        )
    entry = entry_as_of(treaty, as_of)
    assert entry is not None
    earliest: date | None = None
    if rule.earliest_after_entry:
        earliest = add_duration(entry, rule.earliest_after_entry)
    if rule.available_from_date is not None:
        earliest = max(earliest or rule.available_from_date, rule.available_from_date)
    if earliest is not None and as_of < earliest:
        return WithdrawalAnswer(
            available=False,
            reason=f"notice may be given only from {earliest.isoformat()} ({rule.article})",
            earliest_notice_on=earliest,
            effective_if_notice_on_as_of=None,
            **common,
        )
    effective = add_duration(as_of, rule.notice)
    words = describe_duration(rule.notice)
    reason = (
        f"notice takes effect {'at least ' if rule.minimum else ''}{words} after it is "
        f"{'received' if rule.from_receipt else 'given'}"
    )
    if rule.deferred_during_armed_conflict and in_armed_conflict(party_events, as_of):
        return WithdrawalAnswer(
            available=True,
            reason=reason + "; it is deferred while that state is engaged in an armed conflict",
            effective_if_notice_on_as_of=None,
            **common,
        )
    expiry = expiry_as_of(treaty, as_of, others).on
    if effective is not None and expiry is not None and effective >= expiry:
        reason += f"; the treaty expires first, on {expiry.isoformat()}"
    return WithdrawalAnswer(
        available=True, reason=reason, effective_if_notice_on_as_of=_later(effective), **common
    )


def assess(treaty: Treaty, as_of: date, others: Others | None = None) -> Assessment:
    """Everything the rules say about a treaty on a day."""
    status = status_as_of(treaty, as_of, others)
    expiry = expiry_as_of(treaty, as_of, others)
    has_term_running = status.code in IN_FORCE_STATUSES or status.code == "expired"
    expires_on = expiry.on if has_term_running else None
    if status.code == "expired" and status.since is not None:
        expires_on = status.since
    days_left = (expires_on - as_of).days if expires_on and expires_on > as_of else None
    return Assessment(
        treaty=ref(treaty),
        as_of=as_of,
        status=status,
        signed_on=_known_by(treaty.signed_on, as_of),
        entered_into_force_on=_known_by(entry_as_of(treaty, as_of), as_of),
        expires_on=expires_on,
        expiry_basis=_expiry_basis(treaty, expiry, as_of),
        days_left=days_left,
        suspended_by=active_suspensions(treaty, as_of),
        withdrawals=party_withdrawals(treaty, as_of),
        extension=extension_outlook(treaty, as_of, status, others),
        withdrawal=withdrawal_outlook(treaty, as_of, status, others=others),
    )


def _known_by(day: date | None, as_of: date) -> date | None:
    """A recorded date, if it had come by the as-of day (later ones are not yet known)."""
    return day if day is not None and day <= as_of else None
