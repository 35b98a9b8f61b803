"""Benchmark ``treaty`` as users run it: whole processes, medians, runs interleaved.

    uv run python bench/run.py [--runs K] [--budget SECONDS] [--sizes 1000,10000] [--live]

Why whole processes: a command-line tool's cost is mostly start-up (imports, building the
Pydantic models) and loading the data, which an in-process timer never sees twice. Why
interleaved (run 1 of every command, then run 2 of every command, ...): noise on a shared
machine (another build, a test run, a CPU frequency change) then lands on all the compared
commands alike instead of on whichever happened to run during it. Why medians: one slow run
(a page fault storm, a cron job) moves a mean but not a median.

Every command is compared with a floor that cannot be beaten by the same stack:

* ``python -c pass``: the interpreter's own start-up;
* the stack floor: a process that only imports typer, pydantic, yaml and dateutil;
* the hand-written floor (``bench/handwritten.py``): load the same file with libyaml, find
  the treaty, add its term, print JSON — what a user would write by hand.

Rows on big generated files can take minutes each with the current code, so the run counts
are fitted into a time budget: every row runs at least once (the first round), the cheap rows
always run K times, and the 1k and then the 10k rows get as many of the K rounds as the
budget leaves. The output says how many runs each median is over.

Each command is timed twice over: as users run it again and again, when the dataset comes
from treatycli's own cache of validated datasets (the benchmark gives it an empty cache
folder of its own and warms it before timing), and ``[no cache]`` (``TREATY_NO_CACHE=1``), the
first run on new or edited data, which reads and checks the whole file.

By default the treatycli package is measured from a snapshot: its sources (and the built-in
data, where a wheel puts it) are copied to the temporary folder at the start, compiled to
bytecode there, and put first on ``PYTHONPATH``. Two reasons. ``src/`` may be edited while a
six-minute run goes on, and the rows would then mix two versions of the code. And where
``PYTHONDONTWRITEBYTECODE`` is set, an edited module's stale ``.pyc`` is never rewritten, so
every run would pay for compiling it, which no installed copy does. ``--live`` measures
``src/`` in place instead, and says if it changed during the run or compiled from source.
"""

from __future__ import annotations

import argparse
import compileall
import hashlib
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import generate  # noqa: E402  (the generator next to this file, not an installed module)

BUILTIN_ID = "new-start"
"""The hand-written floor looks treaties up by id only; ``start-3`` is an alias of this one."""

STACK_IMPORTS = "import typer, pydantic, yaml, dateutil.relativedelta"
STACK_LABEL = "stack floor (import typer, pydantic, yaml, dateutil)"
STACK_IN_USE = f"{STACK_IMPORTS}; from pydantic import BaseModel, TypeAdapter; TypeAdapter(int)"
"""For reference, not a target: ``import pydantic`` is lazy and imports almost nothing, but
any model class, and the TypeAdapter Typer builds for each parameter it parses, pull in
pydantic's schema machinery and its plugin loader. This row is the least a Typer + Pydantic
program pays, before any code of its own runs."""
STACK_IN_USE_LABEL = "stack in use (+ BaseModel, one TypeAdapter)"
"""The stack floor. ``dateutil.relativedelta`` rather than bare ``dateutil``, whose package
``__init__`` imports nothing: the tool and the hand-written floor both need relativedelta."""

EXTEND_TARGET = 1.25
TABLE_TARGET = 1.40
HANDWRITTEN_TARGET = 1.5
SCALING_FACTOR = 1.2
"""Time on N times the data may be at most 1.2 * N times as long: 12 for 10k against 1k."""


NO_CACHE = " [no cache]"
"""Suffix of the rows run with ``TREATY_NO_CACHE=1``: every run reads and checks the file."""

COLD = " [cold store]"
"""Suffix of the rows run with an empty store folder each time: the first run on new data,
which checks the files and builds the store's entry."""

STORE_TARGET = 1.5
"""A warm one-treaty answer on the largest generated file, against the same on the built-in
data: reading one treaty from the store should not depend on how many others it holds."""

COMMANDS = ["extend-check ID --json", "timeline (table)", "timeline --json"]
"""The compared commands' labels (on the built-in data, ``ID`` is ``start-3``)."""


