"""The compiled store: each valid dataset validated once, kept in SQLite, read a treaty at a time.

Reading, validating and cross-checking a dataset is most of a command's work, and for the same
input bytes and the same code the result never changes. So the first run on a dataset writes
it into an SQLite file (the standard library's ``sqlite3``: a real database, no server), and
later runs read from there only the treaties they are asked about: ``extend-check ID`` on
250,000 treaties reads one row through an index, not the whole corpus.

What a store file holds, and why it can be believed:

- one row per treaty holding the treaty's own JSON serialisation (``model_dump_json``), read
  back with Pydantic's JSON validation: whatever the model is, it is stored and read back
  whole, and nothing in the store can run code (there is no pickle);
- indexes from every case-folded id, name and alias (the first treaty in file order wins, as
  in memory), from each party, and from each id, to the treaty's row;
- a checksum on every row and on the file's description, keyed with a secret kept in the
  store's private folder (:func:`treatycli.dataset.storedir.secret`) and bound to the entry's
  key and the row's place: a row changed by anything but this tool, moved, or damaged does
  not check out. It is then never believed: the entry is deleted and rebuilt from the input,
  and the answer is the one the input gives;
- a hit through an index is checked against the treaty it leads to (the treaty must answer to
  that name); a miss is checked against the count of index rows recorded at build time.

An entry is found by its key (:mod:`treatycli.dataset.storekey`: the input's bytes, the code,
the libraries' versions). It is built into a temporary file and published by an atomic
rename under a lock, so concurrent first runs build it once and every run sees either no
entry or a whole one. The input is streamed in, one file at a time: a corpus of any size is
built with the memory one file takes (each at most 64 MiB), and the checks across treaties
read the treaties back from the store when there are too many to keep in memory.

A dataset with problems is never stored: :func:`load` returns None and the caller loads it the
slow way, which reports every problem at its line. So does a run without a usable store.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import TypeVar, overload

from treatycli.dataset import storedir, storeinput
from treatycli.dataset.catalog import Dataset, dataset_problems, party_names
from treatycli.dataset.load import file_label
from treatycli.dataset.storekey import STORE_FORMAT, content_digest, store_key
from treatycli.errors import Problem
from treatycli.model.treaty import DatasetFile, Treaty, casefold_name

MAX_ENTRIES = 16
"""Entries kept in the folder; the least recently used beyond this are deleted."""

LOCK_WAIT = 120.0
"""Seconds a run waits for another run's build of the store before building its own."""

KEEP_IN_MEMORY = 10_000
"""Up to this many treaties, a build keeps the validated treaties to answer the run that built
it and to check them across; beyond it, it drops them and reads them back from the store."""

CheckFile = Callable[[Path, bytes], tuple[list[Problem], str, DatasetFile | None]]
"""Checks one file's bytes on its own: its problems, its text, its model if valid."""

ReadFile = Callable[[Path], bytes]
"""Reads one dataset file's bytes, with the checks a dataset file must pass (or raises)."""


class _Changed(Exception):
    """A file's bytes changed between finding the key and building the entry."""


_T = TypeVar("_T")

_SCHEMA = f"""
PRAGMA application_id = {storedir.APPLICATION_ID};
PRAGMA user_version = {STORE_FORMAT};
CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE treaty (
    ordinal INTEGER PRIMARY KEY, id TEXT NOT NULL, body BLOB NOT NULL, mac BLOB NOT NULL
);
CREATE TABLE name (
    key TEXT PRIMARY KEY, ordinal INTEGER NOT NULL, mac BLOB NOT NULL
) WITHOUT ROWID;
CREATE TABLE party (
    key TEXT NOT NULL, ordinal INTEGER NOT NULL, mac BLOB NOT NULL, PRIMARY KEY (key, ordinal)
) WITHOUT ROWID;
"""


class _Damaged(Exception):
    """A store file that does not check out."""


@dataclass(frozen=True, slots=True)
class _Entry:
    """One store entry's place and the secret its checksums are keyed with."""

    folder: Path
    secret: bytes
    key: str

    @property
    def path(self) -> Path:
        return self.folder / f"{self.key}{storedir.ENTRY_SUFFIX}"

    def mac(self, kind: bytes, *parts: bytes | str | int) -> bytes:
        """The keyed checksum of a row: its kind, the entry's key and its fields."""
        return storedir.keyed_checksum(self.secret, kind, self.key, *parts)


