"""Prose slips found by readers (issue 13's list), each pinned."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from conftest import parse_json
from factories import dataset_document, minimal_treaty
from treatycli.output.explain import paren

Invoke = Callable[..., Any]


def test_an_ended_unlimited_treaty_is_not_said_to_be_unlimited(invoke: Invoke) -> None:
    answer = parse_json(invoke("extend-check", "inf", "--as-of", "2026-12-01", "--json").stdout)
    reason = answer["extension"]["reason"]
    assert "no longer in force" in reason
    assert "unlimited" not in reason


def test_a_single_extension_is_not_of_a_length_each(
    invoke: Invoke, write_yaml: Callable[..., Any]
) -> None:
    once = minimal_treaty(
        rules={
            "term": {"type": "fixed_length", "length": "P10Y", "article": "9"},
            "extension": {"decided_by": "agreement", "period": "P5Y", "times": 1, "article": "9"},
        }
    )
    path = write_yaml(dataset_document(once))
    text = invoke("--data", str(path), "extend-check", "tt", "--as-of", "2015-01-01").stdout
    assert "once, by agreement of the parties, of exactly 5 years," in text
    assert "each" not in text


def test_one_treaty_is_singular(invoke: Invoke, write_yaml: Callable[..., Any]) -> None:
    path = write_yaml(dataset_document(minimal_treaty()))
    assert invoke("validate", str(path)).stdout == "1 treaty, 2 events: valid\n"


def test_parentheses_do_not_nest() -> None:
    assert paren("3 months' notice, Article XIX(2)") == "(3 months' notice, Article XIX[2])"


def test_sort_withdrawal_has_no_invented_condition(invoke: Invoke) -> None:
    text = invoke("show", "sort", "--as-of", "2005-01-01").stdout
    assert "descriptions seen (written" not in text
    assert "if none stated" not in text
