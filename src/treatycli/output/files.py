"""Writing output files whole or not at all.

A chart or a calendar written halfway (a full disk, an interrupted run) is worse than none:
a calendar program would import the half. So the text goes to a temporary file in the same
folder, is flushed to disk, and is renamed over the target in one step.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from treatycli.errors import OutputError


def check_writable(path: Path) -> None:
    """Fail early, before any output is produced, for a target that cannot be written."""
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise OutputError(f"{path}: is a folder, not a file to write")
    if not folder.is_dir():
        raise OutputError(f"{path}: cannot write, the folder {folder} does not exist")
    if not os.access(folder, os.W_OK):
        raise OutputError(f"{path}: cannot write, permission denied in {folder}")


def write_atomic(path: Path, text: str | bytes) -> None:
    """Write ``text`` (or bytes, for an image) to ``path`` atomically; any failure is an
    OutputError naming the path."""
    check_writable(path)
    folder = path.parent if str(path.parent) else Path(".")
    descriptor = -1
    temporary = ""
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
        os.chmod(temporary, _mode_for(path))
        data = text.encode("utf-8") if isinstance(text, str) else text
        with os.fdopen(descriptor, "wb") as stream:
            descriptor = -1  # now owned by the stream
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
        temporary = ""
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from None
    finally:
        if descriptor != -1:
            os.close(descriptor)
        if temporary:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _mode_for(path: Path) -> int:
    """The permissions a plain ``open()`` would give (mkstemp's are private, 0600):
    the existing file's mode, or 0666 less the umask."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
