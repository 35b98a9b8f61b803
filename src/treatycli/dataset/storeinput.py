"""The input's digests for the store's key, without rereading files that have not changed.

The key covers every input file's bytes. Reading and hashing them is most of a warm run on a
big corpus (606 MiB of YAML in 13 files for 250,000 treaties: about a second here), so, as
git and make do, the digest of a file is also recorded with the file's identity and times
(device, inode, size, modification and status-change times, in nanoseconds), and a later run
that finds the same identity and times takes the recorded digest instead of reading the file.

Why that is safe: any write to a file, a rename over it, a change of its owner or mode sets
its status-change time (ctime) to the current time, and no tool sets it back. A digest is
recorded only when the file did not change while it was read and its times were already
more than :data:`SETTLED_SECONDS` in the past, so a write in the same timestamp tick as the
read (timestamps are coarse on some file systems) cannot go unnoticed. The records sit in the
store's private folder under the store's keyed checksum: a changed record is ignored. Any
doubt (no record, a record that does not check out, other times) means reading the file.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from treatycli.dataset import storedir
from treatycli.dataset.load import STDIN
from treatycli.dataset.storekey import content_digest

SETTLED_SECONDS = 2.0
"""How old a file's times must be before its digest is recorded (coarse timestamps: FAT
keeps two seconds; Linux's clock tick is a few milliseconds)."""

MAX_RECORDS = 4096

RECORD_MIN_BYTES = 1 << 20
"""Smaller files are simply read and hashed (a millisecond for a MiB): opening the records
would cost more than it saves."""

_SCHEMA = f"""
PRAGMA application_id = {storedir.APPLICATION_ID};
CREATE TABLE IF NOT EXISTS seen (
    path TEXT PRIMARY KEY, identity TEXT NOT NULL, digest BLOB NOT NULL, mac BLOB NOT NULL
);
"""


def _identity(info: os.stat_result) -> str:
    return f"{info.st_dev}:{info.st_ino}:{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}"


def _mac(secret: bytes, path: str, identity: str, digest: bytes) -> bytes:
    return storedir.keyed_checksum(secret, b"seen", path, identity, digest)


def digests(
    folder: Path, secret: bytes, paths: Sequence[Path], read: Callable[[Path], bytes]
) -> list[bytes]:
    """The digest of each file's bytes, in order: recorded if the file is unchanged since,
    else read (``read``'s exceptions propagate) and recorded when settled."""
    records = _Records(folder / storedir.INPUTS, secret)
    try:
        found = []
        for path in paths:
            name = os.path.abspath(path)
            try:
                before = os.stat(path)
            except OSError:
                before = None
            if before is None or before.st_size < RECORD_MIN_BYTES or os.fspath(path) == STDIN:
                found.append(content_digest(read(path)))
                continue
            known = records.get(name, _identity(before))
            if known is not None:
                found.append(known)
                continue
            digest = content_digest(read(path))
            found.append(digest)
            with contextlib.suppress(OSError):
                after = os.stat(path)
                settled = time.time_ns() - max(after.st_mtime_ns, after.st_ctime_ns)
                same = _identity(before) == _identity(after)
                if same and settled > SETTLED_SECONDS * 1e9:
                    records.put(name, _identity(after), digest)
        return found
    finally:
        records.close()


class _Records:
    """The recorded digests, opened on first use; every failure to read or write them just
    means no record."""

    def __init__(self, path: Path, secret: bytes) -> None:
        self._path = path
        self._secret = secret
        self._opened = False
        self._connection: sqlite3.Connection | None = None

    def _open(self) -> sqlite3.Connection | None:
        if self._opened:
            return self._connection
        self._opened = True
        if os.path.lexists(self._path):
            descriptor = storedir.open_own(self._path)
            if descriptor is None:
                return None  # not a file of ours (a link, a FIFO): leave it alone
            os.close(descriptor)
        with contextlib.suppress(sqlite3.Error):
            connection = sqlite3.connect(self._path, timeout=0.5, isolation_level=None)
            try:
                exists = connection.execute(
                    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'seen'"
                ).fetchone()
                if exists is None:  # created once; a write on every run would cost a sync
                    connection.executescript(_SCHEMA)
            except sqlite3.Error:
                connection.close()
                raise
            self._connection = connection
        return self._connection

    def get(self, path: str, identity: str) -> bytes | None:
        connection = self._open()
        if connection is None:
            return None
        with contextlib.suppress(sqlite3.Error):
            row = connection.execute(
                "SELECT digest, mac FROM seen WHERE path = ? AND identity = ?", (path, identity)
            ).fetchone()
            if row is not None and row[1] == _mac(self._secret, path, identity, row[0]):
                return bytes(row[0])
        return None

    def put(self, path: str, identity: str, digest: bytes) -> None:
        connection = self._open()
        if connection is None:
            return
        with contextlib.suppress(sqlite3.Error):
            connection.execute(
                "INSERT OR REPLACE INTO seen VALUES (?, ?, ?, ?)",
                (path, identity, digest, _mac(self._secret, path, identity, digest)),
            )
            connection.execute(
                "DELETE FROM seen WHERE rowid <= (SELECT max(rowid) FROM seen) - ?",
                (MAX_RECORDS,),
            )

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
