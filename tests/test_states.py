"""States: every spelling a treaty record or a user gives resolves to one canonical state."""

from __future__ import annotations

import subprocess
import sys
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from treatycli.model.states import (
    State,
    all_states,
    resolve_state,
    resolve_state_or_error,
    suggest,
)

# Participant names as the UN Treaty Collection spells them today.
UN_TREATY_COLLECTION = [
    ("Bolivia (Plurinational State of)", "BO"),
    ("Iran (Islamic Republic of)", "IR"),
    ("Venezuela (Bolivarian Republic of)", "VE"),
    ("Micronesia (Federated States of)", "FM"),
    ("Netherlands (Kingdom of the)", "NL"),
    ("Türkiye", "TR"),
    ("Democratic People's Republic of Korea", "KP"),
    ("Republic of Korea", "KR"),
    ("Republic of Moldova", "MD"),
    ("United Republic of Tanzania", "TZ"),
    ("State of Palestine", "PS"),
    ("Holy See", "VA"),
    ("Lao People's Democratic Republic", "LA"),
    ("Syrian Arab Republic", "SY"),
    ("Côte d'Ivoire", "CI"),
    ("Cabo Verde", "CV"),
    ("Eswatini", "SZ"),
    ("North Macedonia", "MK"),
    ("Czechia", "CZ"),
    ("Viet Nam", "VN"),
    ("United Kingdom of Great Britain and Northern Ireland", "GB"),
    ("United States of America", "US"),
    ("Russian Federation", "RU"),
    ("Democratic Republic of the Congo", "CD"),
    ("Congo", "CG"),
    ("Niue", "NU"),
    ("Cook Islands", "CK"),
]

# Participant names in the disarmament chapter (XXVI) as scraped from the UN Treaty Collection
# some years ago (github.com/zmjones/untreaties, treaties/26-*.csv): the spellings of that time
# that are not ISO's short name, and a few that are.
UN_TREATY_COLLECTION_2010S = [
    ("Czech Republic", "CZ"),
    ("St. Kitts and Nevis", "KN"),
    ("St. Lucia", "LC"),
    ("St. Vincent and the Grenadines", "VC"),
    ("Swaziland", "SZ"),
    ("The former Yugoslav Republic of Macedonia", "MK"),
    ("Turkey", "TR"),
    ("Netherlands", "NL"),
    ("Bolivia", "BO"),
    ("Moldova", "MD"),
    ("Cape Verde", "CV"),
    ("Libyan Arab Jamahiriya", "LY"),
    ("Brunei Darussalam", "BN"),
    ("Guinea-Bissau", "GW"),
    ("Timor-Leste", "TL"),
    ("Sao Tome and Principe", "ST"),
    ("Gambia", "GM"),
    ("Serbia", "RS"),
    ("Montenegro", "ME"),
    ("South Sudan", "SS"),
    ("British Virgin Islands", "VG"),
    ("Hong Kong", "HK"),
    ("Turks and Caicos Islands", "TC"),
]

COMMON_NAMES = [
    ("US", "US"),
    ("USA", "US"),
    ("U.S.", "US"),
    ("U.S.A.", "US"),
    ("America", "US"),
    ("United States", "US"),
    ("UK", "GB"),
    ("U.K.", "GB"),
    ("Britain", "GB"),
    ("Great Britain", "GB"),
    ("United Kingdom", "GB"),
    ("Russia", "RU"),
    ("Россия", "RU"),
    ("Российская Федерация", "RU"),
    ("USSR", "SUHH"),
    ("Soviet Union", "SUHH"),
    ("СССР", "SUHH"),
    ("North Korea", "KP"),
    ("DPRK", "KP"),
    ("South Korea", "KR"),
    ("Iran", "IR"),
    ("Syria", "SY"),
    ("Vietnam", "VN"),
    ("Laos", "LA"),
    ("Tanzania", "TZ"),
    ("Venezuela", "VE"),
    ("Ivory Coast", "CI"),
    ("Macedonia", "MK"),
    ("FYROM", "MK"),
    ("Burma", "MM"),
    ("Holland", "NL"),
    ("Vatican", "VA"),
    ("Vatican City State", "VA"),
    ("Micronesia", "FM"),
    ("Palestine", "PS"),
    ("Taiwan", "TW"),
    ("Zaire", "CD"),
    ("DRC", "CD"),
    ("Congo-Brazzaville", "CG"),
    ("Republic of the Congo", "CG"),
    ("East Timor", "TL"),
    ("Upper Volta", "BF"),
    ("Dahomey", "BJ"),
    ("Byelorussian Soviet Socialist Republic", "BY"),
    ("Ukrainian SSR", "UA"),
    ("West Germany", "DE"),
    ("Federal Republic of Germany", "DE"),
]

