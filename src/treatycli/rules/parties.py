"""Who is bound: each state's standing towards a treaty on a day, beside the treaty's own status.

A multilateral treaty's status is two questions: is the treaty in force, and is *this state*
bound by it that day. The second is derived here from the state's own recorded acts (its
signature, its instrument, a suspension, a notice and its effect, a revocation) and the
treaty's rules (when it enters into force for a state that joins later), the way the treaty's
status is derived in :mod:`treatycli.rules.status`.

States are identified canonically (:func:`treatycli.model.treaty.party_key`): ``US`` and
``United States of America`` are one state, and the USSR's acts answer for the Russian
Federation, its continuator. Only this module asks the state table, so a command that asks
nothing about parties never loads it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from treatycli.model.treaty import INSTRUMENT_EVENTS, Event, Treaty, party_key, party_label
from treatycli.rules.answers import (
    BOUND_PARTY_STATUSES,
    IN_FORCE_STATUSES,
    PartiesAnswer,
    PartyStanding,
    PartyStatus,
    PartyWithdrawal,
    StatusAnswer,
)
from treatycli.rules.status import (
    Others,
    entry_as_of,
    offset_day,
    party_withdrawals,
    ref,
    status_as_of,
    suspension_spells,
    withdrawal_outlook,
)

if TYPE_CHECKING:
    from treatycli.model.states import State

_ACTS_OF_A_PARTY = frozenset(
    {"withdrawal_notice", "withdrawal_effective", "suspended", "non_renewal_notice"}
)
"""Acts only a party can perform: a state recorded doing one was a party, even where its
instrument is not recorded (a partial list of parties)."""


@dataclass(frozen=True, slots=True)
class StateRecord:
    """One state's events in a treaty (every name it is written under merged), date order."""

    key: str
    written: str
    name_keys: tuple[str, ...]
    events: tuple[Event, ...]
    listed: bool


def state_records(treaty: Treaty) -> dict[str, StateRecord]:
    """The treaty's states, each with its events, keyed by canonical state."""
    listed = {party_key(name) for name in treaty.parties}
    grouped: dict[str, list[str]] = {}
    for name_key, written in treaty.party_names.items():
        grouped.setdefault(party_key(written), []).append(name_key)
    records = {}
    for key, name_keys in grouped.items():
        events = sorted(
            (e for k in name_keys for e in treaty.events_by_party.get(k, ())),
            key=lambda e: e.date,
        )
        written = treaty.party_names[name_keys[0]]
        records[key] = StateRecord(key, written, tuple(name_keys), tuple(events), key in listed)
    return records


def party_key_of_state(written: str) -> str:
    """The state a name designates itself, before continuation (the USSR, not Russia)."""
    from treatycli.model.states import resolve_state

    state = resolve_state(written)
    return state.code if state is not None else party_key(written)


def _ceased(key: str, as_of: date) -> State | None:
    """The historical state ``key`` names, if it had ceased to exist by the as-of day."""
    if key.startswith("?"):
        return None
    from treatycli.model.states import resolve_state

    state = resolve_state(key)
    if state is None or state.ceased is None or state.ceased.on > as_of:
        return None
    return state


def _continued_state_on(key: str, as_of: date) -> State | None:
    """The historical state that ``key`` continues, if it still existed on the as-of day
    (for the Russian Federation in 1990: the USSR)."""
    if key.startswith("?"):
        return None
    from treatycli.model.states import resolve_state

    state = resolve_state(key)
    earlier = resolve_state(state.continues) if state and state.continues else None
    if earlier is None or earlier.ceased is None or earlier.ceased.on <= as_of:
        return None
    return earlier


def _state_name(key: str) -> str:
    from treatycli.model.states import resolve_state

    state = resolve_state(key)
    return state.name if state is not None else key


def _bound_from(
    treaty: Treaty, record: StateRecord, instrument: Event | None, as_of: date
) -> tuple[date | None, str | None]:
    """The day the treaty binds the state (None if not, or not yet known), and on what basis."""
    entry = entry_as_of(treaty, as_of)
    if instrument is not None:
        basis = {"ratified": instrument.instrument or "ratification", "acceded": "accession"}.get(
            instrument.type, "succession"
        )
        if instrument.effective is not None:
            return instrument.effective, basis
        if entry is None:
            return None, basis
        if instrument.date <= entry:
            return entry, basis
        later = treaty.rules.entry_into_force
        if later is not None and later.for_later_states is not None:
            rule = later.for_later_states
            return offset_day(instrument.date, rule.offset, rule.first_day_of_month), basis
        return instrument.date, basis
    if record.listed:
        return entry, "listed as a party"
    # (a state whose instrument is not recorded is dated by its first act as a party, below)
    acts = [e for e in record.events if e.type in _ACTS_OF_A_PARTY and e.date <= as_of]
    if acts and entry is not None:
        # Its instrument is not recorded: it was a party by its first act at the latest.
        return max(entry, acts[0].date), "inferred from its acts as a party"
    return None, None


