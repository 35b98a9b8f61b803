"""The compiled store: found again, never believed when changed, never runs code, never
deletes what it did not write, and every answer the same with it on or off."""

from __future__ import annotations

import copy
import json
import os
import pickle
import sqlite3
import stat
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from factories import dataset_document, minimal_treaty
from treatycli.dataset import store, storedir, storeinput, storekey
from treatycli.dataset.catalog import Dataset
from treatycli.dataset.load import builtin_data_path, load_dataset
from treatycli.errors import DataError, UsageError

Writer = Callable[..., Path]
Invoke = Callable[..., Any]
ROOT = Path(__file__).resolve().parents[1]
AS_OF = "2026-12-01"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A store folder of this test's own (not created yet)."""
    path = tmp_path / "store"
    monkeypatch.setenv("TREATY_CACHE_DIR", str(path))
    monkeypatch.delenv("TREATY_NO_CACHE", raising=False)
    return path


def _key(path: Path) -> str:
    return storekey.store_key([(str(path), storekey.content_digest(path.read_bytes()))])


def entries(path: Path) -> list[Path]:
    return sorted(p for p in path.iterdir() if p.name.endswith(".sqlite3"))


def only_entry(path: Path) -> Path:
    found = entries(path)
    assert len(found) == 1, found
    return found[0]


def treaties(count: int, prefix: str = "t") -> list[dict[str, Any]]:
    return [
        copy.deepcopy(
            minimal_treaty(
                id=f"{prefix}{i}",
                short_name=f"{prefix.upper()} Treaty {i}",
                full_name=f"The {prefix.upper()} Treaty number {i}",
                aliases=[f"{prefix.upper()}-{i}"],
                parties=["Alpha", f"State {i % 3}"],
            )
        )
        for i in range(count)
    ]


def answers(dataset: Dataset) -> list[Any]:
    """What a dataset answers, in every way the commands ask it."""
    names = [name for t in dataset.treaties for name in t.names]
    return [
        dataset.treaties,
        dataset.files,
        [dataset.find(n.upper()) for n in names],
        [dataset.by_id(t.id) for t in dataset.treaties],
        {t.id: dataset.short_names.get(t.id) for t in dataset.treaties},
        dataset.with_party("alpha"),
        dataset.with_party("STATE 1"),
        dataset.with_party("nobody"),
    ]


# --- found again, and the same answers ----------------------------------------------------


def test_a_valid_dataset_is_stored_and_read_back_equal(write_yaml: Writer, folder: Path) -> None:
    path = write_yaml(dataset_document(*treaties(5)))
    cold = load_dataset([path])
    entry = only_entry(folder)
    warm = load_dataset([path])
    assert isinstance(warm, store.StoredDataset)
    assert answers(warm) == answers(cold) == answers(_in_memory([path]))
    assert only_entry(folder) == entry


def test_one_treaty_is_answered_without_reading_the_others(
    write_yaml: Writer, folder: Path
) -> None:
    path = write_yaml(dataset_document(*treaties(30)))
    load_dataset([path])
    warm = load_dataset([path])
    assert isinstance(warm, store.StoredDataset)
    assert warm.find("t-17").id == "t17"
    assert warm.short_names["t3"] == "T Treaty 3"
    assert set(warm._read) == {17, 3}


def test_a_miss_names_the_same_closest_treaties_as_in_memory(
    write_yaml: Writer, folder: Path
) -> None:
    path = write_yaml(dataset_document(*treaties(12)))
    load_dataset([path])
    messages = []
    for dataset in (load_dataset([path]), _in_memory([path])):
        with pytest.raises(UsageError) as caught:
            dataset.find("T treaty 1O")
        messages.append(str(caught.value))
    assert messages[0] == messages[1]
    assert "closest" in messages[0]