CODES = [
    ("RU", "RU"),
    ("rus", "RU"),
    ("GBR", "GB"),
    ("cd", "CD"),
    ("COG", "CG"),
    ("ST", "ST"),
    ("SU", "SUHH"),
    ("SUN", "SUHH"),
    ("SUHH", "SUHH"),
    ("YU", "YUCS"),
    ("YUG", "YUCS"),
    ("CS", "CSHH"),  # held by Serbia and Montenegro later, but Czechoslovakia's first
    ("CSK", "CSHH"),
    ("CSHH", "CSHH"),
    ("SCG", "CSXX"),
    ("DD", "DDDE"),
    ("DDR", "DDDE"),
    ("ZR", "CD"),
]

HISTORICAL_NAMES = [
    ("Union of Soviet Socialist Republics", "SUHH"),
    ("Yugoslavia", "YUCS"),
    ("Socialist Federal Republic of Yugoslavia", "YUCS"),
    ("SFRY", "YUCS"),
    ("Federal Republic of Yugoslavia", "CSXX"),
    ("Serbia and Montenegro", "CSXX"),
    ("Czechoslovakia", "CSHH"),
    ("German Democratic Republic", "DDDE"),
    ("East Germany", "DDDE"),
    ("Democratic Yemen", "YDYE"),
]

# Matching ignores case, accents, punctuation, spacing, a leading "the" and "St." for "Saint".
RESPELLED = [
    ("COTE D’IVOIRE", "CI"),
    ("cote divoire", "CI"),
    ("Turkiye", "TR"),
    ("  russian   federation ", "RU"),
    ("Russian-Federation.", "RU"),
    ("St Kitts & Nevis", "KN"),
    ("the Gambia", "GM"),
    ("The Netherlands", "NL"),
    ("netherlands, kingdom of the", "NL"),
    ("Korea, Republic of", "KR"),
    ("Congo, The Democratic Republic of the", "CD"),
    ("ＵＳＡ", "US"),  # fullwidth letters, folded by NFKC
    ("российская федерация", "RU"),
]


@pytest.mark.parametrize(
    ("text", "code"),
    UN_TREATY_COLLECTION
    + UN_TREATY_COLLECTION_2010S
    + COMMON_NAMES
    + CODES
    + HISTORICAL_NAMES
    + RESPELLED,
)
def test_resolves(text: str, code: str) -> None:
    state = resolve_state(text)
    assert state is not None, text
    assert state.code == code
    assert resolve_state_or_error(text) is state


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("US", "United States of America"),
        ("RU", "Russian Federation"),
        ("GB", "United Kingdom of Great Britain and Northern Ireland"),
        ("BO", "Bolivia (Plurinational State of)"),
        ("KR", "Republic of Korea"),
        ("CD", "Democratic Republic of the Congo"),
        ("CG", "Congo"),
        ("VA", "Holy See"),
        ("TR", "Türkiye"),
        ("VG", "British Virgin Islands"),
        ("TW", "Taiwan"),
        ("SUHH", "Union of Soviet Socialist Republics"),
    ],
)
def test_names_are_the_uns(code: str, name: str) -> None:
    """A state is shown as the UN names it, not in ISO's inverted form."""
    state = resolve_state(code)
    assert state is not None
    assert state.name == name


def test_every_state_resolves_by_its_name_and_code() -> None:
    states = all_states()
    assert len(states) > 250  # every ISO 3166-1 entry and the historical states
    for state in states:
        assert resolve_state(state.name) is state
        assert resolve_state(state.code) is state
        assert resolve_state(state.code.lower()) is state


