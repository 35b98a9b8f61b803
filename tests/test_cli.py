"""Every command through Typer's CliRunner: stdout and stderr apart, exit codes asserted."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import parse_json
from factories import dataset_document, minimal_treaty
from treatycli import __version__
from treatycli.errors import ExitCode

Invoke = Callable[..., Any]


def test_version(invoke: Invoke) -> None:
    result = invoke("--version")
    assert result.exit_code == ExitCode.OK
    assert result.stdout == f"treaty {__version__}\n"


@pytest.mark.parametrize("command", ["list", "show", "timeline", "extend-check"])
def test_every_command_has_help(invoke: Invoke, command: str) -> None:
    result = invoke(command, "--help")
    assert result.exit_code == ExitCode.OK
    assert "--as-of" in result.stdout
    assert "--json" in result.stdout


def test_no_arguments_shows_help(invoke: Invoke) -> None:
    result = invoke()
    assert result.exit_code == ExitCode.USAGE_ERROR
    assert result.stderr.startswith("Usage: treaty [OPTIONS] COMMAND")
    assert "\n  extend-check" in result.stderr  # the help as written, one command a line


# --- extend-check: the examples of the issue ---------------------------------------------


def test_extend_check_on_the_news_items_day(invoke: Invoke) -> None:
    result = invoke("extend-check", "start-3", "--as-of", "2020-04-14")
    assert result.exit_code == ExitCode.OK
    assert result.stderr == ""
    text = " ".join(result.stdout.split())
    assert "New START is in force (since 2011-02-05)." in text
    assert "It expires on 2021-02-05, in 297 days" in text
    assert (
        "It can be extended once, by agreement of the parties, for no more than 5 years, "
        "to 2026-02-05 at the latest (Article XIV, paragraph 2)." in text
    )
    assert "The parties must decide before 2021-02-05" in text


def test_extend_check_json_on_the_news_items_day(invoke: Invoke) -> None:
    result = invoke("extend-check", "START-3", "--as-of", "2020-04-14", "--json")
    assert result.exit_code == ExitCode.OK
    answer = parse_json(result.stdout)
    assert answer["schema_version"] == 1
    assert answer["command"] == "extend-check"
    assert answer["as_of"] == "2020-04-14"
    assert answer["treaty"] == {"id": "new-start", "short_name": "New START"}
    assert answer["status"]["code"] == "in_force"
    assert answer["expires_on"] == "2021-02-05"
    assert answer["days_left"] == 297
    ext = answer["extension"]
    assert ext["possible"] is True
    assert ext["times_allowed"] == 1
    assert ext["max_period"] == "P5Y"
    assert ext["latest_possible_expiry"] == "2026-02-05"
    assert ext["decide_before"] == "2021-02-05"
    assert ext["article"] == "Article XIV, paragraph 2"


def test_extend_check_after_expiry(invoke: Invoke) -> None:
    result = invoke("extend-check", "СНВ-3", "--as-of", "2026-12-01", "--json")
    assert result.exit_code == ExitCode.OK
    answer = parse_json(result.stdout)
    assert answer["status"]["code"] == "expired"
    assert answer["status"]["since"] == "2026-02-05"
    assert answer["extension"]["possible"] is False
    assert answer["summary"][0] == (
        "New START expired on 2026-02-05, at the end of its only extension "
        "(agreed 2021-02-03, Article XIV, paragraph 2)."
    )


def test_extend_check_unlimited_treaty_gives_the_withdrawal_date(invoke: Invoke) -> None:
    result = invoke("extend-check", "inf", "--as-of", "2017-01-01")
    assert result.exit_code == ExitCode.OK
    text = " ".join(result.stdout.split())
    assert "of unlimited duration" in text
    assert "A withdrawal notice given on 2017-01-01 would take effect on 2017-07-01" in text


@pytest.mark.parametrize(
    "name",
    ["new-start", "NEW START", "start-3", "СНВ-3", "снв-3", "ДСНВ", "Prague Treaty", "new start"],
)
def test_names_match_case_insensitively(invoke: Invoke, name: str) -> None:
    result = invoke("extend-check", name, "--as-of", "2020-04-14", "--json")
    assert result.exit_code == ExitCode.OK, result.stderr
    assert parse_json(result.stdout)["treaty"]["id"] == "new-start"


def test_unknown_treaty_suggests_close_names(invoke: Invoke) -> None:
    result = invoke("extend-check", "start3", "--as-of", "2020-04-14")
    assert result.exit_code == ExitCode.USAGE_ERROR
    assert result.stdout == ""
    assert result.stderr.startswith("treaty: error: no treaty named 'start3'; closest: ")
    assert "start-3 (new-start)" in result.stderr
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize(
    "bad", ["2020-13-01", "2020-02-30", "", "2020", "2020-04", "tomorrow", "14/04/2020"]
)
def test_bad_as_of_is_a_usage_error(invoke: Invoke, bad: str) -> None:
    result = invoke("extend-check", "start-3", "--as-of", bad)
    assert result.exit_code == ExitCode.USAGE_ERROR
    assert result.stdout == ""
    assert result.stderr.startswith("treaty: error: Invalid value for '--as-of': ")
    assert "expected YYYY-MM-DD or 'today'" in result.stderr
    assert result.stderr.count("\n") == 1


def test_as_of_today_is_accepted(invoke: Invoke) -> None:
    result = invoke("extend-check", "start-3", "--as-of", "today", "--json")
    assert result.exit_code == ExitCode.OK


def test_unknown_option_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke("list", "--frobnicate")
    assert result.exit_code == ExitCode.USAGE_ERROR
    assert result.stderr.startswith("treaty: error: No such option: --frobnicate")


def test_unknown_command_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke("frobnicate")
    assert result.exit_code == ExitCode.USAGE_ERROR
    assert result.stderr.startswith("treaty: error: No such command 'frobnicate'")


# --- list, show, timeline -----------------------------------------------------------------


def test_list_table(invoke: Invoke) -> None:
    result = invoke("list", "--as-of", "2020-04-14")
    assert result.exit_code == ExitCode.OK
    assert "Treaties as of 2020-04-14" in result.stdout
    for treaty_id in ("new-start", "sort", "inf", "outer-space"):
        assert treaty_id in result.stdout


def test_list_json(invoke: Invoke) -> None:
    result = invoke("list", "--as-of", "2020-04-14", "--json")
    assert result.exit_code == ExitCode.OK
    rows = {row["id"]: row for row in parse_json(result.stdout)["treaties"]}
    assert rows["new-start"]["status"] == "in_force"
    assert rows["new-start"]["expires_on"] == "2021-02-05"
    assert rows["sort"]["status"] == "superseded"
    assert rows["inf"]["status"] == "terminated_by_withdrawal"
    assert rows["outer-space"]["status"] == "in_force"


def test_show_table_cites_articles_and_sources(invoke: Invoke) -> None:
    result = invoke("show", "sort", "--as-of", "2026-12-01")
    assert result.exit_code == ExitCode.OK
    out = result.stdout
    assert "Article IV, paragraph 2" in out
    assert "superseded by New START" in out
    assert "Congressional Research Service" in out


def test_show_json_contains_the_data_and_the_assessment(invoke: Invoke) -> None:
    result = invoke("show", "new-start", "--as-of", "2020-04-14", "--json")
    answer = parse_json(result.stdout)
    assert answer["treaty"]["rules"]["term"]["length"] == "P10Y"
    assert answer["assessment"]["status"]["code"] == "in_force"
    origins = {e["origin"] for e in answer["timeline"]}
    assert origins == {"recorded", "derived"}


def test_timeline_marks_recorded_and_derived(invoke: Invoke) -> None:
    result = invoke("timeline", "start-3", "--as-of", "2020-04-14", "--json")
    assert result.exit_code == ExitCode.OK
    events = parse_json(result.stdout)["events"]
    recorded = [e for e in events if e["origin"] == "recorded"]
    derived = [e for e in events if e["origin"] == "derived"]
    assert all(e["source"]["title"] for e in recorded)
    assert all(e["rule"]["article"] for e in derived)
    assert all(e["date"] <= "2020-04-14" for e in recorded)  # later events not yet known
    expiry = next(e for e in derived if e["type"] == "expires")
    assert expiry["date"] == "2021-02-05"
    assert expiry["future"] is True
    assert expiry["rule"] == {"rule": "term", "article": "Article XIV, paragraph 2"}
    dates = [e["date"] for e in events]
    assert dates == sorted(dates)


def test_timeline_range(invoke: Invoke) -> None:
    result = invoke(
        "timeline", "--from", "2019-01-01", "--to", "2019-12-31", "--as-of", "2026-12-01", "--json"
    )
    events = parse_json(result.stdout)["events"]
    assert events and all("2019-01-01" <= e["date"] <= "2019-12-31" for e in events)
    assert {e["treaty"]["id"] for e in events} == {"inf", "att"}  # ATT: Botswana, US


def test_timeline_range_reversed_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke("timeline", "--from", "2020-01-01", "--to", "2019-01-01")
    assert result.exit_code == ExitCode.USAGE_ERROR
    assert "is after --to" in result.stderr


def test_timeline_table_tells_recorded_from_derived(invoke: Invoke) -> None:
    result = invoke("timeline", "--as-of", "2020-04-14")
    assert result.exit_code == ExitCode.OK
    assert "◆" in result.stdout and "◇" in result.stdout
    assert "rule: Article XIV, paragraph 2" in result.stdout


# --- data files -----------------------------------------------------------------------------


def test_data_option_replaces_the_builtin_dataset(invoke: Invoke, write_yaml: Any) -> None:
    path = write_yaml(dataset_document(minimal_treaty()))
    result = invoke("--data", str(path), "list", "--as-of", "2020-01-01", "--json")
    assert result.exit_code == ExitCode.OK
    assert [r["id"] for r in parse_json(result.stdout)["treaties"]] == ["test-treaty"]


def test_treaty_data_environment_variable(invoke: Invoke, write_yaml: Any) -> None:
    first = write_yaml(dataset_document(minimal_treaty()))
    second = write_yaml(
        dataset_document(
            minimal_treaty(id="other", short_name="Other", full_name="Other", aliases=[])
        )
    )
    result = invoke("list", "--json", env={"TREATY_DATA": f"{first}:{second}"})
    assert result.exit_code == ExitCode.OK
    assert [r["id"] for r in parse_json(result.stdout)["treaties"]] == ["test-treaty", "other"]


def test_bad_data_file_is_one_line_with_file_and_line(invoke: Invoke, write_yaml: Any) -> None:
    document = dataset_document(minimal_treaty())
    path = write_yaml(document)
    text = path.read_text().replace("2011-02-05", "2011-02-30")
    path.write_text(text)
    line = text.splitlines().index("    date: '2011-02-30'") + 1
    result = invoke("--data", str(path), "list")
    assert result.exit_code == ExitCode.DATA_ERROR
    assert result.stdout == ""
    assert result.stderr == (
        f"treaty: error: {path}:{line}: treaty 'test-treaty': events[1].date: "
        "'2011-02-30' is not a real calendar date (day is out of range for month)\n"
    )


def test_missing_data_file(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("--data", str(tmp_path / "none.yaml"), "list")
    assert result.exit_code == ExitCode.DATA_ERROR
    assert result.stderr == f"treaty: error: {tmp_path / 'none.yaml'}: no such file\n"


# --- as a real process ----------------------------------------------------------------------


def _run(*args: str, **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "treatycli", *args], capture_output=True, check=False, **kwargs
    )


def test_python_dash_m_runs() -> None:
    done = _run("extend-check", "start-3", "--as-of", "2020-04-14", "--json")
    assert done.returncode == 0
    assert parse_json(done.stdout)["days_left"] == 297


def test_closed_pipe_ends_quietly() -> None:
    """``treaty timeline | head -3`` must end without a traceback or a message."""
    process = subprocess.Popen(
        [sys.executable, "-m", "treatycli", "timeline", "--as-of", "2026-12-01"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={"COLUMNS": "80", "PATH": ""},
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.readline()
    process.stdout.close()  # the reader goes away, like head after three lines
    stderr = process.stderr.read()
    process.stderr.close()
    assert process.wait(timeout=60) == 0
    assert stderr == b""
