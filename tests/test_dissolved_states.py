"""States that ceased to exist: the day each ended, with the authority that dates it."""

from __future__ import annotations

from datetime import date

import pytest

from treatycli.model.states import resolve_state


@pytest.mark.parametrize(
    ("name", "ceased_on"),
    [
        ("USSR", date(1991, 12, 26)),
        ("Czechoslovakia", date(1993, 1, 1)),
        ("German Democratic Republic", date(1990, 10, 3)),
        ("SFRY", date(1992, 4, 27)),
        ("Serbia and Montenegro", date(2006, 6, 3)),
        ("Democratic Yemen", date(1990, 5, 22)),
    ],
)
def test_each_historical_state_has_a_sourced_end(name: str, ceased_on: date) -> None:
    state = resolve_state(name)
    assert state is not None and state.historical
    assert state.ceased is not None
    assert state.ceased.on == ceased_on
    # An authoritative source for each day: the UN or a government, with where to read it.
    assert state.ceased.publisher
    assert state.ceased.title
    assert state.ceased.url and state.ceased.url.startswith("https://")


def test_current_states_have_not_ceased() -> None:
    for name in ("Russian Federation", "Czechia", "Serbia", "Germany", "Yemen"):
        state = resolve_state(name)
        assert state is not None and state.ceased is None


def test_codes_and_aliases_still_resolve() -> None:
    assert resolve_state("CS").code == "CSHH"  # type: ignore[union-attr]
    assert resolve_state("SCG").code == "CSXX"  # type: ignore[union-attr]
    assert resolve_state("СССР").code == "SUHH"  # type: ignore[union-attr]
