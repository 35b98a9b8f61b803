"""States as treaty parties: one canonical identity per state, whatever name it is given.

A treaty record may say "USA", "United States of America" or "U.S."; the UN Treaty Collection
says "Bolivia (Plurinational State of)" where ISO says "Bolivia, Plurinational State of"; a
party may be a state that no longer exists (the USSR). Rules that compare parties need one
identity for all of these, so every spelling resolves to a :class:`State` here.

Codes, one convention:

- a current state (or other ISO 3166-1 entity: Cook Islands, Niue, Hong Kong...) is its
  ISO 3166-1 alpha-2 code: "US", "RU";
- a historical state is its ISO 3166-3 four-letter code: "SUHH" (USSR), "YUCS" (SFRY), "CSHH"
  (Czechoslovakia), "CSXX" (Serbia and Montenegro), "DDDE" (GDR), "YDYE" (Democratic Yemen).
  The four-letter codes are unique where the former two-letter ones are not: "CS" was both
  Czechoslovakia and Serbia and Montenegro, and "BY", "SK" and "GE" were reused for current
  states. The former codes (SU, SUN, YU, YUG, CS, CSK, DD, DDR...) still resolve; a code held
  twice means its first holder, so "CS" is Czechoslovakia (as docs/data-format-v2.md writes
  it) and Serbia and Montenegro is "SCG" or "CSXX".

The ISO data (codes, ISO names, renamed states' former names) comes from pycountry, imported
only when a state is first resolved, so importing this module costs nothing. What pycountry
does not hold is kept here, small and explained: the UN's own short names where they differ
from ISO's, the succession of the historical states, and a few common names.

Matching ignores case, accents, punctuation, spacing, a leading "the" and "St." for "Saint".
Names derived from ISO's inverted forms ("Korea, Republic of" gives "Korea") never win over a
name given as such ("Congo" is the Republic of the Congo, as the UN uses it); when a derived
name fits two states ("Korea") it is ambiguous and resolves to nothing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache

__all__ = [
    "Ceased",
    "State",
    "all_states",
    "resolve_state",
    "resolve_state_or_error",
    "suggest",
]


@dataclass(frozen=True, slots=True)
class Ceased:
    """The day a historical state ceased to exist, and the authority that says so.

    ``on`` is the first day it no longer existed (as a treaty's expiry is the first day it is no
    longer in force): from that day it is party to nothing, and a continuator or the successors
    answer for what it left. Each day carries its own source, because the day is a fact a
    reader must be able to check, and the authorities do not all date an end alike.
    """

    on: date
    title: str
    publisher: str
    url: str
    note: str | None = None


@dataclass(frozen=True, slots=True)
class State:
    """One state (or ISO 3166-1 entity) that can be a party to a treaty.

    Relations name other states by code (each resolves with :func:`resolve_state`): a state
    refers to its successors and they back to it, which object references could not do in a
    frozen value without a cycle.

    ``succeeded_by`` lists every state formed on the territory when a historical state ended,
    the continuator included; it records history, not treaty succession: whether a successor is
    bound by a treaty is a fact recorded for that treaty (a succession), never inferred here.
    """

    code: str
    name: str
    historical: bool = False
    continued_by: str | None = None
    """The state that continues this one's international personality (USSR: RU)."""
    succeeded_by: tuple[str, ...] = ()
    continues: str | None = None
    """The historical state this one continues (RU: SUHH)."""
    succeeds: tuple[str, ...] = ()
    """The historical states this one is among the successors of (CZ: CSHH)."""
    ceased: Ceased | None = None
    """For a historical state, the day it ceased to exist (with its source)."""

    def __str__(self) -> str:
        return self.name


# --- What pycountry does not hold -------------------------------------------------------------

# The UN's short names (as the UN Treaty Collection lists participants) where they differ from
# ISO's short name. For every other state ISO's name is the UN's.
_UN_NAMES: dict[str, str] = {
    "BO": "Bolivia (Plurinational State of)",
    "CD": "Democratic Republic of the Congo",
    "FM": "Micronesia (Federated States of)",
    "GB": "United Kingdom of Great Britain and Northern Ireland",
    "IR": "Iran (Islamic Republic of)",
    "KP": "Democratic People's Republic of Korea",
    "KR": "Republic of Korea",
    "MD": "Republic of Moldova",
    "NL": "Netherlands (Kingdom of the)",
    "PS": "State of Palestine",
    "TZ": "United Republic of Tanzania",
    "US": "United States of America",
    "VA": "Holy See",
    "VE": "Venezuela (Bolivarian Republic of)",
}


