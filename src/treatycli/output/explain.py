"""Plain-language sentences for an assessment: what a reader asking "can it be extended?" wants.

Every sentence that states a rule cites its article, so a journalist can quote it and check it.
"""

from __future__ import annotations

from collections.abc import Mapping

from treatycli.dates import describe_duration
from treatycli.model.treaty import EntryIntoForce, Extension, Term, Treaty, Withdrawal
from treatycli.rules.answers import (
    IN_FORCE_STATUSES,
    Assessment,
    ExtensionAnswer,
    PartyStanding,
    WithdrawalAnswer,
)
from treatycli.rules.status import expiry_as_of
from treatycli.wording import definite

_DECIDERS = {"agreement": "agreement of the parties", "conference": "a conference of the parties"}
_TIMES = {1: "once", 2: "twice"}


def summary(
    treaty: Treaty,
    assessment: Assessment,
    names: Mapping[str, str],
    parties: list[PartyStanding] | None = None,
) -> list[str]:
    return [
        _status_sentence(treaty, assessment, names),
        *_entry_into_force_sentences(treaty, assessment),
        *_term_sentences(assessment),
        _extension_sentence(treaty, assessment),
        *_party_withdrawal_sentences(assessment),
        *_withdrawal_sentences(assessment.withdrawal, assessment),
        *(standing_sentence(p, assessment.as_of) for p in parties or []),
    ]


PARTY_STATUS_LABELS: dict[str, str] = {
    "not_signed": "no recorded act",
    "signatory": "signatory",
    "provisionally_applying": "applies it provisionally",
    "consented": "instrument deposited, not yet in force for it",
    "party": "party",
    "suspended": "party, suspended its implementation",
    "withdrawal_pending": "party, withdrawal pending",
    "withdrawn": "withdrawn",
    "ratification_revoked": "ratification revoked",
    "declared_not_bound": "declared it will not be bound",
    "ceased_to_exist": "ceased to exist",
}
"""A state's standing in words: the one place the party vocabulary becomes English."""


def standing_cell(p: PartyStanding) -> str:
    """A state's standing in a few words, with its day (for tables)."""
    label = PARTY_STATUS_LABELS[p.status]
    if p.status == "withdrawal_pending" and p.withdrawal is not None:
        effect = p.withdrawal.effective_on
        if p.withdrawal.deferred_by_armed_conflict and effect is None:
            return f"{label} (notice {p.since}; deferred while in an armed conflict)"
        return f"{label} (notice {p.since}, effective {effect})"
    if p.withdrawal is not None and p.withdrawal.disputed and p.status == "party":
        return f"{label}; its notice of {p.withdrawal.notice_on} is disputed"
    if p.status == "withdrawn" and p.withdrawal is not None and p.since is not None:
        return f"{label} since {p.since} (notice {p.withdrawal.notice_on})"
    if p.basis == "inferred from its acts as a party" and p.status == "party":
        return f"{label} (by {p.since} at the latest)"
    if p.status == "ceased_to_exist" and p.successors:
        return f"{label} since {p.since} (successors: {', '.join(p.successors)})"
    return f"{label} since {p.since}" if p.since is not None else label


def standing_sentence(p: PartyStanding, as_of: object) -> str:
    """One sentence on a state: bound or not on the day, and when a notice would take effect."""
    who = capitalised(definite(p.state))
    if p.bound:
        sentence = f"{who} is bound by it as of {as_of} {paren(standing_cell(p))}."
        if p.withdrawal_deferred_by_armed_conflict:
            sentence += (
                " A notice it gave that day would be deferred while it is engaged in an armed "
                "conflict."
            )
        elif p.withdrawal_if_notice_on_as_of is not None and p.status != "withdrawal_pending":
            effect = p.withdrawal_if_notice_on_as_of
            sentence += f" A notice it gave that day would take effect on {effect}."
        return sentence
    return f"{who} is not bound by it as of {as_of} {paren(standing_cell(p))}."


def capitalised(words: str) -> str:
    return words[:1].upper() + words[1:]


def _entry_into_force_sentences(treaty: Treaty, a: Assessment) -> list[str]:
    rule = treaty.rules.entry_into_force
    if a.status.code != "signed_not_in_force" or rule is None:
        return []
    return [f"It enters into force {rule.condition} {paren(rule.article)}."]


