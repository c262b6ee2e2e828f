"""The cache of validated dossiers: used when the bytes are the same, ignored otherwise."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dossier.datafile import cache
from dossier.datafile.load import load
from dossier.export.plain import as_data
from tests.conftest import SAMPLE, TODAY, Run


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.delenv("DOSSIER_NO_CACHE", raising=False)
    monkeypatch.setenv("DOSSIER_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def data(tmp_path: Path) -> Path:
    path = tmp_path / "d.yaml"
    shutil.copy(SAMPLE, path)
    return path


def test_a_second_load_comes_from_the_cache_and_is_equal(cache_dir: Path, data: Path) -> None:
    first = load([data], TODAY, use_cache=True)
    entries = list(cache_dir.glob("*.pickle"))
    assert len(entries) == 1
    assert oct(cache_dir.stat().st_mode & 0o777) == "0o700"
    second = load([data], TODAY, use_cache=True)
    assert second.dossier is not first.dossier
    assert as_data(second.dossier) == as_data(first.dossier)


def test_a_changed_byte_misses_the_cache(cache_dir: Path, data: Path) -> None:
    load([data], TODAY, use_cache=True)
    data.write_text(
        data.read_text(encoding="utf-8").replace("King Skyfront", "KING SKYFRONT", 1),
        encoding="utf-8",
    )
    result = load([data], TODAY, use_cache=True)
    assert result.dossier.label("kawasaki") == "KING SKYFRONT"
    assert len(list(cache_dir.glob("*.pickle"))) == 2


def test_data_with_errors_is_never_cached(cache_dir: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("clusters:\n  - {id: a, name: A, contry: JP}\n")
    assert load([bad], TODAY, use_cache=True).has_errors
    assert not cache_dir.exists() or not list(cache_dir.glob("*.pickle"))
    assert load([bad], TODAY, use_cache=True).has_errors


def test_a_corrupt_entry_is_a_miss(cache_dir: Path, data: Path) -> None:
    load([data], TODAY, use_cache=True)
    [entry] = cache_dir.glob("*.pickle")
    entry.write_bytes(b"not a pickle")
    result = load([data], TODAY, use_cache=True)
    assert result.dossier.label("kawasaki") == "King Skyfront"


def test_a_folder_others_may_write_to_is_not_trusted(cache_dir: Path, data: Path) -> None:
    load([data], TODAY, use_cache=True)
    cache_dir.chmod(0o777)
    [entry] = cache_dir.glob("*.pickle")
    entry.write_bytes(b"not a pickle")  # would be a miss anyway; here it must not even be read
    assert cache.fetch(entry.stem) is None


def test_the_cache_can_be_turned_off(
    cache_dir: Path, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DOSSIER_NO_CACHE", "1")
    load([data], TODAY, use_cache=True)
    assert not cache_dir.exists()


def test_old_entries_are_pruned(
    cache_dir: Path, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "KEEP_ENTRIES", 2)
    text = data.read_text(encoding="utf-8")
    for n in range(4):
        data.write_text(text + f"\n# edit {n}\n", encoding="utf-8")
        load([data], TODAY, use_cache=True)
    assert len(list(cache_dir.glob("*.pickle"))) == 2


def test_commands_give_the_same_output_from_the_cache(
    run: Run, cache_dir: Path, data: Path
) -> None:
    env = {"DOSSIER_NO_CACHE": "", "DOSSIER_CACHE_DIR": str(cache_dir)}
    first = run("show", "kawasaki", data=data, env=env)
    assert list(cache_dir.glob("*.pickle"))
    second = run("show", "kawasaki", data=data, env=env)
    assert first.exit_code == second.exit_code == 0
    assert second.stdout == first.stdout
