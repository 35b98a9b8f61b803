"""Where a listing goes and in which format: ``--output``, ``--format`` and ``--json`` together.

``--output FILE`` takes its format from the file's extension when no format is named
(``-o deadlines.ics`` writes iCalendar), ``-o -`` is stdout, and a bare format name given as the
file (``-o json``, a kubectl habit) is refused with a hint instead of writing a table into a
file called ``json``. A file is written whole or not at all, and the run ends with one line on
stderr saying what was written where; a window with nothing in it says so on stderr too, so an
empty calendar is never a silent surprise.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from treatycli.errors import UsageError
from treatycli.output.render import Listing

STDOUT = "-"

SUFFIX_FORMATS = {
    ".json": "json",
    ".ndjson": "ndjson",
    ".jsonl": "ndjson",
    ".csv": "csv",
    ".tsv": "tsv",
    ".ics": "ics",
}
"""Extensions that name a format; any other file gets the table, as on a terminal."""

_BARE_NAMES = frozenset({"table", "json", "ndjson", "jsonl", "csv", "tsv", "ics", "yaml", "wide"})
"""Words that are a format (ours or kubectl's), not a file name anybody means."""


@dataclass(frozen=True)
class Destination:
    """The chosen format, and the file to write (None: stdout)."""

    kind: str
    path: Path | None = None


def choose(
    explicit: str | None, output: str | None, allowed: Collection[str], option: str = "--output"
) -> Destination:
    """The destination for ``--format``/``--json`` (``explicit``, None if neither was given)
    and ``--output``. Raises UsageError for a format name given as a file name, or a format
    from the extension that this command cannot write."""
    if output is None or output == STDOUT:
        return Destination(explicit or "table")
    if output.strip().lower() in _BARE_NAMES:
        word = output.strip().lower()
        fix = (
            f"--format {word}" + (" (or --json)" if word == "json" else "")
            if word in allowed
            else f"--format with one of {', '.join(sorted(allowed))}"
        )
        raise UsageError(
            f"{option} {output!r} names a file, not a format: for {word} on stdout use {fix}; "
            f"to write a file, give it an extension (-o deadlines.{word}) or a path (-o ./{word})"
        )
    path = Path(output)
    if explicit is not None:
        return Destination(explicit, path)
    inferred = SUFFIX_FORMATS.get(path.suffix.lower(), "table")
    if inferred not in allowed:
        raise UsageError(
            f"{output}: this command cannot write {inferred} (it writes "
            f"{', '.join(sorted(allowed))}); name the format with --format"
        )
    return Destination(inferred, path)


def deliver(
    destination: Destination,
    listing: Listing,
    *,
    headers: bool = True,
    page: bool = True,
    writers: Mapping[str, Callable[[IO[str]], None]] | None = None,
    out: IO[str] | None = None,
    err: IO[str] | None = None,
) -> None:
    """Write ``listing`` in the chosen format to stdout or, whole, to the file.

    ``writers`` adds formats that are not rows (``ics`` for deadlines). A table on a
    terminal goes through the pager if it is long and ``page`` is true. Notes go to stderr:
    "wrote N deadlines to FILE" after a file is written, and the listing's empty note when
    there was nothing to write in a format that would not say so itself.
    """
    stdout = out or sys.stdout
    stderr = err or sys.stderr
    write = (writers or {}).get(destination.kind)

    def render(stream: IO[str]) -> None:
        if write is not None:
            write(stream)
        else:
            listing.write(destination.kind, stream, headers=headers)

    if destination.path is None:
        from treatycli.output.pager import paged

        with paged(stdout, enabled=page and destination.kind == "table") as stream:
            render(stream)
    else:
        from treatycli.output.files import write_atomic
        from treatycli.output.screen import FileText

        buffer = FileText()  # a file gets no colour, whatever FORCE_COLOR says
        render(buffer)
        write_atomic(destination.path, buffer.getvalue())
    speaks_for_itself = destination.kind == "table" and destination.path is None
    if not listing.rows and not speaks_for_itself:
        stderr.write(f"{listing.empty_note}\n")
    if destination.path is not None:
        stderr.write(f"wrote {listing.count_text()} to {destination.path}\n")
