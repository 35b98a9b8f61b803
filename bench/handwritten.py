"""The hand-written floor: what a user would write instead of installing ``treaty``.

    python bench/handwritten.py FILE ID

It reads the same data file with libyaml's C loader, finds the treaty by id, adds its term to
its entry into force with ``dateutil.relativedelta`` and prints the answer as JSON. It checks
nothing, which is the point: it is the cost of parsing the file and answering one question,
the least any tool on this data can spend, so ``treaty``'s time divided by this one is what
validation, the model and the CLI cost on top. The benchmark runs it on each data file.
"""

from __future__ import annotations

import json
import re
import sys

import yaml
from dateutil.relativedelta import relativedelta

_DURATION = re.compile(r"P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?")


def main(argv: list[str]) -> int:
    path, wanted = argv[1], argv[2]
    with open(path, encoding="utf-8") as stream:
        data = yaml.load(stream, Loader=yaml.CSafeLoader)
    treaty = next((t for t in data["treaties"] if t["id"] == wanted), None)
    if treaty is None:
        sys.exit(f"handwritten.py: no treaty with id {wanted!r} in {path}")
    entry = next((e["date"] for e in treaty["events"] if e["type"] == "entered_into_force"), None)
    term = treaty["rules"]["term"]
    expires = term.get("ends_on")
    length = term.get("length")
    if entry is not None and length:
        match = _DURATION.fullmatch(length)
        assert match is not None, length
        years, months, weeks, days = (int(part or 0) for part in match.groups())
        expires = entry + relativedelta(years=years, months=months, weeks=weeks, days=days)
    answer = {
        "id": treaty["id"],
        "short_name": treaty["short_name"],
        "entered_into_force_on": entry,
        "term": term["type"],
        "expires_on": expires,
    }
    print(json.dumps(answer, indent=2, default=str, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