def load(
    paths: Sequence[Path],
    read: ReadFile,
    check_file: CheckFile,
    fallback: Callable[[], Dataset],
    retry: bool = True,
) -> Dataset | None:
    """The dataset of these files from the store, building its entry first if there is none.

    None when there is no usable store, or when the files have problems (they are never
    stored): the caller then loads them the slow way. Files are read one at a time, and
    ``read``'s exceptions propagate. ``fallback`` is the slow way, used if an entry turns out
    damaged while it is read; ``retry`` says whether such an entry may be rebuilt once first.
    """
    folder = storedir.private_folder(create=True)
    if folder is None:
        return None
    secret = storedir.secret(folder)
    if secret is None:
        return None
    digests = storeinput.digests(folder, secret, paths, read)
    key = store_key([(str(p), d) for p, d in zip(paths, digests, strict=True)])
    entry = _Entry(folder, secret, key)

    def rebuild() -> Dataset:
        again = load(paths, read, check_file, fallback, retry=False) if retry else None
        return again if again is not None else fallback()

    found = _open(entry, rebuild)
    if found is not None:
        return found
    with storedir.build_lock(folder, LOCK_WAIT):
        found = _open(entry, rebuild)
        if found is not None:
            return found
        files = [(path, digest, read) for path, digest in zip(paths, digests, strict=True)]
        return _build(entry, files, check_file, rebuild)


def _open(entry: _Entry, rebuild: Callable[[], Dataset]) -> StoredDataset | None:
    """The entry if it is there, is ours and its description checks out."""
    path = entry.path
    if not storedir.is_entry(path):
        return None
    try:
        # Read-only on a file never written again: safe to share between threads.
        connection = sqlite3.connect(
            f"{path.as_uri()}?mode=ro&immutable=1", uri=True, check_same_thread=False
        )
    except sqlite3.Error:
        return None
    try:
        meta = _read_meta(connection, entry)
    except (sqlite3.Error, _Damaged, ValueError, KeyError):
        connection.close()
        _discard(path)
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # most recently used: pruned last
    return StoredDataset(connection, entry, meta, rebuild)


@dataclass(frozen=True, slots=True)
class _Meta:
    """What an entry says about itself, under its own checksum."""

    treaties: int
    names: int
    parties: int
    files: tuple[str, ...]
    built: str

    def fields(self) -> dict[str, str]:
        return {
            "treaties": str(self.treaties),
            "names": str(self.names),
            "parties": str(self.parties),
            "files": json.dumps(list(self.files), ensure_ascii=False),
            "built": self.built,
        }


def _meta_mac(entry: _Entry, fields: Mapping[str, str]) -> str:
    return entry.mac(b"meta", *(f"{name}={fields[name]}" for name in sorted(fields))).hex()


def _read_meta(connection: sqlite3.Connection, entry: _Entry) -> _Meta:
    (version,) = connection.execute("PRAGMA user_version").fetchone()
    rows = dict(connection.execute("SELECT name, value FROM meta").fetchall())
    mac = rows.pop("mac", None)
    if version != STORE_FORMAT or rows.get("key") != entry.key or mac != _meta_mac(entry, rows):
        raise _Damaged("the entry's description does not check out")
    files = json.loads(rows["files"])
    return _Meta(
        int(rows["treaties"]), int(rows["names"]), int(rows["parties"]), tuple(files), rows["built"]
    )


def _discard(path: Path) -> None:
    if storedir.is_entry(path):
        with contextlib.suppress(OSError):
            path.unlink()


# --- building -------------------------------------------------------------------------------


_Input = tuple[Path, bytes, ReadFile]
"""An input file: its path, the digest its key was made with, and how to read it again."""


def _build(
    entry: _Entry,
    files: Sequence[_Input],
    check_file: CheckFile,
    rebuild: Callable[[], Dataset],
) -> Dataset | None:
    """Write the entry into a temporary file, check it, publish it; the dataset it holds."""
    import tempfile

    try:
        descriptor, name = tempfile.mkstemp(
            prefix=f".build-{entry.key}-", suffix=".tmp", dir=entry.folder
        )
        os.close(descriptor)
    except OSError:
        return None
    temporary = Path(name)
    try:
        built = _write(temporary, entry, files, check_file)
        if built is not None:
            os.replace(temporary, entry.path)
    except (OSError, sqlite3.Error, _Changed):
        built = None
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink()
    if built is None:
        return None
    storedir.prune(entry.folder, MAX_ENTRIES, spare=entry.path)
    if isinstance(built, tuple):
        return Dataset(treaties=built, files=tuple(file_label(path) for path, _, _ in files))
    return _open(entry, rebuild)


