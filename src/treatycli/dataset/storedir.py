"""Where the store lives, whether that folder can be trusted, and the files the store owns there.

The folder: ``TREATY_CACHE_DIR`` if set; else the user cache folder by the platform's
convention (``platformdirs``: ``$XDG_CACHE_HOME/treatycli`` when that is an absolute path, else
``~/.cache/treatycli`` on Linux; ``~/Library/Caches/treatycli`` on macOS; the local app data
folder on Windows). ``TREATY_NO_CACHE=1`` turns the store off. When no folder can be found (no
HOME and no passwd entry) or created, the tool runs without a store; that is never an error.

Trust: whoever can write the folder can change what the tool answers, so the folder must be
a directory that belongs to the user and that no one else can write (checked on every run),
or the store is not used at all. Inside it, a file is opened only if it is a regular file
with a single link, owned by the user; it is opened without following a link and without
blocking (a FIFO planted at an entry's path is refused, not waited on).

Ownership: the store only ever deletes files whose names it gives (``<key>.sqlite3``,
``.build-…``, ``secret``, ``lock``, ``inputs.db``), and an entry only if its header carries
the store's SQLite application id: pointed at a folder of other files, it leaves them alone.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

APPLICATION_ID = 0x54524541
"""Written in every store file's SQLite header (``PRAGMA application_id``): 'TREA'."""

ENTRY_SUFFIX = ".sqlite3"
_ENTRY = re.compile(r"[0-9a-f]{64}\.sqlite3")
_BUILDING = re.compile(r"\.build-[0-9a-f]{64}-[0-9a-z_]+\.tmp")
_SECRET_TEMPORARY = re.compile(r"\.secret-[0-9a-z_]+")
SECRET = "secret"
LOCK = "lock"
INPUTS = "inputs.db"
"""Recorded digests of input files (:mod:`treatycli.dataset.storeinput`)."""
STALE_BUILD_SECONDS = 24 * 3600
"""A build file this old belongs to a run that died; younger ones may still be in progress."""

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_BINARY = getattr(os, "O_BINARY", 0)


@dataclass(frozen=True, slots=True)
class Place:
    """The chosen folder (which may not exist yet), or None and why there is none."""

    folder: Path | None
    why_not: str = ""


def locate() -> Place:
    """Where the store is, by the environment and the platform's convention."""
    if os.environ.get("TREATY_NO_CACHE", "") not in {"", "0"}:
        return Place(None, "turned off by TREATY_NO_CACHE")
    explicit = os.environ.get("TREATY_CACHE_DIR")
    if explicit:
        return Place(Path(os.path.abspath(explicit)))
    try:
        import platformdirs

        found = platformdirs.user_cache_dir("treatycli", appauthor=False)
    except Exception:  # no HOME and no passwd entry, among others: no folder, no store
        found = ""
    if not os.path.isabs(found):
        return Place(None, "no user cache folder can be found (is HOME set?)")
    return Place(Path(found))


def distrust(folder: Path) -> str | None:
    """Why this folder cannot hold a store the user can believe, or None if it can."""
    try:
        info = os.stat(folder)
    except FileNotFoundError:
        return "it does not exist"
    except OSError as exc:
        return f"it cannot be read ({exc.strerror or exc})"
    if not stat.S_ISDIR(info.st_mode):
        return "it is not a folder"
    if hasattr(os, "getuid"):
        if info.st_uid != os.getuid():
            return "it belongs to another user"
        if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            return "other users can write to it"
    return None


def private_folder(create: bool) -> Path | None:
    """The store's folder if it can be trusted (created, private, if asked and missing)."""
    folder = locate().folder
    if folder is None:
        return None
    if create:
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError:
            return None
    return folder if distrust(folder) is None else None


def open_own(path: Path, flags: int = os.O_RDONLY, mode: int = 0o600) -> int | None:
    """A descriptor on ``path`` if it is a regular file of ours with one link, else None.

    Never follows a link and never blocks on a FIFO; closes what it refuses.
    """
    try:
        descriptor = os.open(path, flags | _NOFOLLOW | _NONBLOCK | _CLOEXEC | _BINARY, mode)
    except OSError:
        return None
    info = os.fstat(descriptor)
    ours = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    if stat.S_ISREG(info.st_mode) and info.st_nlink == 1 and ours:
        return descriptor
    os.close(descriptor)
    return None


