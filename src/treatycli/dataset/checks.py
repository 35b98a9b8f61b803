"""Checks across the fields of one treaty: its recorded events must agree with each other and
with its rules.

Each check returns problems located by a path inside the treaty (``("events", 3, "date")``),
so that the loader can point at the exact line of the file. These checks assume the treaty
has already passed the model's own validation.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from treatycli.dates import add_duration, describe_duration
from treatycli.model.treaty import Event, Treaty, casefold_name
from treatycli.rules.periods import counted_from, pair_notices
from treatycli.rules.status import base_expiry, conference_due, expiry_as_of

Path = tuple[str | int, ...]
TreatyProblem = tuple[Path, str]


def treaty_problems(treaty: Treaty, version: int = 1) -> list[TreatyProblem]:
    """Every inconsistency in one treaty, in the order the checks find them.

    ``version`` is the file's ``schema_version``: version 2 asks more of a file (a source's
    kind, a statement's summary, party names that resolve to a state) than version 1 did,
    so that a version-1 file keeps loading as it is.
    """
    problems = [
        *_opening_problems(treaty),
        *_party_problems(treaty),
        *_extension_problems(treaty),
        *_withdrawal_problems(treaty),
        *_expiry_problems(treaty),
    ]
    if version >= 2:
        problems += [*_version_two_problems(treaty)]
    return problems


def _version_two_problems(treaty: Treaty) -> Iterator[TreatyProblem]:
    from treatycli.model.states import resolve_state_or_error

    if treaty.text.kind is None:
        yield ("text",), "a source needs 'kind' (official, reference or news) in version 2"
    for index, event in enumerate(treaty.events):
        if event.source.kind is None:
            yield (
                ("events", index, "source"),
                "a source needs 'kind' (official, reference or news) in version 2",
            )
        if event.type == "statement" and event.summary is None:
            yield ("events", index, "type"), "a statement needs a one-line 'summary' in version 2"
    withdrawal = treaty.rules.withdrawal
    if withdrawal is not None and withdrawal.counted_from not in {None, "notice", "receipt"}:
        yield (
            ("rules", "withdrawal", "counted_from"),
            "counted_from is 'notice' or 'receipt' in version 2 (say to whom notice goes in "
            "'notice_to')",
        )
    named: list[tuple[Path, str]] = [(("parties", i), n) for i, n in enumerate(treaty.parties)]
    named += [(("events", i, "party"), e.party) for i, e in enumerate(treaty.events) if e.party]
    for path, name in named:
        try:
            resolve_state_or_error(name)
        except ValueError as exc:  # unknown or ambiguous, with the closest names
            yield path, f"a party must name a state: {exc}"
    if treaty.kind == "bilateral" and len(treaty.parties) != 2:
        yield ("parties",), "a bilateral treaty has exactly two parties in version 2"


def _indexed(treaty: Treaty, *types: str) -> Iterator[tuple[int, Event]]:
    for index, event in enumerate(treaty.events):
        if event.type in types:
            yield index, event


def _opening_problems(treaty: Treaty) -> Iterator[TreatyProblem]:
    openings = [
        (i, e) for i, e in _indexed(treaty, "signed", "opened_for_signature") if e.party is None
    ]
    if not openings:
        yield (
            ("events",),
            (
                "no 'signed' or 'opened_for_signature' event for the treaty itself: "
                "every treaty needs the day it came into existence"
            ),
        )
        return
    for index, _ in openings[1:]:
        yield (
            ("events", index, "type"),
            (
                "a second signing or opening for signature of the whole treaty; "
                "a state's own signature of a multilateral treaty names its 'party'"
            ),
        )
    opened_on = min(e.date for _, e in openings)
    for index, event in enumerate(treaty.events):
        # A text is adopted (by the UN General Assembly, a conference) before it opens.
        if event.date < opened_on and event.type != "adopted":
            yield (
                ("events", index, "date"),
                (
                    f"{event.type} on {event.date} is before the treaty was signed "
                    f"or opened for signature ({opened_on})"
                ),
            )
    entries = list(_indexed(treaty, "entered_into_force"))
    for index, _ in entries[1:]:
        yield ("events", index, "type"), "a second 'entered_into_force' event"
    term = treaty.rules.term
    if term.type == "fixed_end" and term.ends_on is not None and term.ends_on <= opened_on:
        yield (
            ("rules", "term", "ends_on"),
            (f"the term ends on {term.ends_on}, not after the treaty was signed ({opened_on})"),
        )
    entry = treaty.entered_into_force_on
    if entry is None:
        return
    for index, event in _indexed(
        treaty,
        "extended",
        "suspended",
        "suspension_lifted",
        "withdrawal_notice",
        "withdrawal_effective",
        "expired",
        "superseded",
        "terminated",
    ):
        if event.date < entry:
            yield (
                ("events", index, "date"),
                (f"{event.type} on {event.date} is before the treaty entered into force ({entry})"),
            )


def _party_problems(treaty: Treaty) -> Iterator[TreatyProblem]:
    if treaty.kind != "bilateral":
        return
    if len(treaty.parties) < 2:
        # Two sides; a side may be several states (START I after the Lisbon Protocol).
        yield (
            ("parties",),
            f"a bilateral treaty lists its parties (at least two), not {len(treaty.parties)}",
        )
        return
    listed = {casefold_name(name) for name in treaty.parties}
    for index, event in enumerate(treaty.events):
        if event.party is not None and casefold_name(event.party) not in listed:
            yield (
                ("events", index, "party"),
                (f"{event.party!r} is not one of the parties ({', '.join(treaty.parties)})"),
            )


def _extension_problems(treaty: Treaty) -> Iterator[TreatyProblem]:
    extensions = list(_indexed(treaty, "extended"))
    if not extensions:
        return
    rule = treaty.rules.extension
    if rule is None:
        for index, _ in extensions:
            yield (
                ("events", index, "type"),
                ("an extension is recorded but the treaty has no extension rule"),
            )
        return
    if treaty.entered_into_force_on is None:
        for index, _ in extensions:
            yield (
                ("events", index, "type"),
                "an extension of a treaty that never entered into force",
            )
        return
    previous_end = base_expiry(treaty)
    due = conference_due(treaty, treaty.entered_into_force_on)
    for count, (index, event) in enumerate(sorted(extensions, key=lambda pair: pair[1].date), 1):
        if rule.times is not None and count > rule.times:
            yield (
                ("events", index, "type"),
                (f"extension number {count}, but {rule.article} allows {rule.times} at most"),
            )
        if due is not None and event.date < due:
            yield (
                ("events", index, "date"),
                (
                    f"extended on {event.date}, before the conference was due ({due}, "
                    f"{treaty.rules.term.article})"
                ),
            )
        if event.indefinitely:
            if not rule.indefinite_allowed:
                yield (
                    ("events", index, "indefinitely"),
                    (f"an indefinite extension, which {rule.article} does not allow"),
                )
            previous_end = None
            continue
        assert event.until is not None
        if previous_end is None:
            if event.until <= event.date:
                yield (
                    ("events", index, "until"),
                    (f"extended until {event.until}, not after the day it was extended"),
                )
            previous_end = event.until
            continue
        if event.date >= previous_end:
            yield (
                ("events", index, "date"),
                (
                    f"extended on {event.date}, but it had already expired on {previous_end}; "
                    "an extension must be agreed before the expiry"
                ),
            )
        yield from _extension_length_problems(
            rule.max_period, rule.period, rule.article, index, previous_end, event.until
        )
        previous_end = event.until


def _extension_length_problems(
    max_period: str | None,
    period: str | None,
    article: str,
    index: int,
    previous_end: date,
    until: date,
) -> Iterator[TreatyProblem]:
    where = ("events", index, "until")
    if until <= previous_end:
        yield (
            where,
            f"extended until {until}, which is not after the previous expiry ({previous_end})",
        )
        return
    if max_period is not None:
        latest = add_duration(previous_end, max_period)
        if latest is not None and until > latest:
            yield (
                where,
                (
                    f"extended until {until}, beyond the {describe_duration(max_period)} "
                    f"that {article} allows (at most {latest})"
                ),
            )
    if period is not None:
        exact = add_duration(previous_end, period)
        if until != exact:
            yield (
                where,
                (
                    f"extended until {until}, but {article} extends by exactly "
                    f"{describe_duration(period)} (to {exact})"
                ),
            )


def _withdrawal_problems(treaty: Treaty) -> Iterator[TreatyProblem]:
    """Each notice under a clause that allows it; each recorded effect answering a notice
    (paired as the rules pair them) on the day the clause gives."""
    rule = treaty.rules.withdrawal
    entry = treaty.entered_into_force_on
    position = {id(event): index for index, event in enumerate(treaty.events)}
    notices = list(_indexed(treaty, "withdrawal_notice"))
    if rule is None or rule.notice is None:
        clause = "has no withdrawal rule" if rule is None else "has no withdrawal clause"
        for index, _ in notices:
            yield (
                ("events", index, "type"),
                f"a withdrawal notice is recorded but the treaty {clause}",
            )
        return
    earliest = None
    if entry is not None and rule.earliest_after_entry:
        earliest = add_duration(entry, rule.earliest_after_entry)
    if rule.available_from_date is not None:
        earliest = max(earliest or rule.available_from_date, rule.available_from_date)
    for index, notice in notices:
        if entry is None:
            yield (
                ("events", index, "type"),
                ("a withdrawal notice for a treaty that never entered into force"),
            )
            continue
        if earliest is not None and notice.date < earliest:
            yield (
                ("events", index, "date"),
                (
                    f"notice given on {notice.date}, but {rule.article} allows notice only "
                    f"from {earliest}"
                ),
            )
        if notice.effective is not None and not rule.minimum:
            yield (
                ("events", index, "effective"),
                f"the notice names a later day, but {rule.article} is not an 'at least' notice "
                "(set notice_is_minimum)",
            )
    for events in treaty.events_by_party.values():
        pairs, orphans = pair_notices(events)
        for effect in orphans:
            yield (
                ("events", position[id(effect)], "type"),
                (f"withdrawal of {effect.party} took effect with no notice recorded before it"),
            )
        for pair in pairs:
            if pair.effect is None:
                continue
            notice, effect = pair.notice, pair.effect
            due = add_duration(counted_from(rule, notice), rule.notice)
            where = ("events", position[id(effect)], "date")
            deferrable = rule.deferred_during_armed_conflict
            if due is not None and effect.date < due:
                yield (
                    where,
                    (
                        f"withdrawal took effect on {effect.date}, sooner than the "
                        f"{describe_duration(rule.notice)} notice given on {notice.date} allows "
                        f"({due}, {rule.article})"
                    ),
                )
            elif due is not None and effect.date > due and not (rule.minimum or deferrable):
                yield (
                    where,
                    (
                        f"withdrawal took effect on {effect.date}, but {rule.article} makes it "
                        f"take effect {describe_duration(rule.notice)} after the notice of "
                        f"{notice.date} ({due})"
                    ),
                )


def _expiry_problems(treaty: Treaty) -> Iterator[TreatyProblem]:
    """A recorded expiry must be the day the rules give; the record and the rule must agree."""
    for index, event in _indexed(treaty, "expired"):
        expected = expiry_as_of(treaty, event.date).on
        if expected is None:
            yield (
                ("events", index, "type"),
                ("an expiry is recorded but the treaty's term and extensions give it no end date"),
            )
        elif expected != event.date:
            yield (
                ("events", index, "date"),
                (
                    f"expired on {event.date}, but its term and extensions end it on {expected} "
                    f"({treaty.rules.term.article})"
                ),
            )