def _party_withdrawal_sentences(a: Assessment) -> list[str]:
    """For a multilateral treaty: who has left, who is leaving, and whose exit is disputed."""
    sentences = []
    for w in a.withdrawals:
        party = definite(w.party)
        party = party[0].upper() + party[1:]
        if w.overtaken_by_end is not None:
            sentences.append(
                f"{party} gave notice of withdrawal on {w.notice_on}; the treaty ended on "
                f"{w.overtaken_by_end}, before it could take effect."
            )
        elif w.disputed:
            sentences.append(
                f"{party} gave notice of withdrawal on {w.notice_on}; its effect is disputed "
                f"{paren(w.disputed)}."
            )
        elif w.in_effect:
            sentences.append(
                f"{party} withdrew: notice on {w.notice_on}, effective {w.effective_on}."
            )
        elif a.status.code != "withdrawal_pending":
            sentences.append(
                f"{party} gave notice of withdrawal on {w.notice_on}; it takes effect on "
                f"{w.effective_on}."
            )
    return sentences


def _status_sentence(treaty: Treaty, a: Assessment, names: Mapping[str, str]) -> str:
    name = treaty.short_name
    status = a.status
    since = status.since.isoformat() if status.since else None
    match status.code:
        case "not_yet_signed":
            return f"As of {a.as_of}, {name} had not been signed yet."
        case "signed_not_in_force":
            opening = treaty.opening
            verb = "opened for signature" if opening and opening.type != "signed" else "signed"
            return f"{name} was {verb} on {since} and is not in force."
        case "abandoned":
            return f"{name} never entered into force: on {since}, {status.reason}."
        case "lapsed":
            return f"{name} lapsed on {since}: {status.reason}."
        case "in_force":
            return f"{name} is in force (since {a.entered_into_force_on})."
        case "suspended":
            return (
                f"{name} is in force (since {a.entered_into_force_on}) but "
                f"{status.reason} (since {since})."
            )
        case "withdrawal_pending":
            return f"{name} is in force, but {status.reason}."
        case "expired":
            expiry = expiry_as_of(treaty, a.as_of)
            rule = treaty.rules.extension
            if expiry.set_by is not None and rule is not None and rule.times == 1:
                return (
                    f"{name} expired on {since}, at the end of its only extension "
                    f"{paren(f'agreed {expiry.set_by.date}, {rule.article}')}."
                )
            if expiry.set_by is not None:
                return f"{name} expired on {since}, at the end of its extension."
            return (
                f"{name} expired on {since}, at the end of its term "
                f"{paren(treaty.rules.term.article)}."
            )
        case "superseded":
            by = next(
                (e.by for e in treaty.events if e.type == "superseded" and e.by is not None), None
            )
            by_name = names.get(by or "", by or "a later treaty")
            return f"{name} was superseded by {by_name} on {since}."
        case "terminated_by_withdrawal":
            return f"{name} ended on {since}: {status.reason}."
        case "terminated":
            return f"{name} was terminated on {since}."
    raise AssertionError(status.code)  # pragma: no cover


def _term_sentences(a: Assessment) -> list[str]:
    if a.status.code not in IN_FORCE_STATUSES:
        return []
    if a.expires_on is not None and a.days_left is not None:
        days = "1 day" if a.days_left == 1 else f"{a.days_left} days"
        return [f"It expires on {a.expires_on}, in {days}: {a.expiry_basis}."]
    return [f"It has no expiry date: {a.expiry_basis}."]


def _extension_sentence(treaty: Treaty, a: Assessment) -> str:
    ext: ExtensionAnswer = a.extension
    if not ext.possible:
        return f"It cannot be extended: {ext.reason}."
    decider = _DECIDERS.get(ext.decided_by or "", "the parties")
    if ext.conference_due is not None:
        options = (
            "continue in force indefinitely, or be extended for additional fixed periods"
            if ext.indefinite_allowed
            else "be extended"
        )
        return (
            f"A conference of the parties is due on {ext.conference_due} to decide whether it "
            f"shall {options} {paren(ext.article or '')}."
        )
    if ext.times_allowed is None:
        how_often = "for successive periods"
    else:
        how_often = _TIMES.get(ext.times_allowed, f"up to {ext.times_allowed} times")
        if ext.times_used:
            how_often += f" ({ext.times_used} used)"
    each = " each" if ext.times_allowed != 1 else ""
    if ext.max_period:
        length = f" for no more than {describe_duration(ext.max_period)}{each}"
    elif ext.period:
        length = f" of exactly {describe_duration(ext.period)}{each}"
    else:
        length = ""
    reach = ""
    if ext.latest_possible_expiry is not None:
        reach = f", to {ext.latest_possible_expiry} at the latest"
    elif ext.next_expiry_if_extended is not None:
        reach = f", the next to {ext.next_expiry_if_extended}"
    length = "," + length if length else ""
    sentence = (
        f"It can be extended {how_often}, by {decider}{length}{reach} {paren(ext.article or '')}."
    )
    if ext.decide_before is not None:
        sentence += (
            f" The parties must decide before {ext.decide_before} "
            f"(the last day is {ext.last_day_to_decide})."
        )
    if ext.consider_by is not None:
        sentence += f" They must meet to consider it no later than {ext.consider_by}."
    return sentence