def test_a_big_dataset_is_checked_across_treaties_from_the_store(
    write_yaml: Writer, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Beyond KEEP_IN_MEMORY treaties the build drops them and reads them back to check."""
    monkeypatch.setattr(store, "KEEP_IN_MEMORY", 3)
    files = [write_yaml(dataset_document(*treaties(4, prefix=p))) for p in "ab"]
    cold = load_dataset(files)
    assert isinstance(cold, store.StoredDataset), "the cold run answers from the store"
    assert answers(cold) == answers(_in_memory(files))
    clash = write_yaml(dataset_document(*treaties(2, prefix="a")))
    with pytest.raises(DataError) as streamed:
        load_dataset([*files, clash])
    monkeypatch.setenv("TREATY_NO_CACHE", "1")
    with pytest.raises(DataError) as in_memory:
        load_dataset([*files, clash])
    assert streamed.value.problems == in_memory.value.problems
    assert len(entries(folder)) == 1, "a dataset with problems is never stored"


def test_changed_content_never_comes_from_the_store(write_yaml: Writer, folder: Path) -> None:
    path = write_yaml(dataset_document(minimal_treaty()))
    load_dataset([path])
    path.write_text(path.read_text().replace("Test Treaty", "Changed Treaty"), encoding="utf-8")
    assert load_dataset([path]).treaties[0].short_name == "Changed Treaty"
    path.write_text(path.read_text().replace("2011-02-05", "2010-02-30"), encoding="utf-8")
    with pytest.raises(DataError):
        load_dataset([path])  # an invalid file is never answered from an older valid entry


def test_the_store_can_be_turned_off(
    write_yaml: Writer, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TREATY_NO_CACHE", "1")
    load_dataset([write_yaml(dataset_document(minimal_treaty()))])
    assert not folder.exists()


def test_an_unwritable_folder_is_no_error(
    write_yaml: Writer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("TREATY_CACHE_DIR", str(blocker / "store"))
    assert load_dataset([write_yaml(dataset_document(minimal_treaty()))]).treaties[0].id


def test_the_key_covers_code_and_library_versions(monkeypatch: pytest.MonkeyPatch) -> None:
    def key(path: str, content: bytes) -> str:
        return storekey.store_key([(path, storekey.content_digest(content))])

    files = [("a.yaml", storekey.content_digest(b"schema_version: 1\n"))]
    before = storekey.store_key(files)
    assert key("a.yaml", b"schema_version: 1\n") == before
    assert key("a.yaml", b"schema_version: 1 \n") != before
    assert key("b.yaml", b"schema_version: 1\n") != before
    versions = storekey._library_versions()
    assert any(v.startswith("pyyaml ") and v[7:8].isdigit() for v in versions), versions
    assert any(v.startswith("pydantic_core ") and v[14:15].isdigit() for v in versions), versions
    storekey._environment_digest.cache_clear()
    upgraded = [v.replace("pyyaml ", "pyyaml 99.") for v in versions]
    monkeypatch.setattr(storekey, "_library_versions", lambda: upgraded)
    try:
        assert storekey.store_key(files) != before
    finally:
        storekey._environment_digest.cache_clear()


# --- every answer the same with the store on or off ----------------------------------------


def _in_memory(paths: list[Path]) -> Dataset:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TREATY_NO_CACHE", "1")
        return load_dataset(paths)


def _every_json_command() -> Iterator[list[str]]:
    ids = [t.id for t in _in_memory([builtin_data_path()]).treaties]
    yield ["list", "--json"]
    yield ["timeline", "--json"]
    yield ["upcoming", "--within", "P30Y", "--json"]
    yield ["validate", "--json"]
    yield ["chart", "--json"]
    yield ["show", "treaty, New START", "--json"]  # a loose look-up (words): every treaty read
    for treaty_id in ids:
        yield ["show", treaty_id, "--json"]
        yield ["extend-check", treaty_id.upper(), "--json"]
        yield ["timeline", treaty_id, "--json"]
        yield ["withdrawal", treaty_id, "--json"]
    yield ["extend-check", "no-such-treaty", "--json"]


def test_every_answer_is_the_same_with_the_store_on_or_off(invoke: Invoke, tmp_path: Path) -> None:
    def outputs(env: dict[str, str]) -> list[tuple[int, str, str]]:
        results = []
        for command in _every_json_command():
            for as_of in ("1991-07-31", "2020-04-14", AS_OF):
                extra = ["--as-of", as_of] if command[0] != "validate" else []
                result = invoke(*command, *extra, env=env)
                results.append((result.exit_code, result.stdout, result.stderr))
        return results

    off = outputs({"TREATY_NO_CACHE": "1"})
    fresh = {"TREATY_CACHE_DIR": str(tmp_path / "fresh")}
    assert outputs(fresh) == off  # the first command builds the store, the others read it
    assert outputs(fresh) == off
    assert len(entries(tmp_path / "fresh")) == 1


# --- trust: nothing in the store can run code; a folder others can write is refused ---------


PLANTED = "planted-code-ran"


class _Payload:
    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, ...]:
        return (Path.write_text, (self.marker, PLANTED))


def test_a_planted_pickle_never_runs(write_yaml: Writer, folder: Path, tmp_path: Path) -> None:
    path = write_yaml(dataset_document(minimal_treaty()))
    expected = _in_memory([path]).treaties
    marker = tmp_path / "marker"
    planted = pickle.dumps(_Payload(marker))
    folder.mkdir(mode=0o700)
    key = _key(path)
    for name in (f"{key}.pickle", f"{key}.sqlite3"):
        (folder / name).write_bytes(planted)
    assert load_dataset([path]).treaties == expected
    assert load_dataset([path]).treaties == expected
    # And a row holding a pickle instead of JSON is refused, not unpickled.
    with sqlite3.connect(folder / f"{key}.sqlite3") as connection:
        connection.execute("UPDATE treaty SET body = ?", (planted,))
    connection.close()
    assert load_dataset([path]).treaties == expected
    assert not marker.exists()


@pytest.mark.parametrize("mode", [0o777, 0o770, 0o702])
def test_a_folder_others_can_write_is_refused(write_yaml: Writer, folder: Path, mode: int) -> None:
    folder.mkdir()
    folder.chmod(mode)
    path = write_yaml(dataset_document(minimal_treaty()))
    assert load_dataset([path]).treaties[0].id == "test-treaty"
    assert os.listdir(folder) == [], "nothing is read from or written to it"
    info = store.describe()
    assert not info.in_use
    assert info.why_not == "refused: other users can write to it"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")
def test_a_folder_of_another_user_is_refused(write_yaml: Writer, folder: Path) -> None:
    folder.mkdir(mode=0o700)
    os.chown(folder, 54321, 54321)
    assert load_dataset([write_yaml(dataset_document(minimal_treaty()))]).treaties
    assert os.listdir(folder) == []
    assert store.describe().why_not == "refused: it belongs to another user"


# --- a changed or damaged entry is detected and rebuilt, answers unchanged -------------------


def _poison(entry: Path, statement: str, *parameters: Any) -> None:
    connection = sqlite3.connect(entry)
    with connection:
        connection.execute(statement, parameters)
    connection.close()


def _new_start_extended_to_2031(entry: Path) -> None:
    connection = sqlite3.connect(entry)
    (body,) = connection.execute("SELECT body FROM treaty WHERE id = 'new-start'").fetchone()
    connection.close()
    assert b'"2026-02-05"' in body
    _poison(
        entry,
        "UPDATE treaty SET body = ? WHERE id = 'new-start'",
        body.replace(b'"2026-02-05"', b'"2031-02-05"'),
    )


def _swap_names(entry: Path) -> None:
    """start-3 now leads to the first treaty's row (its checksum copied along)."""
    connection = sqlite3.connect(entry)
    first = connection.execute("SELECT ordinal, mac FROM name WHERE key = 'sort'").fetchone()
    connection.close()
    _poison(entry, "UPDATE name SET ordinal = ?, mac = ? WHERE key = 'start-3'", *first)


POISONS: dict[str, Callable[[Path], None]] = {
    "a row's content": _new_start_extended_to_2031,
    "a name leading elsewhere": _swap_names,
    "a name deleted": lambda e: _poison(e, "DELETE FROM name WHERE key = 'start-3'"),
    "a row deleted": lambda e: _poison(e, "DELETE FROM treaty WHERE id = 'new-start'"),
    "a checksum": lambda e: _poison(e, "UPDATE treaty SET mac = zeroblob(32)"),
    "the description": lambda e: _poison(e, "UPDATE meta SET value = '3' WHERE name = 'treaties'"),
    "the bytes": lambda e: e.write_bytes(e.read_bytes()[:4096] + b"\xff" * 8192),
    "the secret": lambda e: (e.parent / storedir.SECRET).write_bytes(os.urandom(32)),
}


@pytest.mark.parametrize("poison", list(POISONS))
def test_a_poisoned_entry_is_detected_and_rebuilt(
    invoke: Invoke, folder: Path, poison: str
) -> None:
    command = ["extend-check", "start-3", "--as-of", AS_OF, "--json"]
    expected = invoke(*command, env={"TREATY_NO_CACHE": "1"}).stdout
    assert '"2026-02-05"' in expected
    assert invoke(*command).stdout == expected
    entry = only_entry(folder)
    POISONS[poison](entry)
    result = invoke(*command)
    assert (result.exit_code, result.stdout) == (0, expected)
    assert (
        invoke("timeline", "--as-of", AS_OF, "--json").stdout
        == invoke("timeline", "--as-of", AS_OF, "--json", env={"TREATY_NO_CACHE": "1"}).stdout
    )
    rebuilt = load_dataset()
    assert isinstance(rebuilt, store.StoredDataset)
    assert rebuilt.find("start-3").rules.extension is not None
    assert rebuilt.treaties == _in_memory([builtin_data_path()]).treaties
    assert only_entry(folder) == entry


# --- the store deletes only what it wrote ---------------------------------------------------


def test_pruning_deletes_only_the_stores_own_entries(
    write_yaml: Writer, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store, "MAX_ENTRIES", 2)
    folder.mkdir(mode=0o700)
    foreign = []
    for i in range(20):
        other = folder / f"{i:064x}.pickle"
        other.write_bytes(pickle.dumps(i))
        foreign.append(other)
        lookalike = folder / f"{i + 100:064x}.sqlite3"  # our name, not our file
        connection = sqlite3.connect(lookalike)
        connection.execute("CREATE TABLE t (x)")
        connection.close()
        foreign.append(lookalike)
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    foreign.append(folder / "notes.txt")
    for i in range(5):
        load_dataset([write_yaml(dataset_document(minimal_treaty(short_name=f"Kept {i}")))])
    assert all(path.exists() for path in foreign)
    ours = [p for p in entries(folder) if storedir.is_entry(p)]
    assert len(ours) == 2
    assert load_dataset([write_yaml(dataset_document(minimal_treaty(short_name="Kept 4")))])
    _, removed = store.clear()
    assert removed == 2 + 2  # the entries, the secret, the lock
    assert sorted(folder.iterdir()) == sorted(foreign)


# --- never open a FIFO or a link where a file should be -------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@pytest.mark.parametrize("where", ["entry", storedir.SECRET, storedir.LOCK])
def test_a_fifo_where_a_file_should_be_is_not_opened(
    write_yaml: Writer, folder: Path, where: str
) -> None:
    path = write_yaml(dataset_document(minimal_treaty()))
    folder.mkdir(mode=0o700)
    key = _key(path)
    fifo = folder / (f"{key}.sqlite3" if where == "entry" else where)
    os.mkfifo(fifo)
    found: list[Dataset] = []
    for _ in range(2):
        worker = threading.Thread(target=lambda: found.append(load_dataset([path])), daemon=True)
        worker.start()
        worker.join(timeout=30)
        assert not worker.is_alive(), "load_dataset hung on a FIFO"
    assert [d.treaties for d in found] == [_in_memory([path]).treaties] * 2
    if where == "entry":
        assert storedir.is_entry(fifo), "the FIFO was replaced by a real entry"
    else:
        assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_link_at_the_entrys_path_is_not_opened(
    write_yaml: Writer, folder: Path, tmp_path: Path
) -> None:
    path = write_yaml(dataset_document(minimal_treaty()))
    other = write_yaml(dataset_document(minimal_treaty(short_name="Other")))
    load_dataset([other])
    elsewhere = only_entry(folder)
    key = _key(path)
    (folder / f"{key}.sqlite3").symlink_to(elsewhere)
    assert load_dataset([path]).treaties[0].short_name == "Test Treaty"
    os.unlink(folder / f"{key}.sqlite3")
    os.link(elsewhere, folder / f"{key}.sqlite3")
    assert load_dataset([path]).treaties[0].short_name == "Test Treaty"
    assert not (folder / f"{key}.sqlite3").samefile(elsewhere)


# --- where the store is: platformdirs, XDG rules, no HOME -----------------------------------


def test_a_relative_xdg_cache_home_is_ignored(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    if sys.platform != "linux":
        pytest.skip("XDG applies on Linux")
    monkeypatch.delenv("TREATY_CACHE_DIR")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    assert storedir.locate().folder == tmp_path / "home" / ".cache" / "treatycli"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert storedir.locate().folder == tmp_path / "xdg" / "treatycli"


def test_no_home_and_no_passwd_entry_runs_without_a_store(
    monkeypatch: pytest.MonkeyPatch, write_yaml: Writer, tmp_path: Path
) -> None:
    import pwd

    def no_entry(uid: int) -> Any:
        raise KeyError(f"getpwuid(): uid not found: {uid}")

    monkeypatch.delenv("TREATY_CACHE_DIR")
    monkeypatch.delenv("HOME")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(pwd, "getpwuid", no_entry)
    monkeypatch.chdir(tmp_path)
    place = storedir.locate()
    assert place.folder is None and "HOME" in place.why_not
    assert load_dataset([write_yaml(dataset_document(minimal_treaty()))]).treaties
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data0.yaml"]


_AS_A_USER_WITHOUT_PASSWD_ENTRY = """
import io, os, sys, contextlib
from treatycli.cli import app
def run(args):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        try:
            app(args, standalone_mode=True)
        except SystemExit as exit:
            code = exit.code
    return code, out.getvalue()
args = ["extend-check", "start-3", "--as-of", "2026-12-01", "--json"]
os.environ["TREATY_NO_CACHE"] = "1"
expected = run(args)            # imports every module while the interpreter can read them
del os.environ["TREATY_NO_CACHE"]
os.setgid(54321)
os.setuid(54321)
import pwd
try:
    pwd.getpwuid(54321)
    sys.exit("uid 54321 has a passwd entry")
except KeyError:
    pass
got = run(args)
assert got == expected, (got, expected)
assert not os.path.exists("~"), "a relative ~ folder was created"
print("ok", got[0])
"""


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")
def test_a_uid_without_passwd_entry_and_no_home_answers(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"HOME", "TREATY_CACHE_DIR"}}
    env.pop("XDG_CACHE_HOME", None)
    result = subprocess.run(
        [sys.executable, "-c", _AS_A_USER_WITHOUT_PASSWD_ENTRY],
        env=env,
        cwd="/",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "ok 0\n", "")


def test_an_install_without_sources_answers_and_stores(tmp_path: Path) -> None:
    """Only .pyc files, as some installers ship: the key must not need the .py files."""
    import compileall
    import shutil

    site = tmp_path / "site"
    package = site / "treatycli"
    shutil.copytree(ROOT / "src" / "treatycli", package)
    (package / "data").mkdir()
    shutil.copy(builtin_data_path(), package / "data" / "treaties.yaml")
    assert compileall.compile_dir(package, legacy=True, quiet=1)
    for source in package.rglob("*.py"):
        source.unlink()
    assert not list(package.rglob("*.py"))
    env = {**os.environ, "PYTHONPATH": str(site), "TREATY_CACHE_DIR": str(tmp_path / "store")}
    env.pop("TREATY_NO_CACHE", None)
    command = [sys.executable, "-m", "treatycli", "extend-check", "start-3", "--as-of", AS_OF]
    runs = [
        subprocess.run([*command, "--json"], env=env, capture_output=True, text=True, timeout=120)
        for _ in range(2)
    ]
    assert [r.returncode for r in runs] == [0, 0], runs[0].stderr
    assert runs[0].stdout == runs[1].stdout
    assert '"expires_on": "2026-02-05"' in runs[0].stdout
    assert len(entries(tmp_path / "store")) == 1


# --- concurrent cold runs -----------------------------------------------------------------


def test_twenty_concurrent_cold_runs_agree_and_build_one_store(tmp_path: Path) -> None:
    folder = tmp_path / "store"
    env = {**os.environ, "TREATY_CACHE_DIR": str(folder), "COLUMNS": "100"}
    env.pop("TREATY_NO_CACHE", None)
    command = [sys.executable, "-m", "treatycli", "timeline", "--as-of", AS_OF, "--json"]
    runs = [
        subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(20)
    ]
    outputs = [run.communicate(timeout=300) for run in runs]
    results = [(run.returncode, out, err) for run, (out, err) in zip(runs, outputs, strict=True)]
    assert {code for code, _, _ in results} == {0}
    assert len({out for _, out, _ in results}) == 1
    assert {err for _, _, err in results} == {b""}
    others = sorted(p.name for p in folder.iterdir() if not p.name.endswith(".sqlite3"))
    assert others == ["lock", "secret"]  # the built-in file is too small to record
    assert len(entries(folder)) == 1
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


# --- treaty cache info / clear ------------------------------------------------------------


def test_cache_info_says_where_the_store_is_and_what_it_holds(invoke: Invoke, folder: Path) -> None:
    assert invoke("list", "--as-of", AS_OF).exit_code == 0
    result = invoke("cache", "info", "--json")
    assert result.exit_code == 0, result.stderr
    info = json.loads(result.stdout)
    entry = only_entry(folder)
    assert info["folder"] == str(folder)
    assert (info["in_use"], info["why_not"]) == (True, None)
    assert info["size_bytes"] == entry.stat().st_size
    assert [e["file"] for e in info["entries"]] == [entry.name]
    assert info["entries"][0]["treaties"] == len(load_dataset().treaties)
    assert info["entries"][0]["data_files"] == [str(builtin_data_path())]
    text = invoke("cache", "info").stdout
    assert text.startswith(f"store: {folder} (in use)\nsize: {entry.stat().st_size:,} bytes")
    assert str(builtin_data_path()) in text


def test_cache_info_says_why_there_is_no_store(invoke: Invoke, folder: Path) -> None:
    result = invoke("cache", env={"TREATY_NO_CACHE": "1"})
    assert (result.exit_code, result.stdout) == (0, "store: none (turned off by TREATY_NO_CACHE)\n")
    folder.mkdir(mode=0o777)
    folder.chmod(0o777)
    result = invoke("cache", "info")
    assert result.stdout.startswith(
        f"store: {folder} (not used: refused: other users can write to it)"
    )


def test_cache_clear_removes_the_stores_files_only(invoke: Invoke, folder: Path) -> None:
    assert invoke("list", "--as-of", AS_OF).exit_code == 0
    (folder / "mine.txt").write_text("keep", encoding="utf-8")
    result = invoke("cache", "clear")
    assert (result.exit_code, result.stdout) == (0, f"removed 3 files from {folder}\n")
    again = invoke("cache", "clear", "--json")
    assert json.loads(again.stdout) == {"folder": str(folder), "removed": 0}
    assert [p.name for p in folder.iterdir()] == ["mine.txt"]
    assert invoke("extend-check", "start-3", "--as-of", AS_OF).exit_code == 0
    assert len(entries(folder)) == 1, "rebuilt when next needed"


def test_a_file_changed_while_the_store_is_built_is_not_stored(
    write_yaml: Writer, folder: Path
) -> None:
    """The key is made from the bytes read first; a build that reads other bytes is dropped."""
    from treatycli.dataset.load import _check_file, _read_bytes

    path = write_yaml(dataset_document(minimal_treaty()))
    later = path.read_bytes().replace(b"Test Treaty", b"Later Treaty")
    reads = []

    def read(target: Path) -> bytes:
        reads.append(target)
        return _read_bytes(target) if len(reads) == 1 else later

    assert store.load([path], read, _check_file, lambda: _in_memory([path])) is None
    assert len(reads) == 2
    assert entries(folder) == []
    assert [p.name for p in folder.iterdir() if p.name.startswith(".build-")] == []


# --- files unchanged since they were hashed are not read again ------------------------------


def test_an_unchanged_file_is_not_read_again_and_a_changed_one_is(
    write_yaml: Writer, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from treatycli.dataset import load

    monkeypatch.setattr(storeinput, "SETTLED_SECONDS", -1.0)  # files written now count as old
    monkeypatch.setattr(storeinput, "RECORD_MIN_BYTES", 0)
    reads: list[Path] = []
    real = load._read_bytes

    def counting(path: Path) -> bytes:
        reads.append(path)
        return real(path)

    monkeypatch.setattr(load, "_read_bytes", counting)
    path = write_yaml(dataset_document(minimal_treaty()))
    load_dataset([path])
    assert len(reads) == 2, "hashed, then read again to build"
    assert load_dataset([path]).treaties[0].short_name == "Test Treaty"
    assert len(reads) == 2, "unchanged: its recorded digest is used"
    path.write_text(path.read_text().replace("Test Treaty", "Changed"), encoding="utf-8")
    assert load_dataset([path]).treaties[0].short_name == "Changed"
    assert len(reads) > 2
    assert (folder / storedir.INPUTS).exists()
    store.clear()
    assert not (folder / storedir.INPUTS).exists(), "cache clear removes the records too"


def test_a_changed_record_is_not_believed(
    write_yaml: Writer, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(storeinput, "SETTLED_SECONDS", -1.0)
    monkeypatch.setattr(storeinput, "RECORD_MIN_BYTES", 0)
    first = write_yaml(dataset_document(minimal_treaty()))
    second = write_yaml(dataset_document(minimal_treaty(short_name="Second")))
    load_dataset([first])
    load_dataset([second])
    connection = sqlite3.connect(folder / storedir.INPUTS)
    with connection:
        (digest,) = connection.execute(
            "SELECT digest FROM seen WHERE path = ?", (str(second),)
        ).fetchone()
        connection.execute("UPDATE seen SET digest = ? WHERE path = ?", (digest, str(first)))
    connection.close()
    assert load_dataset([first]).treaties[0].short_name == "Test Treaty"


def test_settled_times_are_required_before_a_digest_is_recorded(
    write_yaml: Writer, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(storeinput, "RECORD_MIN_BYTES", 0)
    path = write_yaml(dataset_document(minimal_treaty()))
    load_dataset([path])  # written just now: its times are too recent to rely on
    connection = sqlite3.connect(folder / storedir.INPUTS)
    assert connection.execute("SELECT count(*) FROM seen").fetchone() == (0,)
    connection.close()
    old = 1_000_000_000
    os.utime(path, (old, old))  # the ctime is now, whatever the mtime says
    load_dataset([path])
    connection = sqlite3.connect(folder / storedir.INPUTS)
    assert connection.execute("SELECT count(*) FROM seen").fetchone() == (0,)
    connection.close()


def test_standard_input_answers_as_without_the_store(
    runner: Any, folder: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """``--data -``: standard input is read once, and a file named "-" in the working folder
    (whose digest could be recorded) is never taken for it."""
    from treatycli.cli import app

    monkeypatch.setattr(storeinput, "SETTLED_SECONDS", -1.0)
    monkeypatch.setattr(storeinput, "RECORD_MIN_BYTES", 0)
    monkeypatch.chdir(tmp_path)
    builtin = builtin_data_path().read_text(encoding="utf-8")
    Path("-").write_text(builtin, encoding="utf-8")
    piped = builtin.replace("short_name: New START", "short_name: Newer START")
    assert piped != builtin
    args = ["--data", "-", "extend-check", "start-3", "--as-of", AS_OF, "--json"]
    env = {"TREATY_DATA": "", "COLUMNS": "200"}
    off = runner.invoke(app, args, input=piped, env={**env, "TREATY_NO_CACHE": "1"})
    assert off.exit_code == 0 and "Newer START" in off.stdout
    for _ in range(2):  # cold (builds the store), then warm
        on = runner.invoke(app, args, input=piped, env=env)
        assert (on.exit_code, on.stdout) == (0, off.stdout)
    plain = runner.invoke(app, args, input=builtin, env=env)
    assert plain.exit_code == 0 and "Newer START" not in plain.stdout
