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

from dataclasses import dataclass
from datetime import date
from typing import Any

from treatycli.dates import add_duration, day_before, describe_duration, subtract_duration
from treatycli.model.treaty import Event, Treaty
from treatycli.rules.answers import (
    ENDED_STATUSES,
    IN_FORCE_STATUSES,
    STATUS_LABELS,
    Assessment,
    ExtensionAnswer,
    PartyWithdrawal,
    Status,
    StatusAnswer,
    TreatyRef,
    WithdrawalAnswer,
)
from treatycli.wording import definite


def ref(treaty: Treaty) -> TreatyRef:
    return TreatyRef(id=treaty.id, short_name=treaty.short_name)


def known_events(treaty: Treaty, as_of: date) -> tuple[Event, ...]:
    """The recorded events that had happened by the as-of day, oldest first (stable for ties)."""
    return treaty.events_until(as_of)


def base_expiry(treaty: Treaty) -> date | None:
    """The end of the original term, before any extension, or None if it has no fixed end."""
    term = treaty.rules.term
    if term.type == "fixed_end":
        return term.ends_on
    if term.type == "fixed_length" and term.length is not None:
        entry = treaty.entered_into_force_on
        return add_duration(entry, term.length) if entry else None
    return None


def conference_due(treaty: Treaty) -> date | None:
    """For a term that ends in a conference (NPT Art. X.2), the day the conference is due."""
    term = treaty.rules.term
    entry = treaty.entered_into_force_on
    if term.type != "until_conference" or term.length is None or entry is None:
        return None
    return add_duration(entry, term.length)


def extensions_known(treaty: Treaty, as_of: date) -> list[Event]:
    return [e for e in known_events(treaty, as_of) if e.type == "extended"]


@dataclass(frozen=True, slots=True)
class Expiry:
    """The expiry in force on a day, and what set it (the term, or the latest extension)."""

    on: date | None
    set_by: Event | None
    indefinite: bool


def expiry_as_of(treaty: Treaty, as_of: date) -> Expiry:
    """The expiry as known on the as-of day: the term's end, moved by every extension so far."""
    expiry = Expiry(base_expiry(treaty), None, False)
    for extension in extensions_known(treaty, as_of):
        expiry = Expiry(extension.until, extension, extension.indefinitely)
    return expiry


def withdrawal_effect(treaty: Treaty, notice: Event) -> tuple[date, Event | None]:
    """When a withdrawal notice takes effect: the recorded effect date if there is one, else
    the notice date plus the notice period. Returns (date, the recorded event or None)."""
    recorded = [
        e
        for e in treaty.events
        if e.type == "withdrawal_effective" and e.party == notice.party and e.date >= notice.date
    ]
    if recorded:
        first = min(recorded, key=lambda e: e.date)
        return first.date, first
    rule = treaty.rules.withdrawal
    if rule is None:
        # No clause to count from: only a recorded effect date can say when it took effect.
        # Consistency checks refuse such a notice, so this is never reached for valid data.
        raise ValueError(f"{treaty.id}: a withdrawal notice but no withdrawal rule")
    return add_duration(notice.date, rule.notice), None


def party_withdrawals(treaty: Treaty, as_of: date) -> list[PartyWithdrawal]:
    result = []
    for notice in known_events(treaty, as_of):
        if notice.type != "withdrawal_notice" or notice.party is None:
            continue
        effective_on, recorded = withdrawal_effect(treaty, notice)
        result.append(
            PartyWithdrawal(
                party=notice.party,
                notice_on=notice.date,
                effective_on=effective_on,
                effective_recorded=recorded is not None and recorded.date <= as_of,
                # A notice whose effect is contested (the DPRK's of 2003) is reported, but the
                # tool does not declare the party out: that is for the parties to settle.
                in_effect=effective_on <= as_of and notice.disputed is None,
                disputed=notice.disputed,
            )
        )
    return result


