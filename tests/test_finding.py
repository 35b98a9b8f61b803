"""Finding the answer: help that fits and shows examples, names found the way people type them."""

from __future__ import annotations

import re
import shlex
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import typer

from conftest import parse_json
from factories import V1_FILE, dataset_document, minimal_treaty
from treatycli.cli import SUMMARY_WIDTH, app
from treatycli.dataset.catalog import Dataset
from treatycli.dataset.load import builtin_data_path
from treatycli.errors import ExitCode, UsageError

Invoke = Callable[..., Any]

COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


# --- help -------------------------------------------------------------------------------------


def test_the_root_help_shows_every_summary_whole_at_80_columns(invoke: Invoke) -> None:
    result = invoke("--help", env={"COLUMNS": "80"})
    assert result.exit_code == ExitCode.OK
    listed = result.stdout.split("Commands:\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert sorted(line.split()[0] for line in listed) == COMMANDS
    for line in listed:
        assert len(line) <= 80 and not line.endswith("..."), line
    assert "withdrawal    If a party gives notice, when is it out?" in result.stdout


def test_no_summary_is_longer_than_the_root_help_shows() -> None:
    for command in typer.main.get_command(app).commands.values():  # type: ignore[attr-defined]
        assert len(command.short_help) <= SUMMARY_WIDTH


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_every_help_has_examples_and_no_python_types(invoke: Invoke, command: str) -> None:
    result = invoke(*([command] if command else []), "--help", env={"COLUMNS": "80"})
    assert result.exit_code == ExitCode.OK
    text = result.stdout
    assert "\n  Examples:\n    treaty " in text
    for leak in ("<list[", "<path>", "<str>", "<int>", "<text>", "P1Y", "<timedelta"):
        assert leak not in text, leak
    assert not re.search(r"\[[a-z_]+\]\.\.\.", text)  # a parameter's Python name as metavar


def _examples(command: str) -> list[str]:
    cli = typer.main.get_command(app)
    target = cli if not command else cli.commands[command]  # type: ignore[attr-defined]
    block = (target.epilog or "").split("Examples:\n", 1)[1]
    return [line.strip() for line in block.splitlines() if line.strip()]


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_every_example_runs(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    """Each example as printed (up to a pipe or redirection) answers with exit 0."""
    monkeypatch.chdir(tmp_path)
    for name in ("my-treaties.yaml", "extra.yaml"):  # the files the validate examples name
        shutil.copy(builtin_data_path(), tmp_path / name)
    # The migrate examples' version-1 file: one treaty that version 2 accepts once migrated.
    (tmp_path / "old.yaml").write_text(V1_FILE, encoding="utf-8")
    for example in _examples(command):
        words = shlex.split(re.split(r" [|>] ", example)[0])
        assert words[0] == "treaty"
        result = invoke(*words[1:])
        assert result.exit_code == ExitCode.OK, (example, result.stderr)


# --- names ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "New START Treaty",
        "new start treaty",
        "the New START Treaty",
        "START, New",
        "Treaty New START",
        "New-START",
        "NEW_START",
    ],
)
def test_new_start_with_and_without_treaty_in_any_order(builtin: Dataset, name: str) -> None:
    assert builtin.find(name).id == "new-start"


@pytest.mark.parametrize(
    ("name", "treaty_id"),
    [
        ("outer space", "outer-space"),
        ("Outer Space Convention", "outer-space"),
        ("non-proliferation", "npt"),
        ("Treaty on the Non-Proliferation of Nuclear Weapons", "npt"),
        ("nuclear weapons non-proliferation", "npt"),
        ("open skies", "open-skies"),
        ("Convention on Open Skies", "open-skies"),
        ("Intermediate-Range", "inf"),
        ("comprehensive test ban", "ctbt"),
        ("Moscow", "sort"),
    ],
)
def test_partial_names_and_word_order(builtin: Dataset, name: str, treaty_id: str) -> None:
    assert builtin.find(name).id == treaty_id


def test_a_partial_name_of_several_treaties_names_them_all(invoke: Invoke) -> None:
    result = invoke("show", "strategic arms")
    assert result.exit_code == ExitCode.USAGE_ERROR
    assert result.stderr == (
        "treaty: error: 'strategic arms' fits several treaties: salt-1 (SALT I Interim "
        "Agreement), salt-2 (SALT II), start-1 (START I), start-2 (START II), new-start "
        "(New START); name one of them\n"
    )
    # Three test-ban treaties since the second dataset round: 'test ban' names them all.
    result = invoke("show", "test ban")
    assert result.exit_code == ExitCode.USAGE_ERROR
    assert "ltbt (Limited Test Ban Treaty), ttbt (Threshold Test Ban Treaty), ctbt" in result.stderr


@pytest.mark.parametrize(
    "query",
    ["the New START treaty of 2010", "New START 2010", "New START Prague agreement"],
)
def test_a_miss_that_holds_the_right_name_offers_it_first(builtin: Dataset, query: str) -> None:
    with pytest.raises(UsageError) as caught:
        builtin.find(query)
    assert str(caught.value).startswith(f"no treaty named {query!r}; closest: new-start,")


def test_an_exact_id_wins_over_an_alias_that_folds_to_it(
    invoke: Invoke, write_yaml: Callable[..., Path]
) -> None:
    """Loading refuses such a dataset (the clash is a data error, tests/test_names.py); a
    Dataset that holds one all the same (built in code) still answers an id with its own
    treaty, never with the one whose alias folds to it."""
    from treatycli.model.treaty import DatasetFile

    first = minimal_treaty(id="alpha-pact", short_name="Alpha Pact", aliases=["Beta Pact"])
    second = minimal_treaty(
        id="beta-pact", short_name="Beta", full_name="Treaty of Beta", aliases=[]
    )
    document = dataset_document(first, second)
    refused = invoke("--data", str(write_yaml(document)), "show", "beta-pact")
    assert refused.exit_code == ExitCode.DATA_ERROR
    assert "name 'beta-pact' is already used by treaty 'alpha-pact'" in refused.stderr
    dataset = Dataset(treaties=DatasetFile.model_validate(document).treaties, files=("-",))
    for name in ("beta-pact", "BETA-PACT", "Beta Pact"):
        assert dataset.find(name).id == "beta-pact", name
    assert dataset.find("alpha pact").id == "alpha-pact"


def test_the_withdrawal_question_has_its_own_command(invoke: Invoke) -> None:
    result = invoke("withdrawal", "New START Treaty", "--as-of", "2020-04-14")
    assert result.exit_code == ExitCode.OK, result.stderr
    text = " ".join(result.stdout.split())
    assert "A party giving notice on 2020-04-14 would be out on 2020-07-14" in text
    assert "(Article XIV, paragraph 3)" in text
    answer = parse_json(invoke("withdrawal", "inf", "--as-of", "2019-02-02", "--json").stdout)
    assert answer["command"] == "withdrawal"
    assert answer["withdrawal"]["effective_if_notice_on_as_of"] == "2019-08-02"
    assert [(w["party"], w["effective_on"]) for w in answer["withdrawals"]] == [
        ("United States of America", "2019-08-02")
    ]
    ended = invoke("withdrawal", "inf", "--as-of", "2020-04-14")
    assert "No withdrawal by notice on 2020-04-14" in ended.stdout
