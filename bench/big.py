"""The store at corpus scale: a cold build of 250,000 treaties, then warm one-treaty answers.

    uv run python bench/big.py [--count 250000] [--per-file 20000] [--runs 5] [--workers 2]

The UN Treaty Series holds about 250,000 treaties. No single file may exceed 64 MiB (the
loader's guard), so the generated corpus is split into files of ``--per-file`` treaties
(about 50 MB each at 20,000), generated in parallel, each from its own seed and numbering, so
ids and names stay unique across files. Then, each command a whole process as a user runs it
(the compiled snapshot of bench/run.py, a store folder of the benchmark's own):

1. the cold build: ``extend-check ID --json`` on all the files with an empty store, once
   (it takes minutes): wall time and the process's peak memory (its maximum resident set);
2. warm answers, interleaved ``--runs`` times: the stack floor, ``extend-check start-3 --json``
   on the built-in data and ``extend-check ID --json`` on the corpus, medians and peak memory.

Ratios are printed with their targets (issue 12): a warm one-treaty answer on the corpus in
at most 1 s. Generated files and the store are deleted at the end unless ``--keep DIR``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import generate  # noqa: E402  (the generator next to this file)
import run  # noqa: E402  (snapshot, environment and the floors, shared with run.py)

WARM_TARGET_SECONDS = 1.0


def write_chunk(path: Path, count: int, first: int, seed: int) -> str:
    """Write treaties ``first``.. into ``path``; the id of the middle one."""
    treaties = list(generate.treaties(count, seed, first))
    generate.write({"schema_version": 1, "treaties": treaties}, path)
    return str(treaties[len(treaties) // 2]["id"])


def _ids(path: Path) -> list[str]:
    """The treaty ids of a generated file, by its ``- id:`` lines (no need to parse it)."""
    with path.open(encoding="utf-8") as lines:
        return [line[6:].strip() for line in lines if line.startswith("- id: ")]


def _middle_id(path: Path) -> str:
    ids = _ids(path)
    return ids[len(ids) // 2]


def _count(path: Path) -> int:
    return len(_ids(path))


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(seconds, peak resident MiB) of one whole process."""
    return run.run_process(argv, env, " ".join(argv[-3:]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=250_000)
    parser.add_argument("--per-file", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--workers", type=int, default=2, help="processes generating files")
    parser.add_argument("--keep", type=Path, help="keep the files and the store in this folder")
    parser.add_argument(
        "--corpus",
        type=Path,
        help="use the corpus-*.yaml files already in this folder (from an earlier --keep) "
        "instead of generating them; --count and --per-file are then ignored",
    )
    args = parser.parse_args(argv)
    began = time.perf_counter()
    folder = Path(tempfile.mkdtemp(prefix="treaty-big-", dir=args.keep))
    try:
        snapshot = run.take_snapshot(folder)
        env = run.bench_env(snapshot, folder / "store")
        if args.corpus is not None:
            paths = sorted(args.corpus.glob("corpus-*.yaml"))
            ids = [_middle_id(path) for path in paths]
            args.count = sum(_count(path) for path in paths)
        else:
            starts = list(range(1, args.count + 1, args.per_file))
            paths = [folder / f"corpus-{i:03d}.yaml" for i in range(len(starts))]
            with ProcessPoolExecutor(args.workers) as pool:
                ids = list(
                    pool.map(
                        write_chunk,
                        paths,
                        [min(args.per_file, args.count + 1 - s) for s in starts],
                        starts,
                        range(len(starts)),
                    )
                )
        treaty_id = ids[len(ids) // 2]
        size = sum(p.stat().st_size for p in paths)
        print(
            f"corpus: {args.count:,} treaties in {len(paths)} files ({size / 2**20:,.0f} MiB) "
            f"in {time.perf_counter() - began:.0f} s; asking about {treaty_id}",
            file=sys.stderr,
            flush=True,
        )
        treaty = run.treaty_argv()
        data = [part for p in paths for part in ("--data", str(p))]
        cold = timed([*treaty, *data, "extend-check", treaty_id, "--json"], env)
        print(f"cold build: {cold[0]:.0f} s, peak {cold[1]:,.0f} MiB", file=sys.stderr, flush=True)
        rows = {
            run.STACK_LABEL: [sys.executable, "-c", run.STACK_IMPORTS],
            "built-in: extend-check start-3 --json": [*treaty, "extend-check", "start-3", "--json"],
            f"{args.count // 1000}k: extend-check ID --json": [
                *treaty,
                *data,
                "extend-check",
                treaty_id,
                "--json",
            ],
        }
        results: dict[str, list[tuple[float, float]]] = {label: [] for label in rows}
        for command in rows.values():
            timed(command, env)  # untimed warm-up: page cache, the built-in entry
        for _ in range(args.runs):
            for label, command in rows.items():
                results[label].append(timed(command, env))
        store_bytes = sum(p.stat().st_size for p in (folder / "store").glob("*.sqlite3"))
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    width = max(len(label) for label in rows)
    print(f"{'command':<{width}}  {'median ms':>10}  {'min ms':>9}  {'max ms':>9}  runs  peak MiB")
    print("-" * (width + 50))
    print(
        f"{'cold build + answer (' + str(len(paths)) + ' files)':<{width}}  "
        f"{cold[0] * 1000:>10,.0f}  {'':>9}  {'':>9}  {1:>4}  {cold[1]:>8,.0f}"
    )
    medians = {}
    for label, found in results.items():
        seconds = [s for s, _ in found]
        medians[label] = statistics.median(seconds)
        print(
            f"{label:<{width}}  {medians[label] * 1000:>10,.1f}  {min(seconds) * 1000:>9,.1f}  "
            f"{max(seconds) * 1000:>9,.1f}  {len(seconds):>4}  {max(m for _, m in found):>8,.0f}"
        )
    labels = list(rows)
    big, builtin, stack = medians[labels[2]], medians[labels[1]], medians[labels[0]]
    verdict = "met" if big <= WARM_TARGET_SECONDS else "NOT met"
    print(
        f"\n{args.count:,} treaties, {size / 2**20:,.0f} MiB of YAML in {len(paths)} files, "
        f"store {store_bytes / 2**20:,.0f} MiB; asked about {treaty_id}."
    )
    print(f"warm one-treaty answer {big:.2f} s (target ≤ {WARM_TARGET_SECONDS:g} s): {verdict}")
    print(f"warm one-treaty answer / built-in extend-check: {big / builtin:.2f}")
    print(f"built-in extend-check / stack floor: {builtin / stack:.2f}")
    load = os.getloadavg()
    print(
        f"{os.cpu_count()} CPUs, load average at the end {load[0]:.2f}; "
        f"whole run {time.perf_counter() - began:.0f} s."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
