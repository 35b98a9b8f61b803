"""The chart: its answer (segments and markers to the day), ``chart --json``, and the options'
unhappy paths."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, get_args

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import parse_json
from factories import dataset_document, minimal_treaty
from treatycli.dataset.catalog import Dataset
from treatycli.errors import ExitCode
from treatycli.rules.answers import STATUS_GROUPS, ChartAnswer, Status
from treatycli.rules.chart import build_chart, segments
from treatycli.rules.status import status_as_of

Invoke = Callable[..., Any]
SVG = "{http://www.w3.org/2000/svg}"
AS_OF = "2026-12-01"


def test_every_status_has_one_group() -> None:
    assert set(STATUS_GROUPS) == set(get_args(Status))
    assert STATUS_GROUPS["suspended"] == "in_force"
    assert STATUS_GROUPS["abandoned"] == "ended"


# --- the answer: segments and markers -----------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_segments_agree_with_the_status_rules_on_every_day(builtin: Dataset, data: Any) -> None:
    """The chart computes no status of its own: any day of a bar has the status the rules give
    on that day, as known on it."""
    treaty = data.draw(st.sampled_from(builtin.treaties))
    assert treaty.signed_on is not None
    as_of = data.draw(st.dates(min_value=treaty.signed_on, max_value=date(2030, 12, 31)))
    day = data.draw(st.dates(min_value=treaty.signed_on, max_value=as_of))
    holding = [
        s
        for s in segments(treaty, as_of)
        if not s.projected and s.start <= day and (s.end is None or day < s.end)
    ]
    assert len(holding) == 1
    assert holding[0].status == status_as_of(treaty, day).code


def test_new_start_to_the_day(builtin: Dataset) -> None:
    spans = segments(builtin.find("new-start"), date(2026, 12, 1))
    assert [(s.status, s.start, s.end) for s in spans] == [
        ("signed_not_in_force", date(2010, 4, 8), date(2011, 2, 5)),
        ("in_force", date(2011, 2, 5), date(2023, 2, 28)),
        ("suspended", date(2023, 2, 28), date(2026, 2, 5)),
        ("expired", date(2026, 2, 5), None),
    ]


def test_projected_remainder_until_expiry(builtin: Dataset) -> None:
    spans = segments(builtin.find("new-start"), date(2020, 4, 14))
    current, projected = spans[-2:]
    assert (current.status, current.end, current.projected) == ("in_force", None, False)
    assert (projected.start, projected.end, projected.projected) == (
        date(2020, 4, 15),
        date(2021, 2, 5),
        True,
    )


def test_one_end_marker_with_the_party_that_ended_it(builtin: Dataset) -> None:
    answer = build_chart([builtin.find("inf")], date(2026, 12, 1), builtin.short_names)
    marks = answer.rows[0].markers
    ends = [m for m in marks if m.kind == "end"]
    assert len(ends) == 1
    assert (ends[0].date, ends[0].party, ends[0].ending) == (
        date(2019, 8, 2),
        "United States",
        "terminated_by_withdrawal",
    )
    kinds = [(m.kind, m.party) for m in marks]
    assert ("withdrawal_notice", "United States") in kinds
    assert ("suspension", "Russian Federation") in kinds
    sort = build_chart([builtin.find("sort")], date(2026, 12, 1), builtin.short_names)
    assert sort.rows[0].markers[-1].description == "superseded by New START"


def test_span_given_at_one_end_never_blames_the_other(builtin: Dataset) -> None:
    late = build_chart(builtin.treaties, date(2026, 12, 1), {}, date_from=date(2050, 3, 1))
    assert (late.date_from, late.date_to) == (date(2050, 3, 1), date(2050, 12, 31))
    early = build_chart(builtin.treaties, date(2026, 12, 1), {}, date_to=date(1900, 6, 30))
    assert (early.date_from, early.date_to) == (date(1900, 1, 1), date(1900, 6, 30))


# --- chart --json -----------------------------------------------------------------------------


def test_json_is_the_answer_and_matches_its_published_schema(invoke: Invoke) -> None:
    result = invoke("chart", "--as-of", AS_OF, "--json")
    assert result.exit_code == ExitCode.OK
    document = parse_json(result.stdout)
    schema = parse_json(invoke("schema", "chart").stdout)
    jsonschema.validate(document, schema)
    assert document["command"] == "chart"
    assert (document["date_from"], document["date_to"]) == ("1967-01-01", "2026-12-31")
    new_start = next(r for r in document["rows"] if r["treaty"]["id"] == "new-start")
    assert new_start["segments"][1] == {
        "status": "in_force",
        "label": "in force",
        "group": "in_force",
        "start": "2011-02-05",
        "end": "2023-02-28",
        "projected": False,
    }
    suspension = next(m for m in new_start["markers"] if m["kind"] == "suspension")
    assert suspension["party"] == "Russian Federation" and suspension["date"] == "2023-02-28"
    ChartAnswer.model_validate(document)


def test_json_keeps_what_overlaps_the_span(invoke: Invoke) -> None:
    result = invoke(
        "chart", "inf", "--from", "2019", "--to", "2019-06-30", "--as-of", AS_OF, "--json"
    )
    document = parse_json(result.stdout)
    assert (document["date_from"], document["date_to"]) == ("2019-01-01", "2019-06-30")
    row = document["rows"][0]
    assert [s["status"] for s in row["segments"]] == ["in_force", "withdrawal_pending"]
    assert all("2019-01-01" <= m["date"] <= "2019-06-30" for m in row["markers"])
    assert "end" not in {m["kind"] for m in row["markers"]}  # 2019-08-02 is outside


# --- --from / --to ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "first", "last"),
    [
        (["--from", "2019-01-01"], "2019-01-01", "2026-12-31"),
        (["--from", "2019"], "2019-01-01", "2026-12-31"),
        (["--from", "1990", "--to", "2000"], "1990-01-01", "2000-12-31"),
        (["--to", "2000-02-29"], "1967-01-01", "2000-02-29"),
        (["--to", "9999"], "1967-01-01", "9999-12-31"),
    ],
)
def test_from_and_to_take_a_day_or_a_year(
    invoke: Invoke, args: list[str], first: str, last: str
) -> None:
    result = invoke("chart", *args, "--as-of", AS_OF, "--json")
    assert result.exit_code == ExitCode.OK, result.stderr
    document = parse_json(result.stdout)
    assert (document["date_from"], document["date_to"]) == (first, last)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--from", "2019-13-01"],
            "'2019-13-01' is neither a day (YYYY-MM-DD, or 'today') nor a year",
        ),
        (["--from", "abc"], "'abc' is neither a day"),
        (["--to", "10000"], "'10000' is neither a day"),
        (["--from", "0"], "year 0 is outside 1 to 9999"),
        (["--from", "2030", "--to", "2000"], "--from 2030-01-01 is after --to 2000-12-31"),
    ],
)
def test_bad_span_is_a_one_line_usage_error(invoke: Invoke, args: list[str], message: str) -> None:
    result = invoke("chart", *args)
    assert result.exit_code == ExitCode.USAGE_ERROR
    assert result.stderr.startswith("treaty: error: ")
    assert message in result.stderr
    assert result.stderr.count("\n") == 1
    assert "valid integer" not in result.stderr
    assert result.stdout == ""


def _far_future(write_yaml: Callable[..., Path]) -> Path:
    treaty = minimal_treaty(
        rules={"term": {"type": "fixed_end", "ends_on": "9999-12-31", "article": "Art. 1"}}
    )
    return write_yaml(dataset_document(treaty))


def test_axis_to_year_9999_is_drawn_not_blamed_on_options(
    invoke: Invoke, write_yaml: Callable[..., Path], tmp_path: Path
) -> None:
    """A treaty in force until 31 December 9999 needs an axis to the last day there is; the
    chart once asked for 1 January 10000 and then blamed --from/--to, which nobody gave."""
    data = _far_future(write_yaml)
    text = invoke("--data", str(data), "chart", "--as-of", AS_OF, env={"COLUMNS": "80"})
    assert text.exit_code == ExitCode.OK, text.stderr
    assert "9000" in text.stdout and "─" in text.stdout
    as_json = parse_json(invoke("--data", str(data), "chart", "--as-of", AS_OF, "--json").stdout)
    assert as_json["date_to"] == "9999-12-31"
    assert as_json["rows"][0]["segments"][-1]["end"] == "9999-12-31"
    last_day = invoke("--data", str(data), "chart", "--as-of", "9999-12-31", "--to", "9999")
    assert last_day.exit_code == ExitCode.OK, last_day.stderr
    assert "--from" not in text.stderr + last_day.stderr
