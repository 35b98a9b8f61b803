"""Long answers on a terminal go through a pager, as git and man do.

Only when stdout is a terminal and the answer is taller than it: a pipe, a file or a short
answer is written as it is. The pager is ``TREATY_PAGER``, else ``PAGER``, else ``less``; it
runs through the shell as git runs its pager, so ``PAGER="less -S"`` works, and an empty
value means no pager. ``less`` gets ``LESS=FRX`` unless the user set ``LESS``: quit if the
text fits after all, pass colours and links through, leave the text on the screen. A pager
that cannot be started is no error: the answer is written directly.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
from collections.abc import Iterator
from typing import IO


class _TerminalBuffer(io.StringIO):
    """Collects an answer meant for a terminal: says it is one, so the screen colours it."""

    def isatty(self) -> bool:
        return True


def pager_command(environ: os._Environ[str] | dict[str, str] | None = None) -> str | None:
    """The pager to run, or None for none (``TREATY_PAGER`` or ``PAGER`` set to empty)."""
    env = os.environ if environ is None else environ
    for name in ("TREATY_PAGER", "PAGER"):
        if name in env:
            return env[name].strip() or None
    return "less" if shutil.which("less") else None


def _is_terminal(out: IO[str]) -> bool:
    isatty = getattr(out, "isatty", None)
    return bool(isatty and isatty())


@contextlib.contextmanager
def paged(out: IO[str], *, enabled: bool = True) -> Iterator[IO[str]]:
    """A stream to write the answer to; on leaving, the answer reaches ``out`` or the pager.

    Without a terminal, or with ``enabled`` false (``--no-pager``), this is ``out`` itself.
    """
    command = pager_command() if enabled and _is_terminal(out) else None
    if command is None:
        yield out
        return
    buffer = _TerminalBuffer()
    yield buffer
    text = buffer.getvalue()
    if text.count("\n") < shutil.get_terminal_size((80, 24)).lines or not run_pager(command, text):
        out.write(text)


def run_pager(command: str, text: str) -> bool:
    """Show ``text`` in the pager; False if it could not be started (then the caller writes)."""
    env = dict(os.environ)
    env.setdefault("LESS", "FRX")
    env.setdefault("LV", "-c")
    try:
        process = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=env)
    except OSError:
        return False
    assert process.stdin is not None
    try:
        process.stdin.write(text.encode("utf-8", errors="replace"))
        process.stdin.close()
    except BrokenPipeError:  # the reader quit the pager before the end: not an error
        pass
    try:
        process.wait()
    except KeyboardInterrupt:  # Ctrl-C belongs to the pager (less ignores it); wait for it
        process.wait()
    return process.returncode != 127  # 127: the shell did not find the command
