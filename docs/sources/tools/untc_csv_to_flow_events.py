"""Turn a scraped UN Treaty Collection status table (CSV) into dataset v2 party events.

Why this exists: the UN Treaty Collection (UNTC) status pages of chapter XXVI list, for each
state, the day it signed and the day it deposited its instrument (ratification, acceptance
"A", approval "AA", accession "a", succession "d") and, for some treaties, a declaration of
provisional application ("n"). The public repository ``zmjones/untreaties`` holds scrapes of
those tables (``treaties/26-*.csv``, last changed July 2014 for chapter XXVI). It has no
licence, so the dataset cites the UNTC status page itself; this script only turns the rows
into YAML events so that no date is retyped by hand. Output goes to stdout, one flow-style
event per line, ready to paste under ``events:``; check a few rows by hand against the CSV.

Usage:
    python untc_csv_to_flow_events.py CSV UNTC_URL "TREATY TITLE" "AS OF" > events.yaml

Names: the UNTC rows use the names of 2014; states renamed since are written with the name
the UNTC uses today (RENAMED below), so that the party list reads as the depositary's does now.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys

RENAMED = {
    "Swaziland": "Eswatini",
    "The former Yugoslav Republic of Macedonia": "North Macedonia",
    "Turkey": "Türkiye",
    "Czech Republic": "Czechia",
    "St. Kitts and Nevis": "Saint Kitts and Nevis",
    "St. Lucia": "Saint Lucia",
    "St. Vincent and the Grenadines": "Saint Vincent and the Grenadines",
}
"""2014 UNTC spelling -> the UNTC spelling of today (renames announced to the depositary)."""

KINDS = {
    "": ("ratified", None, "ratification"),
    "A": ("ratified", "acceptance", "acceptance"),
    "AA": ("ratified", "approval", "approval"),
    "a": ("acceded", None, "accession"),
    "d": ("succeeded", None, "succession"),
}
"""UNTC suffix -> (event type, ``instrument`` field, word used in the source title)."""


def _day(text: str) -> tuple[str, str]:
    """'29 Jun 1998 AA' -> ('1998-06-29', 'AA')."""
    parts = text.split()
    suffix = parts[3] if len(parts) > 3 else ""
    date = dt.datetime.strptime(" ".join(parts[:3]), "%d %b %Y").date()
    return date.isoformat(), suffix


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def events(rows: list[dict[str, str]], url: str, title: str, as_of: str) -> list[str]:
    out: list[str] = []
    for row in rows:
        name = row["Participant"].strip()
        party = RENAMED.get(name, name)
        cells = {k: (v or "").strip() for k, v in row.items() if k != "Participant"}
        sig_key = next(k for k in cells if k.startswith("Signature"))
        prov_key = next((k for k in cells if k.startswith("Provisional")), None)
        dep_key = [k for k in cells if k not in {sig_key, prov_key}][-1]
        where = f"{title}, status as of {as_of}: {name}"

        def source(what: str, where: str = where) -> str:
            publisher = "United Nations Treaty Collection (the Secretary-General, depositary)"
            return (
                "{kind: official, "
                f"title: {_q(f'{where}, {what}')}, "
                f"publisher: {_q(publisher)}, "
                f"url: {_q(url)}}}"
            )

        if cells[sig_key]:
            day, _ = _day(cells[sig_key])
            out.append(
                f"- {{type: signed, date: {day}, party: {_q(party)}, "
                f"source: {source('signature ' + cells[sig_key])}}}"
            )
        if prov_key and cells[prov_key]:
            day, _ = _day(cells[prov_key])
            out.append(
                f"- {{type: provisionally_applied, date: {day}, party: {_q(party)}, "
                f"source: {source('provisional application ' + cells[prov_key])}}}"
            )
        if cells[dep_key]:
            day, suffix = _day(cells[dep_key])
            kind, instrument, word = KINDS[suffix]
            extra = f", instrument: {instrument}" if instrument else ""
            out.append(
                f"- {{type: {kind}, date: {day}, party: {_q(party)}{extra}, "
                f"source: {source(word + ' ' + cells[dep_key])}}}"
            )
    return out


def main() -> None:
    path, url, title, as_of = sys.argv[1:5]
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for line in events(rows, url, title, as_of):
        print(line)


if __name__ == "__main__":
    main()
