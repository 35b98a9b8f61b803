"""A cache of validated datasets, keyed by the files' exact contents and the code that checks them.

Reading, validating and cross-checking a dataset is most of the work of a command; the
answer to "is this content valid, and what does it hold?" never changes for the same bytes
and the same checking code. So a valid dataset is stored, pickled, under a key made of:

- the bytes of every dataset file, in order, with its path;
- the source of every module that decides what a valid dataset is (the model, the
  checks, the YAML reader, the date rules), so changing the code invalidates old entries;
- the Python version and the cache format.

A key can therefore only find an entry made from the same input by the same code: the cache
cannot answer from stale data. Invalid datasets are never cached (their errors are
recomputed, with their lines). Anything wrong with the cache (unreadable, corrupt, full
disk) is ignored and the dataset is loaded the slow way.

Location: ``TREATY_CACHE_DIR``, else ``$XDG_CACHE_HOME/treatycli``, else
``~/.cache/treatycli``; ``TREATY_NO_CACHE=1`` turns it off. The folder is created private
(0700), since a pickle is code to whoever can write it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

FORMAT = b"treatycli-dataset-cache-1"
_CHECKING_MODULES = (
    "model/treaty.py",
    "dataset/checks.py",
    "dataset/catalog.py",
    "dataset/load.py",
    "dataset/yamlread.py",
    "dates.py",
    "textsafety.py",
    "rules/status.py",
    "rules/answers.py",
    "dataset/cache.py",
)
MAX_ENTRIES = 32
"""Entries kept; older ones are removed when a new one is written."""


def cache_dir() -> Path | None:
    if os.environ.get("TREATY_NO_CACHE", "") not in {"", "0"}:
        return None
    explicit = os.environ.get("TREATY_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "treatycli"


@lru_cache(maxsize=1)
def _code_digest() -> bytes:
    digest = hashlib.sha256(FORMAT)
    digest.update(sys.version.encode())
    package = Path(__file__).parent.parent
    for name in _CHECKING_MODULES:
        digest.update(name.encode())
        digest.update((package / name).read_bytes())
    return digest.digest()


def key_for(files: list[tuple[str, bytes]]) -> str:
    """The cache key for these files' contents (path and bytes of each, in order)."""
    digest = hashlib.sha256(_code_digest())
    for path, content in files:
        digest.update(len(path).to_bytes(8, "big"))
        digest.update(path.encode("utf-8", "surrogateescape"))
        digest.update(len(content).to_bytes(8, "big"))
        digest.update(content)
    return digest.hexdigest()


def get(key: str) -> Any | None:
    folder = cache_dir()
    if folder is None:
        return None
    entry = folder / f"{key}.pickle"
    try:
        with entry.open("rb") as stream:
            return pickle.load(stream)
    except FileNotFoundError:
        return None
    except Exception:
        with contextlib.suppress(OSError):
            entry.unlink()
        return None


def put(key: str, value: Any) -> None:
    folder = cache_dir()
    if folder is None:
        return
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(prefix=".entry.", dir=folder)
        try:
            with os.fdopen(descriptor, "wb") as stream:
                pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, folder / f"{key}.pickle")
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
        _prune(folder)
    except OSError:
        return  # a cache that cannot be written is no cache, not an error


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for stale in entries[MAX_ENTRIES:]:
        with contextlib.suppress(OSError):
            stale.unlink()