def _write(
    target: Path, entry: _Entry, files: Sequence[_Input], check_file: CheckFile
) -> tuple[Treaty, ...] | bool | None:
    """Fill ``target``, reading the files again one at a time; None if they have problems.
    The treaties if few enough to keep, else True. Raises _Changed if a file's bytes are no
    longer those the key was made from."""
    connection = sqlite3.connect(target, isolation_level=None)
    try:
        connection.executescript(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -65536;"
            + _SCHEMA
        )
        connection.execute("BEGIN")
        kept: list[Treaty] | None = []
        count = 0
        for path, digest, read in files:
            raw = read(path)
            if content_digest(raw) != digest:
                raise _Changed(path)
            problems, _, model = check_file(path, raw)
            del raw
            if problems or model is None:
                return None
            _insert(connection, entry, model.treaties, count)
            count += len(model.treaties)
            if kept is not None:
                kept.extend(model.treaties)
                if len(kept) > KEEP_IN_MEMORY:
                    kept = None
            del model
        treaties: Sequence[Treaty] = (
            kept if kept is not None else _StoredSequence(connection, entry, count)
        )
        if dataset_problems(treaties):
            return None
        connection.execute("CREATE UNIQUE INDEX treaty_id ON treaty (id)")
        fields = _Meta(
            treaties=count,
            names=connection.execute("SELECT count(*) FROM name").fetchone()[0],
            parties=connection.execute("SELECT count(*) FROM party").fetchone()[0],
            files=tuple(file_label(path) for path, _, _ in files),
            built=datetime.now(UTC).isoformat(timespec="seconds"),
        ).fields()
        fields["key"] = entry.key
        fields["mac"] = _meta_mac(entry, fields)
        connection.executemany("INSERT INTO meta VALUES (?, ?)", fields.items())
        connection.execute("COMMIT")
        return tuple(kept) if kept is not None else True
    finally:
        connection.close()


def _insert(
    connection: sqlite3.Connection, entry: _Entry, treaties: Sequence[Treaty], start: int
) -> None:
    """Rows and index rows for these treaties, numbered from ``start`` in file order."""
    rows, names, parties = [], [], []
    for ordinal, treaty in enumerate(treaties, start):
        body = treaty.model_dump_json().encode()
        rows.append((ordinal, treaty.id, body, entry.mac(b"treaty", ordinal, body)))
        for key in dict.fromkeys(casefold_name(n) for n in treaty.names):
            names.append((key, ordinal, entry.mac(b"name", key, ordinal)))
        for key in dict.fromkeys(casefold_name(p) for p in party_names(treaty)):
            parties.append((key, ordinal, entry.mac(b"party", key, ordinal)))
    connection.executemany("INSERT INTO treaty VALUES (?, ?, ?, ?)", rows)
    # First treaty wins a name, as Dataset's index does.
    connection.executemany("INSERT OR IGNORE INTO name VALUES (?, ?, ?)", names)
    connection.executemany("INSERT OR IGNORE INTO party VALUES (?, ?, ?)", parties)


# --- reading --------------------------------------------------------------------------------


def _treaty_from(entry: _Entry, ordinal: int, row: tuple[bytes, bytes] | None) -> Treaty:
    if row is None:
        raise _Damaged(f"treaty row {ordinal} is missing")
    body, mac = row
    if mac != entry.mac(b"treaty", ordinal, body):
        raise _Damaged(f"treaty row {ordinal} does not check out")
    try:
        return Treaty.model_validate_json(body)
    except ValueError as exc:
        raise _Damaged(f"treaty row {ordinal} is not a valid treaty") from exc


class _StoredSequence(Sequence[Treaty]):
    """The treaties of a store being built, read back one at a time (for the checks across
    treaties on a corpus too big to keep in memory)."""

    def __init__(self, connection: sqlite3.Connection, entry: _Entry, count: int) -> None:
        self._connection = connection
        self._entry = entry
        self._count = count

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> Treaty: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Treaty]: ...
    def __getitem__(self, index: int | slice) -> Treaty | Sequence[Treaty]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._count))]
        if not 0 <= index < self._count:
            raise IndexError(index)
        row = self._connection.execute(
            "SELECT body, mac FROM treaty WHERE ordinal = ?", (index,)
        ).fetchone()
        return _treaty_from(self._entry, index, row)

    def __iter__(self) -> Iterator[Treaty]:
        rows = self._connection.execute("SELECT ordinal, body, mac FROM treaty ORDER BY ordinal")
        for ordinal, body, mac in rows:
            yield _treaty_from(self._entry, ordinal, (body, mac))