@dataclass
class Row:
    """One command to time, the group it belongs to, and its measured wall times (seconds)."""

    label: str
    argv: list[str]
    group: str
    env: dict[str, str] = field(default_factory=dict)
    """Variables added to the benchmark's environment for this row only."""
    cold: bool = False
    """Each run gets a new, empty store folder (so it builds the store's entry)."""
    times: list[float] = field(default_factory=list)
    peaks: list[float] = field(default_factory=list)
    """Each run's peak resident memory, MiB."""

    @property
    def median(self) -> float:
        return statistics.median(self.times)


def treaty_argv() -> list[str]:
    """The ``treaty`` console script of the running venv (what a user types), else ``-m``."""
    script = Path(sys.executable).with_name("treaty")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "treatycli"]


def bench_env(snapshot: Path | None, cache: Path) -> dict[str, str]:
    """The caller's environment with a fixed table width, no dataset override, a dataset cache
    of the benchmark's own (empty at the start, never the user's), and the snapshot (if any)
    first on the import path."""
    env = dict(os.environ)
    for name in ("TREATY_DATA", "TREATY_NO_CACHE", "XDG_CACHE_HOME"):
        env.pop(name, None)
    env["TREATY_CACHE_DIR"] = str(cache)
    env["COLUMNS"] = "100"
    if snapshot is not None:
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(snapshot), env.get("PYTHONPATH")) if p)
    return env


def take_snapshot(folder: Path) -> Path:
    """Copy the treatycli package, with the built-in data where a wheel puts it, and compile
    it; return the folder to put on ``PYTHONPATH``."""
    import treatycli
    from treatycli.dataset.load import builtin_data_path

    root = folder / "snapshot"
    package = root / "treatycli"
    shutil.copytree(
        Path(treatycli.__file__).parent, package, ignore=shutil.ignore_patterns("__pycache__")
    )
    (package / "data").mkdir(exist_ok=True)
    shutil.copy2(builtin_data_path(), package / "data" / "treaties.yaml")
    if not compileall.compile_dir(package, quiet=1):
        sys.exit("bench: the treatycli snapshot does not compile")
    return root


def builtin_data(package: Path) -> Path:
    """The built-in data of the measured package: where a wheel (and the snapshot) puts it,
    else the source checkout's ``data/``."""
    packaged = package / "data" / "treaties.yaml"
    if packaged.is_file():
        return packaged
    from treatycli.dataset.load import builtin_data_path

    return builtin_data_path()


def imported_package(env: dict[str, str]) -> Path:
    """Where the measured processes import treatycli from (the snapshot, or src/)."""
    code = "import treatycli, sys; sys.stdout.write(treatycli.__file__)"
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return Path(out.stdout).parent


def compiled_from_source(argvs: list[list[str]], env: dict[str, str]) -> list[str]:
    """Modules a run compiles from source because no up-to-date ``.pyc`` exists: each run
    pays for that again, which an installed copy would not."""
    found: list[str] = []
    for argv in argvs:
        # The console script is a Python file: run it under -v like ``python -v -m``.
        args = argv[1:] if argv[0] == sys.executable else argv
        result = subprocess.run(
            [sys.executable, "-v", *args], env=env, capture_output=True, text=True, check=False
        )
        for line in result.stderr.splitlines():
            if not line.startswith("# code object from "):
                continue
            module = line.removeprefix("# code object from ").strip("'")
            if not module.endswith(".pyc") and module not in found:
                found.append(module)
    return found


