"""Writes keep what the user had: a device stays a device, a pipe a pipe, a private file
private; a run stopped by SIGTERM or SIGHUP leaves no temporary; the cache prunes only its own."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from dossier.datafile import cache
from tests.conftest import SAMPLE, Run


def test_force_over_dev_null_writes_into_it(run: Run) -> None:
    result = run("export", "--format", "json", "-o", "/dev/null", "--force")
    assert result.exit_code == 0, result
    assert Path("/dev/null").is_char_device()


def test_force_over_a_named_pipe_writes_into_it(run: Run, tmp_path: Path) -> None:
    pipe = tmp_path / "out.json"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()))
    reader.start()
    result = run("export", "-o", str(pipe), "--force")
    reader.join(timeout=60)
    assert result.exit_code == 0, result
    assert stat.S_ISFIFO(pipe.stat().st_mode)
    assert received[0].startswith(b"{")


def test_without_force_a_device_is_refused(run: Run) -> None:
    result = run("export", "-o", "/dev/null")
    assert (result.exit_code, result.stderr) == (
        2,
        "dossier: /dev/null: already exists; use --force to overwrite it\n",
    )


def test_force_keeps_the_mode_of_the_file_it_replaces(run: Run, tmp_path: Path) -> None:
    private = tmp_path / "k.md"
    private.write_text("old")
    private.chmod(0o600)
    result = run("brief", "kawasaki", "-o", "k.md", "--force")
    assert result.exit_code == 0, result
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert "\n# Briefing" in private.read_text()


_SLOW_WRITE = """
import os, signal, sys
from pathlib import Path
from dossier import __main__ as entry
from dossier import files
for name in ("SIGTERM", "SIGHUP"):
    signal.signal(getattr(signal, name), entry._stop)
def stopped_mid_write(fd):
    os.kill(os.getpid(), getattr(signal, sys.argv[2]))
files.os.fsync = stopped_mid_write
files.write_atomic(Path(sys.argv[1]), b"data")
"""


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP"])
def test_a_run_stopped_by_a_signal_leaves_no_temporary(tmp_path: Path, name: str) -> None:
    target = tmp_path / "out.json"
    result = subprocess.run(
        [sys.executable, "-c", _SLOW_WRITE, str(target), name],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 128 + getattr(signal, name), result.stderr
    assert list(tmp_path.iterdir()) == []


def test_the_cache_prunes_only_its_own_entries_and_stale_temporaries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "shared"
    folder.mkdir(mode=0o700)
    monkeypatch.setenv("DOSSIER_CACHE_DIR", str(folder))
    monkeypatch.delenv("DOSSIER_NO_CACHE")
    theirs = [folder / "photos.pickle", folder / "model.pickle"]
    for path in theirs:
        path.write_bytes(b"not ours")
        os.utime(path, (1, 1))  # older than every entry of ours
    ours_stale = folder / f".{'a' * 64}.pickle.x1.tmp"
    ours_stale.write_bytes(b"")
    os.utime(ours_stale, (time.time() - 2 * cache.STALE_SECONDS,) * 2)
    ours_fresh = folder / f".{'b' * 64}.pickle.x2.tmp"
    ours_fresh.write_bytes(b"")
    from dossier.datafile.load import load
    from tests.conftest import TODAY

    dossier = load([SAMPLE], TODAY).dossier
    for index in range(cache.KEEP_ENTRIES + 3):
        cache.store(f"{index:064x}", dossier)
    names = {p.name for p in folder.iterdir()}
    assert {p.name for p in theirs} <= names
    assert ours_stale.name not in names and ours_fresh.name in names
    assert sum(1 for n in names if n.endswith(".pickle") and len(n) == 71) == cache.KEEP_ENTRIES