def test_all_states_in_order_of_name_with_unique_codes_and_names() -> None:
    states = all_states()
    assert len({s.code for s in states}) == len(states)
    assert len({s.name.casefold() for s in states}) == len(states)
    names = [s.name for s in states]
    assert names.index("Afghanistan") < names.index("Åland Islands") < names.index("Albania")
    assert isinstance(states[0], State)


def _respell(draw: st.DrawFn, name: str) -> str:
    """The name as someone might type it: any case, accents dropped, other spacing."""
    if draw(st.booleans()):
        name = "".join(
            ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch)
        )
    name = "".join(ch.upper() if draw(st.booleans()) else ch.lower() for ch in name)
    separator = draw(st.sampled_from([" ", "  ", "\t", " - ", ". "]))
    return draw(st.sampled_from(["", " "])) + separator.join(name.split()) + " "


@st.composite
def respelled_states(draw: st.DrawFn) -> tuple[State, str]:
    state = draw(st.sampled_from(all_states()))
    return state, _respell(draw, state.name)


@given(respelled_states())
def test_respelled_names_resolve(case: tuple[State, str]) -> None:
    state, text = case
    assert resolve_state(text) == state


@given(st.sampled_from(all_states()))
def test_codes_and_names_resolve_to_the_state(state: State) -> None:
    assert resolve_state(state.name) == state
    assert resolve_state(state.code) == state


# --- Historical states --------------------------------------------------------------------------


def _state(text: str) -> State:
    return resolve_state_or_error(text)


def test_ussr_continued_by_russia_succeeded_by_fifteen() -> None:
    ussr = _state("USSR")
    assert ussr.code == "SUHH"
    assert ussr.historical
    assert ussr.continued_by == "RU"
    successors = {_state(code).name for code in ussr.succeeded_by}
    assert len(successors) == 15
    assert {"Russian Federation", "Ukraine", "Belarus", "Kazakhstan", "Estonia"} <= successors
    russia = _state("Russia")
    assert russia.continues == "SUHH"
    assert russia.succeeds == ("SUHH",)
    assert not russia.historical
    assert _state("Ukraine").continues is None
    assert _state("Ukraine").succeeds == ("SUHH",)


def test_czechoslovakia_dissolved_without_a_continuator() -> None:
    czechoslovakia = _state("Czechoslovakia")
    assert czechoslovakia.continued_by is None
    assert czechoslovakia.succeeded_by == ("CZ", "SK")
    assert _state("Czechia").succeeds == ("CSHH",)
    assert _state("Slovakia").continues is None


def test_yugoslavia_and_serbia_and_montenegro() -> None:
    sfry = _state("Yugoslavia")
    assert sfry.continued_by is None  # the FRY's claim to continue it was not accepted
    assert {_state(code).name for code in sfry.succeeded_by} == {
        "Bosnia and Herzegovina",
        "Croatia",
        "North Macedonia",
        "Slovenia",
        "Serbia and Montenegro",
    }
    serbia_and_montenegro = _state("Serbia and Montenegro")
    assert serbia_and_montenegro.historical
    assert serbia_and_montenegro.succeeds == ("YUCS",)
    assert serbia_and_montenegro.continued_by == "RS"
    assert _state("Serbia").continues == "CSXX"
    assert _state("Montenegro").succeeds == ("CSXX",)


def test_gdr_succeeded_by_germany() -> None:
    gdr = _state("GDR")
    assert (gdr.code, gdr.continued_by, gdr.succeeded_by) == ("DDDE", None, ("DE",))
    assert _state("Germany").succeeds == ("DDDE",)


def test_relations_name_existing_states_both_ways() -> None:
    """Every code in a relation resolves, and each relation has its reverse."""
    for state in all_states():
        for successor in state.succeeded_by:
            assert state.code in _state(successor).succeeds
        if state.continued_by:
            assert state.continued_by in state.succeeded_by
            assert _state(state.continued_by).continues == state.code
        for predecessor in state.succeeds:
            assert state.code in _state(predecessor).succeeded_by
        if state.continues:
            assert _state(state.continues).continued_by == state.code
        assert state.historical == bool(state.succeeded_by)


