"""Generate a large, valid, varied treaty dataset for the benchmark.

    uv run python bench/generate.py N OUT.yaml [--seed S]

Why a generator rather than copies of the built-in file: a benchmark over ten thousand
copies of New START would measure one code path ten thousand times. These treaties mix every
shape the loader and the rules handle (bilateral and multilateral, each term type, bounded and
exact extensions, withdrawals, suspensions, recorded expiries), so parsing, validation and the
timeline all do the work a real large dataset would ask of them.

Every treaty is built to pass ``treaty validate``: dates follow the order the consistency
checks demand, a withdrawal takes effect exactly one notice period after its notice, and a
recorded expiry lies on the day the term and extensions give. Periods are counted with
:func:`treatycli.dates.add_duration`, the tool's own calendar arithmetic, so generator and
checker cannot disagree about the last day of February. The output depends only on N and the
seed, so a figure measured today can be reproduced on the same file tomorrow.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from treatycli.dates import add_duration

HORIZON = date(2024, 12, 31)
"""No generated event lies after this day, so the file's content does not depend on today."""

FIRST_SIGNING = date(1950, 1, 1)
LAST_SIGNING = date(2016, 12, 31)

STATES = [
    "Arcadia", "Borealia", "Caledonia", "Dalmatia", "Elbonia", "Freedonia", "Genovia",
    "Hyperborea", "Illyria", "Jotunheim", "Kalmar", "Latveria", "Moravia", "Novaria",
    "Ostrava", "Pannonia", "Qumran", "Ruritania", "Sylvania", "Thule", "Umbria", "Valdonia",
    "Westerlund", "Xanadu", "Yarrow", "Zembla", "Осетия Северная", "Лукомория",
]  # fmt: skip
SUBJECTS = [
    "Strategic Arms", "Fisheries", "Outer Space", "Seabed", "Chemical Weapons", "Border",
    "Nuclear Testing", "Missile Defence", "Conventional Forces", "Open Skies", "Antarctic",
    "Biological Weapons", "Cluster Munitions", "Landmines", "River Navigation", "Air Transport",
]  # fmt: skip
FORMS = ["Treaty", "Agreement", "Convention", "Accord", "Protocol", "Pact"]
CITIES = [
    "Geneva", "Vienna", "Helsinki", "Reykjavik", "Prague", "Moscow", "Washington",
    "New York", "Stockholm", "Oslo", "The Hague", "Lisbon", "Москва",
]  # fmt: skip
PUBLISHERS = [
    "United Nations Treaty Collection", "Depositary notification", "Ministry of Foreign Affairs",
    "Official Gazette", "Arms Control Association", "Congressional Research Service",
]  # fmt: skip
NOTICES = ["P3M", "P6M", "P1Y", "P90D", "P6M"]
LENGTHS = ["P5Y", "P10Y", "P10Y", "P15Y", "P20Y", "P25Y"]
TERM_TYPES = ["fixed_length", "fixed_end", "until_conference", "unlimited", "unspecified"]
TERM_WEIGHTS = [40, 15, 10, 20, 15]


_BaseDumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class PlainDumper(_BaseDumper):  # type: ignore[misc, valid-type]
    """Writes shared objects out in full: the loader refuses YAML anchors and aliases.

    Built on libyaml's emitter when PyYAML has it: the output is the same byte for byte as
    the pure-Python dumper's, and writing ten thousand treaties takes seconds, not a minute.
    """

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _day_between(rng: random.Random, start: date, end: date) -> date:
    """A day in [start, end]; ``start`` if the range is empty, so callers need no special case."""
    span = (end - start).days
    return start + timedelta(days=rng.randint(0, span)) if span > 0 else start


def _source(rng: random.Random, index: int, what: str) -> dict[str, Any]:
    """A placeholder citation shaped like a real one (title, publisher, mostly a URL), so the
    loader and the renderers handle as much text per event as they would on real data."""
    publisher = rng.choice(PUBLISHERS)
    source: dict[str, Any] = {
        "title": f"{publisher}: {what}, treaty no. {index}",
        "publisher": publisher,
    }
    if rng.random() < 0.85:
        source["url"] = f"https://treaties.example.org/{index}/{what.replace(' ', '-')}"
    return source


def _event(rng: random.Random, index: int, kind: str, on: date, **fields: Any) -> dict[str, Any]:
    """One recorded event; every event carries a source, as the data format requires."""
    event: dict[str, Any] = {"type": kind, "date": on, **fields}
    event["source"] = _source(rng, index, kind.replace("_", " "))
    return event


def _article(rng: random.Random) -> str:
    """Rules cite an article; derived timeline events print it, so it must be there."""
    number = rng.choice(["I", "V", "X", "XII", "XIV", "XV", "XVI"])
    return f"Article {number}, paragraph {rng.randint(1, 4)}"


