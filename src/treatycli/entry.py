"""The console script's first code: from here on, Ctrl-C is one line and exit status 130.

Python turns SIGINT into KeyboardInterrupt wherever the program happens to be, and Click and
Typer catch that themselves (Typer quietly returns 130; during imports it is a traceback).
So before anything else is imported, SIGINT is made to raise :class:`Interrupted`, which no
library catches, and this module alone turns it into ``treaty: error: interrupted``.
Cleanup on the way out still runs (``finally`` blocks: a half-written output file is
removed). Only the interpreter's own start-up, before this module runs, is out of reach.
"""

from __future__ import annotations

# _signal is the C module itself: the `signal` package imports enum and functools first,
# some 10 ms during which Ctrl-C would still be a traceback.
import _signal  # type: ignore[import-not-found,unused-ignore]
import os
import sys

INTERRUPTED = 130
"""128 + SIGINT: what a shell reports for a program stopped by Ctrl-C."""


class Interrupted(BaseException):
    """Ctrl-C, as an exception that library code does not catch (it is not an Exception,
    and not KeyboardInterrupt, which Click and Typer handle their own way)."""


def _raise_interrupted(signum: int, frame: object) -> None:
    _signal.signal(_signal.SIGINT, _signal.SIG_IGN)  # a second Ctrl-C changes nothing
    raise Interrupted


def main() -> None:
    """Console-script entry point: the CLI, with Ctrl-C handled at any moment."""
    try:
        _signal.signal(_signal.SIGINT, _raise_interrupted)
        from treatycli.cli import main as run

        run()
    except (Interrupted, KeyboardInterrupt):
        _stop()


def _stop() -> None:
    """Say so in one line and leave with 130; a second Ctrl-C meanwhile changes nothing."""
    _signal.signal(_signal.SIGINT, _signal.SIG_IGN)  # for a KeyboardInterrupt before main()
    import contextlib  # not at the top: nothing but _signal may come before the handler

    with contextlib.suppress(Exception):  # a closed pipe or a full disk: the run is over
        sys.stdout.flush()
    os.write(2, b"treaty: error: interrupted\n")
    os._exit(INTERRUPTED)
