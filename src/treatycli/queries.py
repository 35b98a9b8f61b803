"""One function per question the CLI asks: dataset and day in, answer model out.

These are what a command calls; they hold no formatting and no I/O, so they are also the
library API (``from treatycli.queries import extend_check``).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from treatycli.dataset.catalog import Dataset
from treatycli.output.explain import summary
from treatycli.rules.answers import (
    ExtendCheckAnswer,
    ListAnswer,
    ListRow,
    ProblemAnswer,
    ShowAnswer,
    TimelineAnswer,
    UpcomingAnswer,
    ValidateAnswer,
    WithdrawalCheckAnswer,
)
from treatycli.rules.status import assess, ref
from treatycli.rules.timeline import build_timeline

if TYPE_CHECKING:
    from treatycli.rules.answers import ChartAnswer


def list_treaties(dataset: Dataset, as_of: date) -> ListAnswer:
    rows = []
    for treaty in dataset.treaties:
        a = assess(treaty, as_of)
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
            )
        )
    return ListAnswer(as_of=as_of, treaties=rows)


def extend_check(dataset: Dataset, name: str, as_of: date) -> ExtendCheckAnswer:
    treaty = dataset.find(name)
    a = assess(treaty, as_of)
    return ExtendCheckAnswer(
        as_of=as_of,
        treaty=ref(treaty),
        status=a.status,
        expires_on=a.expires_on,
        days_left=a.days_left,
        expiry_basis=a.expiry_basis,
        extension=a.extension,
        withdrawal=a.withdrawal,
        summary=summary(treaty, a, dataset.short_names),
    )


def withdrawal(dataset: Dataset, name: str, as_of: date) -> WithdrawalCheckAnswer:
    treaty = dataset.find(name)
    a = assess(treaty, as_of)
    return WithdrawalCheckAnswer(
        as_of=as_of,
        treaty=ref(treaty),
        status=a.status,
        withdrawal=a.withdrawal,
        withdrawals=a.withdrawals,
    )


def timeline(
    dataset: Dataset,
    names: list[str],
    as_of: date,
    date_from: date | None = None,
    date_to: date | None = None,
) -> TimelineAnswer:
    return build_timeline(
        dataset.select(names), as_of, dataset.short_names, date_from=date_from, date_to=date_to
    )


def show(dataset: Dataset, name: str, as_of: date) -> ShowAnswer:
    treaty = dataset.find(name)
    a = assess(treaty, as_of)
    return ShowAnswer(
        as_of=as_of,
        treaty=treaty,
        assessment=a,
        summary=summary(treaty, a, dataset.short_names),
        timeline=build_timeline([treaty], as_of, dataset.short_names).events,
    )


def validate(paths: list[Path]) -> ValidateAnswer:
    """Check dataset files without answering anything; every problem, not only the first."""
    from treatycli.dataset.load import file_label, inspect_files

    inspection = inspect_files(paths)
    return ValidateAnswer(
        files=[file_label(p) for p in paths],
        valid=not inspection.problems,
        treaties=inspection.treaty_count,
        events=inspection.event_count,
        problems=[
            ProblemAnswer(file=p.file, line=p.line, message=p.message) for p in inspection.problems
        ],
    )


def upcoming(dataset: Dataset, names: list[str], as_of: date, within: str) -> UpcomingAnswer:
    from treatycli.rules.upcoming import upcoming as deadlines_ahead

    return deadlines_ahead(dataset.select(names), as_of, within)


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
        "validate": answers.ValidateAnswer,
        "chart": answers.ChartAnswer,
        "data": DatasetFile,
    }
    schema: dict[str, object] = models[command].model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
