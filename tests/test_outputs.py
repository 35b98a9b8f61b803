"""Formats for scripts and for eyes: ndjson, csv, JSON Schema, upcoming as iCalendar, the chart."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from conftest import parse_json
from treatycli.errors import ExitCode
from treatycli.output.files import write_atomic

Invoke = Callable[..., Any]


# --- one row source, many formats --------------------------------------------------------


@pytest.mark.parametrize("command", ["list", "timeline", "upcoming"])
def test_the_same_rows_feed_every_format(invoke: Invoke, command: str) -> None:
    args = [command, "--as-of", "2020-04-14"]
    if command == "upcoming":
        args += ["--within", "10y"]
    whole = parse_json(invoke(*args, "--json").stdout)
    rows = whole[{"list": "treaties", "timeline": "events", "upcoming": "deadlines"}[command]]
    assert rows, "the example must have rows"

    ndjson = invoke(*args, "--format", "ndjson")
    assert ndjson.exit_code == ExitCode.OK
    assert [json.loads(line) for line in ndjson.stdout.splitlines()] == rows

    as_csv = invoke(*args, "--format", "csv")
    assert as_csv.exit_code == ExitCode.OK
    table = list(csv.reader(io.StringIO(as_csv.stdout)))
    assert len(table) == len(rows) + 1
    header = table[0]
    first = dict(zip(header, table[1], strict=True))
    key = "id" if command == "list" else "treaty_id"
    expected = rows[0]["id"] if command == "list" else rows[0]["treaty"]["id"]
    assert first[key] == expected


def test_timeline_csv_has_iso_dates_and_flat_sources(invoke: Invoke) -> None:
    result = invoke("timeline", "start-3", "--as-of", "2026-12-01", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0])[:4] == ["date", "treaty_id", "treaty_short_name", "origin"]
    assert rows[0]["date"] == "2010-04-08"
    assert rows[0]["source_url"].startswith("https://")
    assert all(len(r["date"]) == 10 for r in rows)


def test_ndjson_head_two_lines(invoke: Invoke) -> None:
    lines = invoke("timeline", "--format", "ndjson", "--as-of", "2026-12-01").stdout.splitlines()
    assert len(lines) > 2
    for line in lines[:2]:
        assert json.loads(line)["origin"] in {"recorded", "derived"}


def test_json_and_format_must_agree(invoke: Invoke) -> None:
    assert invoke("list", "--json", "--format", "json").exit_code == ExitCode.OK
    result = invoke("list", "--json", "--format", "csv")
    assert result.exit_code == ExitCode.USAGE_ERROR
    assert "--json contradicts --format csv" in result.stderr


def test_unknown_format_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke("list", "--format", "xml")
    assert result.exit_code == ExitCode.USAGE_ERROR
    assert result.stderr.startswith("treaty: error: Invalid value for '--format'")


def test_csv_cells_cannot_be_formulas() -> None:
    from treatycli.output.formats import _cell

    assert _cell('=HYPERLINK("x")') == '\'=HYPERLINK("x")'
    assert _cell("-1") == "-1"
    assert _cell("2020-01-01") == "2020-01-01"


# --- JSON Schema ------------------------------------------------------------------------------

SCHEMA_CASES = [
    ("list", ["list", "--as-of", "2020-04-14", "--json"]),
    ("show", ["show", "npt", "--as-of", "2026-12-01", "--json"]),
    ("timeline", ["timeline", "--as-of", "2026-12-01", "--json"]),
    ("extend-check", ["extend-check", "start-3", "--as-of", "2020-04-14", "--json"]),
    ("withdrawal", ["withdrawal", "npt", "--as-of", "2026-12-01", "--json"]),
    ("upcoming", ["upcoming", "--as-of", "2020-04-14", "--within", "2y", "--json"]),
    ("validate", ["validate", "--json"]),
]


@pytest.mark.parametrize(("command", "args"), SCHEMA_CASES)
def test_json_output_validates_against_its_schema(
    invoke: Invoke, command: str, args: list[str]
) -> None:
    schema_result = invoke("schema", command)
    assert schema_result.exit_code == ExitCode.OK
    schema = parse_json(schema_result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    output = invoke(*args)
    assert output.exit_code == ExitCode.OK
    jsonschema.validate(parse_json(output.stdout), schema)


def test_data_schema_accepts_the_builtin_dataset(invoke: Invoke) -> None:
    import datetime

    import yaml

    from treatycli.dataset.load import builtin_data_path

    def as_json(value: Any) -> Any:
        """YAML's dates as the ISO strings JSON carries; numbers and booleans stay typed."""
        if isinstance(value, dict):
            return {key: as_json(item) for key, item in value.items()}
        if isinstance(value, list):
            return [as_json(item) for item in value]
        if isinstance(value, datetime.date):
            return value.isoformat()
        return value

    schema = parse_json(invoke("schema", "data").stdout)
    document = as_json(yaml.safe_load(builtin_data_path().read_text(encoding="utf-8")))
    jsonschema.validate(document, schema)


def test_schema_of_unknown_command(invoke: Invoke) -> None:
    result = invoke("schema", "frobnicate")
    assert result.exit_code == ExitCode.USAGE_ERROR
    assert "is not one of list, show, timeline" in result.stderr


# --- upcoming ---------------------------------------------------------------------------------


def test_upcoming_on_the_news_items_day(invoke: Invoke) -> None:
    answer = parse_json(
        invoke("upcoming", "--as-of", "2020-04-14", "--within", "2y", "--json").stdout
    )
    assert answer["until"] == "2022-04-14"
    kinds = {(d["treaty"]["id"], d["type"], d["date"], d["days_left"]) for d in answer["deadlines"]}
    assert ("new-start", "extension_deadline", "2021-02-04", 296) in kinds
    assert ("new-start", "expires", "2021-02-05", 297) in kinds
    assert all(d["rule"]["article"] for d in answer["deadlines"])


