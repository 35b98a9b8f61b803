"""The built-in dataset: the data rules hold, and the key dates are the ones the sources give.

The expected dates below were read from the sources cited in data/treaties.yaml; a change to
any of them must be a deliberate correction, made in the data and here together.
"""

from __future__ import annotations

from datetime import date

import pytest
import yaml

from treatycli.dataset.catalog import Dataset
from treatycli.dataset.load import builtin_data_path
from treatycli.rules.status import assess, status_as_of

BUILT_IN = {
    # the first round (issue 1)
    "outer-space",
    "npt",
    "abm",
    "moon",
    "inf",
    "start-1",
    "open-skies",
    "start-2",
    "ctbt",
    "sort",
    "new-start",
    # the second round (issue 10)
    "antarctic",
    "hotline",
    "ltbt",
    "tlatelolco",
    "seabed",
    "bwc",
    "incsea",
    "salt-1",
    "pnw",
    "ttbt",
    "pnet",
    "enmod",
    "salt-2",
    "cfe",
    "cwc",
    "ottawa",
    "pmda",
    "ccm",
    "att",
    "tpnw",
}


def test_the_thirty_one_treaties_are_there(builtin: Dataset) -> None:
    assert {t.id for t in builtin.treaties} == BUILT_IN


def test_every_event_has_a_titled_source(builtin: Dataset) -> None:
    for treaty in builtin.treaties:
        for event in treaty.events:
            assert event.source.title.strip(), (treaty.id, event)
            assert event.source.publisher or event.source.url, (treaty.id, event.type)


def test_every_rule_cites_an_article(builtin: Dataset) -> None:
    for treaty in builtin.treaties:
        rules = treaty.rules
        for rule in (rules.term, rules.extension, rules.withdrawal, rules.entry_into_force):
            if rule is not None:
                assert rule.article.strip(), treaty.id


def test_no_status_is_stored_anywhere() -> None:
    def keys(node: object) -> set[str]:
        if isinstance(node, dict):
            return set(node) | set().union(*(keys(v) for v in node.values()))
        if isinstance(node, list):
            return set().union(*(keys(v) for v in node))
        return set()

    document = yaml.safe_load(builtin_data_path().read_text(encoding="utf-8"))
    assert not {"status", "in_force", "expired_status"} & keys(document)


RECORDED = [
    ("outer-space", "opened_for_signature", None, date(1967, 1, 27)),
    ("outer-space", "entered_into_force", None, date(1967, 10, 10)),
    ("npt", "opened_for_signature", None, date(1968, 7, 1)),
    ("npt", "entered_into_force", None, date(1970, 3, 5)),
    ("npt", "extended", None, date(1995, 5, 11)),
    ("npt", "withdrawal_notice", "Democratic People's Republic of Korea", date(2003, 1, 10)),
    ("abm", "signed", None, date(1972, 5, 26)),
    ("abm", "entered_into_force", None, date(1972, 10, 3)),
    ("abm", "withdrawal_notice", "United States of America", date(2001, 12, 13)),
    ("abm", "withdrawal_effective", "United States of America", date(2002, 6, 13)),
    ("moon", "opened_for_signature", None, date(1979, 12, 18)),
    ("moon", "entered_into_force", None, date(1984, 7, 11)),
    ("moon", "withdrawal_notice", "Saudi Arabia", date(2023, 1, 5)),
    ("moon", "withdrawal_effective", "Saudi Arabia", date(2024, 1, 5)),
    ("inf", "signed", None, date(1987, 12, 8)),
    ("inf", "entered_into_force", None, date(1988, 6, 1)),
    ("inf", "withdrawal_notice", "United States of America", date(2019, 2, 2)),
    ("inf", "withdrawal_effective", "United States of America", date(2019, 8, 2)),
    ("start-1", "signed", None, date(1991, 7, 31)),
    ("start-1", "entered_into_force", None, date(1994, 12, 5)),
    ("start-1", "expired", None, date(2009, 12, 5)),
    ("open-skies", "signed", None, date(1992, 3, 24)),
    ("open-skies", "entered_into_force", None, date(2002, 1, 1)),
    ("open-skies", "withdrawal_notice", "United States of America", date(2020, 5, 22)),
    ("open-skies", "withdrawal_effective", "United States of America", date(2020, 11, 22)),
    ("open-skies", "withdrawal_notice", "Russian Federation", date(2021, 6, 18)),
    ("open-skies", "withdrawal_effective", "Russian Federation", date(2021, 12, 18)),
    ("start-2", "signed", None, date(1993, 1, 3)),
    ("start-2", "declared_not_bound", "Russian Federation", date(2002, 6, 14)),
    ("ctbt", "opened_for_signature", None, date(1996, 9, 24)),
    ("ctbt", "ratification_revoked", "Russian Federation", date(2023, 11, 2)),
    ("sort", "signed", None, date(2002, 5, 24)),
    ("sort", "entered_into_force", None, date(2003, 6, 1)),
    ("sort", "superseded", None, date(2011, 2, 5)),
    ("new-start", "signed", None, date(2010, 4, 8)),
    ("new-start", "entered_into_force", None, date(2011, 2, 5)),
    ("new-start", "extended", None, date(2021, 2, 3)),
    ("new-start", "suspended", "Russian Federation", date(2023, 2, 28)),
    ("new-start", "expired", None, date(2026, 2, 5)),
]


