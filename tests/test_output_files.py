"""--output, --svg and --html write where a shell redirect would: atomically onto a regular
file, through to devices, FIFOs and /dev/stdout, through symlinks and hard links, never over
a read-only file; and they clean up what a killed run left behind."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from processes import device_node, run_cli
from treatycli.errors import ExitCode, OutputError
from treatycli.output.files import remove_leftovers, write_atomic

Invoke = Callable[..., Any]

UPCOMING = ("upcoming", "--as-of", "2020-01-01", "--within", "10y", "--format", "csv")


def expected_csv(invoke: Invoke) -> str:
    result = invoke(*UPCOMING)
    assert result.exit_code == ExitCode.OK
    return str(result.stdout)


def test_a_symlink_is_followed_and_kept(invoke: Invoke, tmp_path: Path) -> None:
    real = tmp_path / "real.csv"
    real.write_text("old\n")
    link = tmp_path / "link.csv"
    link.symlink_to(real.name)
    result = invoke(*UPCOMING, "--output", str(link))
    assert result.exit_code == ExitCode.OK, result.stderr
    assert link.is_symlink()
    assert real.read_text() == expected_csv(invoke)


def test_a_dangling_symlink_creates_its_target(tmp_path: Path) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to("made.txt")
    write_atomic(link, "text\n")
    assert link.is_symlink()
    assert (tmp_path / "made.txt").read_text() == "text\n"


def test_a_hard_link_is_written_through(invoke: Invoke, tmp_path: Path) -> None:
    first = tmp_path / "first.csv"
    first.write_text("old\n")
    second = tmp_path / "second.csv"
    os.link(first, second)
    inode = first.stat().st_ino
    result = invoke(*UPCOMING, "--output", str(second))
    assert result.exit_code == ExitCode.OK, result.stderr
    assert first.read_text() == second.read_text() == expected_csv(invoke)
    assert first.stat().st_ino == second.stat().st_ino == inode


def test_a_read_only_file_is_refused_like_the_shell(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "kept.csv"
    target.write_text("old\n")
    target.chmod(0o444)
    result = invoke(*UPCOMING, "--output", str(target))
    assert result.exit_code == ExitCode.DATA_ERROR
    assert result.stderr == (
        f"treaty: error: {target}: Permission denied (the file is read-only)\n"
    )
    assert target.read_text() == "old\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o444


def test_a_fifo_is_written_through(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def read() -> None:
        with open(fifo, "rb") as stream:
            received.append(stream.read())

    reader = threading.Thread(target=read)
    reader.start()
    write_atomic(fifo, "through the pipe\n")
    reader.join(timeout=10)
    assert received == [b"through the pipe\n"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]


def test_a_device_stays_a_device(tmp_path: Path) -> None:
    """A private node for the null device inside tmp_path (never the real /dev)."""
    node = device_node(tmp_path / "null", 1, 3)
    write_atomic(node, "discarded\n")
    assert stat.S_ISCHR(node.stat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null"]


def stdout_link(folder: Path) -> Path:
    """A link like /dev/stdout, but in tmp_path: should the code regress and replace what
    it is given, it replaces this link, never the machine's /dev/stdout."""
    link = folder / "stdout"
    link.symlink_to("/proc/self/fd/1")
    return link


def test_a_dev_stdout_link_reaches_a_pipe(tmp_path: Path) -> None:
    link = stdout_link(tmp_path)
    result = run_cli([*UPCOMING, "--output", str(link)], capture_output=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(b"date,days_left,treaty_id")
    assert link.is_symlink()


def test_a_dev_stdout_link_redirected_to_a_file_writes_that_file(tmp_path: Path) -> None:
    link = stdout_link(tmp_path)
    target = tmp_path / "out.csv"
    with open(target, "wb") as stream:
        result = run_cli([*UPCOMING, "--output", str(link)], stdout=stream, stderr=subprocess.PIPE)
    assert result.returncode == 0, result.stderr
    assert target.read_bytes().startswith(b"date,days_left,treaty_id")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv", "stdout"]
    assert link.is_symlink()


def test_leftovers_of_a_killed_run_are_removed_and_nothing_else(tmp_path: Path) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    ours = tmp_path / f".chart.svg.treaty-{dead.pid}-abc123.tmp"
    live = tmp_path / f".chart.svg.treaty-{os.getpid()}-def456.tmp"
    other_file = tmp_path / f".other.svg.treaty-{dead.pid}-abc123.tmp"
    not_ours = tmp_path / ".chart.svg.xyz.tmp"
    for path in (ours, live, other_file, not_ours):
        path.write_text("partial")
    write_atomic(tmp_path / "chart.svg", "<svg/>")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["chart.svg", live.name, other_file.name, not_ours.name]
    )
    assert remove_leftovers(str(tmp_path), "other.svg") == [other_file.name]


def test_a_killed_writer_leaves_a_file_the_next_run_removes(tmp_path: Path) -> None:
    """A real process killed between creating its temporary file and renaming it."""
    script = (
        "import os, sys, pathlib\n"
        "from treatycli.output import files\n"
        "os.replace = lambda *a: (print('ready', flush=True), os.kill(os.getpid(), 9))\n"
        "files.write_atomic(pathlib.Path(sys.argv[1]), 'half')\n"
    )
    target = tmp_path / "out.ics"
    run = subprocess.run(
        [sys.executable, "-c", script, str(target)], capture_output=True, timeout=60, check=False
    )
    assert run.returncode == -9 and run.stdout == b"ready\n"
    left = [p.name for p in tmp_path.iterdir()]
    assert len(left) == 1 and left[0].startswith(".out.ics.treaty-"), left
    write_atomic(target, "whole\n")
    assert [p.name for p in tmp_path.iterdir()] == ["out.ics"]
    assert target.read_text() == "whole\n"


def test_a_missing_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(OutputError) as caught:
        write_atomic(tmp_path / "no" / "out.txt", "x")
    assert str(caught.value) == (
        f"{tmp_path}/no/out.txt: cannot write, the folder {tmp_path}/no does not exist"
    )
