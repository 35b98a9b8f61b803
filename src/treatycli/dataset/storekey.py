"""The store's key: what must be identical for a stored dataset to be the right answer.

An entry is found by a key that covers everything its content depends on, so a key can only
find an entry made from the same input by the same code and libraries:

- every input file's path and exact bytes (their SHA-256), in order;
- the store's own format, the Python version, treatycli's version and the bytes of the code
  that decides what a valid dataset is and how it is stored (the model, the rules the checks
  reuse, the dataset layer, and every top-level module: the foundations among them, and the
  CLI, whose edits then cost one rebuild). Each module counts as its ``.py`` file, or,
  in an install without sources, as its ``.pyc`` file: the key never needs a file that may be
  absent, and an edit in a checkout is never served stale data;
- the data schema version;
- the versions of the libraries that parse and validate (pydantic, pydantic-core, PyYAML,
  python-dateutil), read from their installed ``.dist-info`` folders' names, without
  importing them (an answer from the store needs none of PyYAML, for one).
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
from collections.abc import Iterator, Sequence
from functools import lru_cache
from pathlib import Path

STORE_FORMAT = 1
"""The layout of a store file; bump it when the tables or the checksums change."""

_PACKAGE = Path(__file__).resolve().parent.parent
_CODE_FOLDERS = ("model", "rules", "dataset")
"""The layers below the output: they decide what is valid and what a stored row holds."""

_LIBRARIES = {
    "pydantic": "pydantic",
    "pydantic_core": "pydantic_core",
    "yaml": "pyyaml",
    "dateutil": "python_dateutil",
}
"""Import name → distribution name (normalised), for the libraries whose version matters."""


def content_digest(content: bytes) -> bytes:
    """What the key keeps of a file's bytes: their SHA-256."""
    return hashlib.sha256(content).digest()


def store_key(files: Sequence[tuple[str, bytes]]) -> str:
    """The key for these files (path and :func:`content_digest` of each, in order) under
    this code. Files are hashed one at a time, so the key of a corpus of any size is found
    with the memory one file takes."""
    digest = hashlib.sha256(_environment_digest())
    for path, content in files:
        encoded = path.encode("utf-8", "surrogateescape")
        digest.update(len(encoded).to_bytes(8, "big"))
        digest.update(encoded)
        digest.update(content)
    return digest.hexdigest()


@lru_cache(maxsize=1)
def _environment_digest() -> bytes:
    from treatycli import __version__
    from treatycli.model.treaty import SCHEMA_VERSION

    digest = hashlib.sha256(f"treatycli-store {STORE_FORMAT}\0".encode())
    for part in (sys.version, __version__, str(SCHEMA_VERSION), *_library_versions()):
        digest.update(part.encode("utf-8", "surrogateescape") + b"\0")
    for name, content in _code_files():
        digest.update(name.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(len(content).to_bytes(8, "big"))
        digest.update(content)
    return digest.digest()


def _code_files() -> Iterator[tuple[str, bytes]]:
    """(relative name, bytes) of every module of the checking layers, in a fixed order."""
    folders = [_PACKAGE, *(_PACKAGE / name for name in _CODE_FOLDERS)]
    for folder in folders:
        try:
            names = sorted(os.listdir(folder))
        except OSError:
            continue
        modules = {n.rsplit(".", 1)[0] for n in names if n.endswith((".py", ".pyc"))}
        for module in sorted(modules):
            for suffix in (".py", ".pyc"):
                path = folder / (module + suffix)
                try:
                    content = path.read_bytes()
                except OSError:
                    continue
                yield str(path.relative_to(_PACKAGE)), content
                break


def _library_versions() -> list[str]:
    """``name-version`` of each validating library, from its ``.dist-info`` folder's name.

    Where no ``.dist-info`` is found (a vendored copy), the size and time of the module's
    file stand in for the version: an upgrade rewrites it.
    """
    from importlib.util import find_spec

    found = []
    for module, distribution in _LIBRARIES.items():
        try:
            spec = find_spec(module)
        except (ImportError, ValueError):
            spec = None
        origin = spec.origin if spec is not None else None
        if origin is None:
            found.append(f"{distribution} absent")
            continue
        package = Path(origin).parent
        site = package.parent if spec is not None and spec.submodule_search_locations else package
        version = _dist_info_version(site, distribution)
        if version is None:
            try:
                stat = os.stat(origin)
                version = f"file {stat.st_size} {stat.st_mtime_ns}"
            except OSError:
                version = "unknown"
        found.append(f"{distribution} {version}")
    return found


_DIST_INFO = re.compile(r"(.+)-([^-]+)\.dist-info")


def _dist_info_version(site: Path, distribution: str) -> str | None:
    """The version in ``NAME-VERSION.dist-info`` whose NAME normalises to ``distribution``."""
    try:
        names = sorted(os.listdir(site))
    except OSError:
        return None
    for name in names:
        match = _DIST_INFO.fullmatch(name)
        if match and re.sub(r"[-_.]+", "_", match.group(1)).lower() == distribution:
            return match.group(2)
    return None
