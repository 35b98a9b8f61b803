"""The dataset's shape: treaties, their rules and their recorded events, as frozen Pydantic models.

Every model forbids unknown keys, so a typo such as ``expiry_dat:`` is an error at its line
instead of a silently missing fact. The models check what one object can check on its own
(an extension event names its new end; a withdrawal notice names its party). Checks that need
the whole treaty or the whole dataset (dates in order, an extension within its rule, references
between treaties) live in :mod:`treatycli.dataset.checks`, which can point at the exact event.

There is deliberately no status field anywhere: status is derived from events and rules by
:mod:`treatycli.rules.status`, so a dataset cannot say "in force" about a treaty that has expired.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from datetime import date, datetime
from functools import cached_property, lru_cache
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from treatycli.dates import parse_duration, parse_iso_date
from treatycli.textsafety import describe, first_unsafe

SCHEMA_VERSION = 2
"""The newest data file format this code reads (the file's ``schema_version``); it reads every
older one as it is (docs/data-format-v2.md)."""


def _inert_text(value: str) -> str:
    """Refuse control, format and blank characters: data is shown to terminals, and a name
    that reads the same as another must not differ in invisible characters."""
    unsafe = first_unsafe(value)
    if unsafe is not None:
        kind = {"Cc": "control", "Cs": "control", "Cf": "format"}.get(
            unicodedata.category(unsafe), "blank"
        )
        raise ValueError(f"text contains the {kind} character {describe(unsafe)}")
    if not value.strip():
        raise ValueError("text is empty")
    return value


def _to_date(value: object) -> object:
    if isinstance(value, datetime):
        raise ValueError("a date must be a calendar day (YYYY-MM-DD), not a date and time")
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        return parse_iso_date(value)
    raise ValueError(f"a date must be written YYYY-MM-DD, not {type(value).__name__} {value!r}")


def _check_duration(value: str) -> str:
    parse_duration(value)
    return value


Text = Annotated[str, AfterValidator(_inert_text)]
IsoDate = Annotated[date, BeforeValidator(_to_date)]
_ID = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?")
_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f]{1,2000}")


def _check_id(value: str) -> str:
    if not _ID.fullmatch(value):
        raise ValueError(
            f"{value!r} is not a treaty id: lowercase letters, digits and inner hyphens, "
            "at most 64 characters (for example new-start)"
        )
    return value


def _check_url(value: str) -> str:
    if not _URL.fullmatch(value):
        raise ValueError(f"{value!r} is not an http(s) address without spaces")
    return value


# The patterns below only document the formats in the JSON Schema; the validators check them
# and say what is wrong in words a dataset editor can act on.
Duration = Annotated[
    str,
    Field(
        json_schema_extra={"pattern": r"^P([0-9]+Y)?([0-9]+M)?([0-9]+W)?([0-9]+D)?$"},
        examples=["P10Y", "P6M", "P90D"],
    ),
    AfterValidator(_check_duration),
]
TreatyId = Annotated[
    str,
    Field(json_schema_extra={"pattern": f"^{_ID.pattern}$"}, examples=["new-start"]),
    AfterValidator(_check_id),
]
Url = Annotated[
    str, Field(json_schema_extra={"pattern": f"^{_URL.pattern}$"}), AfterValidator(_check_url)
]


class Frozen(BaseModel):
    """Base for dataset models: immutable, strict about keys."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


SourceKind = Literal["official", "reference", "news"]


class Source(Frozen):
    """Where a fact was read: a document, who published it, and its address if it has one.

    ``kind`` (required in version-2 files) says how far the source can be trusted: the text or
    a depositary's record, a reference work, or the news.
    """

    kind: SourceKind | None = None
    title: Text
    publisher: Text | None = None
    url: Url | None = None
    note: Text | None = None


class _Rule(Frozen):
    """What every rule carries: the article it comes from and, where recorded, its words."""

    article: Text
    quote: Text | None = None


TermType = Literal[
    "fixed_length",
    "fixed_end",
    "until_conference",
    "tied_to",
    "unlimited",
    "unspecified",
    "renewing",
]


class Renewal(Frozen):
    """An automatically renewing term: successive ``period``s unless a party gives notice at
    least ``notice_before`` the end of the current one (TTBT Art. V, PNET Art. VIII)."""

    period: Duration
    notice_before: Duration


class Term(_Rule):
    """How long the treaty lasts.

    ``fixed_length``: ``length`` from entry into force (New START: P10Y).
    ``fixed_end``: in force until ``ends_on`` (SORT: 2012-12-31).
    ``until_conference``: ``length`` after entry into force a conference of the parties decides
    whether and how long it continues; it stays in force meanwhile (NPT Art. X.2).
    ``tied_to``: it lasts as long as another treaty (``treaty``) stays in force (START II
    Art. VI: as long as START I). Its end is not computed from this treaty alone.
    ``unlimited``: the text says it is of unlimited duration (INF Art. XV.1).
    ``unspecified``: the text says nothing about duration (Outer Space Treaty).
    ``renewing``: a first term of ``length``, then ``renewal`` periods until a party gives
    notice of non-renewal in time (TTBT: five years, six months' notice).
    """

    type: TermType
    length: Duration | None = None
    ends_on: IsoDate | None = None
    treaty: TreatyId | None = None
    renewal: Renewal | None = None

    @model_validator(mode="after")
    def _fields_fit_type(self) -> Term:
        if (self.type == "renewing") != (self.renewal is not None):
            raise ValueError("a term of type renewing, and only it, takes 'renewal'")
        needs_length = self.type in {"fixed_length", "until_conference", "renewing"}
        if needs_length and self.length is None:
            raise ValueError(f"a term of type {self.type} needs 'length' (an ISO duration)")
        if not needs_length and self.length is not None:
            raise ValueError(f"a term of type {self.type} takes no 'length'")
        if self.type == "fixed_end" and self.ends_on is None:
            raise ValueError("a term of type fixed_end needs 'ends_on' (a date)")
        if self.type != "fixed_end" and self.ends_on is not None:
            raise ValueError(f"a term of type {self.type} takes no 'ends_on'")
        if self.type == "tied_to" and self.treaty is None:
            raise ValueError("a term of type tied_to needs 'treaty' (the id it lasts as long as)")
        if self.type != "tied_to" and self.treaty is not None:
            raise ValueError(f"a term of type {self.type} takes no 'treaty'")
        return self


class Extension(_Rule):
    """Whether and how the term can be prolonged.

    ``max_period`` is an upper bound ("for a period of no more than five years");
    ``period`` is the exact length of each extension ("successive five-year periods").
    ``times`` left out means no limit on how many extensions (successive periods).
    """

    decided_by: Literal["agreement", "conference"]
    max_period: Duration | None = None
    period: Duration | None = None
    times: Annotated[int, Field(ge=1)] | None = None
    indefinite_allowed: bool = False
    consider_before: Duration | None = None

    @model_validator(mode="after")
    def _one_length_kind(self) -> Extension:
        if self.max_period is not None and self.period is not None:
            raise ValueError("give either 'period' (exact) or 'max_period' (upper bound), not both")
        return self


class Withdrawal(_Rule):
    """How a party leaves: the notice period, from when it counts, and on what condition.

    ``clause: none`` records that the text has no withdrawal clause at all, which is a fact
    of its own: a treaty whose clause is not recorded has no ``withdrawal`` rule.
    ``counted_from`` is ``notice`` (default) or ``receipt``; free text (version-1 files) is
    read as ``notice``. ``notice_is_minimum``: the clause says "at least" (a notice may name a
    later day, in its ``effective``). ``deferred_during_armed_conflict``: a withdrawal by a
    state engaged in an armed conflict at the end of the period takes effect only at the
    conflict's end (Ottawa Art. 20.3). ``condition`` is shown, not evaluated.
    ``available_from`` (after entry into force) or ``available_from_date``: no notice before.
    ``notice_may_set_later_date`` is the version-1 name of ``notice_is_minimum``, and
    ``earliest_notice_after_entry_into_force`` of ``available_from``.
    """

    clause: Literal["present", "none"] = "present"
    notice: Duration | None = None
    counted_from: Text | None = None
    condition: Text | None = None
    notice_is_minimum: bool = False
    notice_may_set_later_date: bool = False
    deferred_during_armed_conflict: bool = False
    available_from: Duration | None = None
    available_from_date: IsoDate | None = None
    earliest_notice_after_entry_into_force: Duration | None = None
    notice_to: Text | None = None

    @model_validator(mode="after")
    def _fields_fit_clause(self) -> Withdrawal:
        if self.clause == "present" and self.notice is None:
            raise ValueError("a withdrawal clause needs 'notice' (an ISO duration)")
        if self.clause == "none" and (
            self.notice is not None or self.minimum or self.deferred_during_armed_conflict
        ):
            raise ValueError("'clause: none' (the text has no withdrawal clause) takes no notice")
        if self.available_from and self.earliest_notice_after_entry_into_force:
            raise ValueError(
                "give 'available_from' or its version-1 name "
                "'earliest_notice_after_entry_into_force', not both"
            )
        return self

    @property
    def minimum(self) -> bool:
        """The notice is "at least" the period: a notice may name a later day."""
        return self.notice_is_minimum or self.notice_may_set_later_date

    @property
    def from_receipt(self) -> bool:
        """The period runs from the notice's receipt (where recorded), not its sending."""
        return self.counted_from == "receipt"

    @property
    def earliest_after_entry(self) -> Duration | None:
        """How long after entry into force a notice may first be given, if the text says."""
        return self.available_from or self.earliest_notice_after_entry_into_force


class LaterStates(Frozen):
    """For a state joining after entry into force: when the treaty enters into force for it."""

    offset: Duration | None = None
    first_day_of_month: bool = False


class EntryIntoForce(_Rule):
    """The condition on which the treaty enters into force, and, where the text counts it,
    the instrument number, offset and floor that make the date computable."""

    condition: Text
    instruments: Annotated[int, Field(ge=1)] | None = None
    offset: Duration | None = None
    first_day_of_month: bool = False
    not_before: IsoDate | None = None
    for_later_states: LaterStates | None = None


class Rules(Frozen):
    term: Term
    extension: Extension | None = None
    withdrawal: Withdrawal | None = None
    entry_into_force: EntryIntoForce | None = None


EventType = Literal[
    "adopted",
    "opened_for_signature",
    "signed",
    "ratified",
    "entered_into_force",
    "extended",
    "conference_decision",
    "suspended",
    "suspension_lifted",
    "withdrawal_notice",
    "withdrawal_effective",
    "declared_not_bound",
    "ratification_revoked",
    "superseded",
    "expired",
    "terminated",
    "statement",
    "acceded",
    "succeeded",
    "provisionally_applied",
    "engaged_in_armed_conflict",
    "non_renewal_notice",
]

INSTRUMENT_EVENTS: frozenset[str] = frozenset({"ratified", "acceded", "succeeded"})
"""Event types by which a state consents to be bound (its instrument)."""

JOINING_EVENTS: frozenset[str] = INSTRUMENT_EVENTS | {"signed", "provisionally_applied"}
"""A state's steps towards being bound (with a ``party``): its signature, its instrument, its
provisional application. A multilateral treaty has hundreds; they make its party table."""

PARTY_EVENTS: frozenset[str] = frozenset(
    {
        "ratified",
        "acceded",
        "succeeded",
        "engaged_in_armed_conflict",
        "non_renewal_notice",
        "suspended",
        "suspension_lifted",
        "withdrawal_notice",
        "withdrawal_effective",
        "declared_not_bound",
        "ratification_revoked",
    }
)
"""Event types that are something one party did, so they must name the party.
(A ``statement`` may name one, or none for a joint statement.)"""

TREATY_ONLY_EVENTS: frozenset[str] = frozenset(
    {
        "adopted",
        "opened_for_signature",
        "entered_into_force",
        "extended",
        "superseded",
        "expired",
        "terminated",
    }
)
"""Event types that happen to the treaty as a whole, so they name no party."""


_EFFECTIVE_ON = frozenset({"succeeded", "withdrawal_notice", "suspended", "ratified", "acceded"})


class Event(Frozen):
    """A recorded fact: something that happened on a day, with the source that says so."""

    type: EventType
    date: IsoDate
    party: Text | None = None
    place: Text | None = None
    until: IsoDate | None = None
    indefinitely: bool = False
    by: TreatyId | None = None
    disputed: Text | None = None
    summary: Text | None = None
    depositary: Text | None = None
    instrument: Literal["ratification", "acceptance", "approval"] | None = None
    effective: IsoDate | None = None
    received: IsoDate | None = None
    note: Text | None = None
    source: Source

    @model_validator(mode="after")
    def _fields_fit_type(self) -> Event:
        if self.type in PARTY_EVENTS and self.party is None:
            raise ValueError(f"a {self.type} event must name its 'party'")
        if self.type in TREATY_ONLY_EVENTS and self.party is not None:
            raise ValueError(f"a {self.type} event concerns the whole treaty and takes no 'party'")
        if self.type == "extended":
            if (self.until is None) == (not self.indefinitely):
                raise ValueError("an extended event needs exactly one of 'until' or 'indefinitely'")
        elif self.type == "engaged_in_armed_conflict":
            if self.indefinitely:
                raise ValueError("an armed conflict takes 'until' (when it ended), if it ended")
        elif self.until is not None or self.indefinitely:
            raise ValueError(
                "only an extended or engaged_in_armed_conflict event takes 'until' "
                "(and only extended 'indefinitely')"
            )
        if self.until is not None and self.until < self.date:
            raise ValueError(f"'until' ({self.until}) is before the event's date ({self.date})")
        if self.effective is not None:
            if self.type not in _EFFECTIVE_ON:
                raise ValueError(
                    "only succeeded, ratified, acceded, withdrawal_notice and suspended events "
                    "take 'effective'"
                )
            if self.effective < self.date and self.type != "succeeded":
                raise ValueError(
                    f"'effective' ({self.effective}) is before the event's date ({self.date})"
                )
        if self.received is not None:
            if self.type != "withdrawal_notice":
                raise ValueError("only a withdrawal_notice takes 'received'")
            if self.received < self.date:
                raise ValueError(
                    f"'received' ({self.received}) is before the notice was sent ({self.date})"
                )
        if self.instrument is not None and self.type != "ratified":
            raise ValueError("only a ratified event takes 'instrument'")
        if self.depositary is not None and self.type not in INSTRUMENT_EVENTS | {
            "withdrawal_notice",
            "signed",
        }:
            raise ValueError("only an instrument, a signature or a notice takes 'depositary'")
        if self.type == "superseded" and self.by is None:
            raise ValueError("a superseded event must name the treaty that superseded it in 'by'")
        if self.type != "superseded" and self.by is not None:
            raise ValueError("only a superseded event takes 'by'")
        if self.disputed is not None and self.type != "withdrawal_notice":
            raise ValueError(
                "only a withdrawal_notice takes 'disputed' (why its effect is contested)"
            )
        return self


class Note(Frozen):
    """A note tied to a day: ``written`` (when it was written) or ``about`` (the latest event
    it describes). A view as of an earlier day does not show it: it would tell the future."""

    text: Text
    written: IsoDate | None = None
    about: IsoDate | None = None

    @model_validator(mode="after")
    def _one_day(self) -> Note:
        if self.written is not None and self.about is not None:
            raise ValueError("give 'written' or 'about', not both")
        return self

    @property
    def day(self) -> date | None:
        return self.written or self.about


class PartyCount(Frozen):
    """How many states were parties on a day, per a source (for a partial list of parties)."""

    count: Annotated[int, Field(ge=0)]
    as_of: IsoDate
    source: Source
    note: Text | None = None


class Treaty(Frozen):
    """One treaty: who, what its text says about time, and what happened to it."""

    id: TreatyId
    short_name: Text
    full_name: Text
    aliases: tuple[Text, ...] = ()
    kind: Literal["bilateral", "multilateral"]
    parties: tuple[Text, ...] = ()
    depositaries: tuple[Text, ...] = ()
    party_list: Literal["complete", "partial"] | None = None
    party_count: PartyCount | None = None
    text: Source
    notes: tuple[Text | Note, ...] = ()
    rules: Rules
    events: tuple[Event, ...] = Field(min_length=1)

    def notes_as_of(self, day: date) -> tuple[str, ...]:
        """The notes a reader on ``day`` may see: undated ones, and those dated by then."""
        shown = []
        for note in self.notes:
            if isinstance(note, str):
                shown.append(note)
            elif note.day is None or note.day <= day:
                shown.append(note.text)
        return tuple(shown)

    @cached_property
    def events_by_date(self) -> tuple[Event, ...]:
        """The events in date order (file order among events of the same day)."""
        return tuple(sorted(self.events, key=lambda e: e.date))

    @cached_property
    def _event_dates(self) -> list[date]:
        return [e.date for e in self.events_by_date]

    def events_until(self, day: date) -> tuple[Event, ...]:
        """The events on or before ``day``, in date order: what had happened by then."""
        return self.events_by_date[: bisect.bisect_right(self._event_dates, day)]

    @cached_property
    def events_by_party(self) -> dict[str, tuple[Event, ...]]:
        """Each party's events in date order, keyed by the folded name the record writes,
        built once per treaty so that a question about one party never rescans the whole
        record. Parties listed in ``parties`` appear even with no event of their own.

        Keyed by the written name, not the state, so that the treaty-wide rules need no state
        table; questions about a state merge the names that resolve to it (``rules.parties``).
        """
        index: dict[str, list[Event]] = {casefold_name(name): [] for name in self.parties}
        for event in self.events_by_date:
            if event.party is not None:
                index.setdefault(casefold_name(event.party), []).append(event)
        return {key: tuple(events) for key, events in index.items()}

    @cached_property
    def party_names(self) -> dict[str, str]:
        """Folded name → the name as the record first writes it."""
        names: dict[str, str] = {}
        for name in (*self.parties, *(e.party for e in self.events if e.party)):
            names.setdefault(casefold_name(name), name)
        return names

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the treaty answers to: id, short and full name, aliases."""
        return (self.id, self.short_name, self.full_name, *self.aliases)

    def first(self, event_type: str, party: str | None = None) -> Event | None:
        """The earliest recorded event of a type (and party), or None."""
        matches = [e for e in self.events if e.type == event_type and e.party == party]
        return min(matches, key=lambda e: e.date) if matches else None

    @cached_property
    def opening(self) -> Event | None:
        """The event that brought the treaty into being: its signing or opening for signature."""
        candidates = [
            e
            for e in self.events
            if e.party is None and e.type in {"signed", "opened_for_signature"}
        ]
        return min(candidates, key=lambda e: e.date) if candidates else None

    @cached_property
    def signed_on(self) -> date | None:
        opening = self.opening
        return opening.date if opening else None

    @cached_property
    def entered_into_force_on(self) -> date | None:
        event = self.first("entered_into_force")
        return event.date if event else None


class DatasetFile(Frozen):
    """The top of a data file: its format version and its treaties."""

    schema_version: int
    treaties: tuple[Treaty, ...]

    @model_validator(mode="before")
    @classmethod
    def _known_version(cls, data: object) -> object:
        if isinstance(data, dict):
            version = data.get("schema_version")
            if isinstance(version, int) and not isinstance(version, bool):
                if version > SCHEMA_VERSION:
                    raise ValueError(
                        f"schema_version {version} is newer than this treaty understands "
                        f"({SCHEMA_VERSION}); upgrade treatycli"
                    )
                if version < 1:
                    raise ValueError(f"schema_version {version} is not a valid version")
        return data


@lru_cache(maxsize=1 << 12)
def party_key(name: str) -> str:
    """The identity a party name stands for: the ISO code of the state it resolves to,
    following continuation (the USSR's acts answer for the Russian Federation), or, for a
    name no state table knows (a version-1 file may name "Alpha"), the name itself folded."""
    from treatycli.model.states import resolve_state

    state = resolve_state(name)
    if state is None:
        return "?" + casefold_name(name)
    seen = {state.code}
    while state.continued_by is not None and state.continued_by not in seen:
        successor = resolve_state(state.continued_by)
        if successor is None:
            break
        seen.add(successor.code)
        state = successor
    return state.code


def party_label(key: str, written: str) -> str:
    """How answers name a party: the state's name, or the name as written if none resolves."""
    if key.startswith("?"):
        return written
    from treatycli.model.states import resolve_state

    state = resolve_state(key)
    return state.name if state is not None else written


@lru_cache(maxsize=1 << 16)
def casefold_name(name: str) -> str:
    """The form names are compared in: case-folded, NFKC, inner spaces and dashes unified."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    return re.sub(r"[\s\u2010-\u2015_-]+", "-", folded.strip())