def run_process(argv: list[str], env: dict[str, str], label: str) -> tuple[float, float]:
    """(seconds, peak resident MiB) of one whole process, stdout to /dev/null; a failing
    command stops the benchmark."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    assert process.stderr is not None
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.exit(
            f"bench: {label!r} exited {process.returncode}: "
            f"{errors.decode(errors='replace').strip()}\ncommand: {' '.join(argv)}"
        )
    return elapsed, usage.ru_maxrss / 1024  # KiB on Linux


def time_once(row: Row, env: dict[str, str]) -> tuple[float, float]:
    """One run of a row: (seconds, peak MiB). A cold row gets a new, empty store folder."""
    run_env = {**env, **row.env}
    with tempfile.TemporaryDirectory(prefix="store-", dir=env["TREATY_CACHE_DIR"] + "-cold") as d:
        if row.cold:
            run_env["TREATY_CACHE_DIR"] = d
        return run_process(row.argv, run_env, row.label)


def record(row: Row, env: dict[str, str]) -> None:
    """One timed run of a row: its time and peak memory kept (warm-up runs keep neither)."""
    elapsed, peak = time_once(row, env)
    row.times.append(elapsed)
    row.peaks.append(peak)


def pick_treaty_id(document: dict[str, Any], smallest: int) -> str:
    """A treaty in the smallest file (so every file has it: the smaller files are prefixes of
    the largest), with a fixed term and an extension rule, so that extend-check takes its
    longest path."""
    treaties = document["treaties"][:smallest]
    start = len(treaties) // 2
    for treaty in treaties[start:] + treaties[:start]:
        rules = treaty["rules"]
        if rules["term"]["type"] == "fixed_length" and "extension" in rules:
            return treaty["id"]
    return treaties[start]["id"]


def _generate_file(size: int, path: Path, seed: int, smallest: int) -> str:
    document = generate.generate(size, seed)
    generate.write(document, path)
    return pick_treaty_id(document, smallest)


def make_datasets(sizes: Sequence[int], folder: Path, seed: int) -> tuple[dict[int, Path], str]:
    """Write one generated file per size; the smaller ones are prefixes of the largest (the
    same seed gives the same first treaties). Generated in worker processes: a process that
    held a 10,000-treaty document would pass its memory on to every command it starts, and
    each command's peak memory would read as at least that."""
    paths = {size: folder / f"treaties-{size}.yaml" for size in sizes}
    smallest = [min(sizes)] * len(sizes)
    with ProcessPoolExecutor(2) as pool:
        ids = list(pool.map(_generate_file, sizes, paths.values(), [seed] * len(sizes), smallest))
    return paths, ids[-1]


def build_rows(paths: dict[int, Path], treaty_id: str, builtin: Path) -> list[Row]:
    """The rows in table order: floors and built-in data first, then each generated size with
    its own hand-written floor, so every command sits next to what it is compared with.

    Each command runs twice over: as users run it again and again (the dataset comes from
    treatycli's cache of validated datasets, warmed before timing) and ``[no cache]``, the
    first run on new or edited data, which reads and checks the whole file.
    """
    py = sys.executable
    treaty = treaty_argv()
    handwritten = str(BENCH / "handwritten.py")
    rows = [
        Row("python -c pass", [py, "-c", "pass"], "base"),
        Row(STACK_LABEL, [py, "-c", STACK_IMPORTS], "base"),
        Row(STACK_IN_USE_LABEL, [py, "-c", STACK_IN_USE], "base"),
        Row("hand-written floor", [py, handwritten, str(builtin), BUILTIN_ID], "base"),
    ]
    targets = [
        (None, "start-3", "base"),
        *((path, treaty_id, _size_label(n)) for n, path in paths.items()),
    ]
    for path, name, group in targets:
        prefix = "" if path is None else f"{group}: "
        data = [] if path is None else ["--data", str(path)]
        if path is not None:
            rows.append(
                Row(f"{prefix}hand-written floor", [py, handwritten, str(path), name], group)
            )
        argvs = [
            [*treaty, *data, "extend-check", name, "--json"],
            [*treaty, *data, "timeline"],
            [*treaty, *data, "timeline", "--json"],
        ]
        for suffix, env in (("", {}), (NO_CACHE, {"TREATY_NO_CACHE": "1"})):
            for command, argv in zip(COMMANDS, argvs, strict=True):
                rows.append(Row(f"{prefix}{_named(command, group)}{suffix}", argv, group, env))
        label = f"{prefix}{_named(COMMANDS[0], group)}{COLD}"
        rows.append(Row(label, argvs[0], group, cold=True))
    return rows


def _named(command: str, group: str) -> str:
    """A command's row label: on the built-in data, ``ID`` is ``start-3``."""
    return command.replace("ID", "start-3") if group == "base" else command


