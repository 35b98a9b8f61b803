"""The one exception family for expected failures, and the exit codes they map to.

Anything else that escapes is a bug: it is allowed to raise in tests so that it gets fixed,
and the CLI's last line of defence turns it into a one-line message for users.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


class ExitCode(IntEnum):
    """Process exit codes, part of the command-line contract."""

    OK = 0
    DATA_ERROR = 1
    USAGE_ERROR = 2


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a data file, located as precisely as the file allows."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        return f"{where}: {self.message}"


class TreatyError(Exception):
    """An expected failure: shown to the user as one line, mapped to an exit code."""

    exit_code: ExitCode = ExitCode.DATA_ERROR


class DataError(TreatyError):
    """The dataset cannot be used; carries every problem found, in file order."""

    exit_code = ExitCode.DATA_ERROR

    def __init__(self, problems: list[Problem]) -> None:
        if not problems:
            raise ValueError("DataError needs at least one problem")
        self.problems = problems
        first = str(problems[0])
        more = len(problems) - 1
        if more:
            first += f" (and {more} more; 'treaty validate' lists them all)"
        super().__init__(first)


class OutputError(TreatyError):
    """A file the user asked us to write could not be written."""

    exit_code = ExitCode.DATA_ERROR


class UsageError(TreatyError):
    """The command line asks for something that cannot be answered (unknown treaty, bad date)."""

    exit_code = ExitCode.USAGE_ERROR
