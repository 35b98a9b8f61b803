"""Ctrl-C at any moment: one line on stderr, exit status 130, no traceback, nothing left
half-written. Each case is a real process sent a real SIGINT at a known point."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

INTERRUPTED = b"treaty: error: interrupted\n"


def _wait_for(path: Path, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while not path.exists():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the process never reached the point"
        time.sleep(0.01)


def _interrupt(process: subprocess.Popen[bytes]) -> tuple[int, bytes, bytes]:
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=30)
    return process.returncode, out, err


DRIVER = """
import builtins, os, sys, time
marker, module = sys.argv[1], sys.argv[2]
sys.argv = ["treaty", *sys.argv[3:]]
real_import = builtins.__import__

def pausing_import(name, *args, **kwargs):
    if name == module and not os.path.exists(marker):
        open(marker, "w").close()
        time.sleep(30)  # Ctrl-C arrives here, in the middle of start-up
    return real_import(name, *args, **kwargs)

builtins.__import__ = pausing_import
from treatycli.entry import main
main()
"""


def _env() -> dict[str, str]:
    return {**os.environ, "TREATY_NO_CACHE": "1", "TREATY_DATA": ""}


@pytest.mark.parametrize("module", ["typer", "pydantic", "yaml"])
def test_interrupted_during_start_up(tmp_path: Path, module: str) -> None:
    """While the CLI's libraries are being imported (typer), the models built (pydantic)
    or the data read (yaml): the moments that used to print a traceback."""
    marker = tmp_path / "reached"
    process = subprocess.Popen(
        [sys.executable, "-c", DRIVER, str(marker), module, "list", "--as-of", "2020-01-01"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(),
    )
    _wait_for(marker, process)
    assert _interrupt(process) == (130, b"", INTERRUPTED)


def test_interrupted_while_reading_standard_input(tmp_path: Path) -> None:
    """Later in the run (it used to exit 130 without a word): blocked reading --data -."""
    process = subprocess.Popen(
        [sys.executable, "-m", "treatycli", "--data", "-", "list"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(),
    )
    assert process.stdin is not None
    process.stdin.write(b"schema_version: 1\n")
    process.stdin.flush()
    time.sleep(1.5)  # well past start-up: the process waits for the rest of its input
    assert _interrupt(process) == (130, b"", INTERRUPTED)


def test_interrupted_while_writing_leaves_no_temporary_file(tmp_path: Path) -> None:
    marker = tmp_path / "reached"
    target = tmp_path / "out" / "deadlines.csv"
    target.parent.mkdir()
    script = (
        "import os, sys, time\n"
        "marker = sys.argv[1]\n"
        "def slow_fsync(fd):\n"
        "    open(marker, 'w').close()\n"
        "    time.sleep(30)\n"
        "os.fsync = slow_fsync\n"
        "sys.argv = ['treaty', *sys.argv[2:]]\n"
        "from treatycli.entry import main\n"
        "main()\n"
    )
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            script,
            str(marker),
            "upcoming",
            "--as-of",
            "2020-01-01",
            "--format",
            "csv",
            "--output",
            str(target),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(),
    )
    _wait_for(marker, process)
    assert _interrupt(process) == (130, b"", INTERRUPTED)
    assert list(target.parent.iterdir()) == []
