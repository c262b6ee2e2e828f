"""Every command that reads or writes data, timed on dossiers of 1,000, 10,000 and 100,000
records (`--quick`: 1,000 and 10,000), so that nothing quadratic hides.

For each command the table prints its time at each size, its growth per 10× (the larger of
the steps: 1,000 → 10,000 is mostly start-up, 10,000 → 100,000 the work itself) and, at the
largest size, its peak memory against the input it reads (the data file; both revisions
for `diff`; the data and the table for `import`). A command fails when it grows more than
12× per 10× records, or peaks above 6× its input at 100,000 records. The generated data has
the name collisions of a real dossier: its people share 64 names.

Writing commands run on a fresh copy of the data each time (`--apply`), or as the dry run
that does everything but the write.
"""

from __future__ import annotations

import concurrent.futures
import csv
import itertools
import multiprocessing
import shutil
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from history import diff_repository, log_repository
from imports import fresh_copy, import_tables

GROWTH_LIMIT = 12.0
"""Ten times the records, at most twelve times the time: linear, with room for noise."""
MEMORY_LIMIT = 6.0
"""Peak memory at most six times the input, at 100,000 records."""
MEMORY_SIZE = 100_000
"""Below this size Python's own tens of megabytes outweigh the data: memory is shown only."""


@dataclass(frozen=True)
class Setup:
    """What a size's commands work on."""

    folder: Path
    data: Path
    diff_repo: Path
    log_repo: Path
    log_record: str
    changed: Path
    new: Path
    unchanged: Path


@dataclass(frozen=True)
class Case:
    name: str
    command: Callable[[Setup], tuple[list[str], list[Path]]]
    """The command line and the files it reads, for the memory ratio."""
    cwd: Callable[[Setup], Path] = lambda setup: setup.folder


@dataclass(frozen=True)
class Scaled:
    name: str
    seconds: list[float]
    peak_mb: float
    input_mb: float
    growth: float
    memory: float
    passed: bool


def _cases(dossier: Sequence[str]) -> list[Case]:
    def on(*args: str) -> Callable[[Setup], tuple[list[str], list[Path]]]:
        return lambda s: ([*dossier, "--data", str(s.data), *args], [s.data])

    def to_file(*args: str, suffix: str) -> Callable[[Setup], tuple[list[str], list[Path]]]:
        def command(s: Setup) -> tuple[list[str], list[Path]]:
            target = str(s.folder / f"out.{suffix}")
            return [*dossier, "--data", str(s.data), *args, "-o", target, "--force"], [s.data]

        return command

    def fresh(*args: str) -> Callable[[Setup], tuple[list[str], list[Path]]]:
        def command(s: Setup) -> tuple[list[str], list[Path]]:
            copy = s.folder / "copy.yaml"
            return fresh_copy(s.data, copy, [*dossier, "--data", str(copy), *args]), [s.data]

        return command

    def importing(table: str, *, apply: bool) -> Callable[[Setup], tuple[list[str], list[Path]]]:
        def command(s: Setup) -> tuple[list[str], list[Path]]:
            path = getattr(s, table)
            copy = s.folder / "copy.yaml"
            line = [*dossier, "--data", str(copy), "import", str(path)]
            return fresh_copy(s.data, copy, [*line, *(["--apply"] if apply else [])]), [
                s.data,
                path,
            ]

        return command

    def in_repo(args: Callable[[Setup], list[str]], revisions: int) -> Callable[..., Any]:
        def command(s: Setup) -> tuple[list[str], list[Path]]:
            return [*dossier, "--data", "data/clusters.yaml", *args(s)], [s.data] * revisions

        return command

    return [
        Case("validate", on("validate")),
        Case("show", on("show", "cluster-1")),
        Case("list people", on("list", "people")),
        Case("search", on("search", "Tanaka")),
        Case("timeline", on("timeline")),
        Case("follow-ups", on("follow-ups", "--all")),
        Case("stale", on("stale")),
        Case("report", on("report", "--year", "2020")),
        Case("graph", on("graph", "cluster-0", "--depth", "2", "--format", "dot")),
        *(Case(f"export {f}", on("export", "--format", f)) for f in ("json", "ics")),
        Case("export csv", on("export", "--format", "csv", "--kind", "people")),
        *(Case(f"export {f}", on("export", "--format", f)) for f in ("vcf", "geojson")),
        Case("export sqlite", to_file("export", "--format", "sqlite", suffix="db")),
        Case("export xlsx", to_file("export", "--format", "xlsx", suffix="xlsx")),
        Case("brief", to_file("brief", "cluster-1", suffix="docx")),
        Case("set (dry run)", on("set", "person-0", "honorific", "Dr.")),
        Case("set --apply", fresh("set", "person-0", "honorific", "Dr.", "--apply")),
        Case("add role", on("add", "role", "person-0", "title=Adviser", "organisation=org-0")),
        Case("merge", on("merge", "person-2", "person-3", "--prefer", "keep")),
        Case("fmt --check", on("fmt", "--check")),
        Case("import unchanged", importing("unchanged", apply=False)),
        Case("import changed", importing("changed", apply=False)),
        Case("import new", importing("new", apply=False)),
        Case("import --apply changed", importing("changed", apply=True)),
        Case("import --apply new", importing("new", apply=True)),
        Case(
            "diff",
            in_repo(lambda s: ["diff", "HEAD~1", "HEAD", "--format", "json"], 2),
            lambda s: s.diff_repo,
        ),
        Case("log", in_repo(lambda s: ["log", s.log_record], 1), lambda s: s.log_repo),
    ]


