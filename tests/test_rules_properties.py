"""Properties of the v2 rules, over generated treaties (issue 9's list)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from factories import SOURCE, minimal_treaty
from treatycli.dataset.checks import treaty_problems
from treatycli.dates import add_duration
from treatycli.model.treaty import Treaty
from treatycli.rules.parties import standings
from treatycli.rules.periods import end_after_extensions
from treatycli.rules.status import assess, status_as_of

entries = st.dates(min_value=date(1950, 1, 1), max_value=date(2040, 12, 31))
units = st.sampled_from(["Y", "M", "D"])


def event(kind: str, on: date, **fields: Any) -> dict[str, Any]:
    return {"type": kind, "date": on.isoformat(), "source": SOURCE, **fields}


@settings(max_examples=150, deadline=None)
@given(
    entry=entries,
    term=st.integers(1, 20),
    step=st.integers(1, 36),
    unit=units,
    times=st.integers(1, 4),
)
def test_latest_expiry_promised_is_reached_by_recording_the_largest_extensions(
    entry: date, term: int, step: int, unit: str, times: int
) -> None:
    """What extend-check promises before any extension is exactly what recording the longest
    extensions validation accepts, one after another, reaches."""
    period = f"P{step}{unit}"
    rules = {
        "term": {"type": "fixed_length", "length": f"P{term}Y", "article": "T"},
        "extension": {
            "decided_by": "agreement",
            "max_period": period,
            "times": times,
            "article": "E",
        },
    }
    base = [event("signed", entry - timedelta(days=10)), event("entered_into_force", entry)]
    raw = minimal_treaty(rules=rules, events=base)
    first_end = add_duration(entry, f"P{term}Y")
    assert first_end is not None
    promised = assess(Treaty.model_validate(raw), entry).extension.latest_possible_expiry
    recorded = list(base)
    end = first_end
    for _ in range(times):
        longest = add_duration(end, period)
        assert longest is not None
        recorded.append(event("extended", end - timedelta(days=1), until=longest.isoformat()))
        end = longest
    extended = Treaty.model_validate(minimal_treaty(rules=rules, events=recorded))
    assert treaty_problems(extended) == []
    assert promised == end == end_after_extensions(first_end, period, times)
    assert assess(extended, end - timedelta(days=1)).expires_on == end


@settings(max_examples=150, deadline=None)
@given(
    notice=st.dates(min_value=date(2012, 1, 1), max_value=date(2030, 12, 31)),
    step=st.integers(1, 400),
    unit=units,
    later=st.integers(0, 400),
    receipt=st.integers(0, 30),
    from_receipt=st.booleans(),
)
def test_an_effect_never_comes_before_its_notice_plus_the_period(
    notice: date, step: int, unit: str, later: int, receipt: int, from_receipt: bool
) -> None:
    period = f"P{step}{unit}"
    withdrawal: dict[str, Any] = {"notice": period, "notice_is_minimum": True, "article": "W"}
    if from_receipt:
        withdrawal["counted_from"] = "receipt"
    raw = minimal_treaty(
        kind="multilateral",
        parties=[],
        rules={"term": {"type": "unlimited", "article": "T"}, "withdrawal": withdrawal},
    )
    earliest = add_duration(notice, period)
    assert earliest is not None
    named = earliest + timedelta(days=later)
    received = notice + timedelta(days=receipt)
    raw["events"].append(
        event(
            "withdrawal_notice",
            notice,
            party="Alpha",
            effective=named.isoformat(),
            received=received.isoformat(),
        )
    )
    t = Treaty.model_validate(raw)
    [w] = assess(t, notice).withdrawals
    assert isinstance(w.effective_on, date)
    start = received if from_receipt else notice
    floor = add_duration(start, period)
    assert floor is not None
    assert w.effective_on >= floor
    assert w.effective_on == max(floor, named)
    before = [x for x in assess(t, w.effective_on - timedelta(days=1)).withdrawals]
    assert not before[0].in_effect
    assert assess(t, w.effective_on).withdrawals[0].in_effect


BEFORE_CONSENT = {"not_signed", "signatory", "provisionally_applying"}
CONSENTED = {
    "consented",
    "party",
    "suspended",
    "withdrawal_pending",
    "withdrawn",
    "ratification_revoked",
    "declared_not_bound",
}
BOUND = {"party", "suspended", "withdrawal_pending"}


def allowed(previous: str, current: str) -> bool:
    """A state never goes back to before its consent, and a bound state never goes back to
    waiting for the treaty to enter into force for it (the treaty is in force already)."""
    if previous in CONSENTED and current in BEFORE_CONSENT:
        return False
    return not (previous in BOUND and current == "consented")


ACTS = st.lists(
    st.tuples(
        st.sampled_from(
            [
                "signed",
                "ratified",
                "acceded",
                "suspended",
                "suspension_lifted",
                "withdrawal_notice",
                "ratification_revoked",
                "provisionally_applied",
            ]
        ),
        st.integers(0, 4000),
    ),
    max_size=6,
)


@settings(max_examples=150, deadline=None)
@given(acts=ACTS)
def test_a_partys_standing_moves_only_along_allowed_transitions(
    acts: list[tuple[str, int]],
) -> None:
    opened = date(2000, 1, 1)
    raw = minimal_treaty(
        kind="multilateral",
        parties=[],
        rules={
            "term": {"type": "unlimited", "article": "T"},
            "withdrawal": {"notice": "P6M", "article": "W"},
        },
        events=[
            event("opened_for_signature", opened),
            event("ratified", opened + timedelta(days=1), party="Beta"),
            event("entered_into_force", opened + timedelta(days=100)),
        ],
    )
    for kind, offset in sorted(acts, key=lambda a: a[1]):
        raw["events"].append(event(kind, opened + timedelta(days=2 + offset), party="Alpha"))
    t = Treaty.model_validate(raw)
    previous = None
    changes = {e.date for e in t.events} | {opened + timedelta(days=100)}
    changes |= {
        w.effective_on
        for w in assess(t, date(2040, 1, 1)).withdrawals
        if isinstance(w.effective_on, date)
    }
    days = sorted({d + timedelta(days=k) for d in changes for k in (-1, 0, 1)})
    for day in days:
        row = next((p for p in standings(t, day) if p.written == "Alpha"), None)
        current = row.status if row is not None else "not_signed"
        if previous is not None and current != previous:
            assert allowed(previous, current), (previous, current, day)
        if row is not None and row.bound:
            assert status_as_of(t, day).code in {"in_force", "suspended", "withdrawal_pending"}
        previous = current