@dataclass(frozen=True, slots=True)
class _Historical:
    """A state that has ceased to exist, with what ISO 3166-3 does not say about it."""

    name: str
    succeeded_by: tuple[str, ...]
    ceased: Ceased
    continued_by: str | None = None
    aliases: tuple[str, ...] = field(default=())


# Historical states that were parties in their own right and ended, keyed by ISO 3166-3 code.
# Other ISO 3166-3 entries are territories (not parties) or renamed states (below).
_HISTORICAL: dict[str, _Historical] = {
    "SUHH": _Historical(
        "Union of Soviet Socialist Republics",
        # The fifteen states on its territory in 1991. Estonia, Latvia and Lithuania hold
        # that they restored their pre-1940 statehood rather than succeeded the USSR.
        ("AM", "AZ", "BY", "EE", "GE", "KG", "KZ", "LT", "LV", "MD", "RU", "TJ", "TM", "UA", "UZ"),
        Ceased(
            date(1991, 12, 26),
            "Member States: Russian Federation",
            "United Nations",
            "https://www.un.org/en/about-us/member-states/russian-federation",
            "The President of the Russian Federation informed the Secretary-General by letter "
            "of 24 December 1991 that the USSR's membership was being continued by the "
            "Russian Federation. The day recorded is that of the declaration of the Soviet of "
            "the Republics of the Supreme Soviet of the USSR (No. 142-N, 26 December 1991) "
            "that the USSR ceased to exist as a state and subject of international law; its "
            "President resigned on 25 December 1991.",
        ),
        continued_by="RU",
        aliases=("Soviet Union", "СССР", "Советский Союз"),  # noqa: RUF001 (Cyrillic)
    ),
    "YUCS": _Historical(
        "Socialist Federal Republic of Yugoslavia",
        # No continuator: the Federal Republic of Yugoslavia's claim was not accepted
        # (Security Council resolution 777 (1992)); it was admitted to the UN anew in 2000.
        ("BA", "HR", "MK", "SI", "CSXX"),
        Ceased(
            date(1992, 4, 27),
            "Security Council resolution 777 (1992), S/RES/777 (1992)",
            "United Nations Security Council",
            "https://undocs.org/S/RES/777(1992)",
            "The Council considered that the state formerly known as the SFRY 'has ceased to "
            "exist'; it names no day. The day recorded is 27 April 1992, when its remaining "
            "republics proclaimed the Federal Republic of Yugoslavia: a judgement, since the "
            "dissolution was gradual, and no document giving that day was read for this "
            "table (to be verified).",
        ),
        aliases=("SFRY",),
    ),
    "CSXX": _Historical(
        # The Federal Republic of Yugoslavia (1992-2003), renamed in 2003.
        "Serbia and Montenegro",
        ("ME", "RS"),
        Ceased(
            date(2006, 6, 3),
            "Member States: Serbia",
            "United Nations",
            "https://www.un.org/en/about-us/member-states/serbia",
            "Following Montenegro's declaration of independence on 3 June 2006, the President "
            "of the Republic of Serbia informed the Secretary-General that the membership of "
            "Serbia and Montenegro was being continued by the Republic of Serbia.",
        ),
        continued_by="RS",
        aliases=("Federal Republic of Yugoslavia", "FRY"),
    ),
    "CSHH": _Historical(
        "Czechoslovakia",
        ("CZ", "SK"),
        Ceased(
            date(1993, 1, 1),
            "Member States: Czechia",
            "United Nations",
            "https://www.un.org/en/about-us/member-states/czechia",
            "By letter of 10 December 1992 its Permanent Representative informed the "
            "Secretary-General that the Czech and Slovak Federal Republic would cease to exist "
            "on 31 December 1992 (its last day), the Czech Republic and the Slovak Republic "
            "succeeding it from 1 January 1993.",
        ),
        aliases=("Czech and Slovak Federal Republic",),
    ),
    "DDDE": _Historical(
        "German Democratic Republic",
        ("DE",),
        Ceased(
            date(1990, 10, 3),
            "Member States: Germany",
            "United Nations",
            "https://www.un.org/en/about-us/member-states/germany",
            "Through the accession of the German Democratic Republic to the Federal Republic "
            "of Germany, effective from 3 October 1990, the two German states united to form "
            "one sovereign state (the UN's words, read in a copy of its member-states list, "
            "nationsencyclopedia.com/United-Nations/Membership.html).",
        ),
        aliases=("East Germany", "GDR"),
    ),
    "YDYE": _Historical(
        "Democratic Yemen",
        ("YE",),
        Ceased(
            date(1990, 5, 22),
            "Member States: Yemen",
            "United Nations",
            "https://www.un.org/en/about-us/member-states/yemen",
            "On 22 May 1990 Yemen and Democratic Yemen merged into one state, as reference "
            "works give the day (PBS Global Connections timeline; Wikipedia, 'Yemeni "
            "unification'); the UN's own page was not read for this table (to be verified).",
        ),
        aliases=("South Yemen", "People's Democratic Republic of Yemen"),
    ),
}