def active_suspensions(treaty: Treaty, as_of: date) -> list[str]:
    """Parties whose suspension was declared and not yet lifted by the as-of day."""
    suspended: dict[str, bool] = {}
    for event in known_events(treaty, as_of):
        if event.party is None:
            continue
        if event.type == "suspended":
            suspended[event.party] = True
        elif event.type == "suspension_lifted":
            suspended[event.party] = False
    return [party for party, active in suspended.items() if active]


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
        article = treaty.rules.term.article
        if expiry.set_by is None:
            reason = f"its term ended ({article})"
        else:
            reason = f"its extension, agreed {expiry.set_by.date.isoformat()}, ended ({article})"
        endings.append(_Ending(expiry.on, "expired", reason))
    if treaty.kind == "bilateral":
        for withdrawal in party_withdrawals(treaty, as_of):
            if withdrawal.in_effect:
                endings.append(
                    _Ending(
                        withdrawal.effective_on,
                        "terminated_by_withdrawal",
                        f"the withdrawal of {definite(withdrawal.party)} took effect "
                        f"(notice given {withdrawal.notice_on.isoformat()})",
                    )
                )
    return endings


def status_as_of(treaty: Treaty, as_of: date) -> StatusAnswer:
    """The treaty's status on the as-of day, derived from its rules and known events."""
    opened = treaty.opening
    if opened is None or as_of < opened.date:
        return _status("not_yet_signed", None, "it had not been signed yet")
    entry = treaty.entered_into_force_on
    known = known_events(treaty, as_of)
    if entry is None or as_of < entry:
        if treaty.kind == "bilateral":
            refusals = [e for e in known if e.type == "declared_not_bound"]
            if refusals:
                first = refusals[0]
                return _status(
                    "abandoned",
                    first.date,
                    f"{definite(first.party or '')} declared it no longer considers itself "
                    "bound by it",
                )
        verb = "opened for signature" if opened.type == "opened_for_signature" else "signed"
        return _status("signed_not_in_force", opened.date, f"{verb}, and not (yet) in force")
    expiry = expiry_as_of(treaty, as_of)
    endings = _endings(treaty, as_of, expiry)
    if endings:
        first_end = min(endings, key=lambda e: (e.on, _ENDING_PRECEDENCE[e.status]))
        return _status(first_end.status, first_end.on, first_end.reason)
    if treaty.kind == "bilateral":
        pending = [
            w for w in party_withdrawals(treaty, as_of) if not w.in_effect and not w.disputed
        ]
        if pending:
            first_pending = min(pending, key=lambda w: w.effective_on)
            return _status(
                "withdrawal_pending",
                first_pending.notice_on,
                f"{definite(first_pending.party)} gave notice of withdrawal; it takes effect on "
                f"{first_pending.effective_on.isoformat()}",
            )
    suspended = active_suspensions(treaty, as_of)
    if suspended:
        since = max(e.date for e in known if e.type == "suspended" and e.party in set(suspended))
        return _status("suspended", since, f"suspended by {', '.join(map(definite, suspended))}")
    return _status("in_force", entry, "in force since its entry into force")


def _status(code: Status, since: date | None, reason: str) -> StatusAnswer:
    return StatusAnswer(code=code, label=STATUS_LABELS[code], since=since, reason=reason)


def _expiry_basis(treaty: Treaty, expiry: Expiry) -> str:
    term = treaty.rules.term
    if expiry.set_by is not None:
        extension = expiry.set_by
        article = treaty.rules.extension.article if treaty.rules.extension else term.article
        if extension.indefinitely:
            return f"extended indefinitely on {extension.date.isoformat()}, {article}"
        return f"extended on {extension.date.isoformat()} until {extension.until}, {article}"
    if term.type == "fixed_length" and term.length:
        entry = treaty.entered_into_force_on
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


