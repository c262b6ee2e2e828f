"""Data files → a validated `Dossier`, with every problem found in one pass.

Where the data lives, in this order: `--data PATH`, `$DOSSIER_DATA`, `./data/clusters.yaml`,
then the sample shipped inside the package. This module finds and reads the files and asks
the cache; parsing and checking live in `dossier.datafile.read`, imported only when needed.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from dossier.datafile.loaded import LoadResult, RawFile
from dossier.errors import Problem, UsageError, os_reason
from dossier.files import repository_root

if TYPE_CHECKING:
    pass

MAX_FILE_BYTES = 512 * 1024 * 1024
"""Largest data file read; a dossier ten times the size of any real one is still far below."""

YAML_SUFFIXES = (".yaml", ".yml")


def bundled_sample() -> Path:
    """The sample dossier shipped in the package (or, in a source checkout, the repo's copy)."""
    package = Path(__file__).resolve().parents[1]
    packaged = package / "sample" / "clusters.yaml"
    if packaged.is_file():
        return packaged
    return package.parents[1] / "data" / "clusters.yaml"


LOCAL_DATA = Path("data") / "clusters.yaml"
LOOKED_AT = (
    f"--data, $DOSSIER_DATA, ./{LOCAL_DATA.as_posix()} and above up to the git repository's root"
)
"""Where data is looked for, in this order, for messages."""
SAMPLE_NOTICE = (
    f"dossier: no data found ({LOOKED_AT}); showing the sample dossier shipped with dossier"
)


def find_data(explicit: str | None, environ: Mapping[str, str] | None = None) -> Path | None:
    """Where the user's data is: `--data`, `$DOSSIER_DATA`, `data/clusters.yaml` in the current
    folder or, inside a git repository, in a folder above it up to the repository's root (as
    git finds its own files from a subfolder); None when none is given or there. The caller
    decides whether the bundled sample may stand in."""
    env = os.environ if environ is None else environ
    if explicit is not None:
        if not explicit.strip():
            raise UsageError("--data: the path is empty")
        return Path(explicit)
    if env.get("DOSSIER_DATA"):
        return Path(env["DOSSIER_DATA"])
    if LOCAL_DATA.is_file():
        return LOCAL_DATA
    here = Path.cwd()
    root = repository_root(here)
    if root is None or root == here:
        return None
    for folder in here.parents:
        if (folder / LOCAL_DATA).is_file():
            return Path(os.path.relpath(folder / LOCAL_DATA))
        if folder == root:
            break
    return None


def find_yaml_files(path: Path) -> list[Path]:
    """The file itself, or every *.yaml / *.yml file below a folder, in a stable order.

    A folder below that cannot be read is an error, never skipped: records would be missing
    from a dossier that validates. Any OS error names the path and the system's reason.
    """
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file or folder") from None
    except OSError as error:
        raise UsageError(f"{path}: {os_reason(error)}") from None
    if stat.S_ISREG(mode):
        return [path]
    if not stat.S_ISDIR(mode):
        raise UsageError(f"{path}: not a file or folder")
    files = _yaml_files_below(path)
    if not files:
        raise UsageError(f"{path}: no .yaml or .yml files in this folder")
    return files


def _yaml_files_below(folder: Path) -> list[Path]:
    def refuse(error: OSError) -> None:
        raise UsageError(f"{error.filename}: cannot read this folder ({os_reason(error)})")

    found = []
    for parent, folders, names in os.walk(folder, onerror=refuse):
        folders.sort()
        for name in names:
            candidate = Path(parent) / name
            if candidate.suffix.lower() in YAML_SUFFIXES and candidate.is_file():
                found.append(candidate)
    return sorted(found)


def display_name(path: Path) -> str:
    """The path as the user would type it: relative to the current folder where possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def read_raw(path: Path) -> RawFile:
    from dossier.files import InputRefused, read_bounded

    name = display_name(path)
    try:
        return RawFile(path, name, read_bounded(path, MAX_FILE_BYTES))
    except InputRefused as refused:
        problem = Problem(name, 0, 0, f"the file is {refused}", hint=refused.hint)
        return RawFile(path, name, None, problem)
    except OSError as error:
        problem = Problem(name, 0, 0, f"cannot read the file: {error.strerror or error}")
        return RawFile(path, name, None, problem)


def load(
    paths: Sequence[Path], today: dt.date, *, warnings: bool = True, use_cache: bool = False
) -> LoadResult:
    """Read every YAML file under `paths` into one dossier; never raises for bad data.

    `warnings=False` skips the checks whose findings do not stop a command, and with them
    the cost of locating each finding in its file. `use_cache` (which implies no warnings)
    reuses the dossier validated by an earlier run on the very same bytes.
    """
    files: list[Path] = []
    for path in paths:
        files.extend(find_yaml_files(path))
    return load_raws(
        [read_raw(file) for file in files], today, warnings=warnings, use_cache=use_cache
    )


def load_raws(
    raws: Sequence[RawFile], today: dt.date, *, warnings: bool = True, use_cache: bool = False
) -> LoadResult:
    """`load` of files already read (an editing command keeps their bytes to compare)."""
    from dossier.datafile import cache, collector  # light: pickle only

    key = None
    if use_cache:
        key = cache.key_for([(raw.name, raw.data) for raw in raws])
        with collector.paused():
            cached = cache.fetch(key)
        if cached is not None:
            return LoadResult(cached[0], [], [raw.name for raw in raws], cached[1])
    from dossier.datafile.read import read_dossier

    result = read_dossier(raws, today, warnings=warnings and not use_cache)
    if key is not None:
        remember(raws, result)
    return result


def remember(raws: Sequence[RawFile], result: LoadResult) -> None:
    """Keep a dossier read without errors in the cache, for the next command on these bytes."""
    from dossier.datafile import cache

    if not result.has_errors and cache.cache_dir() is not None:
        cache.store(cache.key_for([(r.name, r.data) for r in raws]), result.dossier, result.places)
