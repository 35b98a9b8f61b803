"""Shell completion, through the protocol the shells use: Typer's completion scripts call
``treaty`` with ``_TREATY_COMPLETE=complete_SHELL`` and the words typed so far in the
environment (bash: COMP_WORDS and COMP_CWORD; zsh and fish: _TYPER_COMPLETE_ARGS), and read the
candidates from stdout."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from factories import dataset_document, minimal_treaty
from treatycli.errors import ExitCode

Invoke = Callable[..., Any]


def bash(invoke: Invoke, line: str, **env: str) -> list[str]:
    words = line.split(" ")
    result = invoke(
        env={
            "_TREATY_COMPLETE": "complete_bash",
            "COMP_WORDS": line,
            "COMP_CWORD": str(len(words) - 1),
            **env,
        }
    )
    assert result.exit_code == ExitCode.OK, result.stderr
    return result.stdout.splitlines()


def zsh(invoke: Invoke, line: str) -> str:
    result = invoke(env={"_TREATY_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": line})
    assert result.exit_code == ExitCode.OK, result.stderr
    return str(result.stdout)


def fish(invoke: Invoke, line: str) -> list[str]:
    result = invoke(
        env={
            "_TREATY_COMPLETE": "complete_fish",
            "_TYPER_COMPLETE_ARGS": line,
            "_TYPER_COMPLETE_FISH_ACTION": "get-args",
        }
    )
    assert result.exit_code == ExitCode.OK, result.stderr
    return result.stdout.splitlines()


def test_commands(invoke: Invoke) -> None:
    assert bash(invoke, "treaty ") == [
        "list",
        "show",
        "timeline",
        "extend-check",
        "withdrawal",
        "validate",
        "upcoming",
        "chart",
        "parties",
        "migrate",
        "schema",
        "cache",
    ]
    assert bash(invoke, "treaty ex") == ["extend-check"]
    assert '"withdrawal":"If a party gives notice, when is it out?"' in zsh(invoke, "treaty w")


def test_options(invoke: Invoke) -> None:
    options = bash(invoke, "treaty upcoming --")
    assert {"--within", "--as-of", "--format", "--json", "--output", "--remind"} <= set(options)
    assert bash(invoke, "treaty upcoming --no") == ["--no-headers", "--no-pager"]


def test_formats(invoke: Invoke) -> None:
    assert bash(invoke, "treaty upcoming --format ") == [
        "table",
        "json",
        "ndjson",
        "csv",
        "tsv",
        "ics",
    ]
    assert "ics" not in bash(invoke, "treaty timeline --format ")


@pytest.mark.parametrize("command", ["show", "timeline", "extend-check", "withdrawal", "upcoming"])
def test_treaty_ids(invoke: Invoke, command: str) -> None:
    offered = bash(invoke, f"treaty {command} ")
    assert offered[:3] == ["antarctic", "hotline", "ltbt"]  # in the data's order: of signature
    assert "new-start" in offered and len(offered) == 31  # every id, nothing else
    assert bash(invoke, f"treaty {command} new") == ["new-start"]


def test_treaty_names_and_aliases(invoke: Invoke) -> None:
    assert bash(invoke, "treaty show st") == ["start-1", "start-2", "start", "start-3"]
    assert bash(invoke, "treaty show START") == ["START", "START-1", "START-2", "START-3"]
    assert bash(invoke, "treaty show СНВ-I") == ["СНВ-I", "СНВ-II", "СНВ-III"]
    # The later words of a list complete too, and names with spaces are never offered.
    assert bash(invoke, "treaty timeline inf np") == ["npt"]
    assert all(" " not in c for c in bash(invoke, "treaty show N"))


def test_zsh_and_fish_show_what_each_name_is(invoke: Invoke) -> None:
    assert zsh(invoke, "treaty show start-") == (
        """_arguments '*: :(("start-1":"START I"\n"start-2":"START II"\n"""
        """"start-3":"New START"))'\n"""
    )
    assert fish(invoke, "treaty extend-check ne") == ["new-start\tNew START"]


def test_long_help_stays_on_one_line(invoke: Invoke) -> None:
    """Typer passes help text through Rich, which wraps it at the terminal width; a wrapped
    line would reach fish as a second, bogus candidate."""
    lines = fish(invoke, "treaty upcoming --o")
    assert lines == [
        "--output\tWrite to FILE (whole or not at all) instead of stdout; '-' is stdout. "
        "Without --format, .json .ndjson .csv .tsv (.ics) choose the format."
    ]


def test_completion_reads_the_data_option(invoke: Invoke, write_yaml: Callable[..., Path]) -> None:
    data = write_yaml(dataset_document(minimal_treaty(id="zeta-pact")))
    assert bash(invoke, f"treaty --data {data} show ze") == ["zeta-pact"]
    assert bash(invoke, "treaty show ze", TREATY_DATA=str(data)) == ["zeta-pact"]