def test_upcoming_includes_a_pending_withdrawal(invoke: Invoke) -> None:
    answer = parse_json(invoke("upcoming", "inf", "--as-of", "2019-05-01", "--json").stdout)
    assert [(d["type"], d["date"]) for d in answer["deadlines"]] == [
        ("withdrawal_effective", "2019-08-02")
    ]


@pytest.mark.parametrize(
    ("window", "until"),
    [
        ("2y", "2022-04-14"),
        ("18m", "2021-10-14"),
        ("90d", "2020-07-13"),
        ("P2Y", "2022-04-14"),
        ("1y6m", "2021-10-14"),
        ("6w", "2020-05-26"),
    ],
)
def test_within_forms(invoke: Invoke, window: str, until: str) -> None:
    result = invoke("upcoming", "--as-of", "2020-04-14", "--within", window, "--json")
    assert result.exit_code == ExitCode.OK, result.stderr
    assert parse_json(result.stdout)["until"] == until


@pytest.mark.parametrize("window", ["two years", "2", "y", "P", "-2y", "2x", ""])
def test_bad_within_is_a_usage_error(invoke: Invoke, window: str) -> None:
    result = invoke("upcoming", "--within", window)
    assert result.exit_code == ExitCode.USAGE_ERROR
    assert "use for example 2y, 18m, 90d, 6w or ISO P2Y" in result.stderr


def test_upcoming_ics_imports_with_stable_uids(invoke: Invoke, tmp_path: Path) -> None:
    from icalendar import Calendar

    args = ["upcoming", "--as-of", "2020-04-14", "--within", "2y", "--format", "ics"]
    first = invoke(*args)
    assert first.exit_code == ExitCode.OK
    assert invoke(*args).stdout == first.stdout  # the same file every run
    calendar = Calendar.from_ical(first.stdout)
    events = calendar.walk("VEVENT")
    expiry = next(e for e in events if "expires" in str(e["summary"]))
    assert expiry.decoded("dtstart") == date(2021, 2, 5)
    assert expiry.decoded("dtend") == date(2021, 2, 6)
    assert str(expiry["uid"]) == "new-start.expires.2021-02-05@treatycli"
    assert "Article XIV, paragraph 2" in str(expiry["description"])
    assert "New START" in str(expiry["description"])
    assert expiry.decoded("dtstamp").isoformat() == "2020-04-14T00:00:00+00:00"
    out = tmp_path / "deadlines.ics"
    written = invoke(*args, "--output", str(out))
    assert written.exit_code == ExitCode.OK and written.stdout == ""
    assert out.read_text(encoding="utf-8") == first.stdout


def test_ics_is_only_for_upcoming(invoke: Invoke) -> None:
    assert invoke("timeline", "--format", "ics").exit_code == ExitCode.USAGE_ERROR


# --- chart ------------------------------------------------------------------------------------


def test_chart_at_80_columns_without_colour(invoke: Invoke) -> None:
    result = invoke("chart", "--as-of", "2026-12-01", env={"COLUMNS": "80", "NO_COLOR": "1"})
    assert result.exit_code == ExitCode.OK
    lines = result.stdout.splitlines()
    assert all(len(line) <= 80 for line in lines)
    assert "\x1b" not in result.stdout
    new_start = next(line for line in lines if line.startswith("New START"))
    assert "█" in new_start and "▓" in new_start and "✕" in new_start
    start_2 = next(line for line in lines if line.startswith("START II"))
    assert "░" in start_2 and "█" not in start_2  # never in force
    assert any("▲" in line for line in lines)
    assert "1970" in result.stdout


def test_chart_narrow_terminal(invoke: Invoke) -> None:
    result = invoke("chart", "start-3", "--as-of", "2020-04-14", env={"COLUMNS": "20"})
    assert result.exit_code == ExitCode.OK
    assert all(len(line) <= 20 for line in result.stdout.splitlines())


def test_chart_years(invoke: Invoke) -> None:
    result = invoke(
        "chart", "--from", "2000", "--to", "2030", "--as-of", "2020-04-14", env={"COLUMNS": "100"}
    )
    assert result.exit_code == ExitCode.OK
    assert "2000" in result.stdout and "1990" not in result.stdout
    reversed_years = invoke("chart", "--from", "2030", "--to", "2000")
    assert reversed_years.exit_code == ExitCode.USAGE_ERROR


def test_unwritable_output_is_one_line_exit_1(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "folder" / "chart.svg"
    result = invoke("chart", "--svg", str(target))
    assert result.exit_code == ExitCode.DATA_ERROR
    assert result.stdout == ""  # refused before anything was drawn
    assert result.stderr.startswith(f"treaty: error: {target}: cannot write")
    assert result.stderr.count("\n") == 1
    folder = invoke("upcoming", "--format", "ics", "--output", str(tmp_path))
    assert folder.exit_code == ExitCode.DATA_ERROR
    assert folder.stderr == f"treaty: error: {tmp_path}: is a folder, not a file to write\n"


def test_atomic_write_leaves_the_old_file_on_failure(tmp_path: Path, monkeypatch: Any) -> None:
    target = tmp_path / "out.ics"
    target.write_text("old", encoding="utf-8")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.replace", broken_replace)
    from treatycli.errors import OutputError

    with pytest.raises(OutputError, match="No space left on device"):
        write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.ics"]  # no temporary left behind
