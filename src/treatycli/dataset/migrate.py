"""``treaty migrate FILE``: rewrite a version-1 data file in format version 2.

The rewrite is made on the text, line by line, so that comments, order and layout stay as the
editor wrote them (a YAML round trip would drop the comments): ``schema_version: 1`` becomes
``2``, and the two keys version 2 renamed take their new names. The result is then checked as
version 2; what version 2 asks that the file does not yet say (a source's ``kind``, a
statement's ``summary``, party names that resolve to a state) is reported at its line, and
nothing is written until the file would be valid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from treatycli.errors import Problem, UsageError

_RENAMED = {
    "notice_may_set_later_date": "notice_is_minimum",
    "earliest_notice_after_entry_into_force": "available_from",
}
_VERSION = re.compile(r"^schema_version:[ \t]*1[ \t]*(#.*)?$", re.MULTILINE)
_KEY = re.compile(r"^([ \t-]*)(" + "|".join(_RENAMED) + r")(:)", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Migration:
    text: str
    problems: list[Problem]
    renamed: int


def migrate_text(name: str, text: str) -> Migration:
    """The version-2 text of a version-1 file, and the problems it would still have."""
    from treatycli.dataset.load import inspect_files

    if _VERSION.search(text) is None:
        raise UsageError(f"{name}: not a version-1 data file (no 'schema_version: 1' line)")
    new, renamed = _KEY.subn(lambda m: f"{m.group(1)}{_RENAMED[m.group(2)]}{m.group(3)}", text)
    new = _VERSION.sub(
        lambda m: "schema_version: 2" + (f" {m.group(1)}" if m.group(1) else ""), new, count=1
    )
    inspection = inspect_files([Path(name)], [new.encode("utf-8")])
    return Migration(new, inspection.problems, renamed)
