"""Formats that a hostile dataset must not break: CSV formulas, ndjson line breaks, table
widths of wide and combining characters, colour codes in files."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from factories import dataset_document, minimal_treaty
from treatycli.errors import ExitCode
from treatycli.output.formats import _cell

Invoke = Callable[..., Any]
Writer = Callable[..., Path]


@pytest.mark.parametrize(
    "name",
    ["-1+1+cmd|' /C calc'!A0", "-1+1", "\t=1+1", '=HYPERLINK("x")', "+A1", "@SUM(A1)"],
)
def test_csv_quotes_every_formula_start(invoke: Invoke, write_yaml: Writer, name: str) -> None:
    path = write_yaml(dataset_document(minimal_treaty(short_name=name)))
    result = invoke("--data", str(path), "list", "--format", "csv", "--as-of", "2020-01-01")
    assert result.exit_code == ExitCode.OK, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows[0]["short_name"] == "'" + name


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("\r=1+1", "'\r=1+1"),
        ("-", "'-"),
        ("-1", "-1"),
        ("+1", "+1"),
        ("-0.5", "-0.5"),
        ("1e3", "1e3"),
        ("2020-01-01", "2020-01-01"),
        ("P10Y", "P10Y"),
    ],
)
def test_csv_leaves_whole_numbers_and_plain_text(cell: str, written: str) -> None:
    assert _cell(cell) == written


def test_ndjson_escapes_unicode_line_separators(invoke: Invoke, write_yaml: Writer) -> None:
    name = "Line\u2028Para\u2029End"
    path = write_yaml(dataset_document(minimal_treaty(short_name=name)))
    result = invoke("--data", str(path), "list", "--format", "ndjson", "--as-of", "2020-01-01")
    assert result.exit_code == ExitCode.OK, result.stderr
    lines = result.stdout.splitlines()  # the Python way, which splits at U+2028 too
    assert len(lines) == 1
    assert "\\u2028" in lines[0] and "\\u2029" in lines[0]
    assert json.loads(lines[0])["short_name"] == name
