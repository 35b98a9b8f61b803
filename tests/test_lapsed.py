"""A treaty that never entered into force and whose term has passed can never enter into force:
it has lapsed (SALT II: signed 1979, its term to 31 December 1985, never ratified)."""

from __future__ import annotations

from datetime import date
from typing import Any

import yaml

from factories import SOURCE, dataset_document, minimal_treaty
from treatycli.model.treaty import Treaty
from treatycli.rules.answers import ENDED_STATUSES, STATUS_GROUPS
from treatycli.rules.chart import segments
from treatycli.rules.status import assess, status_as_of


def salt_ii_like(**overrides: Any) -> dict[str, Any]:
    return minimal_treaty(
        id="salt-like",
        short_name="SALT-like",
        rules={
            "term": {"type": "fixed_end", "ends_on": "1985-12-31", "article": "Article XIX"},
            "withdrawal": {"notice": "P6M", "article": "Article XIX.3"},
        },
        events=[{"type": "signed", "date": "1979-06-18", "source": SOURCE}],
        **overrides,
    )


def treaty() -> Treaty:
    return Treaty.model_validate(salt_ii_like())


def test_signed_not_in_force_until_the_day_its_term_would_have_ended() -> None:
    assert status_as_of(treaty(), date(1985, 12, 30)).code == "signed_not_in_force"


def test_lapsed_from_the_day_its_term_would_have_ended() -> None:
    for day in (date(1985, 12, 31), date(2026, 12, 1)):
        status = status_as_of(treaty(), day)
        assert status.code == "lapsed"
        assert status.since == date(1985, 12, 31)
        assert "never entered into force" in status.label or "never" in status.reason
        assert "1985-12-31" in status.reason


def test_lapsed_is_an_ending_of_a_treaty_that_never_bound() -> None:
    assert STATUS_GROUPS["lapsed"] == "ended"
    assert "lapsed" not in ENDED_STATUSES  # it never was in force, as 'abandoned'


def test_no_withdrawal_or_extension_of_a_lapsed_treaty() -> None:
    a = assess(treaty(), date(2026, 12, 1))
    assert not a.withdrawal.available and "never enter into force" in a.withdrawal.reason
    assert not a.extension.possible
    assert a.expires_on is None and a.days_left is None


def test_a_declared_refusal_before_the_term_ends_is_still_abandonment() -> None:
    raw = salt_ii_like()
    raw["events"].append(
        {"type": "declared_not_bound", "date": "1984-01-01", "party": "Alpha", "source": SOURCE}
    )
    assert status_as_of(Treaty.model_validate(raw), date(2026, 12, 1)).code == "abandoned"


def test_a_treaty_in_force_that_reaches_its_end_expires_not_lapses() -> None:
    raw = salt_ii_like()
    raw["events"].append({"type": "entered_into_force", "date": "1980-01-01", "source": SOURCE})
    assert status_as_of(Treaty.model_validate(raw), date(2026, 12, 1)).code == "expired"


def test_the_chart_ends_the_bar_on_the_day_it_lapsed() -> None:
    spans = segments(treaty(), date(2026, 12, 1))
    assert [(s.status, s.start, s.group) for s in spans] == [
        ("signed_not_in_force", date(1979, 6, 18), "not_yet_in_force"),
        ("lapsed", date(1985, 12, 31), "ended"),
    ]


def _file(tmp_path: Any) -> str:
    path = tmp_path / "t.yaml"
    path.write_text(yaml.safe_dump(dataset_document(salt_ii_like())), encoding="utf-8")
    return str(path)


def test_every_command_answers_for_a_lapsed_treaty(invoke: Any, tmp_path: Any) -> None:
    data = _file(tmp_path)
    for command in ("list", "show", "timeline", "extend-check", "withdrawal", "upcoming", "chart"):
        args = [command] if command in {"list", "upcoming", "chart"} else [command, "salt-like"]
        for fmt in ([], ["--json"]):
            result = invoke("--data", data, *args, "--as-of", "2026-12-01", *fmt)
            assert result.exit_code == 0, (command, fmt, result.output)
    shown = invoke("--data", data, "show", "salt-like", "--as-of", "2026-12-01").stdout
    assert "lapsed" in shown and "1985-12-31" in shown
    listed = invoke("--data", data, "list", "--as-of", "2026-12-01").stdout
    assert "lapsed" in listed
    withdrawal = invoke("--data", data, "withdrawal", "salt-like", "--as-of", "2026-12-01")
    assert "can never enter into force" in withdrawal.stdout


def test_a_treaty_tied_to_one_that_ended_lapses_with_it() -> None:
    """START II-like: never in force, lasting as long as START I; once START I has expired,
    it can never enter into force (no refusal recorded here)."""
    parent = Treaty.model_validate(
        minimal_treaty(
            id="parent",
            rules={"term": {"type": "fixed_end", "ends_on": "2009-12-05", "article": "XVII"}},
        )
    )
    child = Treaty.model_validate(
        minimal_treaty(
            id="child",
            rules={"term": {"type": "tied_to", "treaty": "parent", "article": "VI.2"}},
            events=[{"type": "signed", "date": "1993-01-03", "source": SOURCE}],
        )
    )
    others = {"parent": parent, "child": child}
    assert status_as_of(child, date(2009, 12, 4), others).code == "signed_not_in_force"
    lapsed = status_as_of(child, date(2026, 12, 1), others)
    assert (lapsed.code, lapsed.since) == ("lapsed", date(2009, 12, 5))
    assert "parent" in lapsed.reason