def source_fingerprint(package: Path) -> str:
    """A short hash of the treatycli sources being measured. Printed with the results, and
    compared at the end: if someone edits ``src/`` during a run, its rows mix two versions."""
    digest = hashlib.sha256()
    for source in sorted(package.rglob("*.py")):
        digest.update(source.relative_to(package).as_posix().encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()[:12]


def _size_label(size: int) -> str:
    return f"{size // 1000}k" if size % 1000 == 0 else str(size)


def plan_runs(rows: list[Row], runs: int, seconds_left: float) -> dict[str, int]:
    """Runs per group that fit in the seconds left, from the first round's times.

    The cheap base rows always get every round. Then rounds go one at a time to the data
    group with the fewest runs so far (the cheaper one on a tie) while one more round of it
    fits, so the 10k rows are not starved by the 1k ones, nor the other way round.
    """
    groups = list(dict.fromkeys(r.group for r in rows))
    cost = {g: sum(r.times[0] for r in rows if r.group == g) for g in groups}
    planned = {g: 1 for g in groups}
    planned["base"] = runs
    left = seconds_left - (runs - 1) * cost["base"]
    while True:
        fitting = [g for g in groups if planned[g] < runs and cost[g] <= left]
        if not fitting:
            return planned
        group = min(fitting, key=lambda g: (planned[g], cost[g]))
        planned[group] += 1
        left -= cost[group]


def rounds_for(count: int, total: int) -> set[int]:
    """Which of ``total`` rounds a row with ``count`` runs takes part in: spread evenly, so
    a row with few runs still samples the start, middle and end of the benchmark."""
    return {round(i * total / count) for i in range(count)}


def measure(rows: list[Row], runs: int, deadline: float, env: dict[str, str]) -> dict[str, int]:
    """Warm up, run round 1 over every row, plan, then run the planned rounds, every row's
    runs interleaved with the others'."""
    # Untimed: warm the page cache and fill the dataset cache for every data file, so that
    # the cached rows measure a cache hit from their first timed run.
    warmups = [r for r in rows if r.group == "base"]
    warmups += [r for r in rows if r.label.endswith(COMMANDS[0]) and r.group != "base"]
    Path(env["TREATY_CACHE_DIR"] + "-cold").mkdir(exist_ok=True)
    for row in warmups:
        time_once(row, env)
    _progress(f"round 1/{runs} (every row once; sets the plan)")
    for row in rows:
        record(row, env)
        _progress(f"  {row.label}: {row.times[-1] * 1000:.0f} ms")
    planned = plan_runs(rows, runs, deadline - time.perf_counter())
    _progress("runs per group: " + ", ".join(f"{g} {n}" for g, n in planned.items()))
    schedule = {g: rounds_for(n, runs) for g, n in planned.items()}
    for number in range(1, runs):
        _progress(f"round {number + 1}/{runs}")
        for row in rows:
            if number in schedule[row.group]:
                record(row, env)
    return planned


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _ms(seconds: float) -> str:
    ms = seconds * 1000
    return f"{ms:,.1f}" if ms < 100 else f"{ms:,.0f}"


def report(
    rows: list[Row],
    runs: int,
    planned: dict[str, int],
    sizes: list[int],
    treaty_id: str,
    elapsed: float,
    fingerprints: tuple[str, str],
    notes: list[str],
) -> None:
    """The timings table, then the ratios against their targets, each marked met or not."""
    by_label = {r.label: r for r in rows}
    sizes_of = {_size_label(size): size for size in sizes}
    width = max(len(r.label) for r in rows)
    print(
        f"\n{'command':<{width}}  {'median ms':>10}  {'min ms':>9}  {'max ms':>9}  runs  peak MiB"
    )
    print("-" * (width + 50))
    for row in rows:
        print(
            f"{row.label:<{width}}  {_ms(row.median):>10}  {_ms(min(row.times)):>9}  "
            f"{_ms(max(row.times)):>9}  {len(row.times):>4}  {max(row.peaks):>8,.0f}"
        )
    print(
        f"ID on the generated files: {treaty_id}; stdout to /dev/null, COLUMNS=100; rows without "
        f"'{NO_CACHE.strip()}' or '{COLD.strip()}' read treatycli's store (warmed before "
        "timing); peak MiB is the largest resident set of any run of the row."
    )
    fewer = [g for g, n in planned.items() if n < runs]
    if fewer:
        print(
            f"\nFewer runs than --runs {runs} to stay within the time budget: "
            + ", ".join(f"{g} rows {planned[g]}" for g in fewer)
            + " (a median of 1 or 2 runs is a single measurement or a mean, not robust)."
        )

    checks: list[tuple[str, float, float | None]] = []
    stack = by_label[STACK_LABEL].median
    for suffix in ("", NO_CACHE):
        for command, target in zip(COMMANDS, (EXTEND_TARGET, TABLE_TARGET, None), strict=True):
            label = f"{_named(command, 'base')}{suffix}"
            checks.append((f"{label} / stack floor", by_label[label].median / stack, target))
    in_use = by_label[STACK_IN_USE_LABEL].median
    checks.append((f"{STACK_IN_USE_LABEL} / stack floor", in_use / stack, None))
    for command in COMMANDS[:2]:
        label = _named(command, "base")
        checks.append((f"{label} / stack in use", by_label[label].median / in_use, None))
    sizes = [g for g in planned if g != "base"]
    variants = [f"{c}{s}" for s in ("", NO_CACHE) for c in COMMANDS]
    for group in sizes:
        floor = by_label[f"{group}: hand-written floor"].median
        target = HANDWRITTEN_TARGET if group == sizes[-1] else None
        for command in variants:
            ratio = by_label[f"{group}: {command}"].median / floor
            checks.append((f"{group} {command} / {group} hand-written floor", ratio, target))
    builtin_extend = by_label[_named(COMMANDS[0], "base")].median
    for group in sizes:
        ratio = by_label[f"{group}: {COMMANDS[0]}"].median / builtin_extend
        target = STORE_TARGET if group == sizes[-1] else None
        checks.append((f"{group} {COMMANDS[0]} / built-in (warm store)", ratio, target))
    if len(sizes) >= 2:
        small, big = sizes[0], sizes[-1]
        # Linear is the size ratio (10 for 10k/1k); the target allows 20% on top of it.
        scaling_target = SCALING_FACTOR * sizes_of[big] / sizes_of[small]
        for command in ["hand-written floor", *variants, f"{COMMANDS[0]}{COLD}"]:
            ratio = by_label[f"{big}: {command}"].median / by_label[f"{small}: {command}"].median
            target = scaling_target if command != "hand-written floor" else None
            checks.append((f"{command}: {big} / {small}", ratio, target))

    width = max(len(name) for name, _, _ in checks)
    print(f"\n{'ratio':<{width}}  {'value':>7}  {'target':>7}  verdict")
    print("-" * (width + 30))
    for name, ratio, target in checks:
        if target is None:
            print(f"{name:<{width}}  {ratio:>7.2f}  {'—':>7}  (for reference)")
        else:
            verdict = "met" if ratio <= target else "NOT met"
            print(f"{name:<{width}}  {ratio:>7.2f}  {'≤' + format(target, 'g'):>7}  {verdict}")
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    print(
        f"\nPython {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs; "
        f"load average at the end {', '.join(f'{x:.2f}' for x in load) if load else 'n/a'}; "
        f"measuring took {elapsed:.0f} s."
    )
    before, after = fingerprints
    if before == after:
        print(f"treatycli sources {before} (unchanged during the run).")
    else:
        print(
            f"WARNING: treatycli sources changed during the run ({before} -> {after}): "
            "the rows may mix two versions of the code; run again without --live."
        )
    for note in notes:
        print(note)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="runs per command (default 15)")
    parser.add_argument(
        "--budget",
        type=float,
        default=330.0,
        help="seconds for the whole run, generating the data included, to fit the run counts "
        "into (default 330); the first round of every row always runs",
    )
    parser.add_argument(
        "--sizes",
        default="1000,10000",
        help="generated dataset sizes, comma-separated (default 1000,10000)",
    )
    parser.add_argument("--seed", type=int, default=0, help="generator seed (default 0)")
    parser.add_argument(
        "--live",
        action="store_true",
        help="measure src/ in place instead of a compiled snapshot taken at the start",
    )
    args = parser.parse_args(argv)
    sizes = sorted(int(s) for s in args.sizes.split(",") if s)
    if args.runs < 1 or not sizes or sizes[0] < 1:
        parser.error("--runs and every size must be at least 1")
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="treaty-bench-") as tmp:
        snapshot = None if args.live else take_snapshot(Path(tmp))
        env = bench_env(snapshot, Path(tmp) / "cache")
        package = imported_package(env)
        if snapshot is not None and not package.is_relative_to(snapshot):
            sys.exit(f"bench: the snapshot is not what gets imported ({package})")
        paths, treaty_id = make_datasets(sizes, Path(tmp), args.seed)
        _progress(
            f"generated {', '.join(map(str, sizes))} treaties in "
            f"{time.perf_counter() - began:.0f} s; treaty for extend-check: {treaty_id}"
        )
        rows = build_rows(paths, treaty_id, builtin_data(package))
        notes = [f"measured: treatycli imported from {package}"]
        from_source = compiled_from_source(
            [r.argv for r in rows if r.label in {_named(c, "base") for c in COMMANDS}], env
        )
        if from_source:
            notes.append(
                "WARNING: compiled from source on every run (no up-to-date .pyc): "
                + ", ".join(from_source)
            )
        fingerprint = source_fingerprint(package)
        start = time.perf_counter()
        planned = measure(rows, args.runs, began + args.budget, env)
        elapsed = time.perf_counter() - start
        fingerprints = (fingerprint, source_fingerprint(package))
        report(rows, args.runs, planned, sizes, treaty_id, elapsed, fingerprints, notes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
