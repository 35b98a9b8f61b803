"""One function per question the CLI asks: dataset and day in, answer model out.

These are what a command calls; they hold no formatting and no I/O, so they are also the
library API (``from treatycli.queries import extend_check``).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from treatycli.dataset.catalog import Dataset
from treatycli.model.treaty import Treaty
from treatycli.output.explain import summary
from treatycli.rules.answers import (
    IN_FORCE_STATUSES,
    ExtendCheckAnswer,
    ListAnswer,
    ListRow,
    PartiesAnswer,
    PartyStanding,
    ProblemAnswer,
    ShowAnswer,
    TimelineAnswer,
    UpcomingAnswer,
    ValidateAnswer,
    WithdrawalCheckAnswer,
)
from treatycli.rules.status import assess, ref
from treatycli.rules.timeline import build_timeline


def state_keys(names: list[str]) -> frozenset[str]:
    """``--party`` values → canonical states (a name no state table knows is a usage error
    naming the closest states). The state table is loaded only when a party is asked for."""
    if not names:
        return frozenset()
    from treatycli.errors import UsageError
    from treatycli.model.states import resolve_state_or_error
    from treatycli.model.treaty import party_key

    keys = set()
    for name in names:
        try:
            keys.add(party_key(resolve_state_or_error(name).code))
        except ValueError as exc:  # an unknown or ambiguous name, with the closest ones
            raise UsageError(f"--party: {exc}") from None
    return frozenset(keys)


if TYPE_CHECKING:
    from treatycli.rules.answers import ChartAnswer


def list_treaties(dataset: Dataset, as_of: date, parties: list[str] | None = None) -> ListAnswer:
    """Every treaty with its status; with ``parties``, only those that bind every one of
    these states that day. A multilateral treaty's row says how many states are parties on
    the day (where the record lists them all) and who has left."""
    from treatycli.rules.parties import left_as_written, lists_every_party, standings

    keys = state_keys(parties or [])
    rows = []
    for treaty in dataset.treaties:
        complete = lists_every_party(treaty)
        multilateral = treaty.kind == "multilateral"
        # The state table is loaded only when a state is asked about or parties are counted.
        needs_states = bool(keys) or (multilateral and complete)
        party_rows = standings(treaty, as_of, dataset.treaties_by_id) if needs_states else []
        if keys and not keys <= {p.code for p in party_rows if p.bound}:
            continue
        a = assess(treaty, as_of, dataset.treaties_by_id)
        rows.append(
            ListRow(
                id=treaty.id,
                short_name=treaty.short_name,
                kind=treaty.kind,
                signed_on=a.signed_on,
                entered_into_force_on=a.entered_into_force_on,
                status=a.status.code,
                status_label=a.status.label,
                status_since=a.status.since,
                expires_on=a.expires_on,
                party_list=("complete" if complete else "partial") if multilateral else None,
                # A count of parties means something only while the treaty binds anyone.
                parties_on_day=sum(1 for p in party_rows if p.bound)
                if multilateral and complete and a.status.code in IN_FORCE_STATUSES
                else None,
                left=left_as_written(treaty, as_of) if multilateral else [],
            )
        )
    from treatycli.model.treaty import party_label

    return ListAnswer(as_of=as_of, parties=sorted(party_label(k, k) for k in keys), treaties=rows)


def parties(dataset: Dataset, name: str, as_of: date) -> PartiesAnswer:
    from treatycli.rules.parties import parties_answer

    return parties_answer(dataset.find(name), as_of, dataset.treaties_by_id)


def extend_check(
    dataset: Dataset, name: str, as_of: date, parties: list[str] | None = None
) -> ExtendCheckAnswer:
    """Can it be extended, and, for each state asked about, is it bound and when would a
    notice it gave that day take effect."""
    treaty = dataset.find(name)
    a = assess(treaty, as_of, dataset.treaties_by_id)
    standings = party_standings(dataset, treaty, as_of, parties)
    return ExtendCheckAnswer(
        as_of=as_of,
        treaty=ref(treaty),
        status=a.status,
        expires_on=a.expires_on,
        days_left=a.days_left,
        expiry_basis=a.expiry_basis,
        extension=a.extension,
        withdrawal=a.withdrawal,
        parties=standings,
        summary=summary(treaty, a, dataset.short_names, standings),
    )


def party_standings(
    dataset: Dataset, treaty: Treaty, as_of: date, parties: list[str] | None
) -> list[PartyStanding]:
    """The standing of each state asked about (``--party``), in code order."""
    if not parties:
        return []
    from treatycli.rules.parties import standing_of, unrecorded_standing

    standings = []
    for key in sorted(state_keys(parties)):
        found = standing_of(treaty, key, as_of, dataset.treaties_by_id)
        standings.append(found or unrecorded_standing(treaty, key, as_of, dataset.treaties_by_id))
    return standings


def withdrawal(
    dataset: Dataset, name: str, as_of: date, parties: list[str] | None = None
) -> WithdrawalCheckAnswer:
    """If a party gave notice that day, when would it be out; for a state asked about, the
    answer under its own record (an armed conflict defers it)."""
    treaty = dataset.find(name)
    a = assess(treaty, as_of, dataset.treaties_by_id)
    return WithdrawalCheckAnswer(
        as_of=as_of,
        treaty=ref(treaty),
        status=a.status,
        withdrawal=a.withdrawal,
        withdrawals=a.withdrawals,
        parties=party_standings(dataset, treaty, as_of, parties),
    )


def timeline(
    dataset: Dataset,
    names: list[str],
    as_of: date,
    date_from: date | None = None,
    date_to: date | None = None,
    parties: list[str] | None = None,
    every_state: bool = False,
) -> TimelineAnswer:
    return build_timeline(
        dataset.select(names),
        as_of,
        dataset.short_names,
        date_from=date_from,
        date_to=date_to,
        others=dataset.treaties_by_id,
        parties=state_keys(parties or []),
        every_state=every_state,
    )


def show(dataset: Dataset, name: str, as_of: date, parties: list[str] | None = None) -> ShowAnswer:
    treaty = dataset.find(name)
    a = assess(treaty, as_of, dataset.treaties_by_id)
    standings = party_standings(dataset, treaty, as_of, parties)
    events = build_timeline(
        [treaty],
        as_of,
        dataset.short_names,
        others=dataset.treaties_by_id,
        parties=state_keys(parties or []),
    )
    visible = tuple(
        n for n in treaty.notes if isinstance(n, str) or n.day is None or n.day <= as_of
    )
    return ShowAnswer(
        as_of=as_of,
        # A note about a later event would tell the future of an earlier day: left out.
        treaty=treaty if visible == treaty.notes else treaty.model_copy(update={"notes": visible}),
        assessment=a,
        summary=summary(treaty, a, dataset.short_names, standings),
        timeline=events.events,
        joining_steps_left_out=events.joining_steps_left_out,
    )


def validate(paths: list[Path]) -> ValidateAnswer:
    """Check dataset files without answering anything; every problem, not only the first."""
    from treatycli.dataset.load import file_label, inspect_files

    inspection = inspect_files(paths)
    kinds = inspection.event_source_kinds
    trusted, total = kinds["official"] + kinds["reference"], sum(kinds.values())
    return ValidateAnswer(
        files=[file_label(p) for p in paths],
        valid=not inspection.problems,
        treaties=inspection.treaty_count,
        events=inspection.event_count,
        event_sources=kinds,
        official_or_reference_share=round(trusted / total, 4) if total else None,
        problems=[
            ProblemAnswer(file=p.file, line=p.line, message=p.message) for p in inspection.problems
        ],
    )


def upcoming(
    dataset: Dataset,
    names: list[str],
    as_of: date,
    within: str,
    parties: list[str] | None = None,
) -> UpcomingAnswer:
    from treatycli.rules.parties import standing_of
    from treatycli.rules.upcoming import upcoming as deadlines_ahead

    keys = state_keys(parties or [])
    chosen = dataset.select(names)
    if keys:
        # The deadlines that concern these states: of the treaties that bind one of them.
        chosen = [
            t
            for t in chosen
            if any(
                (s := standing_of(t, key, as_of, dataset.treaties_by_id)) is not None and s.bound
                for key in keys
            )
        ]
    return deadlines_ahead(chosen, as_of, within, dataset.treaties_by_id, keys)


def chart(
    dataset: Dataset,
    names: list[str],
    as_of: date,
    date_from: date | None = None,
    date_to: date | None = None,
) -> ChartAnswer:
    """Each treaty's statuses as dated segments and the acts marked on them (``treaty chart``)."""
    from treatycli.rules.chart import build_chart

    return build_chart(dataset.select(names), as_of, dataset.short_names, date_from, date_to)


def json_schema(command: str) -> dict[str, object]:
    """The JSON Schema of a command's ``--json`` answer (or of the data file, for ``data``)."""
    from pydantic import BaseModel

    from treatycli.model.treaty import DatasetFile
    from treatycli.rules import answers

    models: dict[str, type[BaseModel]] = {
        "list": answers.ListAnswer,
        "show": answers.ShowAnswer,
        "timeline": answers.TimelineAnswer,
        "extend-check": answers.ExtendCheckAnswer,
        "upcoming": answers.UpcomingAnswer,
        "withdrawal": answers.WithdrawalCheckAnswer,
        "parties": answers.PartiesAnswer,
        "migrate": answers.MigrateAnswer,
        "validate": answers.ValidateAnswer,
        "chart": answers.ChartAnswer,
        "data": DatasetFile,
    }
    schema: dict[str, object] = models[command].model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
