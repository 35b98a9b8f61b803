"""--output, --format and --json together: files named by their extension, stdout as ``-``,
format names refused as file names, TSV and headerless CSV, and notes on stderr."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import typer

from conftest import parse_json
from treatycli.cli import app
from treatycli.errors import ExitCode

Invoke = Callable[..., Any]

LISTINGS = {
    "list": (["list", "--as-of", "2020-04-14"], "treaties", 11, "treaties"),
    "timeline": (["timeline", "inf", "--as-of", "2020-04-14"], "events", None, "events"),
    "upcoming": (
        ["upcoming", "--as-of", "2020-04-14", "--within", "2y"],
        "deadlines",
        None,
        "deadlines",
    ),
}


@pytest.mark.parametrize("command", list(LISTINGS))
@pytest.mark.parametrize("word", ["json", "csv", "JSON", "yaml", "table"])
def test_a_format_name_is_not_taken_for_a_file_name(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str, word: str
) -> None:
    monkeypatch.chdir(tmp_path)
    args = LISTINGS[command][0]
    result = invoke(*args, "-o", word)
    assert result.exit_code == ExitCode.USAGE_ERROR
    assert result.stdout == ""
    assert result.stderr.startswith(f"treaty: error: --output '{word}' names a file, not a format")
    assert "--format" in result.stderr and result.stderr.count("\n") == 1
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_the_hint_names_the_fix(invoke: Invoke) -> None:
    result = invoke("list", "-o", "json")
    assert "for json on stdout use --format json (or --json)" in result.stderr
    assert "-o ./json" in result.stderr


def test_a_path_that_looks_like_a_format_name_is_a_file(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke("list", "--as-of", "2020-04-14", "-o", "./json")
    assert result.exit_code == ExitCode.OK, result.stderr
    assert (tmp_path / "json").read_text(encoding="utf-8").startswith("Treaties as of 2020-04-14")


@pytest.mark.parametrize("command", list(LISTINGS))
@pytest.mark.parametrize(
    ("suffix", "kind"), [(".json", "json"), (".ndjson", "ndjson"), (".csv", "csv"), (".tsv", "tsv")]
)
def test_the_extension_chooses_the_format(
    invoke: Invoke, tmp_path: Path, command: str, suffix: str, kind: str
) -> None:
    args, key, _, noun = LISTINGS[command]
    target = tmp_path / f"out{suffix}"
    result = invoke(*args, "--output", str(target))
    assert result.exit_code == ExitCode.OK, result.stderr
    assert result.stdout == ""
    expected = invoke(*args, "--format", kind).stdout
    assert target.read_text(encoding="utf-8") == expected
    count = len(parse_json(invoke(*args, "--json").stdout)[key])
    assert result.stderr == f"wrote {count} {noun} to {target}\n"


def test_an_explicit_format_wins_over_the_extension(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "out.txt.json"
    result = invoke("list", "--as-of", "2020-04-14", "--format", "csv", "-o", str(target))
    assert result.exit_code == ExitCode.OK
    assert target.read_text(encoding="utf-8").startswith("id,short_name,")


def test_an_unknown_extension_gets_the_table(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "treaties.txt"
    result = invoke("list", "--as-of", "2020-04-14", "-o", str(target))
    assert result.exit_code == ExitCode.OK
    text = target.read_text(encoding="utf-8")
    assert text.startswith("Treaties as of 2020-04-14\n") and "\x1b" not in text
    assert result.stderr == f"wrote 31 treaties to {target}\n"


def test_a_calendar_only_from_upcoming(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "events.ics"
    result = invoke("timeline", "-o", str(target))
    assert result.exit_code == ExitCode.USAGE_ERROR
    assert "this command cannot write ics" in result.stderr
    assert not target.exists()


@pytest.mark.parametrize("command", list(LISTINGS))
def test_dash_is_stdout(invoke: Invoke, command: str) -> None:
    args = LISTINGS[command][0]
    dashed = invoke(*args, "-o", "-", "--format", "csv")
    assert dashed.exit_code == ExitCode.OK
    assert dashed.stdout == invoke(*args, "--format", "csv").stdout
    assert dashed.stderr == ""
    assert invoke(*args, "-o", "-").stdout == invoke(*args).stdout  # the table, as without -o


def test_tsv_and_headerless_csv(invoke: Invoke) -> None:
    args = ["timeline", "start-3", "--as-of", "2026-12-01"]
    rows = parse_json(invoke(*args, "--json").stdout)["events"]
    tsv = invoke(*args, "--format", "tsv").stdout_bytes.decode("utf-8")
    assert "\r" not in tsv  # LF, as cut, awk and sqlite-utils expect
    table = list(csv.reader(io.StringIO(tsv), delimiter="\t"))
    assert table[0][:3] == ["date", "treaty_id", "treaty_short_name"]
    assert len(table) == len(rows) + 1
    assert [r[0] for r in table[1:]] == [r["date"] for r in rows]

    with_header = invoke(*args, "--format", "csv").stdout_bytes
    without = invoke(*args, "--format", "csv", "--no-headers").stdout_bytes
    assert with_header.split(b"\r\n", 1)[1] == without
    headerless_tsv = invoke(*args, "--format", "tsv", "--no-headers").stdout_bytes
    assert headerless_tsv.decode("utf-8") == tsv.split("\n", 1)[1]


def test_an_empty_answer_in_a_machine_format_says_so_on_stderr(invoke: Invoke) -> None:
    result = invoke("upcoming", "new-start", "--as-of", "2040-01-01", "--json")
    assert result.exit_code == ExitCode.OK
    assert json.loads(result.stdout)["deadlines"] == []
    assert result.stderr == "no deadlines between 2040-01-01 and 2041-01-01\n"
    table = invoke("upcoming", "new-start", "--as-of", "2040-01-01")
    assert table.stderr == ""  # the table says it itself, on stdout
    assert "No deadlines between 2040-01-01 and 2041-01-01" in table.stdout


def test_an_unwritable_output_fails_before_any_work(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "out.csv"
    result = invoke("timeline", "-o", str(target))
    assert result.exit_code == ExitCode.DATA_ERROR
    assert result.stderr.startswith(f"treaty: error: {target}: cannot write")


def _commands() -> dict[str, Any]:
    group = typer.main.get_command(app)
    return dict(group.commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", sorted(_commands()))
def test_json_on_every_command(name: str) -> None:
    options = {opt for param in _commands()[name].params for opt in param.opts}
    assert "--json" in options


@pytest.mark.parametrize("name", ["list", "timeline", "upcoming"])
def test_output_on_every_listing_command(name: str) -> None:
    options = {opt for param in _commands()[name].params for opt in param.opts}
    assert {"--output", "-o", "--format", "--no-headers"} <= options
