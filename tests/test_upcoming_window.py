"""``upcoming --within``: the short forms people type, and ISO periods, read exactly."""

from __future__ import annotations

import pytest

from treatycli.rules.upcoming import parse_window


@pytest.mark.parametrize(
    ("typed", "iso"),
    [
        ("2y", "P2Y"),
        ("18m", "P18M"),
        ("90d", "P90D"),
        ("6w", "P6W"),
        ("1y6m", "P1Y6M"),
        ("1Y6M", "P1Y6M"),
        (" 2y ", "P2Y"),
        ("2y1y", "P3Y"),
        ("1y2m3w4d", "P1Y2M3W4D"),
        ("4d3w2m1y", "P1Y2M3W4D"),
        ("P2Y", "P2Y"),
        ("p2y", "P2Y"),
        ("P1Y6M", "P1Y6M"),
    ],
)
def test_a_window_is_read_as_an_iso_period(typed: str, iso: str) -> None:
    assert parse_window(typed) == iso


@pytest.mark.parametrize("typed", ["", "2", "y", "2x", "0d", "P0D", "-2y", "2 years", "PT1H"])
def test_anything_else_is_refused_with_the_accepted_forms(typed: str) -> None:
    with pytest.raises(ValueError, match=r"is not a period: use for example 2y, 18m, 90d, 6w"):
        parse_window(typed)