def test_a_renamed_state_is_the_same_state() -> None:
    assert _state("Burma") is _state("Myanmar")
    assert _state("Zaire") is _state("Democratic Republic of the Congo")
    assert not _state("Burma").historical


# --- Ambiguous and unknown names ----------------------------------------------------------------


def test_congo_alone_is_the_republic_of_the_congo() -> None:
    """The UN's "Congo" is the Republic; ISO's "Congo, The Democratic Republic of the" does not
    make it ambiguous."""
    assert _state("Congo").code == "CG"
    assert _state("congo").code == "CG"
    assert _state("Congo, The Democratic Republic of the").code == "CD"


# A name that fits several states is refused naming them, never resolved to one silently.
AMBIGUOUS = [
    (
        "Korea",
        "ambiguous state 'Korea': Democratic People's Republic of Korea or Republic of Korea",
    ),
    (
        "virgin islands",
        "ambiguous state 'virgin islands': British Virgin Islands or Virgin Islands of the "
        "United States",
    ),
]

# An unknown name is refused with the closest names, those beginning with it first.
UNKNOWN = [
    (
        "Untied States",
        "unknown state 'Untied States' (closest: United States of America, Mexico, "
        "United Arab Emirates)",
    ),
    (
        "Germny",
        "unknown state 'Germny' (closest: Germany, Guernsey, German Democratic Republic)",
    ),
    (
        "Bosnia",
        "unknown state 'Bosnia' (closest: Bosnia and Herzegovina, Romania, Estonia)",
    ),
    ("xyzzy", "unknown state 'xyzzy'"),
    ("", "unknown state '': give a name or an ISO 3166 code"),
    ("...", "unknown state '...': give a name or an ISO 3166 code"),
    (
        "Saint",
        "unknown state 'Saint' (closest: Saint Lucia, Saint Martin (French part), "
        "Saint Helena, Ascension and Tristan da Cunha)",
    ),
    ("European Union", "unknown state 'European Union' (closest: Réunion)"),
]


@pytest.mark.parametrize(("text", "message"), AMBIGUOUS + UNKNOWN)
def test_ambiguous_and_unknown_names_are_refused(text: str, message: str) -> None:
    assert resolve_state(text) is None
    with pytest.raises(ValueError) as raised:
        resolve_state_or_error(text)
    assert str(raised.value) == message


def test_the_message_shows_hostile_text_escaped_and_short() -> None:
    with pytest.raises(ValueError) as raised:
        resolve_state_or_error("Evil\x1b[31m\u202eland" + "x" * 500)
    message = str(raised.value)
    assert "\x1b" not in message
    assert "\u202e" not in message
    assert len(message) < 200


def test_suggest_limits_and_orders() -> None:
    assert suggest("Rusia", 1) == ["Russian Federation"]
    assert suggest("Guinea B") == ["Guinea-Bissau", "Guinea", "Gibraltar"]
    assert len(suggest("Saint", 10)) == 10
    assert suggest("") == []
    assert suggest("qqqqqq") == []


# --- Cost ---------------------------------------------------------------------------------------


def test_importing_the_module_does_not_load_the_iso_data() -> None:
    """The ISO data is loaded on the first look-up, so commands that never ask about parties
    do not pay for it."""
    code = (
        "import sys\n"
        "import treatycli.model.states as states\n"
        "assert 'pycountry' not in sys.modules, 'pycountry imported eagerly'\n"
        "assert states.resolve_state('Russia').code == 'RU'\n"
        "assert 'pycountry' in sys.modules\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_the_index_is_built_once() -> None:
    assert resolve_state("France") is resolve_state("FR")


def test_only_the_known_names_are_ambiguous() -> None:
    """A new pycountry release that makes another name fit two states fails here first."""
    from treatycli.model.states import _index

    ambiguous = sorted(key for key, codes in _index().keys.items() if len(codes) > 1)
    assert ambiguous == ["korea", "virginislands"]
