"""Count the sources of a dataset file by kind (official / reference / news).

Why: issue 10 asks that at least 90 % of event sources be official or reference, and the
research notes report the figure. This reads the YAML directly (no treatycli import), so it
works on a draft that does not validate yet, and prints one line per scope:

    uv run python docs/sources/tools/count_source_kinds.py data/treaties.yaml

"events" counts each event's own source (the figure issue 10 sets the target for); "all"
adds each treaty's text source and its party_count source, if any. A source without
``kind`` is counted as "missing".
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import yaml

KINDS = ("official", "reference", "news", "missing")


def count(path: Path) -> tuple[Counter[str], Counter[str]]:
    """Kinds of the event sources, and of every source (texts and party counts too)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    events: Counter[str] = Counter()
    everything: Counter[str] = Counter()
    for treaty in data.get("treaties", []):
        for event in treaty.get("events", []):
            kind = event.get("source", {}).get("kind", "missing")
            events[kind] += 1
            everything[kind] += 1
        for extra in (treaty.get("text"), (treaty.get("party_count") or {}).get("source")):
            if extra:
                everything[extra.get("kind", "missing")] += 1
    return events, everything


def line(scope: str, counts: Counter[str]) -> str:
    total = sum(counts.values())
    trusted = counts["official"] + counts["reference"]
    share = 100 * trusted / total if total else 0.0
    parts = ", ".join(f"{kind} {counts[kind]}" for kind in KINDS if counts[kind] or kind != "missing")
    return f"{scope}: {total} sources: {parts}; official or reference {share:.1f} %"


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: count_source_kinds.py FILE", file=sys.stderr)
        return 2
    events, everything = count(Path(argv[1]))
    print(line("events", events))
    print(line("all", everything))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