class _Builder:
    """Builds one treaty's rules and events along a single life: signing, entry into force,
    extensions, then at most one ending, so the consistency checks hold by construction."""

    def __init__(self, rng: random.Random, index: int, earlier_ids: list[str]) -> None:
        self.rng = rng
        self.index = index
        self.earlier_ids = earlier_ids
        self.events: list[dict[str, Any]] = []

    def add(self, kind: str, on: date, **fields: Any) -> None:
        self.events.append(_event(self.rng, self.index, kind, on, **fields))

    def build(self) -> dict[str, Any]:
        rng, index = self.rng, self.index
        bilateral = rng.random() < 0.6
        subject = rng.choice(SUBJECTS)
        form = rng.choice(FORMS)
        parties = rng.sample(STATES, 2 if bilateral else rng.randint(3, 8))
        short_name = f"{subject} {form} {index}"
        acronym = "".join(word[0] for word in f"{subject} {form}".split()).upper()
        aliases = [f"{acronym}-{index}"]
        if rng.random() < 0.3:
            aliases.append(f"Договор {acronym} №{index}")
        if rng.random() < 0.3:
            aliases.append(f"{parties[0]}-{parties[1]} {subject} {form} of no. {index}")
        treaty: dict[str, Any] = {
            "id": f"t{index:06d}-{subject.lower().replace(' ', '-')}",
            "short_name": short_name,
            "full_name": f"{form} between {', '.join(parties)} on {subject} (no. {index})",
            "aliases": aliases,
            "kind": "bilateral" if bilateral else "multilateral",
            "parties": parties,
        }
        if not bilateral:
            treaty["depositaries"] = parties[:2]
        treaty["text"] = {
            "title": f"{short_name}, authentic text",
            "url": f"https://treaties.example.org/{index}/text",
        }
        if rng.random() < 0.4:
            treaty["notes"] = [
                f"Generated treaty {index} for the benchmark; its dates follow the rules "
                "by construction and its sources are placeholders."
            ]
        treaty["rules"], treaty["events"] = self._life(bilateral, parties)
        return treaty

    def _life(
        self, bilateral: bool, parties: list[str]
    ) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        rng = self.rng
        signed = _day_between(rng, FIRST_SIGNING, LAST_SIGNING)
        if bilateral:
            self.add("signed", signed, place=rng.choice(CITIES))
        else:
            if rng.random() < 0.5:
                self.add("adopted", signed - timedelta(days=rng.randint(10, 200)))
            self.add("opened_for_signature", signed, place=rng.choice(CITIES))
        term_type = rng.choices(TERM_TYPES, TERM_WEIGHTS)[0]
        article = _article(rng)
        term: dict[str, Any] = {"type": term_type}
        rules: dict[str, Any] = {"term": term}
        entry = signed + timedelta(days=rng.randint(30, 900))
        in_force = entry <= HORIZON and rng.random() < 0.93
        for party in parties[: rng.randint(1, 2) if not bilateral else 2]:
            self.add("ratified", _day_between(rng, signed, min(entry, HORIZON)), party=party)
        if not in_force:
            term.update(self._term_fields(term_type, signed, entry))
            term["article"] = article
            if bilateral and rng.random() < 0.5:
                self.add("declared_not_bound", _day_between(rng, signed, HORIZON), party=parties[1])
            self._statements(parties, signed, max(e["date"] for e in self.events))
            self.events.sort(key=lambda e: e["date"])
            return rules, self.events
        self.add("entered_into_force", entry)
        term.update(self._term_fields(term_type, signed, entry))
        term["article"] = article
        term["quote"] = f"This {rng.choice(FORMS)} shall remain in force as its {article} provides."
        end, last = self._extensions(rules, term_type, entry)
        withdrawal = {
            "notice": rng.choice(NOTICES),
            "article": _article(rng),
            "quote": "Each Party shall have the right to withdraw by written notice.",
        }
        if rng.random() < 0.2:
            withdrawal["earliest_notice_after_entry_into_force"] = "P1Y"
        if term_type in {"unlimited", "unspecified"} or rng.random() < 0.8:
            rules["withdrawal"] = withdrawal
        ended = self._withdrawal(rules, bilateral, parties, entry, last, end)
        supersede = bilateral and term_type == "unlimited" and bool(self.earlier_ids)
        if not ended and supersede and rng.random() < 0.15:
            on = _day_between(rng, last + timedelta(days=1), HORIZON)
            self.add("superseded", on, by=rng.choice(self.earlier_ids))
            ended = True
        if not ended and end is not None and end <= HORIZON and rng.random() < 0.8:
            self.add("expired", end)
        self._suspensions(parties, entry, last)
        self._statements(parties, signed, last)
        self.events.sort(key=lambda e: e["date"])
        return rules, self.events

    def _term_fields(self, term_type: str, signed: date, entry: date) -> dict[str, Any]:
        rng = self.rng
        if term_type in {"fixed_length", "until_conference"}:
            return {"length": "P25Y" if term_type == "until_conference" else rng.choice(LENGTHS)}
        if term_type == "fixed_end":
            return {
                "ends_on": max(entry, signed + timedelta(days=1))
                + timedelta(days=rng.randint(365 * 3, 365 * 20))
            }
        return {}

    def _extensions(
        self, rules: dict[str, Any], term_type: str, entry: date
    ) -> tuple[date | None, date]:
        """Add the extension rule and events; return (the final expiry or None, last day used)."""
        rng = self.rng
        term = rules["term"]
        last = entry
        if term_type == "until_conference":
            rules["extension"] = {
                "decided_by": "conference",
                "indefinite_allowed": True,
                "article": term["article"],
            }
            due = add_duration(entry, term["length"])
            if due > HORIZON:
                return None, last
            decided = due + timedelta(days=rng.randint(0, 60))
            if rng.random() < 0.7:
                self.add("extended", decided, indefinitely=True)
                return None, decided
            until = add_duration(decided, "P10Y")
            self.add("extended", decided, until=until)
            return until, decided
        if term_type == "fixed_length":
            end = add_duration(entry, term["length"])
        elif term_type == "fixed_end":
            end = term["ends_on"]
        else:
            return None, last
        if rng.random() < 0.25:
            return end, last
        exact = rng.random() < 0.4
        years = rng.randint(1, 5)
        extension: dict[str, Any] = {"decided_by": "agreement"}
        if exact:
            extension["period"] = f"P{years}Y"
            times = rng.choice([None, None, 2, 3])
        else:
            extension["max_period"] = f"P{years}Y"
            times = rng.choice([1, 1, 2])
        if times is not None:
            extension["times"] = times
        if rng.random() < 0.2:
            extension["consider_before"] = "P6M"
        extension["article"] = term["article"]
        rules["extension"] = extension
        count = 0
        while (times is None or count < times) and end <= HORIZON and rng.random() < 0.6:
            agreed = end - timedelta(days=rng.randint(1, 200))
            if agreed <= last:
                break
            step = f"P{years if exact else rng.randint(1, years)}Y"
            until = add_duration(end, step)
            self.add("extended", agreed, until=until)
            count += 1
            last, end = agreed, until
        return end, last

    def _withdrawal(
        self,
        rules: dict[str, Any],
        bilateral: bool,
        parties: list[str],
        entry: date,
        last: date,
        end: date | None,
    ) -> bool:
        """Maybe a notice and its effect, both before any expiry; True if the treaty ended."""
        rule = rules.get("withdrawal")
        rng = self.rng
        if rule is None or rng.random() < 0.6:
            return False
        earliest = last + timedelta(days=1)
        if "earliest_notice_after_entry_into_force" in rule:
            earliest = max(earliest, add_duration(entry, "P1Y"))
        latest = min(HORIZON, end - timedelta(days=400) if end else HORIZON)
        if latest <= earliest:
            return False
        notice = _day_between(rng, earliest, latest)
        party = rng.choice(parties)
        self.add("withdrawal_notice", notice, party=party)
        effect = add_duration(notice, rule["notice"])
        if effect <= HORIZON and rng.random() < 0.8:
            self.add("withdrawal_effective", effect, party=party)
        return bilateral

    def _suspensions(self, parties: list[str], entry: date, last: date) -> None:
        rng = self.rng
        if rng.random() < 0.8:
            return
        start = _day_between(rng, entry, max(entry, last))
        party = rng.choice(parties)
        self.add("suspended", start, party=party)
        if rng.random() < 0.5:
            self.add("suspension_lifted", _day_between(rng, start, max(start, last)), party=party)

    def _statements(self, parties: list[str], signed: date, last: date) -> None:
        """Pad to the five to eight events a real treaty's record typically holds."""
        rng = self.rng
        latest = max(e["date"] for e in self.events)
        target = rng.randint(5, 8)
        while len(self.events) < target:
            fields = {"party": rng.choice(parties)} if rng.random() < 0.6 else {}
            on = _day_between(rng, signed, min(latest, max(signed, last)))
            self.add("statement", on, note="A statement on the treaty's implementation.", **fields)


def treaties(count: int, seed: int = 0, first: int = 1) -> Iterator[dict[str, Any]]:
    """Treaties number ``first`` to ``first + count - 1``, one at a time, the same for the same
    arguments: a corpus of any size is written without holding it in memory whole."""
    rng = random.Random(seed)
    ids: list[str] = []
    for index in range(first, first + count):
        treaty = _Builder(rng, index, ids).build()
        ids.append(treaty["id"])
        yield treaty


def generate(count: int, seed: int = 0) -> dict[str, Any]:
    """The dataset document: ``count`` treaties, the same for the same (count, seed)."""
    return {"schema_version": 1, "treaties": list(treaties(count, seed))}


def write(document: dict[str, Any], path: Path) -> None:
    """Block style, no aliases, Unicode as is: the way a person would write the file."""
    text = yaml.dump(
        document,
        Dumper=PlainDumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, help="number of treaties")
    parser.add_argument("out", type=Path, help="the YAML file to write")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    args = parser.parse_args(argv)
    if args.count < 1:
        parser.error("N must be at least 1")
    write(generate(args.count, args.seed), args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
