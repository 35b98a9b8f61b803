"""What the commands answer, as Pydantic models: the JSON output is their own serialisation.

These are the contract with scripts. Fields are only ever added; removing or changing the
meaning of one moves ``OUTPUT_SCHEMA_VERSION``. ``treaty schema CMD`` publishes their JSON Schema.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from treatycli.model.treaty import Source, Treaty

OUTPUT_SCHEMA_VERSION = 1

Status = Literal[
    "not_yet_signed",
    "signed_not_in_force",
    "abandoned",
    "lapsed",
    "in_force",
    "suspended",
    "withdrawal_pending",
    "expired",
    "terminated_by_withdrawal",
    "superseded",
    "terminated",
]

STATUS_LABELS: dict[str, str] = {
    "not_yet_signed": "not yet signed",
    "signed_not_in_force": "signed, not in force",
    "abandoned": "never entered into force",
    "lapsed": "lapsed: never entered into force",
    "in_force": "in force",
    "suspended": "in force, suspended by a party",
    "withdrawal_pending": "in force, withdrawal pending",
    "expired": "expired",
    "terminated_by_withdrawal": "terminated by withdrawal",
    "superseded": "superseded",
    "terminated": "terminated",
}

StatusGroup = Literal["not_yet_in_force", "in_force", "ended"]

STATUS_GROUPS: dict[str, StatusGroup] = {
    "not_yet_signed": "not_yet_in_force",
    "signed_not_in_force": "not_yet_in_force",
    "abandoned": "ended",
    "lapsed": "ended",
    "in_force": "in_force",
    "suspended": "in_force",
    "withdrawal_pending": "in_force",
    "expired": "ended",
    "terminated_by_withdrawal": "ended",
    "superseded": "ended",
    "terminated": "ended",
}
"""Each status's place in a treaty's life: before it binds anyone, while it binds (even
suspended or with a withdrawal pending), and after it stopped binding or never will.
The one grouping every command uses (the chart's bars, the timeline's derived events)."""

IN_FORCE_STATUSES = frozenset(s for s, g in STATUS_GROUPS.items() if g == "in_force")
NEVER_IN_FORCE_STATUSES = frozenset({"abandoned", "lapsed"})
"""The ends of a treaty that never entered into force: a party declared it would not be bound
(abandoned), or the day its term would have ended passed (lapsed)."""
ENDED_STATUSES = frozenset(
    s for s, g in STATUS_GROUPS.items() if g == "ended" and s not in NEVER_IN_FORCE_STATUSES
)
"""The ways a treaty that was in force stopped being so."""

BeyondCalendar = Literal["after 9999-12-31"]
"""A day past the end of the calendar: a value of its own, never shown as 9999-12-31."""

Never = Literal["never"]

PartyStatus = Literal[
    "not_signed",
    "signatory",
    "provisionally_applying",
    "consented",
    "party",
    "suspended",
    "withdrawal_pending",
    "withdrawn",
    "ratification_revoked",
    "declared_not_bound",
    "ceased_to_exist",
]
"""A state's own standing towards a treaty on a day. ``consented``: its instrument is
deposited but the treaty is not (yet) in force for it. ``ceased_to_exist``: a historical
state without a continuator after the day it ended (Czechoslovakia from 1993): it is party
to nothing, and its successors are bound only by their own recorded acts."""

BOUND_PARTY_STATUSES = frozenset({"party", "suspended", "withdrawal_pending"})


class Answer(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)


class TreatyRef(Answer):
    id: str
    short_name: str


class RuleRef(Answer):
    """The rule a derived fact comes from: which rule of the treaty, and its article."""

    rule: Literal["term", "extension", "withdrawal", "entry_into_force"]
    article: str


class StatusAnswer(Answer):
    """The treaty's status on the as-of day, when it began, and why."""

    code: Status
    label: str
    since: date | None
    reason: str


class PartyWithdrawal(Answer):
    """One party's withdrawal: the notice, and the day it takes (or took) effect.

    ``effective_on`` is None while an armed conflict defers it (``deferred_by_armed_conflict``)
    and ``after 9999-12-31`` when the period runs past the calendar.
    """

    party: str
    notice_on: date
    received_on: date | None = None
    effective_on: date | BeyondCalendar | None
    effective_recorded: bool
    in_effect: bool
    disputed: str | None = None
    deferred_by_armed_conflict: bool = False
    overtaken_by_end: date | None = None
    """The day the treaty ended, where that came before this notice could take effect: the
    notice never took effect (it is neither pending nor in effect)."""


