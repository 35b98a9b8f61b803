"""Hostile input: text from data stays text, terminals and pipes are handled, nothing crashes."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from factories import SOURCE, dataset_document, minimal_treaty
from treatycli.dataset import load
from treatycli.dataset.load import load_dataset
from treatycli.errors import DataError, ExitCode

Invoke = Callable[..., Any]
Writer = Callable[..., Path]

MARKUP = "[bold red]Evil[/bold red] [link=https://example.com/x]click[/link]"


@pytest.fixture
def markup_data(write_yaml: Writer) -> Path:
    treaty = minimal_treaty(
        short_name=MARKUP, full_name="[blink]Full[/blink] name", aliases=["[reverse]alias[/]"]
    )
    treaty["events"][0]["note"] = "[on red]note[/] :warning:"
    treaty["events"][0]["source"] = {**SOURCE, "publisher": "[italic]Publisher[/italic]"}
    return write_yaml(dataset_document(treaty))


@pytest.mark.parametrize(
    "args",
    [
        ["list", "--as-of", "2020-01-01"],
        ["timeline", "--as-of", "2020-01-01"],
        ["show", "test-treaty", "--as-of", "2020-01-01"],
        ["extend-check", "test-treaty", "--as-of", "2020-01-01"],
        ["upcoming", "--as-of", "2020-01-01", "--within", "5y"],
        ["chart", "--as-of", "2020-01-01"],
        ["timeline", "--format", "csv", "--as-of", "2020-01-01"],
    ],
)
def test_markup_in_data_is_shown_literally(
    invoke: Invoke, markup_data: Path, args: list[str]
) -> None:
    result = invoke("--data", str(markup_data), *args, env={"COLUMNS": "250"})
    assert result.exit_code == ExitCode.OK, result.stderr
    out = result.stdout
    # A one-treaty timeline has no treaty column; its source column names the publisher.
    shown = {"chart": "[bold red]Evi", "timeline": "[italic]Publisher[/italic]"}
    assert shown.get(args[0], "[bold red]Evil") in out
    assert "\x1b" not in out  # no style reached the output, even in a pipe


def test_show_prints_every_markup_field_literally(invoke: Invoke, markup_data: Path) -> None:
    out = invoke(
        "--data",
        str(markup_data),
        "show",
        "test-treaty",
        "--as-of",
        "2020-01-01",
        env={"COLUMNS": "250"},
    ).stdout
    for literal in (
        "[blink]Full[/blink] name",
        "[reverse]alias[/]",
        "[on red]note[/] :warning:",
        "[italic]Publisher[/italic]",
        MARKUP,
    ):
        assert literal in out


def test_markup_is_literal_on_a_colour_terminal(markup_data: Path) -> None:
    import io
    from datetime import date

    from treatycli import queries
    from treatycli.output import render
    from treatycli.output.screen import Screen

    answer = queries.list_treaties(load_dataset([markup_data]), date(2020, 1, 1))
    out = io.StringIO()
    render.list_table(answer, Screen(out, width=200, color=True))
    text = out.getvalue()
    assert "\x1b[" in text  # coloured: this is the Rich path
    assert "[bold red]Evil[/bold red]" in text
    assert "\x1b]8;" not in text  # no hyperlink escape from [link=...]


@pytest.mark.parametrize(
    "escape",
    ["\\e[2J", "\\e]0;owned\\a", "\\a", "\\x9b31m", "\\u202e", "\\x00", "\\b"],
)
def test_control_characters_in_data_are_refused_at_their_line(
    write_yaml: Writer, escape: str
) -> None:
    text = f'schema_version: 1\ntreaties:\n  - id: t\n    short_name: "Name{escape}"\n'
    path = write_yaml(text)
    with pytest.raises(DataError) as caught:
        load_dataset([path])
    first = str(caught.value.problems[0])
    assert first.startswith(f"{path}:4: ")
    assert any(kind in first for kind in ("control character", "format character", "YAML"))


def test_user_input_echoed_in_errors_is_made_inert(invoke: Invoke) -> None:
    result = invoke("show", "\x1b[2Jevil\x07")
    assert result.exit_code == ExitCode.USAGE_ERROR
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "\\x1b[2Jevil\\x07" in result.stderr


def test_inert_makes_escapes_visible() -> None:
    from treatycli.output.render import inert

    assert inert("a\x1b[31mb\x9bc\u202ed\te") == "a\\u001b[31mb\\u009bc\\u202ed\te"


# --- terminals --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "env",
    [{"NO_COLOR": "1"}, {"TERM": "dumb"}, {"COLUMNS": "20"}, {"COLUMNS": "20", "TERM": "dumb"}],
)
@pytest.mark.parametrize(
    "command",
    [
        ["timeline", "start-3"],
        ["list"],
        ["extend-check", "inf"],
        ["show", "sort"],
        ["upcoming", "--within", "10y"],
    ],
)
def test_readable_in_poor_terminals(
    invoke: Invoke, env: dict[str, str], command: list[str]
) -> None:
    result = invoke(*command, "--as-of", "2020-04-14", env=env)
    assert result.exit_code == ExitCode.OK
    assert "\x1b" not in result.stdout
    assert result.stdout.strip()
    if env.get("COLUMNS") == "20":
        for line in result.stdout.splitlines():
            # Only a whole web address may be wider than the terminal: cut, it is useless.
            assert len(line) <= 20 or re.fullmatch(r"(\[[0-9]+\] | *)https?://\S+", line), line


def _run_module(*args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "treatycli", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "COLUMNS": "80"},
    )


@pytest.mark.parametrize(
    ("args", "read"),
    [
        (["timeline", "--as-of", "2026-12-01"], "line"),
        (["timeline", "--json", "--as-of", "2026-12-01"], 10),
        (["timeline", "--format", "ndjson", "--as-of", "2026-12-01"], "line"),
        (["show", "new-start", "--as-of", "2026-12-01"], 5),
    ],
)
def test_closed_pipes_end_quietly(args: list[str], read: Any) -> None:
    process = _run_module(*args)
    assert process.stdout is not None and process.stderr is not None
    if read == "line":
        process.stdout.readline()
    else:
        process.stdout.read(read)
    process.stdout.close()
    stderr = process.stderr.read()
    process.stderr.close()
    assert process.wait(timeout=60) == 0
    assert stderr == b""


# --- unreadable and oversize files ----------------------------------------------------------


def test_unreadable_file(tmp_path: Path, monkeypatch: Any) -> None:
    path = tmp_path / "secret.yaml"
    path.write_text("schema_version: 1\ntreaties: []\n", encoding="utf-8")

    real_open = os.open

    def refuse(name: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if os.fspath(name) == str(path):
            raise PermissionError(13, "Permission denied")
        return real_open(name, flags, *args, **kwargs)

    # Tests may run as root, which chmod cannot lock out; refuse the opening itself.
    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(DataError) as caught:
        load_dataset([path])
    assert str(caught.value.problems[0]) == f"{path}: permission denied"


def test_file_over_the_size_limit(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.setattr(load, "MAX_FILE_BYTES", 1000)
    path = tmp_path / "big.yaml"
    path.write_text("schema_version: 1\n" + "# padding\n" * 200, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_dataset([path])
    assert "larger than the 1,000 bytes a dataset may be" in str(caught.value.problems[0])


def test_event_before_the_treaty_exists(write_yaml: Writer) -> None:
    treaty = minimal_treaty()
    treaty["events"].append(
        {"type": "ratified", "date": "2009-01-01", "party": "Alpha", "source": SOURCE}
    )
    with pytest.raises(DataError) as caught:
        load_dataset([write_yaml(dataset_document(treaty))])
    assert "ratified on 2009-01-01 is before the treaty was signed" in str(caught.value)


def test_written_files_get_ordinary_permissions(tmp_path: Path) -> None:
    from treatycli.output.files import write_atomic

    target = tmp_path / "out.txt"
    write_atomic(target, "x")
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


def test_narrow_terminal_shows_every_value_instead_of_cropping(invoke: Invoke) -> None:
    result = invoke("list", "--as-of", "2026-12-01", env={"COLUMNS": "30"})
    assert result.exit_code == ExitCode.OK
    assert "expires: 2026-02-05" in result.stdout  # New START's, cropped away in a table
    assert max(len(line) for line in result.stdout.splitlines()) <= 30
