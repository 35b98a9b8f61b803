"""Fuzz the dataset loader: any bytes in a file give a Dataset or a DataError, nothing else.

Two modes (see fuzz/README.md):

* atheris (coverage-guided, libFuzzer flags pass through)::

      python fuzz/fuzz_loader.py -atheris_runs=100000 /tmp/corpus fuzz/corpus

* fallback, without atheris: seeded random mutations of the built-in dataset and the seed
  corpus (byte flips, line deletions and duplications, inserted YAML punctuation)::

      python fuzz/fuzz_loader.py --fallback --seconds 60 --seed 1

An input that raises anything other than DataError is a crash, and so is a DataError whose
problem names another file or a line outside the input. An input taking over one second is
recorded as slow. By default a crash raises (libFuzzer then stops and writes ``crash-*``);
with ``TREATY_FUZZ_KEEP_GOING=1`` crashes and slow inputs are saved under
``TREATY_FUZZ_OUT`` (default ``fuzz/findings/``), one file per distinct signature, and the
run goes on. With ``TREATY_FUZZ_QUERIES=1`` a file that loads is also answered
(``treaty list`` and ``timeline`` as of 2020-01-01), to reach the rules' date arithmetic.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import hashlib
import os
import random
import shutil
import sys
import tempfile
import time
import traceback
from datetime import date
from pathlib import Path

SLOW_SECONDS = 1.0
HERE = Path(__file__).resolve().parent
KEEP_GOING = os.environ.get("TREATY_FUZZ_KEEP_GOING") == "1"
QUERIES = os.environ.get("TREATY_FUZZ_QUERIES") == "1"
OUT = Path(os.environ.get("TREATY_FUZZ_OUT", HERE / "findings"))

# Every input that loads would otherwise be stored in the user's dataset cache, and a cache
# hit would skip the very checks being fuzzed. Set TREATY_NO_CACHE=0 to fuzz the cached path.
if os.environ.get("TREATY_NO_CACHE") == "0":
    del os.environ["TREATY_NO_CACHE"]
else:
    os.environ["TREATY_NO_CACHE"] = "1"


def _import_target() -> None:
    global DataError, load_dataset, builtin_data_path, queries
    from treatycli import queries
    from treatycli.dataset.load import builtin_data_path, load_dataset
    from treatycli.errors import DataError


_SHM = "/dev/shm" if Path("/dev/shm").is_dir() else None
_workdir = Path(tempfile.mkdtemp(prefix="treaty-fuzz-", dir=_SHM))
atexit.register(shutil.rmtree, _workdir, True)
INPUT = _workdir / "input.yaml"


class BadProblem(AssertionError):
    """A DataError whose problem does not point into the input file."""


def _line_count(raw: bytes) -> int:
    count = len(raw.splitlines())
    with contextlib.suppress(UnicodeDecodeError):
        count = max(count, len(raw.decode("utf-8").splitlines()))
    return count


def run_one(raw: bytes) -> None:
    """Load ``raw`` as a dataset file; return normally on a Dataset or a well-formed DataError."""
    INPUT.write_bytes(raw)
    try:
        dataset = load_dataset([INPUT])
    except DataError as exc:
        limit = _line_count(raw) + 1
        for problem in exc.problems:
            if problem.file != str(INPUT):
                raise BadProblem(f"problem names {problem.file!r}: {problem}") from None
            if problem.line is not None and not (
                type(problem.line) is int and 1 <= problem.line <= limit
            ):
                raise BadProblem(f"line {problem.line!r} outside 1..{limit}: {problem}") from None
        return
    if QUERIES:
        day = date(2020, 1, 1)
        queries.list_treaties(dataset, day)
        queries.timeline(dataset, [], day, None, None)


# --- Recording findings (keep-going mode) ------------------------------------------------


class Stats:
    def __init__(self) -> None:
        self.runs = 0
        self.crashes = 0
        self.slow = 0
        self.signatures: dict[str, int] = {}
        self.started = time.monotonic()

    def summary(self) -> str:
        elapsed = time.monotonic() - self.started
        return (
            f"runs={self.runs} crashes={self.crashes} distinct={len(self.signatures)} "
            f"slow={self.slow} seconds={elapsed:.0f} "
            f"execs_per_s={self.runs / max(elapsed, 1e-9):.0f}"
        )


STATS = Stats()


def _signature(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "treatycli" in f.filename] or frames
    last = frames[-1] if frames else None
    where = f"{Path(ours[-1].filename).name}:{ours[-1].lineno}" if ours else "?"
    inner = f"{Path(last.filename).name}:{last.lineno}" if last else "?"
    return f"{type(exc).__name__}@{where}@{inner}"


def _save(kind: str, signature: str, raw: bytes, detail: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha1(signature.encode()).hexdigest()[:12]
    path = OUT / f"{kind}-{digest}"
    # Keep the smallest input seen for each signature.
    if path.exists() and len(path.read_bytes()) <= len(raw):
        return
    path.write_bytes(raw)
    (OUT / f"{kind}-{digest}.txt").write_text(f"{signature}\n{len(raw)} bytes\n\n{detail}\n")


def checked(raw: bytes) -> None:
    """run_one, timed; in keep-going mode a crash or slow input is saved instead of raised."""
    STATS.runs += 1
    start = time.perf_counter()
    try:
        run_one(raw)
    except Exception as exc:
        if not KEEP_GOING:
            raise
        STATS.crashes += 1
        signature = _signature(exc)
        first = signature not in STATS.signatures
        STATS.signatures[signature] = STATS.signatures.get(signature, 0) + 1
        _save("crash", signature, raw, "".join(traceback.format_exception(exc)))
        if first:
            print(f"CRASH {signature}: {raw[:120]!r}", file=sys.stderr, flush=True)
    elapsed = time.perf_counter() - start
    if elapsed > SLOW_SECONDS:
        STATS.slow += 1
        if KEEP_GOING:
            _save("slow", f"slow:{hashlib.sha1(raw).hexdigest()}", raw, f"{elapsed:.2f} s")
            print(f"SLOW {elapsed:.2f}s: {len(raw)} bytes", file=sys.stderr, flush=True)
        else:
            raise TimeoutError(f"one input took {elapsed:.2f} s (over {SLOW_SECONDS} s)")
    if STATS.runs % 10000 == 0:
        print(f"[treaty-fuzz] {STATS.summary()}", file=sys.stderr, flush=True)
        if KEEP_GOING:
            OUT.mkdir(parents=True, exist_ok=True)
            (OUT / "stats.txt").write_text(STATS.summary() + "\n")


def TestOneInput(data: bytes) -> None:  # the name atheris expects
    checked(data)


# --- Fallback: seeded mutations without atheris ------------------------------------------

PUNCTUATION = [
    b"-", b"- ", b":", b": ", b"?", b"? ", b"[", b"]", b"{", b"}", b",", b"'", b'"', b"#",
    b"|", b">", b"&a ", b"*a", b"!", b"!!", b"!!int ", b"!!float ", b"!!bool ",
    b"!!timestamp ", b"!!set ", b"!!binary ", b"!!python/object:os.system ", b"%", b"@", b"`",
    b"~", b"\\", b"\t", b"\n", b"\r", b"  ", b"---\n", b"...\n", b"<<: ", b"\x00", b"\xc3",
    b"\xe2\x80\xa8", b"\xef\xbb\xbf", b"\x1b", b"\x7f", b"2010-02-30", b"9999-12-31",
    b"P99999Y", b"P0D", b"-P3M", b"[[[[[[[[", b"{{{{{{{{",
    # invisible and look-alike characters, and numbers past Python's digit limit
    b"\xc2\xad", b"\xe2\x80\x8b", b"\xe2\x80\x8c", b"\xe2\x80\x8d", b"\xe2\x81\xa0",
    b"\xf3\xa0\x81\x81", b"\xe3\x85\xa4", b"\xd0\x85", b"\xd0\xa2", b"\xd0\x90",
    b"\xe0\xa5\x8d", b"\xe6\x96\xb0", b"e\xcc\x81", b"1" * 4400, b"-1+1+cmd|", b"\xe2\x80\xa9",
]


def _lines(raw: bytes) -> list[bytes]:
    return raw.splitlines(keepends=True) or [b""]


def mutate(raw: bytes, rng: random.Random, seeds: list[bytes]) -> bytes:
    """One to eight random edits of ``raw``."""
    data = bytearray(raw)
    for _ in range(rng.randint(1, 8)):
        op = rng.randrange(9)
        if op == 0 and data:  # flip bits of one byte
            at = rng.randrange(len(data))
            data[at] ^= 1 << rng.randrange(8)
        elif op == 1 and data:  # replace a byte
            data[rng.randrange(len(data))] = rng.randrange(256)
        elif op in {2, 3}:  # insert YAML punctuation
            at = rng.randrange(len(data) + 1)
            data[at:at] = rng.choice(PUNCTUATION)
        elif op == 4:  # delete lines
            lines = _lines(bytes(data))
            at = rng.randrange(len(lines))
            del lines[at : at + rng.randint(1, 3)]
            data = bytearray(b"".join(lines))
        elif op == 5:  # duplicate lines
            lines = _lines(bytes(data))
            at = rng.randrange(len(lines))
            chunk = lines[at : at + rng.randint(1, 5)]
            lines[at:at] = chunk
            data = bytearray(b"".join(lines))
        elif op == 6:  # swap two lines
            lines = _lines(bytes(data))
            i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
            data = bytearray(b"".join(lines))
        elif op == 7:  # change indentation of a line
            lines = _lines(bytes(data))
            at = rng.randrange(len(lines))
            stripped = lines[at].lstrip(b" ")
            lines[at] = b" " * rng.choice([0, 1, 2, 3, 4, 6, 8]) + stripped
            data = bytearray(b"".join(lines))
        elif op == 8:  # splice a piece of another seed
            other = rng.choice(seeds)
            if other:
                start = rng.randrange(len(other))
                piece = other[start : start + rng.randint(1, 200)]
                at = rng.randrange(len(data) + 1)
                data[at:at] = piece
    return bytes(data)


def fallback(seconds: float, seed: int, runs: int | None) -> int:
    seeds = [builtin_data_path().read_bytes()]
    seeds += [p.read_bytes() for p in sorted((HERE / "corpus").glob("*")) if p.is_file()]
    rng = random.Random(seed)
    deadline = time.monotonic() + seconds
    print(f"[treaty-fuzz] fallback mode, seed {seed}, {len(seeds)} seeds", file=sys.stderr)
    for raw in seeds:
        checked(raw)
    while time.monotonic() < deadline and (runs is None or STATS.runs < runs):
        base = rng.choice(seeds)
        checked(mutate(base, rng, seeds))
    print(f"[treaty-fuzz] done: {STATS.summary()}", file=sys.stderr)
    for signature, count in sorted(STATS.signatures.items()):
        print(f"  {count:7d}  {signature}", file=sys.stderr)
    if KEEP_GOING:
        OUT.mkdir(parents=True, exist_ok=True)
        (OUT / "stats.txt").write_text(STATS.summary() + "\n")
    return 1 if STATS.crashes or STATS.slow else 0


def main() -> int:
    if "--fallback" in sys.argv:
        parser = argparse.ArgumentParser(description="Fuzz the loader without atheris.")
        parser.add_argument("--fallback", action="store_true")
        parser.add_argument("--seconds", type=float, default=60.0)
        parser.add_argument("--runs", type=int, default=None)
        parser.add_argument("--seed", type=int, default=0)
        args = parser.parse_args()
        _import_target()
        return fallback(args.seconds, args.seed, args.runs)
    try:
        import atheris
    except ImportError:
        print(
            "atheris is not installed: running the fallback mode for 60 s "
            "(pass --fallback --seconds N to choose)",
            file=sys.stderr,
        )
        _import_target()
        return fallback(60.0, 0, None)
    with atheris.instrument_imports(include=["treatycli", "yaml"]):
        _import_target()
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()
    return 0


if __name__ == "__main__":
    sys.exit(main())