class PartyStanding(Answer):
    """One state's standing towards a treaty on the as-of day, beside the treaty's own status.

    ``bound``: the treaty is in force and binds this state that day. ``since``: the day the
    current standing began. ``basis``: how it became a party (ratification, accession,
    succession, the treaty's list of parties, or inferred from its later acts).
    """

    state: str
    code: str | None
    written: str
    status: PartyStatus
    since: date | None
    bound: bool
    basis: str | None = None
    instrument_on: date | None = None
    depositary: str | None = None
    signed_on: date | None = None
    suspended_since: date | None = None
    withdrawal: PartyWithdrawal | None = None
    left_on: date | None = None
    withdrawal_if_notice_on_as_of: date | BeyondCalendar | None = None
    withdrawal_deferred_by_armed_conflict: bool = False
    successors: list[str] = []
    """For a state that ceased to exist: the states formed on its territory (by name)."""


class PartiesAnswer(Answer):
    schema_version: int = OUTPUT_SCHEMA_VERSION
    command: Literal["parties"] = "parties"
    as_of: date
    treaty: TreatyRef
    status: StatusAnswer
    party_list: Literal["complete", "partial"]
    parties_on_day: int
    party_count: int | None = None
    party_count_as_of: date | None = None
    parties: list[PartyStanding]


class ExtensionAnswer(Answer):
    """Can the term still be prolonged as of the day, how far, and by when must it be decided."""

    possible: bool
    reason: str
    decided_by: Literal["agreement", "conference"] | None = None
    times_allowed: int | None = None
    times_used: int = 0
    max_period: str | None = None
    period: str | None = None
    indefinite_allowed: bool = False
    next_expiry_if_extended: date | BeyondCalendar | None = None
    latest_possible_expiry: date | BeyondCalendar | None = None
    decide_before: date | None = None
    last_day_to_decide: date | None = None
    consider_by: date | None = None
    conference_due: date | None = None
    article: str | None = None


class WithdrawalAnswer(Answer):
    """If a party gave notice on the as-of day, when would it be out."""

    available: bool
    reason: str
    clause: Literal["present", "none", "not_recorded"] = "present"
    notice_period: str | None = None
    notice_is_minimum: bool = False
    counted_from_receipt: bool = False
    earliest_notice_on: date | None = None
    effective_if_notice_on_as_of: date | BeyondCalendar | Never | None = None
    deferred_during_armed_conflict: bool = False
    condition: str | None = None
    article: str | None = None


class Assessment(Answer):
    """Everything the rules say about one treaty on one day."""

    treaty: TreatyRef
    as_of: date
    status: StatusAnswer
    signed_on: date | None
    entered_into_force_on: date | None
    expires_on: date | None
    expiry_basis: str | None
    days_left: int | None
    suspended_by: list[str]
    withdrawals: list[PartyWithdrawal]
    extension: ExtensionAnswer
    withdrawal: WithdrawalAnswer


class ExtendCheckAnswer(Answer):
    schema_version: int = OUTPUT_SCHEMA_VERSION
    command: Literal["extend-check"] = "extend-check"
    as_of: date
    treaty: TreatyRef
    status: StatusAnswer
    expires_on: date | None
    days_left: int | None
    expiry_basis: str | None
    extension: ExtensionAnswer
    withdrawal: WithdrawalAnswer
    parties: list[PartyStanding] = []
    summary: list[str]


class WithdrawalCheckAnswer(Answer):
    """The withdrawal question: if a party gave notice on the as-of day, when would it be out,
    under which article; and the notices already on record, party by party."""

    schema_version: int = OUTPUT_SCHEMA_VERSION
    command: Literal["withdrawal"] = "withdrawal"
    as_of: date
    treaty: TreatyRef
    status: StatusAnswer
    withdrawal: WithdrawalAnswer
    withdrawals: list[PartyWithdrawal]
    parties: list[PartyStanding] = []


Origin = Literal["recorded", "derived"]


class TimelineEvent(Answer):
    """One line of a timeline: a recorded fact with its source, or a derived one with its rule."""

    date: date
    treaty: TreatyRef
    origin: Origin
    type: str
    description: str
    party: str | None = None
    future: bool = False
    source: Source | None = None
    rule: RuleRef | None = None
    note: str | None = None


class TimelineAnswer(Answer):
    schema_version: int = OUTPUT_SCHEMA_VERSION
    command: Literal["timeline"] = "timeline"
    as_of: date
    date_from: date | None
    date_to: date | None
    treaties: list[TreatyRef]
    events: list[TimelineEvent]
    joining_steps_left_out: int = Field(
        0,
        description="States' signatures, instruments and provisional applications of "
        "multilateral treaties left out (timeline --every-state or --party keeps them; "
        "'treaty parties ID' tabulates them).",
    )