@pytest.mark.parametrize(("treaty_id", "event_type", "party", "day"), RECORDED)
def test_recorded_dates_match_the_sources(
    builtin: Dataset, treaty_id: str, event_type: str, party: str | None, day: date
) -> None:
    treaty = builtin.find(treaty_id)
    event = treaty.first(event_type, party)
    assert event is not None, (treaty_id, event_type, party)
    assert event.date == day


def test_never_in_force_treaties_have_no_entry(builtin: Dataset) -> None:
    assert builtin.find("start-2").entered_into_force_on is None
    assert builtin.find("ctbt").entered_into_force_on is None


STATUS = [
    ("new-start", date(2020, 4, 14), "in_force"),
    ("new-start", date(2024, 1, 1), "suspended"),
    ("new-start", date(2026, 12, 1), "expired"),
    ("sort", date(2026, 12, 1), "superseded"),
    ("inf", date(2019, 5, 1), "withdrawal_pending"),
    ("inf", date(2026, 12, 1), "terminated_by_withdrawal"),
    ("abm", date(2002, 1, 1), "withdrawal_pending"),
    ("abm", date(2002, 6, 13), "terminated_by_withdrawal"),
    ("start-1", date(2009, 12, 4), "in_force"),
    ("start-1", date(2009, 12, 5), "expired"),
    ("start-2", date(2001, 1, 1), "signed_not_in_force"),
    ("start-2", date(2026, 12, 1), "abandoned"),
    ("open-skies", date(2026, 12, 1), "in_force"),  # in force for the remaining parties
    ("npt", date(1995, 4, 1), "in_force"),  # not expired between the 25 years and the decision
    ("npt", date(2026, 12, 1), "in_force"),
    ("ctbt", date(2026, 12, 1), "signed_not_in_force"),
    ("moon", date(2026, 12, 1), "in_force"),
    ("outer-space", date(2026, 12, 1), "in_force"),
]


@pytest.mark.parametrize(("treaty_id", "day", "code"), STATUS)
def test_status_on_the_day(builtin: Dataset, treaty_id: str, day: date, code: str) -> None:
    assert status_as_of(builtin.find(treaty_id), day).code == code


def test_open_skies_withdrawals_per_party(builtin: Dataset) -> None:
    a = assess(builtin.find("open-skies"), date(2026, 12, 1))
    assert [(w.party, w.effective_on, w.in_effect) for w in a.withdrawals] == [
        ("United States of America", date(2020, 11, 22), True),
        ("Russian Federation", date(2021, 12, 18), True),
    ]


def test_dprk_withdrawal_is_reported_as_disputed(builtin: Dataset) -> None:
    (dprk,) = assess(builtin.find("npt"), date(2026, 12, 1)).withdrawals
    assert dprk.disputed
    assert not dprk.in_effect


def test_start_1_successive_extension_outlook(builtin: Dataset) -> None:
    ext = assess(builtin.find("START I"), date(2008, 6, 1)).extension
    assert ext.possible
    assert ext.times_allowed is None
    assert ext.period == "P5Y"
    assert ext.next_expiry_if_extended == date(2014, 12, 5)
    assert ext.consider_by == date(2008, 12, 5)


def test_npt_conference_outlook(builtin: Dataset) -> None:
    ext = assess(builtin.find("NPT"), date(1990, 1, 1)).extension
    assert ext.possible and ext.decided_by == "conference"
    assert ext.conference_due == date(1995, 3, 5)
    assert not assess(builtin.find("NPT"), date(1996, 1, 1)).extension.possible