def _withdrawal_sentences(w: WithdrawalAnswer, a: Assessment) -> list[str]:
    if w.notice_period is None:
        return (
            [f"Withdrawal: {w.reason}."]
            if a.status.code in IN_FORCE_STATUSES - {"withdrawal_pending"}
            else []
        )
    if not w.available:
        if w.earliest_notice_on is not None:
            return [f"Withdrawal: {w.reason}."]
        return []
    assert w.effective_if_notice_on_as_of is not None
    return [
        f"A withdrawal notice given on {a.as_of} would take effect on "
        f"{w.effective_if_notice_on_as_of} "
        f"{paren(f'{_possessive(describe_duration(w.notice_period))} notice, {w.article}')}."
    ]


def paren(text: str) -> str:
    """``(text)``, with any parentheses inside it made brackets, as typesetters nest them:
    "(Article XV [2])", never "(Article XV (2))"."""
    return "(" + text.replace("(", "[").replace(")", "]") + ")"


def _possessive(words: str) -> str:
    """``3 months`` → ``3 months'``, ``1 year`` → ``1 year's`` (as in "a year's notice")."""
    return words + ("'" if words.endswith("s") else "'s")


def describe_rule(rule: Term | Extension | Withdrawal | EntryIntoForce) -> str:
    """A rule in plain words, whether or not its article's text was quoted."""
    if isinstance(rule, Term):
        length = describe_duration(rule.length) if rule.length else ""
        if rule.renewal is not None:
            period = describe_duration(rule.renewal.period)
            before = describe_duration(rule.renewal.notice_before)
            return (
                f"{length} from entry into force, then renewed for {period} at a time unless a "
                f"party gives notice of non-renewal at least {before} before the end of a period"
            )
        return {
            "fixed_length": f"{length} from entry into force",
            "fixed_end": f"in force until {rule.ends_on}",
            "until_conference": f"a conference {length} after entry into force decides whether "
            "and how long it continues",
            "tied_to": f"in force as long as {rule.treaty} is",
            "unlimited": "of unlimited duration",
            "unspecified": "the text sets no duration",
        }[rule.type]
    if isinstance(rule, Extension):
        parts = [f"by {_DECIDERS[rule.decided_by]}"]
        if rule.max_period:
            parts.append(f"for no more than {describe_duration(rule.max_period)}")
        if rule.period:
            parts.append(f"for exactly {describe_duration(rule.period)} each time")
        if rule.times is None:
            parts.append("successive extensions, no limit on how many")
        else:
            parts.append(_TIMES.get(rule.times, f"up to {rule.times} times"))
        if rule.indefinite_allowed:
            parts.append("or indefinitely")
        if rule.consider_before:
            parts.append(
                f"the parties meet no later than {describe_duration(rule.consider_before)} "
                "before expiry"
            )
        return "; ".join(parts)
    if isinstance(rule, Withdrawal):
        if rule.clause == "none" or rule.notice is None:
            return "the text has no withdrawal clause"
        at_least = "at least " if rule.minimum else ""
        parts = [f"{at_least}{_possessive(describe_duration(rule.notice))} notice"]
        if rule.from_receipt:
            parts.append("counted from its receipt")
        elif rule.counted_from and rule.counted_from != "notice":
            parts.append(f"counted from {rule.counted_from}")
        if rule.condition:
            parts.append(f"if {rule.condition}")
        if rule.minimum:
            parts.append("the notice may name a later date")
        if rule.deferred_during_armed_conflict:
            parts.append("deferred while the withdrawing state is engaged in an armed conflict")
        if rule.earliest_after_entry:
            parts.append(
                f"notice only from {describe_duration(rule.earliest_after_entry)} after entry "
                "into force"
            )
        if rule.available_from_date:
            parts.append(f"notice only from {rule.available_from_date}")
        if rule.notice_to:
            parts.append(f"notice to {rule.notice_to}")
        return "; ".join(parts)
    parts = [f"enters into force {rule.condition}"]
    if rule.instruments is not None:
        offset = f"{describe_duration(rule.offset)} after " if rule.offset else "on "
        month = "the first day of the month " if rule.first_day_of_month else ""
        parts.append(f"{month}{offset}the instrument number {rule.instruments}")
    if rule.not_before is not None:
        parts.append(f"not before {rule.not_before}")
    return "; ".join(parts)
