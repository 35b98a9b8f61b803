"""Reading datasets: only regular files or standard input, never more than the size limit and
one byte; and the inputs that used to be internal errors (exit 70) are plain errors."""

from __future__ import annotations

import io
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from processes import device_node, run_cli
from treatycli.dataset import load
from treatycli.dataset.load import builtin_data_path
from treatycli.errors import ExitCode

Invoke = Callable[..., Any]
Writer = Callable[..., Path]

NOT_REGULAR = (
    "not a regular file: a dataset is read from a file, or from standard input with --data -"
)


def test_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "data.yaml"
    os.mkfifo(fifo)
    listed = run_cli(["--data", str(fifo), "list"], capture_output=True, text=True)
    assert listed.returncode == ExitCode.DATA_ERROR
    assert listed.stderr == f"treaty: error: {fifo}: is a named pipe (FIFO), {NOT_REGULAR}\n"
    checked = run_cli(["validate", str(fifo)], capture_output=True, text=True)
    assert checked.returncode == ExitCode.DATA_ERROR
    assert checked.stdout == (
        f"{fifo}: is a named pipe (FIFO), {NOT_REGULAR}\n1 problem found in 1 file\n"
    )


def test_an_endless_device_is_refused_without_reading(tmp_path: Path) -> None:
    """A private node for /dev/zero inside tmp_path, never the real /dev."""
    zero = device_node(tmp_path / "zero", 1, 5)
    result = run_cli(["--data", str(zero), "list"], capture_output=True, text=True)
    assert result.returncode == ExitCode.DATA_ERROR
    assert result.stderr == f"treaty: error: {zero}: is a character device, {NOT_REGULAR}\n"


class _Endless(io.RawIOBase):
    """Standard input that never ends (``--data - < /dev/zero``), counting what is read."""

    def __init__(self) -> None:
        self.given = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        size = len(buffer)
        buffer[:size] = b"#" * size
        self.given += size
        return size


def test_endless_standard_input_is_read_to_the_limit_and_one_byte(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(load, "MAX_FILE_BYTES", 5000)
    endless = _Endless()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(endless, 64)))
    inspection = load.inspect_files([Path("-")])
    assert [str(p) for p in inspection.problems] == [
        "<stdin>: is larger than the 5,000 bytes a dataset may be"
    ]
    assert endless.given <= 5001 + 64  # the limit, one byte, and the reader's small buffer


def test_standard_input_is_a_dataset(invoke: Invoke, runner: Any) -> None:
    from treatycli.cli import app

    text = builtin_data_path().read_text(encoding="utf-8")
    env = {"TREATY_DATA": "", "COLUMNS": "200"}
    listed = runner.invoke(
        app, ["--data", "-", "list", "--as-of", "2020-01-01"], input=text, env=env
    )
    assert listed.exit_code == ExitCode.OK, listed.stderr
    assert "new-start" in listed.stdout
    broken = runner.invoke(app, ["validate", "-"], input="schema_version: [\n", env=env)
    assert broken.exit_code == ExitCode.DATA_ERROR
    assert broken.stdout.splitlines()[0].startswith("<stdin>:2: not valid YAML")


def test_treaty_data_naming_no_file_is_said(invoke: Invoke) -> None:
    result = invoke("list", env={"TREATY_DATA": ":"})
    assert result.exit_code == ExitCode.USAGE_ERROR
    assert result.stderr == (
        "treaty: error: TREATY_DATA is ':', which names no file "
        "(unset it to use the built-in dataset)\n"
    )


def test_an_integer_over_python_s_digit_limit_is_a_data_error(
    invoke: Invoke, write_yaml: Writer
) -> None:
    path = write_yaml("schema_version: " + "1" * 4301 + "\ntreaties: []\n")
    result = invoke("--data", str(path), "list")
    assert result.exit_code == ExitCode.DATA_ERROR
    assert result.stderr == (
        f"treaty: error: {path}:1: an integer of 4,301 digits is longer than the 4,300 "
        "digits a dataset number may have\n"
    )


def test_validate_json_names_a_file_that_is_not_utf8(invoke: Invoke, tmp_path: Path) -> None:
    path = Path(os.fsdecode(bytes(tmp_path) + b"/caf\xe9.yaml"))
    path.write_text("schema_version: 1\ntreaties: []\nextra: 1\n", encoding="utf-8")
    result = invoke("validate", "--json", str(path))
    assert result.exit_code == ExitCode.DATA_ERROR, result.stderr
    answer = json.loads(result.stdout)
    shown = f"{tmp_path}/caf\\xe9.yaml"
    assert answer["files"] == [shown]
    assert answer["problems"][0]["file"] == shown
    text = invoke("validate", str(path))
    assert text.stdout.splitlines()[0].startswith(f"{shown}:3: ")


@pytest.mark.parametrize(
    ("within", "message"),
    [
        ("1" * 5000 + "d", "'11111111111111111111…1111111d' is longer than 1000 years"),
        ("1001y", "'1001y' is longer than 1000 years"),
        ("P12013M", "'P12013M' is longer than 1000 years"),
        ("99999999999999999999y", "'99999999999999999999y' is longer than 1000 years"),
    ],
)
def test_within_says_its_limit(invoke: Invoke, within: str, message: str) -> None:
    result = invoke("upcoming", "--within", within, "--as-of", "2020-01-01")
    assert result.exit_code == ExitCode.USAGE_ERROR
    assert result.stderr == (
        f"treaty: error: Invalid value for '--within': {message}, the furthest it may reach "
        "(see 'treaty upcoming --help')\n"
    )


def test_within_a_thousand_years_is_answered(invoke: Invoke) -> None:
    # New START: no deadline that far; the renewing terms (TTBT, PNET) have one every period.
    result = invoke("upcoming", "new-start", "--within", "1000y", "--as-of", "9500-01-01")
    assert result.exit_code == ExitCode.OK, result.stderr
    assert result.stdout == "No deadlines between 9500-01-01 and 9999-12-31 (as of 9500-01-01).\n"
