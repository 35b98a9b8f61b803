"""A dissolved state stops being a party the day it ceased to exist: its continuator carries
its standing, and its successors are bound only through their own recorded acts."""

from __future__ import annotations

from datetime import date
from typing import Any

from factories import SOURCE, minimal_treaty
from treatycli.model.treaty import Treaty
from treatycli.rules.parties import parties_answer, standings


def event(kind: str, on: str, **fields: Any) -> dict[str, Any]:
    return {"type": kind, "date": on, "source": SOURCE, **fields}


def _cfe_like() -> Treaty:
    """A multilateral treaty Czechoslovakia ratified, whose successors notified succession
    effective from the day after it dissolved; and the USSR, continued by Russia."""
    treaty = minimal_treaty(
        id="cfe-like",
        kind="multilateral",
        parties=[],
        rules={
            "term": {"type": "unlimited", "article": "XIX.1"},
            "withdrawal": {"notice": "P150D", "article": "XIX.2"},
        },
        events=[
            event("signed", "1990-11-19"),
            event("signed", "1990-11-19", party="Czechoslovakia"),
            event("ratified", "1991-08-05", party="Czechoslovakia"),
            event("signed", "1990-11-19", party="USSR"),
            event("ratified", "1992-10-30", party="Russian Federation"),
            event("ratified", "1991-06-01", party="Hungary"),
            event("entered_into_force", "1992-11-09"),
            event("succeeded", "1996-02-01", party="Czechia", effective="1993-01-01"),
        ],
    )
    return Treaty.model_validate(treaty)


def _by_code(as_of: date) -> dict[str | None, Any]:
    return {p.code: p for p in standings(_cfe_like(), as_of)}


def test_a_dissolved_state_is_a_party_until_it_ceases_to_exist() -> None:
    before = _by_code(date(1992, 12, 31))["CSHH"]
    assert before.status == "party" and before.bound


def test_a_dissolved_state_stops_being_a_party_the_day_it_ceased_to_exist() -> None:
    for day in (date(1993, 1, 1), date(2026, 12, 1)):
        rows = _by_code(day)
        gone = rows["CSHH"]
        assert gone.status == "ceased_to_exist"
        assert gone.since == date(1993, 1, 1)
        assert not gone.bound
        assert gone.left_on is None  # it did not withdraw
        assert gone.withdrawal_if_notice_on_as_of is None
        assert "SK" not in rows  # a successor with no recorded act is not made a party
    # Its successor is bound only through its own succession, once notified (in 1996),
    # from the day the notification names.
    czechia = _by_code(date(2026, 12, 1))["CZ"]
    assert czechia.bound and czechia.basis == "succession" and czechia.since == date(1993, 1, 1)
    assert _by_code(date(1995, 1, 1))["CZ"].status == "not_signed"


def test_parties_count_leaves_out_a_state_that_no_longer_exists() -> None:
    answer = parties_answer(_cfe_like(), date(2026, 12, 1))
    assert answer.parties_on_day == 3  # Russia, Hungary, Czechia: not Czechoslovakia


def test_the_continuator_carries_the_standing() -> None:
    russia = _by_code(date(2026, 12, 1))["RU"]
    assert russia.status == "party" and russia.bound


def test_the_standing_is_named_ceased_to_exist_with_its_successors() -> None:
    from treatycli.output.explain import standing_cell

    gone = _by_code(date(2026, 12, 1))["CSHH"]
    assert gone.successors == ["Czechia", "Slovakia"]
    cell = standing_cell(gone)
    assert cell.startswith("ceased to exist since 1993-01-01")
    assert "Czechia" in cell and "withdrawn" not in cell


def test_before_its_end_the_continued_state_is_named_as_itself() -> None:
    """The USSR's acts answer for Russia, but in 1991 the party was the USSR."""
    treaty = _cfe_like()
    raw = treaty.model_dump(mode="json", exclude_none=True)
    raw["events"] = [e for e in raw["events"] if e.get("party") != "Russian Federation"]
    raw["events"].append(event("ratified", "1991-06-01", party="USSR"))
    ussr_era = {p.code: p for p in standings(Treaty.model_validate(raw), date(1991, 12, 25))}
    assert ussr_era["RU"].state == "Union of Soviet Socialist Republics"
    later = {p.code: p for p in standings(Treaty.model_validate(raw), date(1991, 12, 26))}
    assert later["RU"].state.startswith("Russian Federation (continuing the")


def test_the_parties_command_shows_the_end(invoke: Any, tmp_path: Any) -> None:
    import yaml

    from factories import dataset_document

    raw = _cfe_like().model_dump(mode="json", exclude_none=True)
    path = tmp_path / "t.yaml"
    path.write_text(yaml.safe_dump(dataset_document(raw)), encoding="utf-8")
    result = invoke("--data", str(path), "parties", "cfe-like", "--as-of", "2026-12-01")
    assert result.exit_code == 0, result.output
    assert "ceased to exist since 1993-01-01" in result.stdout


def test_a_continuator_written_as_itself_is_named_as_the_state_of_the_day() -> None:
    """The Outer Space Treaty lists 'Russian Federation' (for the USSR, a depositary): in 1970
    the party was the USSR; the identity (code RU) is the same throughout."""
    raw = _cfe_like().model_dump(mode="json", exclude_none=True)
    in_1993 = {p.code: p for p in standings(Treaty.model_validate(raw), date(1993, 1, 1))}
    assert in_1993["RU"].state.startswith("Russian Federation")
    raw["events"] = [
        {**e, "date": "1991-06-01"} if e.get("party") == "Russian Federation" else e
        for e in raw["events"]
    ]
    in_1991 = {p.code: p for p in standings(Treaty.model_validate(raw), date(1991, 12, 1))}
    assert in_1991["RU"].state == "Union of Soviet Socialist Republics"
    assert in_1991["RU"].code == "RU"