# ISO 3166-3 entries for states that were only renamed: the same state, so their former names
# and codes resolve to the current state.
_RENAMED: dict[str, str] = {
    "BUMM": "MM",  # Burma
    "BYAA": "BY",  # Byelorussian SSR
    "DYBJ": "BJ",  # Dahomey
    "HVBF": "BF",  # Upper Volta
    "TPTL": "TL",  # East Timor
    "VDVN": "VN",  # Democratic Republic of Viet-Nam
    "ZRCD": "CD",  # Zaire
}

# Names in common use that pycountry lacks: colloquial names, former names that ISO does not
# record (a renamed state keeps its code), and the Russian names a Russian source would use.
_ALIASES: dict[str, tuple[str, ...]] = {
    "US": ("America",),  # "US", "USA" and "U.S." are its codes
    "GB": ("UK", "Britain", "Great Britain"),  # UK is reserved by ISO, not assigned
    "RU": ("Russia", "Россия", "Российская Федерация"),
    "KP": ("DPRK",),
    "TR": ("Turkey",),  # renamed Türkiye in 2022
    "CI": ("Ivory Coast",),
    "SZ": ("Swaziland",),  # renamed Eswatini in 2018
    "CV": ("Cape Verde",),  # renamed Cabo Verde in 2013
    "MK": ("Macedonia", "FYROM", "The former Yugoslav Republic of Macedonia"),  # until 2019
    "LY": ("Libyan Arab Jamahiriya",),  # the UN's name until 2011
    "NL": ("Holland",),
    "VA": ("Vatican", "Vatican City"),
    "CD": ("DRC", "DR Congo", "Congo-Kinshasa"),
    "CG": ("Congo-Brazzaville",),
    "DE": ("West Germany",),  # the Federal Republic, which the GDR acceded to in 1990
    "BY": ("Byelorussian Soviet Socialist Republic", "Byelorussian SSR", "Byelorussia"),
    "UA": ("Ukrainian Soviet Socialist Republic", "Ukrainian SSR"),
    # The Yemen Arab Republic's treaty actions are listed under Yemen, which kept its code.
    "YE": ("Yemen Arab Republic", "North Yemen"),
}


# --- Matching -----------------------------------------------------------------------------------

_WORD = re.compile(r"[^\W_]+")


def _key(text: str) -> str:
    """The form two spellings of one name share: folded case, accents, punctuation, spacing."""
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
    plain = "".join(ch for ch in folded if not unicodedata.combining(ch)).replace("&", " and ")
    words = _WORD.findall(plain)
    if words[:1] == ["the"]:
        words = words[1:]
    if len(words) > 1:  # "St Lucia", but "ST" alone is Sao Tome and Principe's code
        words = ["saint" if word == "st" else word for word in words]
    return "".join(words)


def _variants(name: str) -> Iterator[str]:
    """Names implied by ISO's and the UN's inverted forms, which people write the other way.

    "Korea, Republic of" gives "Korea" and "Republic of Korea"; "Bolivia (Plurinational State
    of)" gives "Bolivia" and "Plurinational State of Bolivia"; "Holy See (Vatican City State)"
    gives both halves.
    """
    if match := re.fullmatch(r"(.+?)\s*\((.+)\)", name):
        head, inner = match.groups()
        yield head
        yield f"{inner} {head}" if re.search(r"\bof( the)?$", inner) else inner
    elif "," in name:
        head, tail = (part.strip() for part in name.split(",", 1))
        yield head
        yield f"{tail} {head}"


# A name given as such outranks one derived from an inverted form, and a current code outranks
# a renamed state's former code.
_GIVEN, _DERIVED = 0, 1


@dataclass(frozen=True, slots=True)
class _Index:
    states: dict[str, State]
    """Every state by code, in order of name."""
    keys: dict[str, frozenset[str]]
    """Every matching key to the codes it names (more than one: ambiguous)."""


class _IndexBuilder:
    def __init__(self) -> None:
        self.keys: dict[str, tuple[int, set[str]]] = {}

    def add(self, code: str, names: Iterable[str | None], rank: int = _GIVEN) -> None:
        for name in names:
            if not name:
                continue
            self._add_key(_key(name), code, rank)
            for variant in _variants(name):
                self._add_key(_key(variant), code, _DERIVED)

    def _add_key(self, key: str, code: str, rank: int) -> None:
        if not key:
            return
        held = self.keys.get(key)
        if held is None or rank < held[0]:
            self.keys[key] = (rank, {code})
        elif rank == held[0]:
            held[1].add(code)


