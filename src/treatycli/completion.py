"""Shell completion (bash, zsh, fish) beyond what Typer completes on its own.

Typer completes commands, options and the choices of ``--format``. This module adds the
values that come from the dataset: treaty ids and names now, and any other kind later
(states, for ``--party``): write a function ``(dataset, incomplete) -> [(value, help)]``, put it
in :data:`VALUE_KINDS`, and give the option ``autocompletion=_completer("state")`` in cli.py.

Completion runs in a child process at every Tab press, so it must never fail loudly: a dataset
that cannot be loaded completes nothing rather than printing an error into the command line.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from treatycli.errors import TreatyError

if TYPE_CHECKING:
    from typer import _click as click

    from treatycli.dataset.catalog import Dataset

Candidates = list[tuple[str, str]]
"""(value to insert, help shown beside it by zsh and fish)."""


def _treaties(dataset: Dataset, incomplete: str) -> Candidates:
    return dataset.completions(incomplete)


def _states(dataset: Dataset, incomplete: str) -> Candidates:
    """States by ISO code or name, for ``--party`` (the dataset is not needed)."""
    from treatycli.model.states import all_states

    typed = incomplete.casefold()
    found = []
    for state in all_states():
        if state.historical:
            continue
        if state.code.casefold().startswith(typed):
            found.append((state.code, state.name))
        elif state.name.casefold().startswith(typed):
            found.append((state.name, state.code))
    return found


VALUE_KINDS: dict[str, Callable[[Dataset, str], Candidates]] = {
    "treaty": _treaties,
    "state": _states,
}
"""What can be completed from the dataset, by kind."""


def complete(kind: str) -> Callable[[Any, str], Candidates]:
    """A Typer ``autocompletion`` callback for values of ``kind``."""
    source = VALUE_KINDS[kind]

    def callback(ctx: click.Context, incomplete: str) -> Candidates:
        dataset = _dataset(ctx)
        return [] if dataset is None else source(dataset, incomplete)

    return callback


def _dataset(ctx: click.Context) -> Dataset | None:
    """The dataset the command line being typed would use (``--data``, then TREATY_DATA)."""
    from treatycli.dataset.load import STDIN, load_dataset, paths_from_environment

    given = ctx.find_root().params.get("data")
    try:
        paths = [Path(p) for p in given] if given else None
        if paths is None:
            paths = paths_from_environment(os.environ.get("TREATY_DATA")) or None
        if paths is not None and STDIN in (str(p) for p in paths):
            return None  # standard input is the shell's, not a dataset, while completing
        return load_dataset(paths)
    except (TreatyError, OSError):
        return None


def register_shells() -> None:
    """Put our zsh and fish formatters in place of Typer's, which pass help text through
    Rich: that re-wraps it at the terminal width, so a long help line arrives as two lines
    and the second becomes a bogus candidate (and ``[...]`` in a name is read as markup)."""
    from typer._click.shell_completion import add_completion_class
    from typer._completion_classes import FishComplete, ZshComplete

    class Zsh(ZshComplete):
        def format_completion(self, item: Any) -> str:
            value = _zsh_escape(item.value)
            if not item.help:
                return f'"{value}"'
            return f'"{value}":"{_zsh_escape(_one_line(item.help))}"'

    class Fish(FishComplete):
        def format_completion(self, item: Any) -> str:
            if not item.help:
                return f"{item.value}"
            return f"{item.value}\t{_one_line(item.help)}"

    add_completion_class(Zsh, "zsh")
    add_completion_class(Fish, "fish")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _zsh_escape(text: str) -> str:
    """Quoting for a zsh ``_arguments`` spec, as Typer's own zsh completion escapes."""
    return (
        text.replace('"', '""')
        .replace("'", "''")
        .replace("$", "\\$")
        .replace("`", "\\`")
        .replace(":", r"\\:")
    )
