"""What the chart's outputs cost, as a user runs them: whole processes, medians, ratios.

    uv run python bench/chart.py              # built-in data and 200 generated treaties, 7 rounds
    uv run python bench/chart.py --runs 3 --size 1000

Rows: the terminal chart (the baseline), ``--json``, ``--svg``, ``--html`` and ``--png``, on the
built-in data and on a generated dataset. Rounds are interleaved (every row once, then again),
so machine noise lands on all rows alike. The ratio column is each row's median over the
terminal chart's on the same data: what drawing a figure adds to answering. The dataset cache
is warmed once per data file and used, as a user's repeated runs would.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
VARIANTS = {
    "terminal chart": [],
    "--json": ["--json"],
    "--svg": ["--svg", "{out}/c.svg"],
    "--html": ["--html", "{out}/c.html"],
    "--png": ["--png", "{out}/c.png"],
}


def run(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--size", type=int, default=200, help="generated treaties")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        generated = out / "generated.yaml"
        subprocess.run(
            [sys.executable, str(HERE / "generate.py"), str(options.size), str(generated)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        env = {**os.environ, "TREATY_CACHE_DIR": str(out / "cache"), "COLUMNS": "100"}
        env.pop("TREATY_DATA", None)
        datasets = {"built-in": [], f"{options.size} generated": ["--data", str(generated)]}
        rows: dict[tuple[str, str], list[str]] = {}
        for data_name, data_args in datasets.items():
            for name, extra in VARIANTS.items():
                argv = ["treaty", *data_args, "chart", "--as-of", "2024-12-31"]
                rows[data_name, name] = argv + [a.format(out=out) for a in extra]
            run(rows[data_name, "terminal chart"], env)  # warm the cache
        times: dict[tuple[str, str], list[float]] = {key: [] for key in rows}
        for _ in range(options.runs):
            for key, argv in rows.items():
                times[key].append(run(argv, env))
        print(f"{'data':<16} {'output':<16} {'median':>9} {'min':>9} {'ratio':>7}  runs")
        for (data_name, name), measured in times.items():
            median = statistics.median(measured)
            base = statistics.median(times[data_name, "terminal chart"])
            print(
                f"{data_name:<16} {name:<16} {median * 1000:>7.0f}ms {min(measured) * 1000:>7.0f}ms"
                f" {median / base:>7.2f}  {len(measured)}"
            )


if __name__ == "__main__":
    main()
