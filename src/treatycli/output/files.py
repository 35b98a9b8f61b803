"""Writing output files whole or not at all, and only where a shell redirect would write.

A chart or a calendar written halfway (a full disk, an interrupted run) is worse than none:
a calendar program would import the half. So text meant for a regular file goes to a
temporary file in the same folder, is flushed to disk, and is renamed over the target in one
step. Renaming is right only for a plain file that the user may write, though; for anything
else the file is written *through*, as ``> PATH`` in a shell would:

- a device, a FIFO or a socket (``/dev/null``, ``/dev/tty``, a pipe): renaming over it would
  replace the device node with a regular file;
- a file reached through ``/proc`` or ``/dev/fd`` (``/dev/stdout``): the link names an open
  descriptor, and replacing it would send the text nowhere;
- a file with several hard links: a rename would silently split it from its other names.

Symbolic links are followed: the file they point at is written (atomically, if it is a
regular file), never the link replaced. A file that the user may not write, or that nobody
may write (mode 0444, even for root), is refused with the shell's words, "Permission denied".

The temporary file is named ``.NAME.treaty-PID-XXXXXXXX.tmp``. If a run is killed before it
can remove it, the next write into that folder removes the ones whose process is gone, and
only those: nothing that does not carry our name and a dead process id is touched.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from treatycli.errors import OutputError

_MAGIC_FOLDERS = ("/proc/", "/dev/fd/")
_TEMPORARY = re.compile(r"\.(?P<name>.+)\.treaty-(?P<pid>[0-9]+)-[A-Za-z0-9_]+\.tmp")


@dataclass(frozen=True, slots=True)
class _Plan:
    """Where and how ``path`` is written: renamed over ``target``, or written through."""

    target: str
    atomic: bool


def check_writable(path: Path) -> None:
    """Fail early, before any output is produced, for a target that cannot be written."""
    _plan(path)


def write_atomic(path: Path, text: str | bytes) -> None:
    """Write ``text`` (or bytes, for an image) to ``path`` as the module docstring says; any
    failure is an OutputError naming the path, with the old file left as it was when the
    write was atomic."""
    plan = _plan(path)
    data = text.encode("utf-8") if isinstance(text, str) else text
    if plan.atomic:
        _replace(path, plan.target, data)
    else:
        _write_through(path, data)


def _plan(path: Path) -> _Plan:
    name = os.fspath(path)
    if _through_descriptor(name):
        return _Plan(name, atomic=False)
    try:
        info = os.stat(name)  # follows symbolic links, as a shell redirect does
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise OutputError(f"{path}: is a folder, not a file to write")
    if info is not None and not stat.S_ISREG(info.st_mode):
        _check_access(path, name)
        return _Plan(name, atomic=False)
    target = os.path.realpath(name)  # the file a symbolic link points at, even a dangling one
    folder = os.path.dirname(target) or "."
    if info is None:
        if not os.path.isdir(folder):
            raise OutputError(f"{path}: cannot write, the folder {folder} does not exist")
        if not os.access(folder, os.W_OK):
            raise OutputError(f"{path}: Permission denied")
        return _Plan(target, atomic=True)
    _check_access(path, name)
    if info.st_mode & 0o222 == 0:
        raise OutputError(f"{path}: Permission denied (the file is read-only)")
    if info.st_nlink > 1:
        return _Plan(name, atomic=False)
    if not os.access(folder, os.W_OK):
        return _Plan(name, atomic=False)  # the file may be written, not replaced: as a shell
    return _Plan(target, atomic=True)


def _check_access(path: Path, name: str) -> None:
    if not os.access(name, os.W_OK):
        raise OutputError(f"{path}: Permission denied")


def _through_descriptor(name: str) -> bool:
    """Whether ``name`` (or the link it is) leads into /proc or /dev/fd (``/dev/stdout``)."""
    current = os.path.abspath(name)
    for _ in range(40):  # the kernel's own limit on symbolic links followed
        folder = os.path.realpath(os.path.dirname(current))
        if (folder + "/").startswith(_MAGIC_FOLDERS):
            return True
        candidate = os.path.join(folder, os.path.basename(current))
        if not os.path.islink(candidate):
            return False
        current = os.path.join(folder, os.readlink(candidate))
    return False


def _write_through(path: Path, data: bytes) -> None:
    try:
        with open(path, "wb") as stream:
            stream.write(data)
    except OSError as exc:
        if exc.errno == errno.EPIPE:
            raise BrokenPipeError from None
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from None


def _replace(path: Path, target: str, data: bytes) -> None:
    folder = os.path.dirname(target) or "."
    base = os.path.basename(target)
    remove_leftovers(folder, base)
    descriptor = -1
    temporary = ""
    try:
        descriptor, temporary = tempfile.mkstemp(
            prefix=f".{base}.treaty-{os.getpid()}-", suffix=".tmp", dir=folder
        )
        _copy_ownership(target, temporary)
        with os.fdopen(descriptor, "wb") as stream:
            descriptor = -1  # now owned by the stream
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
        temporary = ""
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from None
    finally:
        if descriptor != -1:
            os.close(descriptor)
        if temporary:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _copy_ownership(target: str, temporary: str) -> None:
    """The permissions a plain ``open()`` would leave (mkstemp's are private, 0600): the
    existing file's mode and, where we may set them, its owner and group; or 0666 less the
    umask for a new file."""
    try:
        info = os.stat(target)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        return
    with contextlib.suppress(OSError):
        os.chown(temporary, info.st_uid, info.st_gid)
    os.chmod(temporary, info.st_mode & 0o7777)


def remove_leftovers(folder: str, base: str) -> list[str]:
    """Remove this tool's temporary files for ``base`` in ``folder`` whose writer is gone
    (killed mid-write); return their names. Files of a live process are left alone."""
    removed: list[str] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = _TEMPORARY.fullmatch(entry.name)
        if match is None or match["name"] != base or _alive(int(match["pid"])):
            continue
        with contextlib.suppress(OSError):
            if entry.is_file(follow_symlinks=False) and entry.stat().st_uid == os.geteuid():
                os.unlink(entry.path)
                removed.append(entry.name)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # someone else's process, or a number no process has: leave it be
    return True
