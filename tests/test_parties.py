"""Who is bound: each state's standing, the parties command, and --party on the listing commands."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from conftest import parse_json
from factories import SOURCE, dataset_document, minimal_treaty
from treatycli.dataset.catalog import Dataset
from treatycli.errors import ExitCode
from treatycli.model.treaty import Treaty
from treatycli.rules.parties import parties_answer, standings

Invoke = Callable[..., Any]


def event(kind: str, on: str, **fields: Any) -> dict[str, Any]:
    return {"type": kind, "date": on, "source": SOURCE, **fields}


# --- the done-when checks on the built-in data ---------------------------------------


def test_open_skies_parties_as_of_2026(invoke: Invoke) -> None:
    result = invoke("parties", "open-skies", "--as-of", "2026-12-01", "--json")
    assert result.exit_code == ExitCode.OK
    answer = parse_json(result.stdout)
    assert answer["status"]["code"] == "in_force"
    by_code = {p["code"]: p for p in answer["parties"]}
    assert by_code["US"]["status"] == "withdrawn"
    assert by_code["US"]["left_on"] == "2020-11-22"
    assert by_code["RU"]["status"] == "withdrawn"
    assert by_code["RU"]["left_on"] == "2021-12-18"
    assert not by_code["US"]["bound"] and not by_code["RU"]["bound"]
    assert by_code["BY"]["bound"]
    assert answer["party_list"] == "partial"
    table = invoke("parties", "open-skies", "--as-of", "2026-12-01").stdout
    assert "in force for every other party" in table
    assert "withdrawn since 2020-11-22" in table
    assert "withdrawn since 2021-12-18" in table


def test_treaties_binding_both_the_us_and_russia_in_december_2026(invoke: Invoke) -> None:
    result = invoke("list", "--party", "US", "--party", "Russia", "--as-of", "2026-12-01", "--json")
    assert result.exit_code == ExitCode.OK
    answer = parse_json(result.stdout)
    ids = [row["id"] for row in answer["treaties"]]
    assert "outer-space" in ids and "npt" in ids
    assert all(
        row["status"] in {"in_force", "suspended", "withdrawal_pending"}
        for row in answer["treaties"]
    )
    for strategic in ("new-start", "start-1", "start-2", "sort", "inf", "abm"):
        assert strategic not in ids


def test_the_ussr_answers_for_russia_through_its_continuator(builtin: Dataset) -> None:
    inf = builtin.find("inf")
    rows = {p.code: p for p in standings(inf, date(2018, 1, 1))}
    assert rows["RU"].bound and rows["US"].bound
    after = {p.code: p for p in standings(inf, date(2020, 1, 1))}
    assert not after["RU"].bound and not after["US"].bound


def test_list_shows_who_left_a_multilateral_treaty(invoke: Invoke) -> None:
    answer = parse_json(invoke("list", "--as-of", "2026-12-01", "--json").stdout)
    rows = {row["id"]: row for row in answer["treaties"]}
    assert rows["open-skies"]["left"] == ["United States of America", "Russian Federation"]
    assert rows["new-start"]["left"] == []
    table = invoke("list", "--as-of", "2026-12-01").stdout
    assert "left: United States of America, Russian Federation" in table


def test_an_unknown_state_is_a_usage_error_naming_the_closest(invoke: Invoke) -> None:
    result = invoke("list", "--party", "Rusia")
    assert result.exit_code == ExitCode.USAGE_ERROR
    assert result.stderr.startswith(
        "treaty: error: --party: unknown state 'Rusia' (closest: Russian"
    )
    assert result.stdout == ""


def test_extend_check_answers_for_a_party(invoke: Invoke) -> None:
    answer = parse_json(
        invoke(
            "extend-check", "open-skies", "--party", "Belarus", "--as-of", "2026-12-01", "--json"
        ).stdout
    )
    [belarus] = answer["parties"]
    assert belarus["bound"]
    assert belarus["withdrawal_if_notice_on_as_of"] == "2027-06-01"
    assert any("Belarus is bound" in s for s in answer["summary"])


def test_timeline_party_keeps_that_states_events_and_the_treaty_wide_ones(invoke: Invoke) -> None:
    answer = parse_json(
        invoke("timeline", "open-skies", "--party", "US", "--as-of", "2026-12-01", "--json").stdout
    )
    parties = {e["party"] for e in answer["events"]}
    assert parties == {None, "United States of America"}
    assert any(e["type"] == "entered_into_force" for e in answer["events"])


# --- standings from events --------------------------------------------------------------------


LATER_STATES: dict[str, Any] = {
    "kind": "multilateral",
    "parties": [],
    "rules": {
        "term": {"type": "unlimited", "article": "XXII"},
        "withdrawal": {
            "notice": "P6M",
            "deferred_during_armed_conflict": True,
            "article": "XX",
        },
        "entry_into_force": {
            "condition": "the first day of the sixth month after the 40th instrument",
            "instruments": 2,
            "offset": "P6M",
            "first_day_of_month": True,
            "for_later_states": {"offset": "P6M", "first_day_of_month": True},
            "article": "XVII",
        },
    },
}


def multilateral(*events: dict[str, Any]) -> Treaty:
    base = minimal_treaty(**LATER_STATES)
    base["events"] = [event("opened_for_signature", "1997-12-03"), *events]
    return Treaty.model_validate(base)


def test_entry_into_force_after_the_nth_instrument_and_for_a_later_state() -> None:
    t = multilateral(
        event("signed", "1997-12-03", party="Canada"),
        event("ratified", "1997-12-03", party="Canada"),
        event("ratified", "1998-09-16", party="Mexico"),
        event("acceded", "2000-02-10", party="Finland"),
    )
    answer = parties_answer(t, date(1999, 3, 1))
    assert answer.status.code == "in_force"
    assert answer.status.since == date(1999, 3, 1)  # first day of the sixth month after Sept
    before = parties_answer(t, date(1999, 2, 28))
    assert before.status.code == "signed_not_in_force"
    assert {p.state: p.status for p in before.parties}["Canada"] == "consented"
    later = {p.state: p for p in standings(t, date(2000, 7, 31))}
    assert later["Finland"].status == "consented"
    joined = {p.state: p for p in standings(t, date(2000, 8, 1))}
    assert joined["Finland"].status == "party"
    assert joined["Finland"].since == date(2000, 8, 1)
    assert joined["Finland"].basis == "accession"


def test_a_withdrawal_is_deferred_while_the_state_is_in_an_armed_conflict() -> None:
    t = multilateral(
        event("ratified", "1997-12-03", party="Canada"),
        event("ratified", "1998-09-16", party="Ukraine"),
        event("engaged_in_armed_conflict", "2014-02-20", party="Ukraine"),
        event("withdrawal_notice", "2025-06-29", party="Ukraine"),
    )
    during = {p.state: p for p in standings(t, date(2026, 1, 1))}["Ukraine"]
    assert during.status == "withdrawal_pending"
    assert during.bound
    assert during.withdrawal is not None
    assert during.withdrawal.deferred_by_armed_conflict
    assert during.withdrawal.effective_on is None
    ended = multilateral(
        event("ratified", "1997-12-03", party="Canada"),
        event("ratified", "1998-09-16", party="Ukraine"),
        event("engaged_in_armed_conflict", "2014-02-20", party="Ukraine", until="2027-05-01"),
        event("withdrawal_notice", "2025-06-29", party="Ukraine"),
    )
    # As known before the conflict's end, the effect is still deferred: the end is not known.
    assert {p.state: p for p in standings(ended, date(2027, 4, 30))}["Ukraine"].bound
    out = {p.state: p for p in standings(ended, date(2027, 5, 1))}["Ukraine"]
    assert out.status == "withdrawn"
    assert out.since == date(2027, 5, 1)


def test_a_state_asks_when_its_notice_would_take_effect_during_a_conflict(
    invoke: Invoke, write_yaml: Callable[..., Any]
) -> None:
    base = minimal_treaty(**LATER_STATES)
    base["events"] = [
        event("opened_for_signature", "1997-12-03"),
        event("ratified", "1997-12-03", party="Canada"),
        event("ratified", "1998-09-16", party="Finland"),
        event("engaged_in_armed_conflict", "2026-01-01", party="Canada"),
    ]
    path = write_yaml(dataset_document(base))
    answer = parse_json(
        invoke(
            "--data",
            str(path),
            "extend-check",
            "tt",
            "--party",
            "Finland",
            "--party",
            "Canada",
            "--as-of",
            "2026-12-01",
            "--json",
        ).stdout
    )
    rows = {p["code"]: p for p in answer["parties"]}
    assert rows["FI"]["withdrawal_if_notice_on_as_of"] == "2027-06-01"
    assert rows["CA"]["withdrawal_if_notice_on_as_of"] is None
    assert rows["CA"]["withdrawal_deferred_by_armed_conflict"]


def test_revoked_ratification_and_a_signatory() -> None:
    t = multilateral(
        event("ratified", "1997-12-03", party="Canada"),
        event("ratified", "1998-09-16", party="Russia"),
        event("signed", "1998-01-01", party="United States"),
        event("ratification_revoked", "2023-11-02", party="Russian Federation"),
    )
    rows = {p.code: p for p in standings(t, date(2024, 1, 1))}
    assert rows["RU"].status == "ratification_revoked"
    assert not rows["RU"].bound
    assert rows["US"].status == "signatory"
    assert rows["US"].since == date(1998, 1, 1)


def test_the_parties_command_refuses_an_unknown_treaty(invoke: Invoke) -> None:
    result = invoke("parties", "no-such-treaty")
    assert result.exit_code == ExitCode.USAGE_ERROR
    assert result.stderr.startswith("treaty: error: no treaty named")


def test_the_russian_federation_is_named_as_continuing_the_ussr(invoke: Invoke) -> None:
    answer = parse_json(invoke("parties", "npt", "--as-of", "2026-12-01", "--json").stdout)
    russia = next(p for p in answer["parties"] if p["code"] == "RU")
    assert russia["state"] == (
        "Russian Federation (continuing the Union of Soviet Socialist Republics)"
    )
    assert russia["written"] == "Union of Soviet Socialist Republics"
    assert russia["bound"]
    table = invoke("parties", "ctbt", "--as-of", "2026-12-01").stdout
    assert "for every other party" not in table  # not in force: nobody is bound


def test_upcoming_for_a_party_lists_the_deadlines_that_concern_it(invoke: Invoke) -> None:
    def deadlines(party: str) -> list[tuple[str, str]]:
        answer = parse_json(
            invoke(
                "upcoming", "--party", party, "--as-of", "2020-06-01", "--within", "1y", "--json"
            ).stdout
        )
        return [(d["treaty"]["id"], d["type"]) for d in answer["deadlines"]]

    us = deadlines("United States of America")
    assert ("open-skies", "withdrawal_effective") in us
    assert ("new-start", "expires") in us
    belarus = deadlines("Belarus")
    assert ("open-skies", "withdrawal_effective") not in belarus  # another state's notice
    assert ("new-start", "expires") not in belarus  # not a party to it


def test_the_parties_table_gives_a_completed_withdrawals_notice_and_effect(
    invoke: Invoke, write_yaml: Callable[..., Any]
) -> None:
    """Issue 10: 'parties ottawa' shows the 2025-2026 withdrawals with notice and effect dates;
    once a withdrawal took effect the table said only 'withdrawn since', losing the notice."""
    treaty = minimal_treaty(
        kind="multilateral",
        rules={"term": {"type": "unlimited", "article": "9"}},
        events=[
            event("opened_for_signature", "2000-01-01"),
            event("entered_into_force", "2001-01-01"),
            event("ratified", "2000-06-01", party="Finland"),
            event("withdrawal_notice", "2025-07-10", party="Finland"),
        ],
    )
    treaty["rules"]["withdrawal"] = {"notice": "P6M", "article": "10"}
    del treaty["parties"]
    path = str(write_yaml(dataset_document(treaty)))
    result = invoke("--data", path, "parties", "test-treaty", "--as-of", "2026-12-01")
    assert result.exit_code == ExitCode.OK, result.stderr
    assert "withdrawn since 2026-01-10 (notice 2025-07-10)" in result.stdout


def test_list_counts_parties_only_while_the_treaty_is_in_force(invoke: Invoke) -> None:
    """START I (a complete five-party list) read 'expired; 0 parties' after 2009."""
    rows = {
        r["id"]: r
        for r in parse_json(invoke("list", "--as-of", "2026-12-01", "--json").stdout)["treaties"]
    }
    assert rows["start-1"]["status"] == "expired" and rows["start-1"]["parties_on_day"] is None
    assert rows["ottawa"]["parties_on_day"] == 161
    before = parse_json(invoke("list", "--as-of", "2000-01-01", "--json").stdout)["treaties"]
    assert next(r for r in before if r["id"] == "start-1")["parties_on_day"] == 5
