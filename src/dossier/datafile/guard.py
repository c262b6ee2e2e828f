"""What stands between an edit and the files it writes: the data's lock, read-only files,
and links, which are written through.

The lock is a file beside the data (`.NAME.lock`, or `.dossier.lock` in a data folder),
held with `flock` from reading to writing: a second editing command waits for the first,
and the kernel lets go of it however a command ends. The file itself stays, empty; deleting
it while another command waits would let two commands hold two locks.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from dossier.errors import UsageError, os_reason

LOCK_WAIT_SECONDS = 30.0
"""How long an edit waits for another `dossier` command editing the same data."""


def lock_path(data: Path) -> Path:
    """The lock file of the data: beside a file, inside a folder."""
    if data.is_dir():
        return data / ".dossier.lock"
    return data.parent / f".{data.name}.lock"


def hold_lock(data: Path) -> int:
    """Take the data's lock, waiting up to `LOCK_WAIT_SECONDS` for another command."""
    import fcntl
    import time

    path = lock_path(data)
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
    except OSError as error:
        raise UsageError(f"{path}: cannot take the data's lock ({os_reason(error)})") from None
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return fd
        except BlockingIOError:
            if time.monotonic() > deadline:
                os.close(fd)
                raise UsageError(
                    f"{data}: another dossier command is editing this data; try again"
                ) from None
            time.sleep(0.02)


def writable(path: Path) -> Path:
    """The file an edit writes: the target of a link; refused when it is read-only."""
    target = Path(os.path.realpath(path))
    try:
        mode = target.stat().st_mode
    except OSError as error:
        raise UsageError(f"{path}: {os_reason(error)}") from None
    if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(target, os.W_OK):
        raise UsageError(f"{path}: read-only; nothing written")
    return target
