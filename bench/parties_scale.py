"""Linear cost of the party-aware rules: figures, not a timed test.

1. One valid multilateral treaty with N withdrawal notices (one per state): ``treaty list``
   as a whole process, for N = 4,000, 8,000, 16,000 and 32,000 (2.7 MB of YAML at 32,000).
   The per-notice cost should stay flat as N doubles (quadratic work would double it).
2. A dataset of 10,000 treaties: ``treaty timeline`` naming all 10,000 by id, against naming
   none (all treaties by default). Choosing by name should cost what choosing none does.

Each command runs with the dataset cache off (``TREATY_NO_CACHE=1``), so the file is read and
checked every time, like a first run; medians of ``--runs`` runs. Usage::

    uv run python bench/parties_scale.py            # about a minute and a half
    uv run python bench/parties_scale.py --runs 1   # quicker
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from generate import generate, write

SOURCE = {"title": "Generated source", "kind": "official"}


def notices_treaty(count: int) -> dict[str, Any]:
    """A valid multilateral treaty: opened, in force, and ``count`` states giving notice."""
    first = date(1951, 1, 1)
    events: list[dict[str, Any]] = [
        {"type": "opened_for_signature", "date": "1950-01-01", "source": SOURCE},
        {"type": "entered_into_force", "date": "1950-06-01", "source": SOURCE},
    ]
    for index in range(count):
        on = first + timedelta(days=index % 25000)
        events.append(
            {
                "type": "withdrawal_notice",
                "date": on.isoformat(),
                "party": f"State {index}",
                "source": SOURCE,
            }
        )
    treaty = {
        "id": "many-notices",
        "short_name": "Many Notices",
        "full_name": "Treaty with Many Withdrawal Notices",
        "kind": "multilateral",
        "text": SOURCE,
        "rules": {
            "term": {"type": "unlimited", "article": "Article 1"},
            "withdrawal": {"notice": "P6M", "article": "Article 2"},
        },
        "events": events,
    }
    return {"schema_version": 1, "treaties": [treaty]}


def run(args: list[str], runs: int) -> float:
    """The median wall time of ``treaty ARGS`` as a whole process, in seconds."""
    env = {**os.environ, "TREATY_NO_CACHE": "1", "TREATY_DATA": "", "COLUMNS": "100"}
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "treatycli", *args],
            check=True,
            env=env,
            stdout=subprocess.DEVNULL,
        )
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        print("treaty list, one treaty with N withdrawal notices (no cache):")
        print(f"{'N':>7}  {'size':>9}  {'seconds':>8}  {'µs per notice':>13}")
        for count in (4000, 8000, 16000, 32000):
            path = base / f"notices-{count}.yaml"
            write(notices_treaty(count), path)
            seconds = run(["--data", str(path), "list", "--as-of", "2026-12-01"], options.runs)
            size = path.stat().st_size
            print(
                f"{count:>7,}  {size / 1e6:>7.1f}MB  {seconds:>8.2f}  "
                f"{seconds / count * 1e6:>13.0f}"
            )
        path = base / "treaties-10000.yaml"
        document = generate(10000)
        write(document, path)
        ids = [t["id"] for t in document["treaties"]]
        common = ["--data", str(path), "timeline", "--as-of", "2026-12-01", "--format", "csv"]
        none = run(common, options.runs)
        named = run([*common[:3], *ids, *common[3:]], options.runs)
        print()
        print("treaty timeline over 10,000 treaties (no cache):")
        print(f"  none named (all)   {none:6.2f} s")
        print(f"  10,000 named       {named:6.2f} s   ratio {named / none:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
