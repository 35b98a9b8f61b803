"""Every command answers on every built-in treaty, on days across their history.

The second dataset round brought event types, rule shapes and party records that no command
had met (accessions, successions, renewing terms, statements with summaries); some crashed.
This runs each command over each treaty, so a new treaty or event type that a command cannot
describe fails here rather than in a user's hands. Exit 0 is expected throughout (2 would be
a usage error, 1 a data error, anything else an internal error).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from conftest import parse_json
from treatycli.dataset.load import load_dataset
from treatycli.errors import ExitCode

Invoke = Callable[..., Any]

IDS = [t.id for t in load_dataset().treaties]
TODAY = "2026-12-01"
EARLIER = ["1975-06-01", "2015-03-01"]
DAYS = [*EARLIER, TODAY]
COMMANDS = ["show", "timeline", "extend-check", "withdrawal", "parties", "upcoming"]


@pytest.mark.parametrize("treaty_id", IDS)
def test_every_command_answers_on_every_treaty(invoke: Invoke, treaty_id: str) -> None:
    for command in COMMANDS:
        table = invoke(command, treaty_id, "--as-of", TODAY)
        assert table.exit_code == ExitCode.OK, (command, table.stderr, table.exception)
        assert table.stdout.strip()
    chart = invoke("chart", treaty_id, "--as-of", TODAY, "--json")
    assert chart.exit_code == ExitCode.OK, chart.stderr
    for day in EARLIER:  # what was known then: fewer events, other standings
        for command in ("show", "parties"):
            answer = invoke(command, treaty_id, "--as-of", day, "--json")
            assert answer.exit_code == ExitCode.OK, (command, day, answer.stderr)
            parse_json(answer.stdout)


@pytest.mark.parametrize("day", DAYS)
def test_every_listing_answers_over_the_whole_dataset(invoke: Invoke, day: str) -> None:
    for args in (["list"], ["upcoming"], ["chart", "--json"], ["timeline"]):
        result = invoke(*args, "--as-of", day)
        assert result.exit_code == ExitCode.OK, (args, result.stderr, result.exception)


def test_no_event_is_a_bare_statement(invoke: Invoke) -> None:
    """Issue 10: every statement says what happened, in every output."""
    events = parse_json(invoke("timeline", "--as-of", "2026-12-01", "--json").stdout)["events"]
    bare = [
        e["description"]
        for e in events
        if e["description"].startswith(("statement by", "joint statement"))
        and ":" not in e["description"]
    ]
    assert bare == []
