"""The timeline leaves a multilateral treaty's joining states out by default, and says so.

A treaty with 160 parties has hundreds of signatures and instruments; listed in the timeline
they buried its entry into force and its withdrawals (the default timeline was 6,500 lines).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from conftest import parse_json
from factories import SOURCE, minimal_treaty

Invoke = Callable[..., Any]


def _event(kind: str, day: str, **extra: Any) -> dict[str, Any]:
    return {"type": kind, "date": day, "source": {**SOURCE, "kind": "official"}, **extra}


MULTILATERAL = minimal_treaty(
    id="mine-ban",
    short_name="Mine Ban",
    full_name="Convention for Testing Joining States",
    aliases=[],
    kind="multilateral",
    parties=[],
    text={"title": "Test convention text", "kind": "official"},
    rules={
        "term": {"type": "unlimited", "article": "20.1"},
        "withdrawal": {"notice": "P6M", "article": "20.2"},
    },
    events=[
        _event("opened_for_signature", "1997-12-03"),
        _event("signed", "1997-12-03", party="Canada"),
        _event("ratified", "1997-12-03", party="Canada"),
        _event("signed", "1997-12-04", party="Finland"),
        _event("acceded", "2012-01-09", party="Finland"),
        _event("entered_into_force", "1999-03-01"),
        _event("withdrawal_notice", "2025-07-10", party="Finland"),
    ],
)


def _document(*treaties: dict[str, Any]) -> dict[str, Any]:
    return {"schema_version": 2, "treaties": list(treaties)}


def _timeline(invoke: Invoke, path: Any, *args: str) -> dict[str, Any]:
    result = invoke("--data", str(path), "timeline", "--as-of", "2026-12-01", "--json", *args)
    assert result.exit_code == 0, result.stderr
    answer: dict[str, Any] = parse_json(result.stdout)
    return answer


def _recorded(answer: dict[str, Any]) -> list[tuple[str, str | None]]:
    return [(e["type"], e["party"]) for e in answer["events"] if e["origin"] == "recorded"]


def test_joining_steps_are_left_out_and_counted(invoke: Invoke, write_yaml: Any) -> None:
    answer = _timeline(invoke, write_yaml(_document(MULTILATERAL)))
    assert _recorded(answer) == [
        ("opened_for_signature", None),
        ("entered_into_force", None),
        ("withdrawal_notice", "Finland"),
    ]
    assert answer["joining_steps_left_out"] == 4


def test_every_state_keeps_them(invoke: Invoke, write_yaml: Any) -> None:
    answer = _timeline(invoke, write_yaml(_document(MULTILATERAL)), "--every-state")
    assert ("acceded", "Finland") in _recorded(answer)
    assert len(_recorded(answer)) == 7
    assert answer["joining_steps_left_out"] == 0


def test_a_party_asked_for_keeps_its_own_steps(invoke: Invoke, write_yaml: Any) -> None:
    answer = _timeline(invoke, write_yaml(_document(MULTILATERAL)), "--party", "Finland")
    assert _recorded(answer) == [
        ("opened_for_signature", None),
        ("signed", "Finland"),
        ("entered_into_force", None),
        ("acceded", "Finland"),
        ("withdrawal_notice", "Finland"),
    ]
    assert answer["joining_steps_left_out"] == 0


def test_the_count_covers_only_the_range_asked(invoke: Invoke, write_yaml: Any) -> None:
    path = write_yaml(_document(MULTILATERAL))
    answer = _timeline(invoke, path, "--from", "1998-01-01")
    assert answer["joining_steps_left_out"] == 1  # Finland's accession of 2012


def test_a_bilateral_treatys_signing_states_stay(invoke: Invoke, write_yaml: Any) -> None:
    bilateral = minimal_treaty(
        parties=["United States of America", "Russian Federation"],
        text={"title": "Test treaty text", "kind": "official"},
        events=[
            _event("signed", "2010-04-08"),
            _event("ratified", "2010-12-22", party="Russian Federation"),
            _event("entered_into_force", "2011-02-05"),
        ],
    )
    answer = _timeline(invoke, write_yaml(_document(bilateral)))
    assert ("ratified", "Russian Federation") in _recorded(answer)
    assert answer["joining_steps_left_out"] == 0


def test_the_table_says_what_it_left_out(invoke: Invoke, write_yaml: Any) -> None:
    path = write_yaml(_document(MULTILATERAL))
    result = invoke("--data", str(path), "timeline", "--as-of", "2026-12-01", "--no-pager")
    assert result.exit_code == 0, result.stderr
    assert "4 steps by which states signed or joined a multilateral treaty left out" in (
        result.stdout
    )
    assert "acceded" not in result.stdout


def test_show_lists_the_treaty_and_counts_the_states(invoke: Invoke, write_yaml: Any) -> None:
    path = write_yaml(_document(MULTILATERAL))
    result = invoke("--data", str(path), "show", "mine-ban", "--as-of", "2026-12-01", "--json")
    assert result.exit_code == 0, result.stderr
    answer = parse_json(result.stdout)
    assert answer["joining_steps_left_out"] == 4
    assert len(answer["treaty"]["events"]) == 7  # the record itself stays whole