class StoredDataset(Dataset):
    """A dataset answered from a store entry: only the treaties asked about are read.

    Every row is checked before it is believed. If anything does not check out, the entry is
    deleted, the dataset is rebuilt from its input, and this object answers from that from
    then on: an answer never depends on a damaged entry.
    """

    def __init__(
        self,
        connection: sqlite3.Connection,
        entry: _Entry,
        meta: _Meta,
        rebuild: Callable[[], Dataset],
    ) -> None:
        super().__init__((), meta.files)
        self._connection = connection
        self._entry = entry
        self._meta = meta
        self._rebuild = rebuild
        self._replacement: Dataset | None = None
        self._read: dict[int, Treaty] = {}

    def _guard(self, read: Callable[[], _T], instead: Callable[[Dataset], _T]) -> _T:
        if self._replacement is None:
            try:
                return read()
            except (_Damaged, sqlite3.Error):
                self._connection.close()
                _discard(self._entry.path)
                self._replacement = self._rebuild()
        return instead(self._replacement)

    def _treaty(self, ordinal: int) -> Treaty:
        treaty = self._read.get(ordinal)
        if treaty is None:
            row = self._connection.execute(
                "SELECT body, mac FROM treaty WHERE ordinal = ?", (ordinal,)
            ).fetchone()
            treaty = self._read[ordinal] = _treaty_from(self._entry, ordinal, row)
        return treaty

    def _index_count(self, table: str, expected: int) -> None:
        """A miss is believed only if no index row has gone missing."""
        (count,) = self._connection.execute(f"SELECT count(*) FROM {table}").fetchone()
        if count != expected:
            raise _Damaged(f"the {table} index has {count} rows, not {expected}")

    @cached_property
    def treaties(self) -> tuple[Treaty, ...]:
        return self._guard(self._all, lambda dataset: dataset.treaties)

    def _all(self) -> tuple[Treaty, ...]:
        rows = self._connection.execute("SELECT ordinal, body, mac FROM treaty ORDER BY ordinal")
        treaties = []
        for expected, (ordinal, body, mac) in enumerate(rows):
            if ordinal != expected:
                raise _Damaged(f"treaty row {expected} is missing")
            treaty = self._read.get(ordinal) or _treaty_from(self._entry, ordinal, (body, mac))
            treaties.append(treaty)
        if len(treaties) != self._meta.treaties:
            raise _Damaged(f"{len(treaties)} treaty rows, not {self._meta.treaties}")
        self._read.update(enumerate(treaties))
        return tuple(treaties)

    def _exact(self, key: str) -> Treaty | None:
        return self._guard(lambda: self._stored_exact(key), lambda dataset: dataset._exact(key))

    def _stored_exact(self, key: str) -> Treaty | None:
        """The id index, then the name index; a miss is believed only if neither index has
        lost a row."""
        row = self._connection.execute("SELECT ordinal FROM treaty WHERE id = ?", (key,)).fetchone()
        if row is not None:
            treaty = self._treaty(row[0])
            if treaty.id != key:
                raise _Damaged(f"the id index leads {key!r} to {treaty.id!r}")
            return treaty
        row = self._connection.execute(
            "SELECT ordinal, mac FROM name WHERE key = ?", (key,)
        ).fetchone()
        if row is None:
            self._index_count("treaty", self._meta.treaties)
            self._index_count("name", self._meta.names)
            return None
        ordinal, mac = row
        if mac != self._entry.mac(b"name", key, ordinal):
            raise _Damaged(f"name row {key!r} does not check out")
        treaty = self._treaty(ordinal)
        if key not in {casefold_name(n) for n in treaty.names}:
            raise _Damaged(f"name row {key!r} leads to a treaty without that name")
        return treaty

    def with_party(self, party: str) -> list[Treaty]:
        return self._guard(
            lambda: self._stored_with_party(party), lambda dataset: dataset.with_party(party)
        )

    def _stored_with_party(self, party: str) -> list[Treaty]:
        key = casefold_name(party)
        self._index_count("party", self._meta.parties)
        found = []
        rows = self._connection.execute(
            "SELECT ordinal, mac FROM party WHERE key = ? ORDER BY ordinal", (key,)
        ).fetchall()
        for ordinal, mac in rows:
            if mac != self._entry.mac(b"party", key, ordinal):
                raise _Damaged(f"party row {key!r} does not check out")
            treaty = self._treaty(ordinal)
            if key not in {casefold_name(p) for p in party_names(treaty)}:
                raise _Damaged(f"party row {key!r} leads to a treaty without that party")
            found.append(treaty)
        return found

    def by_id(self, treaty_id: str) -> Treaty:
        """The treaty with exactly this id (KeyError if none), read through the id index."""
        return self._guard(
            lambda: self._stored_by_id(treaty_id), lambda dataset: dataset.by_id(treaty_id)
        )

    def _stored_by_id(self, treaty_id: str) -> Treaty:
        row = self._connection.execute(
            "SELECT ordinal FROM treaty WHERE id = ?", (treaty_id,)
        ).fetchone()
        if row is None:
            self._index_count("treaty", self._meta.treaties)
            raise KeyError(treaty_id)
        treaty = self._treaty(row[0])
        if treaty.id != treaty_id:
            raise _Damaged(f"the id index leads {treaty_id!r} to {treaty.id!r}")
        return treaty

    @cached_property
    def short_names(self) -> Mapping[str, str]:
        return _ShortNames(self)


