"""Compare whole command lines, interleaved: medians, min, max, and each one's ratio to the first.

    uv run python bench/compare.py [--runs K] [--env NAME=VALUE] LABEL=COMMAND LABEL=COMMAND ...

For one-off questions that bench/run.py's fixed rows do not ask: does a setting pay (bytecode
or not, gc.freeze or not, Typer 0.28 or 0.29)? Each COMMAND is split like a shell would
(shlex) and run with stdout and stderr to /dev/null; round 1 runs every command once, round 2
again, and so on, so noise lands on all of them alike. Two untimed warm-up rounds first.
Besides wall time it reports each process's CPU time (user + system, from ``os.wait4``): on a
busy machine a process waits for a CPU, and its wall time says more about the others' work
than about its own, while its CPU time does not include the waiting.
"""

from __future__ import annotations

import argparse
import os
import shlex
import statistics
import subprocess
import sys
import time


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--env", action="append", default=[], help="NAME=VALUE for every run")
    parser.add_argument("commands", nargs="+", help="LABEL=COMMAND")
    args = parser.parse_args(argv)
    env = dict(os.environ)
    env.update(item.split("=", 1) for item in args.env)
    rows = [
        (label, shlex.split(command)) for label, command in (c.split("=", 1) for c in args.commands)
    ]
    times: dict[str, list[float]] = {label: [] for label, _ in rows}
    cpu: dict[str, list[float]] = {label: [] for label, _ in rows}
    for round_number in range(args.runs + 2):
        for label, command in rows:
            start = time.perf_counter()
            process = subprocess.Popen(
                command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            _, status, usage = os.wait4(process.pid, 0)
            elapsed = time.perf_counter() - start
            if os.waitstatus_to_exitcode(status) != 0:
                sys.exit(f"compare: {label} failed: {command}")
            if round_number >= 2:
                times[label].append(elapsed)
                cpu[label].append(usage.ru_utime + usage.ru_stime)
    base = statistics.median(times[rows[0][0]])
    base_cpu = statistics.median(cpu[rows[0][0]])
    width = max(len(label) for label, _ in rows)
    print(
        f"{'command':<{width}}  median ms   min ms   max ms  runs  ratio  CPU median ms  CPU ratio"
    )
    for label, _ in rows:
        median = statistics.median(times[label])
        cpu_median = statistics.median(cpu[label])
        print(
            f"{label:<{width}}  {median * 1000:9.1f} {min(times[label]) * 1000:8.1f}"
            f" {max(times[label]) * 1000:8.1f}  {len(times[label]):4}  {median / base:5.2f}"
            f"  {cpu_median * 1000:13.1f}  {cpu_median / base_cpu:9.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
