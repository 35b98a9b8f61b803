"""Mutation testing of the rules package: how many small changes to the rules do the tests miss?

Not part of CI (it takes minutes to hours). It copies the project to a temporary folder, so
nothing it writes (mutmut's ``mutants/`` tree, its configuration) touches the checkout, runs
mutmut (fetched by ``uv run --with mutmut``, not a dependency of the project) over
``src/treatycli/rules/``, and prints the share of mutants that survived. Usage::

    uv run python bench/mutation.py                  # every rules module
    uv run python bench/mutation.py --jobs 8
    uv run python bench/mutation.py --keep           # keep the folder to inspect survivors
    uv run python bench/mutation.py --only rules/timeline.py   # one module, in minutes
    uv run python bench/mutation.py --ignore tests/test_store.py   # leave out a slow test file

A surviving mutant is a change to the rules that no test notices: each is either a missing
test or a change that cannot alter an answer (an equivalent mutant); read them with
``mutmut show NAME`` in the kept folder.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COPIED = ("src", "tests", "data", "bench", "docs", "pyproject.toml", "uv.lock", "README.md")
CONFIG = """
[tool.mutmut]
source_paths = ["src/"]
only_mutate = ["src/treatycli/{only}"]
also_copy = ["data/", "bench/", "docs/", "README.md"]
pytest_add_cli_args = ["-q", "-p", "no:cacheprovider", "-x"{ignored}]
mutate_only_covered_lines = true
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=4, help="mutants tested at once")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument(
        "--only",
        default="rules/*",
        metavar="PATH",
        help="mutate only this module, relative to src/treatycli/ (e.g. rules/timeline.py)",
    )
    parser.add_argument(
        "--ignore",
        action="append",
        default=[],
        metavar="TEST_FILE",
        help="a test file left out of every run (repeatable), e.g. tests/test_store.py: its "
        "store on/off comparison takes most of the suite's time and cannot tell a rule apart",
    )
    options = parser.parse_args(argv)
    only = options.only.removeprefix("src/treatycli/")
    if not any((ROOT / "src" / "treatycli").glob(only)):
        parser.error(f"--only {options.only}: no such module under src/treatycli/")
    folder = Path(tempfile.mkdtemp(prefix="treatycli-mutation-"))
    try:
        for name in COPIED:
            source = ROOT / name
            if source.is_dir():
                shutil.copytree(source, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
            elif source.exists():
                shutil.copy2(source, folder / name)
        with (folder / "pyproject.toml").open("a", encoding="utf-8") as config:
            ignored = "".join(f', "--ignore={path}"' for path in options.ignore)
            config.write(CONFIG.format(only=only, ignored=ignored))
        mutmut = ["uv", "run", "--quiet", "--with", "mutmut", "mutmut"]
        subprocess.run(
            [*mutmut, "run", "--max-children", str(options.jobs)],
            cwd=folder,
            check=False,
            stdout=sys.stderr,
        )
        listing = subprocess.run(
            [*mutmut, "results", "--all", "true"],
            cwd=folder,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        statuses = Counter(
            match.group(1) for match in re.finditer(r":\s*(\w[\w ]*)$", listing, re.MULTILINE)
        )
        total = sum(statuses.values())
        survived = statuses.get("survived", 0)
        print(f"mutants of src/treatycli/{only}: {total}")
        for status, count in statuses.most_common():
            print(f"  {status:<12} {count}")
        if total:
            print(f"surviving share: {survived}/{total} = {survived / total:.1%}")
        survivors = [line for line in listing.splitlines() if line.endswith(": survived")]
        for line in survivors:
            print("  survived:", line.split(":")[0].strip())
        if options.keep:
            print(f"kept: {folder}", file=sys.stderr)
    finally:
        if not options.keep:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
