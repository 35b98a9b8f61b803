"""treatycli as a library: the answers the ``treaty`` command gives, as Pydantic models.

For notebooks and scripts. Load a dataset once, then ask it questions as of any day; every
answer is the same model the command's ``--json`` serialises (``answer.model_dump()`` is that
JSON as Python data), and ``treaty schema CMD`` documents its fields.

>>> from treatycli import api
>>> data = api.load()                      # the built-in dataset; or api.load("mine.yaml")
>>> api.find(data, "New START Treaty").id
'new-start'
>>> api.status(data, "new-start", "2020-04-14").status.code
'in_force'
>>> check = api.extension(data, "START-3", "2020-04-14")
>>> check.extension.latest_possible_expiry, check.extension.last_day_to_decide
(datetime.date(2026, 2, 5), datetime.date(2021, 2, 4))
>>> api.withdrawal(data, "inf", "2019-02-02").withdrawal.effective_if_notice_on_as_of
datetime.date(2019, 8, 2)
>>> ahead = api.deadlines(data, "2020-04-14", within="1y", names=["new-start"])
>>> [(d.date.isoformat(), d.type) for d in ahead.deadlines]
[('2021-02-04', 'extension_deadline'), ('2021-02-05', 'expires')]

Days are ``datetime.date`` objects or ISO strings (``"2020-04-14"``); nothing here reads the
clock, so pass the day you mean. An unknown treaty name raises :class:`UsageError`, a dataset
that does not validate raises :class:`DataError` (both :class:`TreatyError`), with the message
the command would print.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from treatycli import queries
from treatycli.dataset.catalog import Dataset
from treatycli.errors import DataError, TreatyError, UsageError
from treatycli.model.treaty import Treaty
from treatycli.rules.answers import (
    Assessment,
    ExtendCheckAnswer,
    ListAnswer,
    ShowAnswer,
    TimelineAnswer,
    UpcomingAnswer,
    WithdrawalCheckAnswer,
)

__all__ = [
    "Assessment",
    "DataError",
    "Dataset",
    "ExtendCheckAnswer",
    "ListAnswer",
    "ShowAnswer",
    "TimelineAnswer",
    "Treaty",
    "TreatyError",
    "UpcomingAnswer",
    "UsageError",
    "WithdrawalCheckAnswer",
    "deadlines",
    "extension",
    "find",
    "load",
    "show",
    "status",
    "timeline",
    "treaties",
    "withdrawal",
]

Day = date | str
"""A day: a ``datetime.date`` or an ISO string ``YYYY-MM-DD``."""


def load(*paths: str | Path) -> Dataset:
    """The validated dataset from these YAML files, or the built-in one if none is given."""
    from treatycli.dataset.load import load_dataset

    return load_dataset([Path(p) for p in paths] or None)


def find(dataset: Dataset, name: str) -> Treaty:
    """The treaty with this id, name or alias, as the command matches them (any case, with or
    without "Treaty", words in any order)."""
    return dataset.find(name)


def treaties(dataset: Dataset, as_of: Day) -> ListAnswer:
    """Every treaty with its status on the day (``treaty list``)."""
    return queries.list_treaties(dataset, _day(as_of))


def status(dataset: Dataset, name: str, as_of: Day) -> Assessment:
    """Everything the rules say about one treaty on the day: status, expiry, extension,
    withdrawal, each party's notices (``treaty show``'s ``assessment``)."""
    from treatycli.rules.status import assess

    return assess(dataset.find(name), _day(as_of))


def show(dataset: Dataset, name: str, as_of: Day) -> ShowAnswer:
    """One treaty in full, its data and what the rules make of it (``treaty show``)."""
    return queries.show(dataset, name, _day(as_of))


def extension(dataset: Dataset, name: str, as_of: Day) -> ExtendCheckAnswer:
    """Can it be extended, until when, decided by when (``treaty extend-check``)."""
    return queries.extend_check(dataset, name, _day(as_of))


def withdrawal(dataset: Dataset, name: str, as_of: Day) -> WithdrawalCheckAnswer:
    """If a party gave notice on the day, when would it be out (``treaty withdrawal``)."""
    return queries.withdrawal(dataset, name, _day(as_of))


def timeline(
    dataset: Dataset,
    names: Sequence[str] = (),
    *,
    as_of: Day,
    date_from: Day | None = None,
    date_to: Day | None = None,
) -> TimelineAnswer:
    """Every recorded and derived event of the named treaties (all if none), in date order
    (``treaty timeline``)."""
    return queries.timeline(
        dataset,
        list(names),
        _day(as_of),
        None if date_from is None else _day(date_from),
        None if date_to is None else _day(date_to),
    )


def deadlines(
    dataset: Dataset, as_of: Day, *, within: str = "1y", names: Sequence[str] = ()
) -> UpcomingAnswer:
    """The deadlines from the day to the end of the window (``2y``, ``18m``, ``P90D``), of the
    named treaties or all (``treaty upcoming``)."""
    from treatycli.rules.upcoming import parse_window

    try:
        window = parse_window(within)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    return queries.upcoming(dataset, list(names), _day(as_of), window)


def _day(value: Day) -> date:
    if isinstance(value, date):
        return value
    from treatycli.dates import parse_iso_date

    try:
        return parse_iso_date(value)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