def standing(
    treaty: Treaty,
    record: StateRecord,
    as_of: date,
    treaty_status: StatusAnswer,
    withdrawals: dict[str, list[PartyWithdrawal]],
    spells: dict[str, date],
    others: Others | None = None,
) -> PartyStanding:
    """One state's standing on the as-of day."""
    known = [e for e in record.events if e.date <= as_of]
    instruments = [e for e in known if e.type in INSTRUMENT_EVENTS]
    instrument = instruments[-1] if instruments else None
    rejoined_on = instrument.date if instrument else date.min
    signed = next((e for e in known if e.type == "signed"), None)
    # A notice the treaty's end overtook never took effect: the state neither left nor is leaving.
    since_joining = [
        w
        for w in withdrawals.get(record.key, [])
        if w.notice_on >= rejoined_on and w.overtaken_by_end is None
    ]
    # Out is out: a notice after its withdrawal took effect (with no new instrument) changes
    # nothing; otherwise the latest notice is the one that counts.
    out = [w for w in since_joining if w.in_effect]
    withdrawal = out[0] if out else (since_joining[-1] if since_joining else None)
    revoked = next(
        (e for e in reversed(known) if e.type == "ratification_revoked" and e.date >= rejoined_on),
        None,
    )
    refused = next((e for e in reversed(known) if e.type == "declared_not_bound"), None)
    provisional = next((e for e in known if e.type == "provisionally_applied"), None)
    if provisional is None and signed is not None:
        # Applied provisionally by all (no party named): by every state that signed.
        provisional = next(
            (
                e
                for e in treaty.events_until(as_of)
                if e.type == "provisionally_applied" and e.party is None
            ),
            None,
        )
    bound_from, basis = _bound_from(treaty, record, instrument, as_of)
    suspended = min(
        (spells[k] for k in record.name_keys if k in spells and spells[k] >= rejoined_on),
        default=None,
    )
    status: PartyStatus
    since: date | None
    # A state that no longer exists is party to nothing, whatever it did: its continuator's
    # record is keyed under the continuator, so only a state without one gets here.
    gone = _ceased(record.key, as_of)
    if gone is not None:
        assert gone.ceased is not None
        status, since = "ceased_to_exist", gone.ceased.on
    elif withdrawal is not None and withdrawal.in_effect:
        status = "withdrawn"
        since = withdrawal.effective_on if isinstance(withdrawal.effective_on, date) else None
    elif revoked is not None:
        status, since = "ratification_revoked", revoked.date
    elif refused is not None and (bound_from is None or bound_from > as_of):
        status, since = "declared_not_bound", refused.date
    elif bound_from is not None and bound_from <= as_of:
        if withdrawal is not None and not withdrawal.disputed:
            status, since = "withdrawal_pending", withdrawal.notice_on
        elif suspended is not None:
            status, since = "suspended", suspended
        else:
            status, since = "party", bound_from
    elif instrument is not None:
        status, since = "consented", instrument.date
    elif provisional is not None:
        status, since = "provisionally_applying", provisional.date
    elif signed is not None:
        status, since = "signatory", signed.date
    else:
        status, since = "not_signed", None
    bound = status in BOUND_PARTY_STATUSES and treaty_status.code in IN_FORCE_STATUSES
    if_notice = None
    deferred = False
    if bound and withdrawal is None:
        outlook = withdrawal_outlook(treaty, as_of, treaty_status, record.events, others)
        if_notice = outlook.effective_if_notice_on_as_of
        deferred = outlook.available and if_notice is None
    state_code = None if record.key.startswith("?") else record.key
    name = party_label(record.key, record.written)
    acted_as = party_label(party_key_of_state(record.written), record.written)
    if (then := _continued_state_on(record.key, as_of)) is not None:
        # Before the state it continues ended, the party was that state (the USSR in 1990),
        # however the record writes it.
        name = then.name
    elif acted_as != name:
        name = f"{name} (continuing the {acted_as})" if acted_as else name
    return PartyStanding(
        state=name,
        code=state_code,
        written=record.written,
        status=status,
        since=since,
        bound=bound,
        basis=basis if bound_from is not None else None,
        instrument_on=instrument.date if instrument else None,
        depositary=instrument.depositary if instrument else None,
        signed_on=signed.date if signed else None,
        suspended_since=suspended,
        withdrawal=withdrawal,
        left_on=since if status == "withdrawn" else None,
        withdrawal_if_notice_on_as_of=if_notice if if_notice != "never" else None,
        withdrawal_deferred_by_armed_conflict=deferred,
        successors=[_state_name(code) for code in gone.succeeded_by] if gone else [],
    )


