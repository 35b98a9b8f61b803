"""Row formats shared by every listing command: one row source, many renderers.

``ndjson`` is one JSON object a line (streamable, ``head`` friendly); ``csv`` and ``tsv`` have
a header row of flattened field names (``treaty_id``, ``source_url``) and ISO dates, built from
the row model's fields so the columns are the same whether or not a value is present. The
header can be left out (``--no-headers``) for tools that append rows to an existing table.
"""

from __future__ import annotations

import csv
import io
import re
import types
from collections.abc import Iterable, Iterator, Sequence
from enum import StrEnum
from typing import IO, TYPE_CHECKING, Any, Union, get_args, get_origin

if TYPE_CHECKING:
    from pydantic import BaseModel


class ListingFormat(StrEnum):
    table = "table"
    json = "json"
    ndjson = "ndjson"
    csv = "csv"
    tsv = "tsv"


class CalendarFormat(StrEnum):
    """The formats of ``upcoming``: the listing ones, and iCalendar."""

    table = "table"
    json = "json"
    ndjson = "ndjson"
    csv = "csv"
    tsv = "tsv"
    ics = "ics"


_LINE_BREAKS_IN_STRINGS = str.maketrans({"\u2028": "\\u2028", "\u2029": "\\u2029"})
"""JSON allows U+2028 and U+2029 raw inside strings, but readers that split lines the Python
way (``str.splitlines``) would cut a record there; escaped, each record stays on one line."""


def write_ndjson(rows: Iterable[BaseModel], out: IO[str]) -> None:
    for row in rows:
        out.write(row.model_dump_json().translate(_LINE_BREAKS_IN_STRINGS))
        out.write("\n")


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The Pydantic model an annotation holds (``Source | None`` → ``Source``), if any."""
    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if get_origin(annotation) in (Union, types.UnionType):
        for arg in get_args(annotation):
            found = _model_in(arg)
            if found is not None:
                return found
    return None


def csv_columns(model: type[BaseModel], prefix: str = "") -> list[str]:
    """Flattened column names of a row model, nested models joined with ``_``."""
    columns: list[str] = []
    for name, field in model.model_fields.items():
        nested = _model_in(field.annotation)
        if nested is not None:
            columns += csv_columns(nested, f"{prefix}{name}_")
        else:
            columns.append(f"{prefix}{name}")
    return columns


def _flatten(data: dict[str, Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    for key, value in data.items():
        if isinstance(value, dict):
            yield from _flatten(value, f"{prefix}{key}_")
        else:
            yield f"{prefix}{key}", value


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(_cell(v) for v in value)
    text = str(value)
    # A spreadsheet would run a cell that starts like a formula (also after a tab or a
    # carriage return it skips, and '-1+1+cmd|...' is a formula too); data text stays text.
    if text[:1] in _FORMULA_STARTS and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


_FORMULA_STARTS = frozenset("=+-@\t\r")
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
"""A whole cell that is only a number is left as it is: a spreadsheet reads it as a number."""


def write_csv(
    rows: Sequence[BaseModel],
    model: type[BaseModel],
    out: IO[str],
    *,
    delimiter: str = ",",
    headers: bool = True,
) -> None:
    """RFC 4180 CSV (CRLF line ends), or with ``delimiter="\t"`` the TSV that sqlite-utils,
    ``cut`` and spreadsheets read (LF line ends, as Unix tools expect); cells are quoted only
    where they hold the delimiter, a quote or a line break."""
    columns = csv_columns(model)
    buffer = io.StringIO()
    ending = "\r\n" if delimiter == "," else "\n"
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=ending)
    if headers:
        writer.writerow(columns)
    for row in rows:
        flat = dict(_flatten(row.model_dump(mode="json")))
        writer.writerow([_cell(flat.get(column)) for column in columns])
    out.write(buffer.getvalue())
