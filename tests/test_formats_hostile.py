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


CJK = "戦略攻撃兵器の一層の削減及び制限のための措置に関する条約（新戦略兵器削減条約）"


def _cells(line: str) -> int:
    from wcwidth import width

    return int(width(line))


@pytest.mark.parametrize("columns", [80, 40, 24])
def test_tables_fit_the_terminal_by_display_width(
    invoke: Invoke, write_yaml: Writer, columns: int
) -> None:
    path = write_yaml(dataset_document(minimal_treaty(short_name=CJK)))
    result = invoke(
        "--data", str(path), "list", "--as-of", "2020-01-01", env={"COLUMNS": str(columns)}
    )
    assert result.exit_code == ExitCode.OK, result.stderr
    lines = result.stdout.splitlines()
    assert max(_cells(line) for line in lines) <= columns
    assert (
        "".join(lines).count("新戦略兵器削減条約")
        + "".join(line.strip() for line in lines).count("新戦略兵器削減条約")
        >= 1
    )


def test_wrapping_keeps_accents_on_their_letters(invoke: Invoke, write_yaml: Writer) -> None:
    name = "Cafe\u0301 " + "e\u0301" * 40 + " Acc\u030cord"
    path = write_yaml(dataset_document(minimal_treaty(short_name=name)))
    result = invoke("--data", str(path), "list", "--as-of", "2020-01-01", env={"COLUMNS": "90"})
    assert result.exit_code == ExitCode.OK, result.stderr
    for line in result.stdout.splitlines():
        assert _cells(line) <= 90
        for cell in line.split("  "):
            assert not cell.strip().startswith(("\u0301", "\u030c")), line
    assert "".join(result.stdout.split()).count("e\u0301") == 41  # none lost or split


def test_a_long_word_breaks_between_grapheme_clusters() -> None:
    from treatycli.output.screen import wrap

    word = "e\u0301" * 7 + "新" * 3
    lines = wrap(word, 3)
    assert "".join(lines) == word
    assert all(_cells(line) <= 3 for line in lines)
    assert not any(line.startswith("\u0301") for line in lines)


def test_the_one_cell_shortcut_agrees_with_wcwidth() -> None:
    """Every character the shortcut measures with len() is one column for wcwidth too
    (DEL never reaches a table: data refuses it, inert() escapes it)."""
    from treatycli.output.screen import _one_cell_each

    chars = [chr(c) for c in range(0x20, 0x2600) if _one_cell_each(chr(c))]
    assert len(chars) > 1000
    assert [c for c in chars if _cells(c) != 1] == ["\x7f"]


def test_force_color_puts_no_escape_codes_into_an_output_file(
    invoke: Invoke, tmp_path: Path
) -> None:
    target = tmp_path / "deadlines.txt"
    args = ("upcoming", "--as-of", "2020-01-01", "--within", "10y")
    result = invoke(*args, "--output", str(target), env={"FORCE_COLOR": "1"})
    assert result.exit_code == ExitCode.OK, result.stderr
    written = target.read_text(encoding="utf-8")
    assert "New START" in written and "\x1b" not in written
    on_screen = invoke(*args, env={"FORCE_COLOR": "1"})
    assert "\x1b[" in on_screen.stdout  # the terminal still gets its colours


def test_chart_labels_are_cut_by_display_width(invoke: Invoke, write_yaml: Writer) -> None:
    treaties = [minimal_treaty(short_name=CJK), minimal_treaty(id="latin", short_name="Latin")]
    treaties[1].update(full_name="Latin treaty", aliases=[])
    path = write_yaml(dataset_document(*treaties))
    result = invoke("--data", str(path), "chart", "--as-of", "2020-01-01", env={"COLUMNS": "70"})
    assert result.exit_code == ExitCode.OK, result.stderr
    bars = [line for line in result.stdout.splitlines() if "戦" in line or "Latin" in line]
    assert len(bars) == 2
    assert _cells(bars[0]) == _cells(bars[1]) <= 70  # both bars start in the same column
    assert "…" in bars[0]