def _setup(work: Path, records: int, generate: Callable[..., Path]) -> Setup:
    folder = work / f"scale-{records}"
    folder.mkdir(exist_ok=True)
    data = folder / "data.yaml"
    shutil.copyfile(generate(records, work / f"d{records}.yaml"), data)
    people = max(2, records // 4)  # a quarter of a generated dossier's records are people
    rows = max(1, people // 10)
    unchanged = folder / "unchanged.csv"
    with unchanged.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["id", "honorific"])
        writer.writerows([f"person-{n}", ""] for n in range(0, people, 10))
    log_repo, log_record = log_repository(data, folder / "log-repo", 20)
    changed, new = import_tables(folder, rows)
    return Setup(
        folder=folder,
        data=data,
        diff_repo=diff_repository(data, folder / "diff-repo"),
        log_repo=log_repo,
        log_record=log_record,
        changed=changed,
        new=new,
        unchanged=unchanged,
    )


def scaling(
    work: Path,
    dossier: Sequence[str],
    generate: Callable[..., Path],
    run_once: Callable[..., tuple[float, float]],
    env: dict[str, str],
    *,
    sizes: Sequence[int],
    runs: int,
) -> list[Scaled]:
    # Built in a process of its own: a process started from this one begins with this one's
    # peak memory as its own, and the repositories' versions of 100,000 records are large.
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(1, mp_context=context) as pool:
        setups = list(pool.map(_setup, [work] * len(sizes), sizes, [generate] * len(sizes)))
    results = []
    for case in _cases(dossier):
        seconds, peak, input_mb = [], 0.0, 0.0
        for size, setup in zip(sizes, setups, strict=True):
            command, inputs = case.command(setup)
            cwd = case.cwd(setup)
            run_once(command, env, cwd)  # warm-up: the cache, the page cache
            taken = [run_once(command, env, cwd) for _ in range(runs if size < 100_000 else 1)]
            seconds.append(statistics.median(t for t, _ in taken))
            peak = max(m for _, m in taken)
            input_mb = sum(path.stat().st_size for path in inputs) / 1024 / 1024
        growth = max(b / a for a, b in itertools.pairwise(seconds))
        memory = peak / input_mb if input_mb else 0.0
        checked_memory = sizes[-1] >= MEMORY_SIZE
        passed = growth <= GROWTH_LIMIT and (not checked_memory or memory <= MEMORY_LIMIT)
        results.append(Scaled(case.name, seconds, peak, input_mb, growth, memory, passed))
    return results


def print_scaling(results: Sequence[Scaled], sizes: Sequence[int]) -> None:
    largest = f"{sizes[-1]:,}"
    header = (
        "command",
        *(f"{size:,}" for size in sizes),
        "per 10×",
        f"peak at {largest}",
        "input",
        "memory",
        "result",
    )
    memory_budget = sizes[-1] >= MEMORY_SIZE
    lines = [header]
    for r in results:
        lines.append(
            (
                r.name,
                *(f"{s:.2f} s" for s in r.seconds),
                f"{r.growth:.1f}×",
                f"{r.peak_mb:.0f} MB",
                f"{r.input_mb:.1f} MB",
                f"{r.memory:.1f}×",
                "PASS" if r.passed else "FAIL",
            )
        )
    memory_rule = f", peak ≤ {MEMORY_LIMIT:g}× input" if memory_budget else ""
    print(f"\nScaling (records; budget: ≤ {GROWTH_LIMIT:g}× per 10×{memory_rule})")
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    for index, line in enumerate(lines):
        print("  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)))
        if index == 0:
            print("  ".join("-" * width for width in widths))
