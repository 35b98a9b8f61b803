"""Reading dataset files: safe YAML, validation, and every error located at ``FILE:LINE``.

The fast path reads the YAML with :mod:`treatycli.dataset.yamlread` (libyaml's event stream, no node
tree) and validates once; line numbers are looked up, by composing the file's node tree, only
when there is an error to report, so a valid file costs no more than reading it.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from treatycli.dataset.catalog import Dataset, dataset_problems
from treatycli.errors import DataError, Problem, UsageError
from treatycli.model.treaty import DatasetFile, Treaty

if TYPE_CHECKING:
    import yaml

MAX_FILE_BYTES = 64 * 1024 * 1024
"""Refuse files larger than this (64 MiB): ten thousand detailed treaties take about 25 MiB."""

MAX_NESTING = 64
"""Deepest nesting of lists and mappings accepted; a real dataset needs about eight."""


def builtin_data_path() -> Path:
    """The dataset that ships with the package (inside the wheel, or in a source checkout)."""
    packaged = Path(__file__).parent.parent / "data" / "treaties.yaml"
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[3] / "data" / "treaties.yaml"


STDIN = "-"
"""The dataset path that means standard input (``--data -``, ``validate -``)."""


def paths_from_environment(value: str | None) -> list[Path]:
    """``TREATY_DATA``: dataset paths joined by ``:`` (the platform's path separator).

    Unset or empty means the built-in dataset. Set to separators only (``"$A:$B"`` with both
    unset) it names no file: that is said, not quietly taken for the built-in dataset.
    """
    if not value:
        return []
    paths = [Path(part) for part in value.split(os.pathsep) if part]
    if not paths:
        raise UsageError(
            f"TREATY_DATA is {value!r}, which names no file (unset it to use the built-in dataset)"
        )
    return paths


def file_label(path: Path | str) -> str:
    """How a dataset file is named in messages and JSON: ``<stdin>`` for ``-``, and a name
    that is not UTF-8 with its undecodable bytes written as ``\\xNN`` (JSON and terminals
    take only real text)."""
    name = os.fspath(path)
    if name == STDIN:
        return "<stdin>"
    return os.fsencode(name).decode("utf-8", "backslashreplace")


@dataclass(frozen=True, slots=True)
class LoadedFile:
    path: str
    text: str
    model: DatasetFile


@dataclass(frozen=True, slots=True)
class Inspection:
    """What checking a set of files found: every problem, and what the valid files hold."""

    problems: list[Problem]
    loaded: list[LoadedFile]

    @property
    def treaties(self) -> tuple[Treaty, ...]:
        """The treaties of the files that are valid on their own, in file order."""
        return tuple(t for f in self.loaded for t in f.model.treaties)

    @property
    def treaty_count(self) -> int:
        return len(self.treaties)

    @property
    def event_count(self) -> int:
        return sum(len(t.events) for t in self.treaties)

    @property
    def event_source_kinds(self) -> dict[str, int]:
        """How many events cite an official, a reference or a news source (``unknown``: a
        version-1 source without ``kind``): issue 10 sets a floor on the first two's share."""
        counts = dict.fromkeys(("official", "reference", "news", "unknown"), 0)
        for treaty in self.treaties:
            for event in treaty.events:
                counts[event.source.kind or "unknown"] += 1
        return counts


def inspect_files(
    paths: Sequence[Path], contents: Sequence[bytes | _FileProblem] | None = None
) -> Inspection:
    """Check every file, then the valid ones together; collect every problem, in file order.

    Checks across files (unique ids and names, references) run over the files that are
    valid on their own, so one broken file does not hide the problems of the others.
    ``contents`` are the files as already read (standard input can be read only once).
    """
    problems: list[Problem] = []
    loaded: list[LoadedFile] = []
    for index, path in enumerate(paths):
        raw = contents[index] if contents is not None else _read_or_problem(path)
        file_problems, text, model = _check_file(path, raw)
        problems.extend(file_problems)
        if model is not None:
            loaded.append(LoadedFile(file_label(path), text, model))
    inspection = Inspection(problems, loaded)
    problems.extend(_locate_cross_problems(loaded, dataset_problems(inspection.treaties)))
    return inspection


def load_dataset(paths: Sequence[Path] | None = None) -> Dataset:
    """Load and check the given files (default: the built-in dataset) into one dataset.

    A dataset already found valid, with the same bytes and the same code, is read from the
    compiled store (see :mod:`treatycli.dataset.store`), which builds its entry on the first
    run. Raises DataError with every problem found, each located at its file and line.
    """
    chosen = list(paths) if paths else [builtin_data_path()]
    read = _ReadOnce()
    from treatycli.dataset import store

    try:
        stored = store.load(chosen, read, _check_file, lambda: _load_checked(chosen, read))
    except _FileProblem:
        stored = None  # the inspection below reports it, at its file
    if stored is not None:
        return stored
    return _load_checked(chosen, read)


class _ReadOnce:
    """Reads a load's dataset files, as often as the store asks (it reads big files one at a
    time, twice when it builds); standard input only once, its bytes kept."""

    def __init__(self) -> None:
        self._stdin: bytes | _FileProblem | None = None

    def __call__(self, path: Path) -> bytes:
        raw = self.or_problem(path)
        if isinstance(raw, _FileProblem):
            raise raw
        return raw

    def or_problem(self, path: Path) -> bytes | _FileProblem:
        if os.fspath(path) != STDIN:
            return _read_or_problem(path)
        if self._stdin is None:
            self._stdin = _read_or_problem(path)
        return self._stdin


def _load_checked(paths: list[Path], read: _ReadOnce) -> Dataset:
    """Check every file in memory: the dataset, or a DataError with every problem located."""
    inspection = inspect_files(paths, [read.or_problem(path) for path in paths])
    if inspection.problems:
        raise DataError(inspection.problems)
    return Dataset(treaties=inspection.treaties, files=tuple(f.path for f in inspection.loaded))


def _check_file(
    path: Path, raw: bytes | _FileProblem
) -> tuple[list[Problem], str, DatasetFile | None]:
    """Every problem in one file on its own; its text; and its model if it has no problem."""
    # Only needed when a file is actually checked, not when its dataset comes from the cache.
    from pydantic import ValidationError

    from treatycli.dataset.checks import treaty_problems
    from treatycli.dataset.yamlread import YamlProblem, read_yaml

    name = file_label(path)
    try:
        text = _read_text(raw)
    except _FileProblem as problem:
        return [Problem(name, problem.line, problem.message)], "", None
    try:
        data = read_yaml(text, MAX_NESTING)
    except YamlProblem as problem:
        message = problem.message if problem.limit else f"not valid YAML: {problem.message}"
        return [Problem(name, problem.line, message)], text, None
    if not isinstance(data, dict):
        shape = "empty" if data is None else f"a {_yaml_kind(data)}"
        return (
            [
                Problem(
                    name,
                    1 if data is None else _top_line(text),
                    f"the file is {shape}; a dataset is a mapping with 'schema_version' "
                    "and 'treaties'",
                )
            ],
            text,
            None,
        )
    try:
        model = DatasetFile.model_validate(data)
    except ValidationError as exc:
        nodes = _compose(text)
        return (
            [
                Problem(name, _line_of(nodes, tuple(error["loc"])), _message(error, data))
                for error in exc.errors(include_url=False)
            ],
            text,
            None,
        )
    located = [
        (("treaties", index, *path), message)
        for index, treaty in enumerate(model.treaties)
        for path, message in treaty_problems(treaty, model.schema_version)
    ]
    if located:
        nodes = _compose(text)
        return (
            [
                Problem(name, _line_of(nodes, path), f"{_treaty_label(data, path)}{message}")
                for path, message in located
            ],
            text,
            None,
        )
    return [], text, model


def read_text(path: Path) -> str:
    """A data file's text, after the checks every data file passes (or DataError at it)."""
    try:
        return _read_text(_read_bytes(path))
    except _FileProblem as problem:
        raise DataError([Problem(str(path), problem.line, problem.message)]) from None


class _FileProblem(Exception):
    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def _read_text(raw: bytes | _FileProblem) -> str:
    """The file's text, after the checks a dataset file must pass before it is parsed."""
    if isinstance(raw, _FileProblem):
        raise raw
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise _FileProblem(
            f"is not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start})", line
        ) from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise _FileProblem("contains a NUL byte: this is not a text file", line)
    return text.removeprefix("\ufeff")


def _read_or_problem(path: Path) -> bytes | _FileProblem:
    try:
        return _read_bytes(path)
    except _FileProblem as problem:
        return problem


_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _read_bytes(path: Path) -> bytes:
    """A dataset file's bytes: from a regular file, or from standard input for ``-``.

    Nothing else is read: a FIFO would wait for a writer for ever, ``/dev/zero`` would fill
    the memory. The file is opened without blocking (a FIFO opens at once) and checked with
    ``fstat`` on that descriptor, so what is checked is what is read; no more than the size
    limit and one byte is ever read, whatever the file claims its size is.
    """
    if os.fspath(path) == STDIN:
        if sys.stdin is None:
            raise _FileProblem("standard input is closed")
        return _read_limited(sys.stdin.buffer.read)
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise _FileProblem("no such file") from None
    except PermissionError:
        raise _FileProblem("permission denied") from None
    except OSError as exc:
        raise _FileProblem(f"cannot be read ({exc.strerror or exc})") from None
    try:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise _FileProblem("is a folder, not a dataset file")
        if not stat.S_ISREG(info.st_mode):
            kind = next((name for test, name in _KINDS if test(info.st_mode)), "not a file")
            raise _FileProblem(
                f"is {kind}, not a regular file: a dataset is read from a file, "
                "or from standard input with --data -"
            )
        if info.st_size > MAX_FILE_BYTES:
            raise _FileProblem(
                f"is {info.st_size:,} bytes, larger than the {MAX_FILE_BYTES:,} bytes a "
                "dataset may be"
            )
        return _read_limited(lambda size: os.read(descriptor, size))
    except OSError as exc:
        raise _FileProblem(f"cannot be read ({exc.strerror or exc})") from None
    finally:
        os.close(descriptor)


def _read_limited(read: Callable[[int], bytes]) -> bytes:
    """Everything ``read`` gives until its end, refused past MAX_FILE_BYTES (reading one
    byte more than that at most, to know)."""
    chunks: list[bytes] = []
    remaining = MAX_FILE_BYTES + 1
    while remaining > 0:
        chunk = read(min(remaining, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    if remaining <= 0:
        raise _FileProblem(f"is larger than the {MAX_FILE_BYTES:,} bytes a dataset may be")
    return b"".join(chunks)


def _yaml_kind(data: object) -> str:
    if isinstance(data, list):
        return "list"
    if isinstance(data, str):
        return "text scalar"
    return f"{type(data).__name__} scalar"


def _top_line(text: str) -> int:
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped and not stripped.startswith("#") and stripped != "---":
            return number
    return 1


def _compose(text: str) -> yaml.Node | None:
    """The file's node tree, with positions, to find the line of an error (only then)."""
    import yaml

    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.compose(text, Loader=loader)
    except yaml.YAMLError:  # pragma: no cover - the text already parsed once
        return None


def _line_of(node: yaml.Node | None, path: Iterable[str | int]) -> int | None:
    """The 1-based line of the deepest node on ``path`` that exists in the file.

    A missing key is reported at the mapping that lacks it; an unknown key at the key itself;
    path parts that name no node (Pydantic's union tags) are skipped.
    """
    if node is None:
        return None
    import yaml

    line = node.start_mark.line + 1
    for part in path:
        child: yaml.Node | None = None
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            for key_node, value_node in node.value:
                if key_node.value == part:
                    # A value is shown at its key's line: that is where a reader looks.
                    child, line = value_node, key_node.start_mark.line + 1
                    break
        elif (
            isinstance(node, yaml.SequenceNode)
            and isinstance(part, int)
            and 0 <= part < len(node.value)
        ):
            child = node.value[part]
            line = child.start_mark.line + 1
        if child is not None:
            node = child
    return line


def _treaty_label(data: dict[str, Any], path: tuple[str | int, ...]) -> str:
    """``treaty 'new-start': `` for a path inside a treaty, so a message names what it is about."""
    if len(path) < 2 or path[0] != "treaties" or not isinstance(path[1], int):
        return ""
    treaties = data.get("treaties")
    if not isinstance(treaties, list) or not 0 <= path[1] < len(treaties):
        return ""
    entry = treaties[path[1]]
    treaty_id = entry.get("id") if isinstance(entry, dict) else None
    return f"treaty {treaty_id!r}: " if isinstance(treaty_id, str) else ""


def _message(error: Any, data: dict[str, Any]) -> str:
    loc = tuple(error["loc"])
    field_path = _dotted(loc)
    kind = error["type"]
    if kind == "extra_forbidden":
        key = loc[-1] if loc else "?"
        text = f"unknown key {key!r}"
        if key == "status":
            text += ": status is never stored, it is derived from the events and rules"
        field_path = _dotted(loc[:-1])
    elif kind == "missing":
        text = f"missing required key {loc[-1]!r}" if loc else "missing required key"
        field_path = _dotted(loc[:-1])
    else:
        text = str(error["msg"]).removeprefix("Value error, ").removeprefix("Assertion failed, ")
    where = f"{field_path}: " if field_path else ""
    return f"{_treaty_label(data, loc)}{where}{text}"


def _dotted(loc: tuple[Any, ...]) -> str:
    """``('treaties', 0, 'events', 2, 'date')`` → ``events[2].date`` (inside a treaty)."""
    parts = list(loc)
    if len(parts) >= 2 and parts[0] == "treaties" and isinstance(parts[1], int):
        parts = parts[2:]
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        elif "[" in str(part) or "-" in str(part):
            continue  # a Pydantic union or validator tag, not a key of the file
        else:
            out += f".{part}" if out else str(part)
    return out


def _locate_cross_problems(
    loaded: list[LoadedFile], problems: list[tuple[int, tuple[str | int, ...], str]]
) -> list[Problem]:
    """Turn dataset-wide problems (global treaty index, path) into file and line."""
    offsets: list[tuple[int, LoadedFile]] = []
    start = 0
    for loaded_file in loaded:
        offsets.append((start, loaded_file))
        start += len(loaded_file.model.treaties)
    nodes_cache: dict[str, yaml.Node | None] = {}
    result = []
    for global_index, path, message in problems:
        base, owner = next((b, f) for b, f in reversed(offsets) if b <= global_index)
        if owner.path not in nodes_cache:
            nodes_cache[owner.path] = _compose(owner.text)
        line = _line_of(nodes_cache[owner.path], ("treaties", global_index - base, *path))
        result.append(Problem(owner.path, line, message))
    return result
