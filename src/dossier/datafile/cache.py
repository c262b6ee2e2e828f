"""A cache of validated dossiers, so that looking things up again skips parsing and checking.

An entry is keyed by the exact bytes of every data file, by the version of `dossier`, its
code and its libraries: any change to any of them misses the cache. Only dossiers without
errors are stored; warnings are not (they depend on today's date, and `validate`, which
shows them, never uses the cache). The cache holds pickles, so it is read only from a folder
owned by the current user that nobody else can write to. Any failure just means a miss.

`DOSSIER_CACHE_DIR` moves the cache (default: the user's cache folder as platformdirs
names it on each system: `$XDG_CACHE_HOME/dossier` or `~/.cache/dossier` on Linux,
`~/Library/Caches/dossier` on macOS, `%LOCALAPPDATA%\\dossier\\Cache` on Windows);
`DOSSIER_NO_CACHE=1` turns it off.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import re
import stat
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

try:  # hashlib's own BLAKE2, without the few milliseconds `hashlib` spends loading OpenSSL
    from _blake2 import blake2b
except ImportError:  # an interpreter built without it
    from hashlib import blake2b

if TYPE_CHECKING:
    from dossier.datafile.loaded import Place
    from dossier.model.dossier import Dossier

    Entry = tuple[Dossier, dict[str, Place]]

KEEP_ENTRIES = 16
"""Entries kept; older ones are removed when a new one is stored."""


def cache_dir() -> Path | None:
    if os.environ.get("DOSSIER_NO_CACHE"):
        return None
    if os.environ.get("DOSSIER_CACHE_DIR"):
        return Path(os.environ["DOSSIER_CACHE_DIR"])
    import platformdirs

    try:
        folder = Path(platformdirs.user_cache_dir("dossier", appauthor=False))
    except (RuntimeError, KeyError, OSError):
        return None
    # A user with no home folder gets `~/.cache` back unexpanded: no cache, not a `~` here.
    return folder if folder.is_absolute() else None


def _code_fingerprint() -> bytes:
    """Changes whenever a module of the package changes (an edited checkout, an upgrade)."""
    package = Path(__file__).resolve().parents[1]  # the whole package, not this wing
    parts = []
    for module in sorted(package.rglob("*.py")):
        info = module.stat()
        parts.append(f"{module.relative_to(package)}:{info.st_size}:{info.st_mtime_ns}")
    return "\n".join(parts).encode()


def key_for(files: list[tuple[str, bytes | None]]) -> str:
    from dossier import __version__

    digest = blake2b(digest_size=32)
    # Entries are plain dataclasses of this package: its code and Python decide their form.
    header = f"{__version__}|{sys.version}|{pickle.HIGHEST_PROTOCOL}"
    digest.update(header.encode())
    digest.update(_code_fingerprint())
    for name, data in files:
        digest.update(
            f"\0{name}\0{-1 if data is None else len(data)}\0".encode(errors="surrogateescape")
        )
        digest.update(data or b"")
    return digest.hexdigest()


def _trusted(folder: Path) -> bool:
    """Only a folder of ours that no one else may write to is read from."""
    try:
        info = folder.stat()
    except OSError:
        return False
    private = not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and private


def fetch(key: str) -> Entry | None:
    """The dossier stored under `key`, and where each of its records stands."""
    folder = cache_dir()
    if folder is None or not _trusted(folder):
        return None
    from dossier.model.dossier import Dossier

    try:
        entry = folder / f"{key}.pickle"
        if entry.stat().st_uid != os.getuid():
            return None
        found = pickle.loads(entry.read_bytes())
    except Exception:  # a missing, truncated or foreign entry is simply a miss
        return None
    if isinstance(found, tuple) and len(found) == 2 and isinstance(found[0], Dossier):
        return found[0], found[1]
    return None


def store(key: str, dossier: Dossier, places: dict[str, Place] | None = None) -> None:
    folder = cache_dir()
    if folder is None:
        return
    from dossier.files import write_atomic

    with contextlib.suppress(Exception):  # the cache is an optimization; never fail for it
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _trusted(folder):
            return
        write_atomic(
            folder / f"{key}.pickle",
            pickle.dumps((dossier, places or {}), pickle.HIGHEST_PROTOCOL),
            force=True,
        )
        _prune(folder)


_ENTRY = re.compile(r"[0-9a-f]{64}\.pickle")
_TEMPORARY = re.compile(r"\.[0-9a-f]{64}\.pickle\..+\.tmp")
STALE_SECONDS = 3600
"""A temporary left by a run that was killed outright is removed after an hour."""


def _prune(folder: Path) -> None:
    """Remove our oldest entries, and our temporaries of runs long gone; never anything else,
    even in a folder `DOSSIER_CACHE_DIR` shares with other files."""
    now = time.time()
    entries = []
    for path in folder.iterdir():
        info = path.lstat()
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid():
            continue
        if _ENTRY.fullmatch(path.name):
            entries.append((info.st_mtime_ns, path))
        elif _TEMPORARY.fullmatch(path.name) and now - info.st_mtime > STALE_SECONDS:
            path.unlink()
    for _, old in sorted(entries)[:-KEEP_ENTRIES]:
        old.unlink()
