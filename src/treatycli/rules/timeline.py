"""A treaty's history as one list: the recorded events, and the events its rules derive.

Recorded events carry their source; derived ones (an expiry nobody typed in, the day a notice
takes effect, the last day to agree an extension) carry the rule and article they come from,
so no reader can mistake a computed date for a documented one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from treatycli.dates import subtract_duration
from treatycli.model.treaty import JOINING_EVENTS, Event, Treaty, party_key
from treatycli.rules.answers import (
    ENDED_STATUSES,
    IN_FORCE_STATUSES,
    Assessment,
    RuleRef,
    TimelineAnswer,
    TimelineEvent,
)
from treatycli.rules.status import (
    Others,
    assess,
    conference_due,
    derived_entry,
    expiry_as_of,
    known_events,
    pending_bilateral_end,
    ref,
)
from treatycli.wording import definite


def describe_recorded(event: Event, names: Mapping[str, str]) -> str:
    """Plain words for a recorded event, with its one-line ``summary`` where the data gives one
    (a statement's type alone says nothing of what was said). ``names`` maps treaty ids to
    short names."""
    what = _what_happened(event, names)
    return f"{what}: {event.summary}" if event.summary else what


def _what_happened(event: Event, names: Mapping[str, str]) -> str:
    """The event's type in words: who did what, and where."""
    party = definite(event.party) if event.party else ""
    place = f" in {event.place}" if event.place else ""
    match event.type:
        case "adopted":
            return f"text adopted{place}"
        case "opened_for_signature":
            return f"opened for signature{place}"
        case "signed":
            return f"signed by {party}{place}" if party else f"signed{place}"
        case "ratified":
            instrument = event.instrument or "ratification"
            verb = {"ratification": "ratified", "acceptance": "accepted", "approval": "approved"}
            return f"{verb[instrument]} by {party}"
        case "acceded":
            return f"acceded to by {party}"
        case "succeeded":
            return f"succession by {party}"
        case "provisionally_applied":
            return f"applied provisionally by {party}" if party else "applied provisionally"
        case "engaged_in_armed_conflict":
            until = f" until {event.until}" if event.until else ""
            return f"{party} engaged in an armed conflict{until}"
        case "non_renewal_notice":
            return f"notice of non-renewal by {party}"
        case "entered_into_force":
            return f"entered into force{place}"
        case "extended":
            if event.indefinitely:
                return "extended indefinitely"
            return f"extended until {event.until}"
        case "conference_decision":
            return "decision of a conference of the parties"
        case "suspended":
            return f"suspended by {party}"
        case "suspension_lifted":
            return f"suspension lifted by {party}"
        case "withdrawal_notice":
            return f"notice of withdrawal by {party}"
        case "withdrawal_effective":
            return f"withdrawal of {party} took effect"
        case "declared_not_bound":
            return f"{party} declared it no longer considers itself bound"
        case "ratification_revoked":
            return f"ratification revoked by {party}"
        case "superseded":
            by = names.get(event.by or "", event.by)
            return f"superseded by {by}"
        case "expired":
            return "expired"
        case "terminated":
            return "terminated"
        case "statement":
            return f"statement by {party}" if party else "joint statement"
    raise AssertionError(f"unhandled event type {event.type}")  # pragma: no cover


def recorded_entries(treaty: Treaty, as_of: date, names: Mapping[str, str]) -> list[TimelineEvent]:
    treaty_ref = ref(treaty)  # one per treaty, shared by its events
    return [
        TimelineEvent(
            date=event.date,
            treaty=treaty_ref,
            origin="recorded",
            type=event.type,
            description=describe_recorded(event, names),
            party=event.party,
            source=event.source,
            note=event.note,
        )
        for event in known_events(treaty, as_of)
    ]


def derived_entries(
    treaty: Treaty, assessment: Assessment, others: Others | None = None
) -> list[TimelineEvent]:
    """The events the rules imply as of the assessment's day and that the record does not hold.

    These are the deadlines too: ``upcoming``, the calendar and ``timeline`` all list these,
    computed here once. Nothing is listed after the day a bilateral treaty ends by a pending
    withdrawal: an expiry or a last day to agree an extension after that will not come.
    """
    as_of = assessment.as_of
    status = assessment.status
    rules = treaty.rules
    known = known_events(treaty, as_of)
    entries: list[TimelineEvent] = []
    treaty_ref = ref(treaty)

    def derive(
        on: date,
        kind: str,
        description: str,
        rule: RuleRef,
        note: str | None = None,
        party: str | None = None,
    ) -> None:
        entries.append(
            TimelineEvent(
                date=on,
                treaty=treaty_ref,
                origin="derived",
                type=kind,
                description=description,
                party=party,
                future=on > as_of,
                rule=rule,
                note=note,
            )
        )

    term_rule = RuleRef(rule="term", article=rules.term.article)
    if treaty.entered_into_force_on is None and rules.entry_into_force is not None:
        entry = derived_entry(treaty, as_of)
        if entry is not None:
            derive(
                entry,
                "enters_into_force",
                "enters into force (counted from the instrument that completed the number)",
                RuleRef(rule="entry_into_force", article=rules.entry_into_force.article),
            )
    due = conference_due(treaty, as_of)
    # A conference falls due only while the treaty is in force: ahead of an in-force treaty,
    # or in the past up to the day it ended (a treaty terminated before never meets on it).
    ended_on = status.since if status.code in ENDED_STATUSES else None
    if due is not None and (
        status.code in IN_FORCE_STATUSES or (due <= as_of and (ended_on is None or due <= ended_on))
    ):
        derive(due, "conference_due", "a conference on its continuation is due", term_rule)

    expiry = expiry_as_of(treaty, as_of, others)
    expiry_rule = term_rule
    if expiry.set_by is not None and rules.extension is not None:
        expiry_rule = RuleRef(rule="extension", article=rules.extension.article)
    recorded_expiry = any(e.type == "expired" for e in known)
    if status.code == "expired" and not recorded_expiry and status.since is not None:
        derive(status.since, "expired", "expired at the end of its term", expiry_rule)
    elif status.code in IN_FORCE_STATUSES and assessment.expires_on is not None:
        renews = rules.term.renewal
        if expiry.renews and renews is not None:
            derive(
                assessment.expires_on,
                "period_ends",
                "the current period ends; it renews unless a party gave notice in time",
                term_rule,
            )
            notice_by = subtract_duration(assessment.expires_on, renews.notice_before)
            if notice_by is not None:
                derive(
                    notice_by,
                    "non_renewal_notice_deadline",
                    "last day to give notice of non-renewal for the current period",
                    term_rule,
                )
        else:
            derive(assessment.expires_on, "expires", "expires at the end of its term", expiry_rule)

    if rules.withdrawal is not None:
        withdrawal_rule = RuleRef(rule="withdrawal", article=rules.withdrawal.article)
        ended_on = status.since if status.code not in IN_FORCE_STATUSES else None
        for withdrawal in assessment.withdrawals:
            if withdrawal.effective_recorded or not isinstance(withdrawal.effective_on, date):
                continue  # recorded, deferred with no known end, or past the calendar
            if ended_on is not None and withdrawal.effective_on > ended_on:
                continue  # the treaty ended first; the notice never took effect
            notice_note = f"notice given {withdrawal.notice_on.isoformat()}"
            if withdrawal.disputed:
                derive(
                    withdrawal.effective_on,
                    "withdrawal_effective_disputed",
                    f"withdrawal of {definite(withdrawal.party)} would take effect by the notice "
                    "period; its effect is disputed",
                    withdrawal_rule,
                    note=f"{notice_note}; disputed: {withdrawal.disputed}",
                    party=withdrawal.party,
                )
                continue
            outcome = "; the treaty terminates" if treaty.kind == "bilateral" else ""
            verb = "takes" if withdrawal.effective_on > as_of else "took"
            derive(
                withdrawal.effective_on,
                "withdrawal_effective",
                f"withdrawal of {definite(withdrawal.party)} {verb} effect{outcome}",
                withdrawal_rule,
                note=notice_note,
                party=withdrawal.party,
            )

    extension = assessment.extension
    if extension.possible and rules.extension is not None:
        extension_rule = RuleRef(rule="extension", article=rules.extension.article)
        if extension.consider_by is not None:
            derive(
                extension.consider_by,
                "extension_consultation_due",
                "last day for the parties to meet on an extension",
                extension_rule,
            )
        if extension.last_day_to_decide is not None:
            derive(
                extension.last_day_to_decide,
                "extension_deadline",
                "last day to agree an extension",
                extension_rule,
            )
    last = assessment.expires_on if status.code in IN_FORCE_STATUSES else None
    ending = pending_bilateral_end(treaty, as_of)
    if ending is not None and isinstance(ending.effective_on, date):
        last = min(last or ending.effective_on, ending.effective_on)
    if last is not None:
        # Nothing scheduled after the day it ends will come.
        entries = [e for e in entries if not e.future or e.date <= last]
    return entries


def build_timeline(
    treaties: Iterable[Treaty],
    as_of: date,
    names: Mapping[str, str],
    date_from: date | None = None,
    date_to: date | None = None,
    others: Others | None = None,
    parties: frozenset[str] = frozenset(),
    every_state: bool = False,
) -> TimelineAnswer:
    """Every known and derived event of the treaties, in date order.

    Ties keep the dataset's treaty order, then recorded before derived, then file order, so
    the output is stable from run to run.

    A multilateral treaty's states joining it (signatures, instruments, provisional
    application: 313 events for the Ottawa Convention alone) would bury what happened to the
    treaty, so they are left out and counted unless ``every_state`` is asked for or
    ``parties`` names the states to follow; what changes who is bound afterwards (notices,
    withdrawals, suspensions, revocations) is always kept.
    """
    chosen = list(treaties)
    entries: list[tuple[tuple[date, int, int, int], TimelineEvent]] = []
    left_out = 0
    for treaty_index, treaty in enumerate(chosen):
        assessment = assess(treaty, as_of, others)
        events = recorded_entries(treaty, as_of, names) + derived_entries(
            treaty, assessment, others
        )
        if parties:
            events = [e for e in events if e.party is None or party_key(e.party) in parties]
        elif not every_state and treaty.kind == "multilateral":
            left_out += sum(
                1 for e in events if _joining_step(e) and _within(e, date_from, date_to)
            )
            events = [e for e in events if not _joining_step(e)]
        for position, entry in enumerate(events):
            origin_rank = 0 if entry.origin == "recorded" else 1
            entries.append(((entry.date, treaty_index, origin_rank, position), entry))
    entries.sort(key=lambda pair: pair[0])
    selected = [entry for _, entry in entries if _within(entry, date_from, date_to)]
    return TimelineAnswer(
        as_of=as_of,
        date_from=date_from,
        date_to=date_to,
        treaties=[ref(t) for t in chosen],
        events=selected,
        joining_steps_left_out=left_out,
    )


def _joining_step(entry: TimelineEvent) -> bool:
    """A state's own step towards being bound, recorded (a derived event is never one)."""
    return entry.origin == "recorded" and entry.party is not None and entry.type in JOINING_EVENTS


def _within(entry: TimelineEvent, date_from: date | None, date_to: date | None) -> bool:
    return (date_from is None or entry.date >= date_from) and (
        date_to is None or entry.date <= date_to
    )