def test_a_broken_dataset_completes_nothing_quietly(invoke: Invoke, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("schema_version: 1\ntreaties: [\n", encoding="utf-8")
    result = invoke(
        env={
            "_TREATY_COMPLETE": "complete_bash",
            "COMP_WORDS": f"treaty --data {broken} show ",
            "COMP_CWORD": "4",
        }
    )
    assert result.exit_code == ExitCode.OK
    assert result.stdout.strip() == "" and result.stderr == ""


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_scripts_for_each_shell(invoke: Invoke, shell: str) -> None:
    result = invoke(env={"_TREATY_COMPLETE": f"source_{shell}"})
    assert result.exit_code == ExitCode.OK
    assert "_TREATY_COMPLETE=complete_" + shell in result.stdout.replace(" ", "")
    help_text = invoke("--help").stdout
    assert "--install-completion" in help_text and "--show-completion" in help_text


# --- the real shells, where installed -----------------------------------------------------------

TREATY = Path(sys.executable).parent / "treaty"


def _in_shell(invoke: Invoke, tmp_path: Path, shell: str, script: str) -> list[str]:
    """Source the completion script ``treaty`` prints for ``shell``, run ``script`` after it."""
    if shutil.which(shell) is None or not TREATY.exists():
        pytest.skip(f"{shell} or the installed treaty command is not here")
    source = tmp_path / f"treaty.{shell}"
    source.write_text(invoke(env={"_TREATY_COMPLETE": f"source_{shell}"}).stdout, encoding="utf-8")
    env = {**os.environ, "PATH": f"{TREATY.parent}{os.pathsep}{os.environ['PATH']}"}
    env.pop("TREATY_DATA", None)
    args = [shell, "-f", "-c"] if shell == "zsh" else [shell, "-c"]
    # zsh without its completion system loaded: compdef, which the script calls, does nothing.
    prelude = "compdef() { : }; " if shell == "zsh" else ""
    done = subprocess.run(
        [*args, f"{prelude}source {source}; {script}"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0 and done.stderr == "", done.stderr
    return done.stdout.splitlines()


def test_in_bash(invoke: Invoke, tmp_path: Path) -> None:
    script = (
        "COMP_WORDS=(treaty show st); COMP_CWORD=2; _treaty_completion treaty; "
        'printf "%s\\n" "${COMPREPLY[@]}"'
    )
    assert _in_shell(invoke, tmp_path, "bash", script) == ["start-1", "start-2", "start", "start-3"]


def test_in_zsh(invoke: Invoke, tmp_path: Path) -> None:
    """zsh's completion system needs a line editor; stand-ins for compdef and _arguments
    print what the script hands them, which is what zsh would offer."""
    script = (
        '_arguments() { print -r -- "$@" }; words=(treaty upcoming --format i); CURRENT=4; '
        "_treaty_completion"
    )
    assert _in_shell(invoke, tmp_path, "zsh", script) == ['*: :(("ics"))']
    names = script.replace("upcoming --format i); CURRENT=4", "show new); CURRENT=3")
    assert _in_shell(invoke, tmp_path, "zsh", names) == ['*: :(("new-start":"New START"))']


def test_in_fish(invoke: Invoke, tmp_path: Path) -> None:
    offered = _in_shell(invoke, tmp_path, "fish", "complete -C 'treaty show st'")
    assert offered == [
        "start\tSTART I",
        "start-1\tSTART I",
        "start-2\tSTART II",
        "start-3\tNew START",
    ]
    options = _in_shell(invoke, tmp_path, "fish", "complete -C 'treaty upcoming --o'")
    assert len(options) == 1 and options[0].startswith("--output\tWrite to FILE")


@pytest.mark.parametrize(
    ("words", "env"),
    [("treaty --data - show ", {}), ("treaty show ", {"TREATY_DATA": ":"})],
    ids=["stdin", "no-file"],
)
def test_data_completion_cannot_use_completes_nothing(
    invoke: Invoke, words: str, env: dict[str, str]
) -> None:
    """Standard input belongs to the shell while it completes (reading it would hang), and a
    TREATY_DATA naming no file is an error for a command, not for a completion."""
    result = invoke(
        env={
            "_TREATY_COMPLETE": "complete_bash",
            "COMP_WORDS": words,
            "COMP_CWORD": str(len(words.split())),
            **env,
        }
    )
    assert result.exit_code == ExitCode.OK
    assert result.stdout.strip() == "" and result.stderr == ""


def test_states_complete_for_party(invoke: Invoke) -> None:
    assert "Belarus" in bash(invoke, "treaty list --party Bel")
    assert "US" in bash(invoke, "treaty extend-check npt --party U")
