"""The benchmark's generator writes datasets the loader accepts.

The benchmark's figures only mean something if the generated files are valid: a file the
loader refuses would time the error path. So the generator is run as the benchmark runs it
(a script, with this interpreter) and its output goes through the real loader, with every
consistency check. No timing here: that is ``bench/run.py``'s job.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from treatycli.dataset.load import load_dataset

GENERATOR = Path(__file__).resolve().parents[1] / "bench" / "generate.py"


def _generate(count: int, out: Path, seed: int = 7) -> None:
    subprocess.run(
        [sys.executable, str(GENERATOR), str(count), str(out), "--seed", str(seed)],
        check=True,
        capture_output=True,
    )


def test_generated_dataset_loads_with_unique_ids(tmp_path: Path) -> None:
    out = tmp_path / "generated.yaml"
    _generate(50, out)
    dataset = load_dataset([out])
    ids = [t.id for t in dataset.treaties]
    assert len(ids) == 50
    assert len(set(ids)) == 50


def test_generated_dataset_is_varied(tmp_path: Path) -> None:
    """Varied enough to exercise more than one path: both kinds, several term types."""
    out = tmp_path / "generated.yaml"
    _generate(50, out)
    treaties = load_dataset([out]).treaties
    assert {t.kind for t in treaties} == {"bilateral", "multilateral"}
    assert len({t.rules.term.type for t in treaties}) >= 4
    event_types = {e.type for t in treaties for e in t.events}
    assert {"extended", "withdrawal_notice", "withdrawal_effective", "expired"} <= event_types


def test_same_seed_same_file(tmp_path: Path) -> None:
    """Deterministic for a seed, so a figure can be re-measured on the very same data."""
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    _generate(20, first, seed=3)
    _generate(20, second, seed=3)
    assert first.read_bytes() == second.read_bytes()