def left_as_written(treaty: Treaty, as_of: date) -> list[str]:
    """The parties out of the treaty on the day, as the record writes them, without loading
    the state table (``list`` shows them for every treaty; a name is merged with its other
    spellings only when a state is asked about)."""
    from treatycli.model.treaty import casefold_name

    left: dict[str, None] = {}  # ordered, and a look-up is not a scan of the list
    for withdrawal in party_withdrawals(treaty, as_of):
        if not withdrawal.in_effect:
            continue
        key = casefold_name(withdrawal.party)
        rejoined = any(
            e.type in INSTRUMENT_EVENTS and withdrawal.notice_on < e.date <= as_of
            for e in treaty.events_by_party.get(key, ())
        )
        name = treaty.party_names[key]
        if not rejoined:
            left.setdefault(name)
    return list(left)


def withdrawals_by_state(treaty: Treaty, as_of: date) -> dict[str, list[PartyWithdrawal]]:
    """The known withdrawals grouped by canonical state, once per treaty and day."""
    grouped: dict[str, list[PartyWithdrawal]] = {}
    for withdrawal in party_withdrawals(treaty, as_of):
        grouped.setdefault(party_key(withdrawal.party), []).append(withdrawal)
    return grouped


def standings(treaty: Treaty, as_of: date, others: Others | None = None) -> list[PartyStanding]:
    """Every state with recorded acts (or listed as a party), in the order of the record."""
    treaty_status = status_as_of(treaty, as_of, others)
    withdrawals = withdrawals_by_state(treaty, as_of)
    spells = suspension_spells(treaty, as_of)
    return [
        standing(treaty, record, as_of, treaty_status, withdrawals, spells, others)
        for record in state_records(treaty).values()
    ]


def standing_of(
    treaty: Treaty, key: str, as_of: date, others: Others | None = None
) -> PartyStanding | None:
    """One state's standing, or None if the record shows no act of it."""
    record = state_records(treaty).get(key)
    if record is None:
        return None
    treaty_status = status_as_of(treaty, as_of, others)
    return standing(
        treaty,
        record,
        as_of,
        treaty_status,
        withdrawals_by_state(treaty, as_of),
        suspension_spells(treaty, as_of),
        others,
    )


def lists_every_party(treaty: Treaty) -> bool:
    """Whether the record names every state bound (a bilateral treaty's two always are)."""
    return treaty.kind == "bilateral" or treaty.party_list == "complete"


def parties_answer(treaty: Treaty, as_of: date, others: Others | None = None) -> PartiesAnswer:
    """``treaty parties``: every state with its standing, and how complete the list is."""
    rows = standings(treaty, as_of, others)
    count = treaty.party_count
    complete = lists_every_party(treaty)
    return PartiesAnswer(
        as_of=as_of,
        treaty=ref(treaty),
        status=status_as_of(treaty, as_of, others),
        party_list="complete" if complete else "partial",
        parties_on_day=sum(1 for r in rows if r.bound),
        party_count=count.count if count is not None and count.as_of <= as_of else None,
        party_count_as_of=count.as_of if count is not None and count.as_of <= as_of else None,
        parties=rows,
    )


def unrecorded_standing(
    treaty: Treaty, key: str, as_of: date, others: Others | None = None
) -> PartyStanding:
    """The standing of a state the record shows no act of: not a signatory, not bound (as
    far as the record goes: a partial list of parties may not name every state)."""
    del treaty, as_of, others
    return PartyStanding(
        state=party_label(key, key),
        code=None if key.startswith("?") else key,
        written=key,
        status="not_signed",
        since=None,
        bound=False,
    )