class _ShortNames(Mapping[str, str]):
    """Treaty id → short name, read from the store for the ids asked about."""

    def __init__(self, dataset: StoredDataset) -> None:
        self._dataset = dataset

    def __getitem__(self, treaty_id: str) -> str:
        return self._dataset.by_id(treaty_id).short_name

    def __iter__(self) -> Iterator[str]:
        return iter([t.id for t in self._dataset.treaties])

    def __len__(self) -> int:
        return len(self._dataset.treaties)


# --- what `treaty cache` shows and does -----------------------------------------------------


@dataclass(frozen=True, slots=True)
class EntryInfo:
    """One entry, as ``treaty cache info`` lists it."""

    path: Path
    size: int
    last_used: datetime
    treaties: int | None
    """None if the entry does not check out (it will be rebuilt when next needed)."""
    files: tuple[str, ...]
    built: str


@dataclass(frozen=True, slots=True)
class StoreInfo:
    """Where the store is, whether it is used (and if not, why), and what it holds."""

    folder: Path | None
    in_use: bool
    why_not: str
    entries: tuple[EntryInfo, ...]

    @property
    def size(self) -> int:
        return sum(e.size for e in self.entries)


def describe() -> StoreInfo:
    """The store as it is now; reads entries' descriptions, changes nothing."""
    place = storedir.locate()
    if place.folder is None:
        return StoreInfo(None, False, place.why_not, ())
    why = storedir.distrust(place.folder)
    if why == "it does not exist":
        return StoreInfo(place.folder, True, "", ())
    if why is not None:
        return StoreInfo(place.folder, False, f"refused: {why}", ())
    secret = storedir.read_own(place.folder / storedir.SECRET, 64)
    return StoreInfo(
        place.folder,
        True,
        "",
        tuple(_entry_info(p, secret) for p in storedir.entries(place.folder)),
    )


def _entry_info(path: Path, secret: bytes | None) -> EntryInfo:
    stat = path.stat()
    used = datetime.fromtimestamp(stat.st_mtime, UTC)
    meta = None
    if secret is not None:
        entry = _Entry(path.parent, secret, path.name.removesuffix(storedir.ENTRY_SUFFIX))
        with contextlib.suppress(sqlite3.Error, _Damaged, ValueError, KeyError):
            connection = sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True)
            try:
                meta = _read_meta(connection, entry)
            finally:
                connection.close()
    if meta is None:
        return EntryInfo(path, stat.st_size, used, None, (), "")
    return EntryInfo(path, stat.st_size, used, meta.treaties, meta.files, meta.built)


def clear() -> tuple[Path | None, int]:
    """Delete every file the store wrote (and nothing else); its folder and the count."""
    folder = storedir.locate().folder
    if folder is None or storedir.distrust(folder) is not None:
        return folder, 0
    return folder, storedir.clear(folder)
