"""Each state's standing in full, on the days it changes: every field a reader sees.

Read by hand when written (issue 9): Canada listed as a party; Finland by acceptance with the
United Kingdom; Montenegro by succession; Sweden out and back by accession; the United States
a signatory that declared it will not be bound; Alpha (a name no state table knows) and
Norway parties by inference from their acts (a suspension, a notice).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from factories import SOURCE, minimal_treaty
from treatycli.model.treaty import Treaty
from treatycli.rules.parties import standings


def ev(k, d, **f):
    return {"type": k, "date": d, "source": SOURCE, **f}


raw = minimal_treaty(
    kind="multilateral",
    parties=["Canada"],
    depositaries=["United Kingdom", "United States"],
    rules={
        "term": {"type": "unlimited", "article": "U"},
        "withdrawal": {"notice": "P6M", "article": "W"},
    },
)
raw["events"] = [
    ev("opened_for_signature", "2000-01-01"),
    ev("signed", "2000-01-01", party="Finland"),
    ev(
        "ratified",
        "2000-06-01",
        party="Finland",
        instrument="acceptance",
        depositary="United Kingdom",
    ),
    ev("entered_into_force", "2000-06-01"),
    ev("succeeded", "2006-06-03", party="Montenegro", effective="2006-06-03"),
    ev("acceded", "2001-01-01", party="Sweden"),
    ev("withdrawal_notice", "2010-01-01", party="Sweden"),
    ev("acceded", "2012-01-01", party="Sweden"),
    ev("signed", "2000-01-01", party="United States"),
    ev("declared_not_bound", "2002-05-06", party="United States"),
    ev("suspended", "2015-01-01", party="Alpha"),
    ev("withdrawal_notice", "2020-01-01", party="Norway"),
]
TREATY = Treaty.model_validate(raw)

EXPECTED: dict[str, list[dict[str, Any]]] = {
    "2011-01-01": [
        {
            "state": "Canada",
            "code": "CA",
            "written": "Canada",
            "status": "party",
            "since": "2000-06-01",
            "bound": True,
            "basis": "listed as a party",
            "withdrawal_if_notice_on_as_of": "2011-07-01",
        },
        {
            "state": "Finland",
            "code": "FI",
            "written": "Finland",
            "status": "party",
            "since": "2000-06-01",
            "bound": True,
            "basis": "acceptance",
            "instrument_on": "2000-06-01",
            "depositary": "United Kingdom",
            "signed_on": "2000-01-01",
            "withdrawal_if_notice_on_as_of": "2011-07-01",
        },
        {
            "state": "Montenegro",
            "code": "ME",
            "written": "Montenegro",
            "status": "party",
            "since": "2006-06-03",
            "bound": True,
            "basis": "succession",
            "instrument_on": "2006-06-03",
            "withdrawal_if_notice_on_as_of": "2011-07-01",
        },
        {
            "state": "Sweden",
            "code": "SE",
            "written": "Sweden",
            "status": "withdrawn",
            "since": "2010-07-01",
            "bound": False,
            "basis": "accession",
            "instrument_on": "2001-01-01",
            "withdrawal": {
                "party": "Sweden",
                "notice_on": "2010-01-01",
                "effective_on": "2010-07-01",
                "effective_recorded": False,
                "in_effect": True,
            },
            "left_on": "2010-07-01",
        },
        {
            "state": "United States of America",
            "code": "US",
            "written": "United States",
            "status": "declared_not_bound",
            "since": "2002-05-06",
            "bound": False,
            "signed_on": "2000-01-01",
        },
        {
            "state": "Alpha",
            "code": None,
            "written": "Alpha",
            "status": "not_signed",
            "since": None,
            "bound": False,
        },
        {
            "state": "Norway",
            "code": "NO",
            "written": "Norway",
            "status": "not_signed",
            "since": None,
            "bound": False,
        },
    ],
    "2020-01-01": [
        {
            "state": "Canada",
            "code": "CA",
            "written": "Canada",
            "status": "party",
            "since": "2000-06-01",
            "bound": True,
            "basis": "listed as a party",
            "withdrawal_if_notice_on_as_of": "2020-07-01",
        },
        {
            "state": "Finland",
            "code": "FI",
            "written": "Finland",
            "status": "party",
            "since": "2000-06-01",
            "bound": True,
            "basis": "acceptance",
            "instrument_on": "2000-06-01",
            "depositary": "United Kingdom",
            "signed_on": "2000-01-01",
            "withdrawal_if_notice_on_as_of": "2020-07-01",
        },
        {
            "state": "Montenegro",
            "code": "ME",
            "written": "Montenegro",
            "status": "party",
            "since": "2006-06-03",
            "bound": True,
            "basis": "succession",
            "instrument_on": "2006-06-03",
            "withdrawal_if_notice_on_as_of": "2020-07-01",
        },
        {
            "state": "Sweden",
            "code": "SE",
            "written": "Sweden",
            "status": "party",
            "since": "2012-01-01",
            "bound": True,
            "basis": "accession",
            "instrument_on": "2012-01-01",
            "withdrawal_if_notice_on_as_of": "2020-07-01",
        },
        {
            "state": "United States of America",
            "code": "US",
            "written": "United States",
            "status": "declared_not_bound",
            "since": "2002-05-06",
            "bound": False,
            "signed_on": "2000-01-01",
        },
        {
            "state": "Alpha",
            "code": None,
            "written": "Alpha",
            "status": "suspended",
            "since": "2015-01-01",
            "bound": True,
            "basis": "inferred from its acts as a party",
            "suspended_since": "2015-01-01",
            "withdrawal_if_notice_on_as_of": "2020-07-01",
        },
        {
            "state": "Norway",
            "code": "NO",
            "written": "Norway",
            "status": "withdrawal_pending",
            "since": "2020-01-01",
            "bound": True,
            "basis": "inferred from its acts as a party",
            "withdrawal": {
                "party": "Norway",
                "notice_on": "2020-01-01",
                "effective_on": "2020-07-01",
                "effective_recorded": False,
                "in_effect": False,
            },
        },
    ],
    "2020-07-01": [
        {
            "state": "Canada",
            "code": "CA",
            "written": "Canada",
            "status": "party",
            "since": "2000-06-01",
            "bound": True,
            "basis": "listed as a party",
            "withdrawal_if_notice_on_as_of": "2021-01-01",
        },
        {
            "state": "Finland",
            "code": "FI",
            "written": "Finland",
            "status": "party",
            "since": "2000-06-01",
            "bound": True,
            "basis": "acceptance",
            "instrument_on": "2000-06-01",
            "depositary": "United Kingdom",
            "signed_on": "2000-01-01",
            "withdrawal_if_notice_on_as_of": "2021-01-01",
        },
        {
            "state": "Montenegro",
            "code": "ME",
            "written": "Montenegro",
            "status": "party",
            "since": "2006-06-03",
            "bound": True,
            "basis": "succession",
            "instrument_on": "2006-06-03",
            "withdrawal_if_notice_on_as_of": "2021-01-01",
        },
        {
            "state": "Sweden",
            "code": "SE",
            "written": "Sweden",
            "status": "party",
            "since": "2012-01-01",
            "bound": True,
            "basis": "accession",
            "instrument_on": "2012-01-01",
            "withdrawal_if_notice_on_as_of": "2021-01-01",
        },
        {
            "state": "United States of America",
            "code": "US",
            "written": "United States",
            "status": "declared_not_bound",
            "since": "2002-05-06",
            "bound": False,
            "signed_on": "2000-01-01",
        },
        {
            "state": "Alpha",
            "code": None,
            "written": "Alpha",
            "status": "suspended",
            "since": "2015-01-01",
            "bound": True,
            "basis": "inferred from its acts as a party",
            "suspended_since": "2015-01-01",
            "withdrawal_if_notice_on_as_of": "2021-01-01",
        },
        {
            "state": "Norway",
            "code": "NO",
            "written": "Norway",
            "status": "withdrawn",
            "since": "2020-07-01",
            "bound": False,
            "basis": "inferred from its acts as a party",
            "withdrawal": {
                "party": "Norway",
                "notice_on": "2020-01-01",
                "effective_on": "2020-07-01",
                "effective_recorded": False,
                "in_effect": True,
            },
            "left_on": "2020-07-01",
        },
    ],
}


@pytest.mark.parametrize("day", sorted(EXPECTED))
def test_every_standing_in_full(day: str) -> None:
    got = [
        p.model_dump(mode="json", exclude_defaults=True)
        for p in standings(TREATY, date.fromisoformat(day))
    ]
    assert got == EXPECTED[day]
