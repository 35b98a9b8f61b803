"""A notice whose effect would come after the treaty ended never takes effect: it is neither
'pending' nor 'in effect' once the treaty has ended, in any command."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from factories import SOURCE, dataset_document, minimal_treaty
from treatycli.model.treaty import Treaty
from treatycli.rules.parties import standings
from treatycli.rules.status import assess, party_withdrawals


def event(kind: str, on: str, **fields: Any) -> dict[str, Any]:
    return {"type": kind, "date": on, "source": SOURCE, **fields}


def expiring() -> dict[str, Any]:
    """Multilateral, in force until 2020-01-01; Alpha's notice of 2019-09-01 (six months)
    would take effect on 2020-03-01, after the treaty expired."""
    return minimal_treaty(
        id="ending",
        short_name="Ending",
        full_name="Ending Treaty",
        aliases=[],
        kind="multilateral",
        parties=[],
        rules={
            "term": {"type": "fixed_end", "ends_on": "2020-01-01", "article": "XV"},
            "withdrawal": {"notice": "P6M", "article": "XVI"},
        },
        events=[
            event("signed", "2010-01-01"),
            event("ratified", "2010-02-01", party="Alpha"),
            event("ratified", "2010-02-01", party="Beta"),
            event("entered_into_force", "2010-03-01"),
            event("withdrawal_notice", "2019-09-01", party="Alpha"),
        ],
    )


def terminated_bilateral() -> dict[str, Any]:
    """Bilateral, terminated by agreement on 2015-01-01; Alpha's notice of 2014-12-01 would
    have taken effect on 2015-06-01."""
    return minimal_treaty(
        id="bi",
        short_name="Bi",
        full_name="Bi Treaty",
        aliases=[],
        rules={
            "term": {"type": "unlimited", "article": "9"},
            "withdrawal": {"notice": "P6M", "article": "10"},
        },
        events=[
            event("signed", "2010-04-08"),
            event("entered_into_force", "2011-02-05"),
            event("withdrawal_notice", "2014-12-01", party="Alpha"),
            event("terminated", "2015-01-01"),
        ],
    )


def test_before_the_end_the_notice_is_pending() -> None:
    (w,) = party_withdrawals(Treaty.model_validate(expiring()), date(2019, 12, 15))
    assert not w.in_effect and w.overtaken_by_end is None


def test_after_the_end_the_notice_never_took_effect() -> None:
    for raw, ended in ((expiring(), date(2020, 1, 1)), (terminated_bilateral(), date(2015, 1, 1))):
        treaty = Treaty.model_validate(raw)
        for day in (ended, date(2026, 12, 1)):
            (w,) = party_withdrawals(treaty, day)
            assert not w.in_effect
            assert w.overtaken_by_end == ended


def test_the_day_before_the_end_nothing_is_overtaken() -> None:
    (w,) = party_withdrawals(Treaty.model_validate(terminated_bilateral()), date(2014, 12, 31))
    assert w.overtaken_by_end is None and not w.in_effect


def test_the_bilateral_treaty_ended_by_its_termination_not_the_notice() -> None:
    a = assess(Treaty.model_validate(terminated_bilateral()), date(2026, 12, 1))
    assert a.status.code == "terminated" and a.status.since == date(2015, 1, 1)


def test_a_party_whose_notice_was_overtaken_did_not_withdraw() -> None:
    rows = {p.state: p for p in standings(Treaty.model_validate(expiring()), date(2026, 12, 1))}
    alpha = rows["Alpha"]
    assert alpha.status != "withdrawn" and alpha.left_on is None
    assert alpha.status != "withdrawal_pending" and not alpha.bound


def _data(tmp_path: Any) -> str:
    path = tmp_path / "t.json"
    path.write_text(json.dumps(dataset_document(expiring(), terminated_bilateral())), "utf-8")
    return str(path)


def test_withdrawal_on_an_ended_treaty_says_it_ended(invoke: Any, tmp_path: Any) -> None:
    data = _data(tmp_path)
    for treaty, ended in (("ending", "2020-01-01"), ("bi", "2015-01-01")):
        result = invoke("--data", data, "withdrawal", treaty, "--as-of", "2026-12-01")
        assert result.exit_code == 0, result.output
        assert f"ended on {ended}" in result.stdout
        assert "pending" not in result.stdout and "in effect" not in result.stdout
        answer = json.loads(
            invoke("--data", data, "withdrawal", treaty, "--as-of", "2026-12-01", "--json").stdout
        )
        assert answer["withdrawals"][0]["overtaken_by_end"] == ended
        assert not answer["withdrawals"][0]["in_effect"]


def test_extend_check_does_not_say_the_party_withdrew(invoke: Any, tmp_path: Any) -> None:
    data = _data(tmp_path)
    out = invoke("--data", data, "extend-check", "ending", "--as-of", "2026-12-01").stdout
    assert "withdrew" not in out and "it takes effect on" not in out
    assert "before it could take effect" in out


def test_upcoming_lists_no_effect_of_an_overtaken_notice(invoke: Any, tmp_path: Any) -> None:
    data = _data(tmp_path)
    for day in ("2019-12-15", "2020-01-15", "2015-01-15"):
        answer = json.loads(
            invoke("--data", data, "upcoming", "--as-of", day, "--within", "P20Y", "--json").stdout
        )
        assert all(d["type"] != "withdrawal_effective" for d in answer["deadlines"]), answer