class ListRow(Answer):
    id: str
    short_name: str
    kind: Literal["bilateral", "multilateral"]
    signed_on: date | None
    entered_into_force_on: date | None
    status: Status
    status_label: str
    status_since: date | None
    expires_on: date | None
    party_list: Literal["complete", "partial"] | None = None
    parties_on_day: int | None = None
    left: list[str] = []


class ListAnswer(Answer):
    schema_version: int = OUTPUT_SCHEMA_VERSION
    command: Literal["list"] = "list"
    as_of: date
    parties: list[str] = []
    treaties: list[ListRow]


class ShowAnswer(Answer):
    """One treaty in full: its data as recorded, and what the rules make of it."""

    schema_version: int = OUTPUT_SCHEMA_VERSION
    command: Literal["show"] = "show"
    as_of: date
    treaty: Treaty
    assessment: Assessment
    summary: list[str]
    timeline: list[TimelineEvent]
    joining_steps_left_out: int = Field(
        0,
        description="States' signatures and instruments left out of 'timeline' (they are in "
        "treaty.events; 'treaty parties ID' tabulates them).",
    )


class ProblemAnswer(Answer):
    file: str
    line: int | None
    message: str


class ValidateAnswer(Answer):
    schema_version: int = OUTPUT_SCHEMA_VERSION
    command: Literal["validate"] = "validate"
    files: list[str]
    valid: bool
    treaties: int
    events: int
    event_sources: dict[str, int]
    """Events by the kind of their source: official, reference, news, unknown (no kind)."""
    official_or_reference_share: float | None
    """The share of events (0 to 1) whose source is official or reference; none if no event."""
    problems: list[ProblemAnswer]


class MigrateAnswer(Answer):
    """``treaty migrate``: the file, where the version-2 text went (or why nowhere)."""

    schema_version: int = OUTPUT_SCHEMA_VERSION
    command: Literal["migrate"] = "migrate"
    file: str
    written_to: str | None
    renamed_keys: int
    problems: list[ProblemAnswer]


class Deadline(Answer):
    """A day ahead that matters: an expiry, the last day to agree an extension, a notice
    taking effect, a conference due. Always derived from a rule, which it names."""

    date: date
    days_left: int
    treaty: TreatyRef
    type: str
    description: str
    rule: RuleRef
    uid: str
    party: str | None = None
    """The party whose act this deadline is about (a withdrawal taking effect), if any."""
    text_url: str | None = None
    """Where the treaty's text can be read, to check the article the rule cites."""


class UpcomingAnswer(Answer):
    schema_version: int = OUTPUT_SCHEMA_VERSION
    command: Literal["upcoming"] = "upcoming"
    as_of: date
    within: str
    until: date
    deadlines: list[Deadline]


MarkerKind = Literal[
    "signature",
    "extension",
    "withdrawal_notice",
    "withdrawal_effective",
    "ratification_revoked",
    "suspension",
    "suspension_lifted",
    "end",
]


class ChartSegment(Answer):
    """A stretch of a treaty's life with one status, to the day.

    ``end`` is the first day without that status (exclusive); null when it still held on the
    as-of day and no end is known. A ``projected`` segment lies after the as-of day: the status
    the rules give until the treaty's expiry if nothing else happens.
    """

    status: Status
    label: str
    group: StatusGroup
    start: date
    end: date | None
    projected: bool = False


class ChartMarker(Answer):
    """Something a party or the parties did, drawn on the bar: who, when, and what."""

    date: date
    kind: MarkerKind
    party: str | None = None
    description: str
    origin: Origin
    ending: Status | None = None
    """For an ``end`` marker, the status the treaty ended in (expired, superseded, …)."""


class ChartRow(Answer):
    treaty: TreatyRef
    segments: list[ChartSegment]
    markers: list[ChartMarker]


class ChartAnswer(Answer):
    """What ``treaty chart`` draws: each treaty's statuses as dated segments, and its markers.

    ``date_from`` and ``date_to`` are the days the axis spans (both included); rows keep the
    segments that overlap them, unclipped, and the markers that fall within them.
    """

    schema_version: int = OUTPUT_SCHEMA_VERSION
    command: Literal["chart"] = "chart"
    as_of: date
    date_from: date
    date_to: date
    rows: list[ChartRow]
