"""Turn a UN Treaty Collection participant table (CSV) into dataset v2 party events.

Why this exists: the UN Treaty Collection (UNTC) status pages of the Secretary-General's
multilateral treaties give, per state, the day of signature and of ratification, accession (a),
succession (d), acceptance (A) or approval (AA). The public repository `zmjones/untreaties`
scraped those tables into CSV files (`treaties/<chapter>-<number>.csv`, as of March 2015).
That repository has no licence, so its files are not copied here: this script reads a CSV the
researcher saved locally (e.g. `git show HEAD:treaties/26-1.csv > /tmp/26-1.csv` in a fetched
copy), and writes YAML events that cite the UNTC status page itself. Every output was checked by
hand on a few states against the CSV; see docs/sources/<treaty>.md.

The scrape drops the UNTC footnotes (for instance that a signature was made by the USSR or by
Czechoslovakia, or the German Democratic Republic's own ratification), so the caller's notes must
say what the footnotes would add. Later changes (after March 2015) need their own sources and are
written by hand, not by this script.

Usage:
    python untc_csv_to_events.py CSV --chapter XXVI-1 --title "ENMOD Convention" \
        [--only "State A;State B"] [--as-of "March 2015"]
Prints a YAML fragment (a list of events, indented for `events:` of a treaty entry).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import re
import sys
from pathlib import Path

# UNTC spellings in the 2015 scrape that the UNTC has changed since; the states table
# (treatycli.model.states) resolves the UNTC spellings of today ("Bolivia (Plurinational State of)",
# "Holy See", "Republic of Korea", "Netherlands (Kingdom of the)", ...), which the dataset writes.
RENAMES = {
    "St. Lucia": "Saint Lucia",
    "St. Vincent and the Grenadines": "Saint Vincent and the Grenadines",
    "St. Kitts and Nevis": "Saint Kitts and Nevis",
}

# The letter after a date in the ratification column names the kind of instrument.
KINDS = {
    "": ("ratified", None),
    "a": ("acceded", None),
    "d": ("succeeded", None),
    "A": ("ratified", "acceptance"),
    "AA": ("ratified", "approval"),
}

WORDS = {
    "ratified": "ratification",
    "acceded": "accession",
    "succeeded": "succession",
    "signed": "signature",
}

DATE_RE = re.compile(r"^\s*(\d{1,2} [A-Z][a-z]{2} \d{4})\s*([a-zA-Z]{0,2})\s*$")


def parse_cell(cell: str) -> tuple[dt.date, str] | None:
    """A table cell such as '22 Oct 1985 a' as (date, suffix); None for an empty cell."""
    cell = cell.strip()
    if not cell:
        return None
    match = DATE_RE.match(cell)
    if match is None:
        raise ValueError(f"unreadable cell: {cell!r}")
    day = dt.datetime.strptime(match.group(1), "%d %b %Y").date()
    return day, match.group(2)


def quote(text: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def event_lines(
    etype: str,
    day: dt.date,
    state: str,
    instrument: str | None,
    chapter: str,
    title: str,
    as_of: str,
    url: str,
) -> list[str]:
    """One event, as YAML lines under `events:` (six spaces of indent)."""
    word = instrument or WORDS[etype]
    label = f"{state}, {word} {day.day} {day:%b %Y}"
    lines = [
        f"      - type: {etype}",
        f"        date: {day.isoformat()}",
        f"        party: {quote(state)}",
    ]
    if instrument:
        lines.append(f"        instrument: {instrument}")
    lines += [
        "        source:",
        "          kind: official",
        "          title: "
        + quote(
            f"Multilateral Treaties Deposited with the Secretary-General, chapter {chapter}, "
            f"{title}: status table ({label})"
        ),
        "          publisher: United Nations Treaty Collection (UN Office of Legal Affairs)",
        f"          url: {url}",
        f"          note: {quote(f'Status table as of {as_of}.')}",
    ]
    return lines


def convert(
    path: Path, chapter: str, title: str, only: set[str] | None, as_of: str
) -> tuple[list[str], list[str]]:
    """The YAML lines for every action in the table, and the states seen."""
    number = chapter.split("-", 1)[0]
    chapter_no = {"XXIV": 24, "XXVI": 26}[number]
    url = (
        "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no="
        f"{chapter}&chapter={chapter_no}"
    )
    out: list[str] = []
    seen: list[str] = []
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    for row in rows[1:]:
        state = RENAMES.get(row[0].strip(), row[0].strip())
        if only is not None and state not in only:
            continue
        seen.append(state)
        signature = parse_cell(row[1])
        if signature is not None:
            day, suffix = signature
            if suffix:
                raise ValueError(f"{state}: signature with suffix {suffix!r} needs a hand entry")
            out += event_lines("signed", day, state, None, chapter, title, as_of, url)
        deposit = parse_cell(row[2]) if len(row) > 2 else None
        if deposit is not None:
            day, suffix = deposit
            etype, instrument = KINDS[suffix]
            out += event_lines(etype, day, state, instrument, chapter, title, as_of, url)
    return out, seen


def main(argv: list[str] | None = None) -> int:
    """Command line: print the events of one table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", type=Path)
    parser.add_argument("--chapter", required=True, help="MTDSG number, e.g. XXVI-1")
    parser.add_argument("--title", required=True, help="treaty name for the source title")
    parser.add_argument("--only", help="semicolon-separated states to keep")
    parser.add_argument("--as-of", default="March 2015", help="date of the table read")
    args = parser.parse_args(argv)
    only = {s.strip() for s in args.only.split(";")} if args.only else None
    lines, seen = convert(args.csv, args.chapter, args.title, only, args.as_of)
    if only is not None and set(seen) != only:
        print(f"missing from the table: {sorted(only - set(seen))}", file=sys.stderr)
        return 1
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