@cache
def _index() -> _Index:
    """Every state and every name for it, built from pycountry on first use."""
    import pycountry  # deferred: only a question about parties pays for the ISO data

    builder = _IndexBuilder()
    current: dict[str, State] = {}
    for country in pycountry.countries:
        code = country.alpha_2
        iso_name = country.name
        if code in _UN_NAMES:
            name = _UN_NAMES[code]
        elif "," in iso_name:
            # ISO's inverted form ("Virgin Islands, British") reads badly in a list of parties.
            name = (
                getattr(country, "common_name", None)
                or getattr(country, "official_name", None)
                or iso_name
            )
        else:
            name = iso_name
        current[code] = State(code=code, name=name)
        builder.add(
            code,
            (
                code,
                country.alpha_3,
                name,
                iso_name,
                getattr(country, "official_name", None),
                getattr(country, "common_name", None),
                *_ALIASES.get(code, ()),
            ),
        )

    historical: dict[str, State] = {}
    held_codes: set[str] = set()
    for former in sorted(pycountry.historic_countries, key=lambda c: c.withdrawal_date):
        code4 = former.alpha_4
        if code4 in _RENAMED:
            builder.add(_RENAMED[code4], (code4, former.name))
            builder.add(_RENAMED[code4], (former.alpha_2, former.alpha_3), rank=_DERIVED)
        elif code4 in _HISTORICAL:
            facts = _HISTORICAL[code4]
            # A former code held twice means its first holder (CS: Czechoslovakia).
            reused = former.alpha_2 in held_codes
            held_codes.add(former.alpha_2)
            builder.add(code4, (former.alpha_2,), rank=_DERIVED if reused else _GIVEN)
            historical[code4] = State(
                code=code4,
                name=facts.name,
                historical=True,
                continued_by=facts.continued_by,
                succeeded_by=facts.succeeded_by,
                ceased=facts.ceased,
            )
            builder.add(
                code4,
                (code4, former.alpha_3, former.name, facts.name, *facts.aliases),
            )

    states = {**current, **historical}
    for code, state in historical.items():
        for successor in state.succeeded_by:
            later = states[successor]
            states[successor] = replace(
                later,
                succeeds=(*later.succeeds, code),
                continues=code if state.continued_by == successor else later.continues,
            )
    return _Index(
        states={s.code: s for s in sorted(states.values(), key=lambda s: _key(s.name))},
        keys={key: frozenset(codes) for key, (_, codes) in builder.keys.items()},
    )


# --- Public functions -----------------------------------------------------------------------


def all_states() -> tuple[State, ...]:
    """Every state, current and historical, in order of name (for completion and listings)."""
    return tuple(_index().states.values())


def _matches(text: str) -> frozenset[str]:
    return _index().keys.get(_key(text), frozenset())


def resolve_state(text: str) -> State | None:
    """The state that ``text`` names (a code, name or common name), or None if none or several."""
    codes = _matches(text)
    if len(codes) != 1:
        return None
    (code,) = codes
    return _index().states[code]


def resolve_state_or_error(text: str) -> State:
    """The state that ``text`` names; a ValueError that says what was meant otherwise."""
    if state := resolve_state(text):
        return state
    shown = text if len(text) <= 60 else text[:60] + "…"
    codes = _matches(text)
    if codes:
        names = sorted(_index().states[code].name for code in codes)
        raise ValueError(f"ambiguous state {shown!r}: {' or '.join(names)}")
    if not _key(text):
        raise ValueError(f"unknown state {shown!r}: give a name or an ISO 3166 code")
    close = suggest(text)
    hint = f" (closest: {', '.join(close)})" if close else ""
    raise ValueError(f"unknown state {shown!r}{hint}")


def suggest(text: str, n: int = 3) -> list[str]:
    """The names of the (at most ``n``) states whose names are closest to ``text``.

    Names that begin with what was typed come first ("Bosnia": Bosnia and Herzegovina), then
    those most alike by difflib's ratio ("Untied States": United States of America).
    """
    from difflib import get_close_matches  # only a failed look-up needs it

    key = _key(text[:100])
    if not key:
        return []
    index = _index()
    unique = [k for k, codes in index.keys.items() if len(codes) == 1]
    started = sorted((k for k in unique if len(key) >= 3 and k.startswith(key)), key=len)
    alike = get_close_matches(key, unique, n=len(unique), cutoff=0.6)
    names: list[str] = []
    for match in (*started, *alike):
        (code,) = index.keys[match]
        name = index.states[code].name
        if name not in names:
            names.append(name)
    return names[:n]