def read_own(path: Path, limit: int) -> bytes | None:
    """Up to ``limit`` bytes of a file of ours (see :func:`open_own`), or None."""
    descriptor = open_own(path)
    if descriptor is None:
        return None
    try:
        return os.read(descriptor, limit)
    except OSError:
        return None
    finally:
        os.close(descriptor)


def is_entry(path: Path) -> bool:
    """Whether ``path`` is a store file this tool wrote: our name, our file, our header."""
    if not (_ENTRY.fullmatch(path.name) or _BUILDING.fullmatch(path.name)):
        return False
    header = read_own(path, 100)
    return (
        header is not None
        and len(header) == 100
        and header.startswith(b"SQLite format 3\x00")
        and int.from_bytes(header[68:72], "big") == APPLICATION_ID
    )


def secret(folder: Path) -> bytes | None:
    """The store's checksum key, created once per folder and readable only by the user.

    Every stored row carries a checksum keyed with it, so a row changed by anything but this
    tool (or damaged) does not check out. Created by link, so that two first runs at once
    agree on one key.
    """
    path = folder / SECRET
    existing = read_own(path, 64)
    if existing is not None and len(existing) == 32:
        return existing
    import tempfile

    try:
        descriptor, temporary = tempfile.mkstemp(prefix=".secret-", dir=folder)
        try:
            with os.fdopen(descriptor, "wb") as stream:
                stream.write(os.urandom(32))
            with contextlib.suppress(FileExistsError):
                os.link(temporary, path)
        finally:
            os.unlink(temporary)
    except OSError:
        return None
    existing = read_own(path, 64)
    return existing if existing is not None and len(existing) == 32 else None


def keyed_checksum(secret: bytes, *parts: bytes | str | int) -> bytes:
    """BLAKE2b keyed with the store's secret over these parts, each length-prefixed (so no
    two different lists of parts give the same input)."""
    import hashlib

    digest = hashlib.blake2b(key=secret, digest_size=32)
    for part in parts:
        data = part if isinstance(part, bytes) else str(part).encode("utf-8", "surrogatepass")
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.digest()


@contextlib.contextmanager
def build_lock(folder: Path, wait: float) -> Iterator[None]:
    """Hold the folder's build lock, so concurrent cold runs build an entry once.

    Waits at most ``wait`` seconds (a run stopped while building must not stop all others),
    then goes on without it: publishing is atomic, so two builders only cost time. Where
    there is no ``fcntl`` (Windows), there is no lock.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    descriptor = open_own(folder / LOCK, os.O_RDWR | os.O_CREAT)
    if descriptor is None:
        yield
        return
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError:
                if time.monotonic() > deadline:
                    break
                time.sleep(0.02)
        yield
    finally:
        os.close(descriptor)


def entries(folder: Path) -> list[Path]:
    """The finished store files in the folder, most recently used first."""
    found = []
    with contextlib.suppress(OSError), os.scandir(folder) as listing:
        for item in listing:
            if _ENTRY.fullmatch(item.name) and is_entry(Path(item.path)):
                with contextlib.suppress(OSError):
                    found.append((item.stat(follow_symlinks=False).st_mtime, Path(item.path)))
    return [path for _, path in sorted(found, reverse=True)]


def prune(folder: Path, keep: int, spare: Path | None = None) -> None:
    """Delete our entries beyond the ``keep`` most recently used, and dead builds.

    ``spare`` (the entry just built) is never deleted.
    """
    for path in entries(folder)[keep:]:
        if path != spare:
            with contextlib.suppress(OSError):
                path.unlink()
    now = time.time()
    with contextlib.suppress(OSError), os.scandir(folder) as listing:
        for item in listing:
            path = Path(item.path)
            with contextlib.suppress(OSError):
                old = now - item.stat(follow_symlinks=False).st_mtime > STALE_BUILD_SECONDS
                if old and _BUILDING.fullmatch(item.name) and is_entry(path):
                    path.unlink()


def clear(folder: Path) -> int:
    """Delete every file the store wrote in the folder; the number of files deleted."""
    removed = 0
    names: list[str] = []
    with contextlib.suppress(OSError), os.scandir(folder) as listing:
        names = [item.name for item in listing]
    for name in names:
        path = folder / name
        ours = is_entry(path)
        if not ours and (name in {SECRET, LOCK, INPUTS} or _SECRET_TEMPORARY.fullmatch(name)):
            descriptor = open_own(path)
            ours = descriptor is not None
            if descriptor is not None:
                os.close(descriptor)
        if ours:
            with contextlib.suppress(OSError):
                path.unlink()
                removed += 1
    return removed