def extension_outlook(treaty: Treaty, as_of: date, status: StatusAnswer) -> ExtensionAnswer:
    """Whether the term can still be extended on the as-of day, how far, and by when."""
    rule = treaty.rules.extension
    term = treaty.rules.term
    if rule is None:
        if term.type == "unlimited":
            reason = f"it is of unlimited duration ({term.article}), so there is no term to extend"
        elif term.type == "unspecified":
            reason = f"the text sets no duration ({term.article}), so there is no term to extend"
        elif term.type == "tied_to":
            reason = f"it lasts as long as {term.treaty} ({term.article}), with no term of its own"
        else:
            reason = "the text provides for no extension"
        return ExtensionAnswer(possible=False, reason=reason)
    used = extensions_known(treaty, as_of)
    common: dict[str, Any] = {
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
    if status.code in {"not_yet_signed", "signed_not_in_force", "abandoned"}:
        return ExtensionAnswer(
            possible=False, reason="it is not in force, so its term has not begun", **common
        )
    expiry = expiry_as_of(treaty, as_of)
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
    due = conference_due(treaty)
    if term.type == "until_conference":
        return ExtensionAnswer(
            possible=True,
            reason=f"a conference of the parties decides whether it continues ({rule.article})",
            conference_due=due,
            **common,
        )
    if expiry.on is None:
        return ExtensionAnswer(possible=False, reason="it has no expiry date to extend", **common)
    step = rule.period or rule.max_period
    remaining = None if rule.times is None else rule.times - len(used)
    next_expiry = add_duration(expiry.on, step) if step else None
    latest = add_duration(expiry.on, step, remaining) if step and remaining else None
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


def withdrawal_outlook(treaty: Treaty, as_of: date, status: StatusAnswer) -> WithdrawalAnswer:
    """When a withdrawal notice given on the as-of day would take effect."""
    rule = treaty.rules.withdrawal
    if rule is None:
        return WithdrawalAnswer(available=False, reason="the text has no withdrawal clause")
    common: dict[str, Any] = {
        "notice_period": rule.notice,
        "condition": rule.condition,
        "article": rule.article,
    }
    if status.code in ENDED_STATUSES:
        return WithdrawalAnswer(
            available=False, reason=f"it is no longer in force ({status.label})", **common
        )
    if status.code not in IN_FORCE_STATUSES:
        return WithdrawalAnswer(
            available=False,
            reason="it is not in force; a signatory leaves by not ratifying, not by notice",
            **common,
        )
    entry = treaty.entered_into_force_on
    assert entry is not None
    if rule.earliest_notice_after_entry_into_force:
        earliest = add_duration(entry, rule.earliest_notice_after_entry_into_force)
        if as_of < earliest:
            return WithdrawalAnswer(
                available=False,
                reason=f"notice may be given only from {earliest.isoformat()} ({rule.article})",
                earliest_notice_on=earliest,
                effective_if_notice_on_as_of=None,
                **common,
            )
    effective = add_duration(as_of, rule.notice)
    expiry = expiry_as_of(treaty, as_of).on
    reason = f"notice takes effect {describe_duration(rule.notice)} after it is given"
    if expiry is not None and effective >= expiry:
        reason += f"; the treaty expires first, on {expiry.isoformat()}"
    return WithdrawalAnswer(
        available=True, reason=reason, effective_if_notice_on_as_of=effective, **common
    )


def assess(treaty: Treaty, as_of: date) -> Assessment:
    """Everything the rules say about a treaty on a day."""
    status = status_as_of(treaty, as_of)
    expiry = expiry_as_of(treaty, as_of)
    has_term_running = status.code in IN_FORCE_STATUSES or status.code == "expired"
    expires_on = expiry.on if has_term_running else None
    days_left = (expires_on - as_of).days if expires_on and expires_on > as_of else None
    return Assessment(
        treaty=ref(treaty),
        as_of=as_of,
        status=status,
        signed_on=_known_by(treaty.signed_on, as_of),
        entered_into_force_on=_known_by(treaty.entered_into_force_on, as_of),
        expires_on=expires_on,
        expiry_basis=_expiry_basis(treaty, expiry),
        days_left=days_left,
        suspended_by=active_suspensions(treaty, as_of),
        withdrawals=party_withdrawals(treaty, as_of),
        extension=extension_outlook(treaty, as_of, status),
        withdrawal=withdrawal_outlook(treaty, as_of, status),
    )


def _known_by(day: date | None, as_of: date) -> date | None:
    """A recorded date, if it had come by the as-of day (later ones are not yet known)."""
    return day if day is not None and day <= as_of else None
