"""Helpers for tests that need the operating system itself: the CLI as its own process, and
device nodes made inside tmp_path (never the machine's /dev)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest


def run_cli(args: list[str], **kwargs: Any) -> subprocess.CompletedProcess[Any]:
    """``python -m treatycli ARGS`` without the cache or TREATY_DATA; a regression that
    blocks fails on the timeout instead of hanging the suite."""
    env = {**os.environ, "TREATY_NO_CACHE": "1", "TREATY_DATA": "", "COLUMNS": "100"}
    kwargs.setdefault("stdin", subprocess.DEVNULL)
    return subprocess.run(
        [sys.executable, "-m", "treatycli", *args], env=env, timeout=30, check=False, **kwargs
    )


def device_node(path: Path, major: int, minor: int) -> Path:
    """A character device node at ``path`` (1,3 is null, 1,5 is zero); skips without root."""
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(major, minor))
    except PermissionError:
        pytest.skip("creating a device node needs root")
    return path
