"""Measure dossier against its performance budgets, as whole processes, side by side.

    python benchmarks/run.py           # the full run recorded in benchmarks/RESULTS.md
    python benchmarks/run.py --quick   # a short smoke run (CI): smaller data, fewer runs

Each measure runs its command and a reference command several times after a warm-up and
compares medians from the same run, so the ratios hold on any machine; the short start-up
measures (P1, P2), the export (P3), validation (P4) and the briefing (P5) take turns with
their reference, run after run. The package is byte-compiled first, as an installed package
is. Prints one table row per measure with PASS or FAIL; exits 1 if any measure fails (0 with
--quick, where the data is too small for the budgets to mean anything).
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from edit import edit_rows  # noqa: E402
from history import history_rows  # noqa: E402 - beside this script, found through the path above
from imports import import_rows  # noqa: E402
from pdf import pdf_rows  # noqa: E402
from scaling import print_scaling, scaling  # noqa: E402

SAMPLE = ROOT / "data" / "clusters.yaml"
# The `dossier` command as users run it (the console script beside this Python), else -m.
_SCRIPT = Path(sys.executable).parent / "dossier"
DOSSIER = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "dossier"]
BILLION_LAUGHS = ROOT / "tests" / "bad_inputs" / "alias-bomb.yaml"


@dataclass(frozen=True)
class Stats:
    median: float
    peak_mb: float


@dataclass(frozen=True)
class Row:
    name: str
    measure: str
    median: float
    reference: str
    reference_median: float | None
    value: float
    budget: str
    passed: bool | None  # None: not measured here (a reference tool is missing)


def run_once(command: Sequence[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """Wall time in seconds and peak resident memory in MB of one process."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=cwd
    )
    _, _, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    return elapsed, usage.ru_maxrss / 1024


def measure(
    commands: Mapping[str, tuple[Sequence[str], dict[str, str]]], *, runs: int, cwd: Path
) -> dict[str, Stats]:
    """Median time and peak memory of each command, run in turns (a, b, c, a, b, c, ...)
    after a warm-up of each.

    Runs are at the mercy of whatever else the machine does; taking them in turns lets a
    slow spell hit every command alike instead of one of them.
    """
    for command, env in commands.values():
        run_once(command, env, cwd)
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, (command, env) in commands.items():
            samples[name].append(run_once(command, env, cwd))
    return {
        name: Stats(statistics.median(s[0] for s in taken), max(s[1] for s in taken))
        for name, taken in samples.items()
    }


def byte_compile_package() -> None:
    """Measure `dossier` as installed: pip byte-compiles every module it installs, whereas a
    checkout installed in editable mode, under PYTHONDONTWRITEBYTECODE (set in many
    containers), would compile every module from source at every start."""
    spec = importlib.util.find_spec("dossier")
    if spec is not None and spec.origin is not None:
        compileall.compile_dir(Path(spec.origin).parent, quiet=1)


def ratio_row(
    name: str,
    measure_name: str,
    ours: Stats,
    reference_name: str,
    reference: Stats | None,
    limit: float,
) -> Row:
    if reference is None:
        return Row(name, measure_name, ours.median, reference_name, None, 0.0, f"≤ {limit}×", None)
    value = ours.median / reference.median
    return Row(
        name,
        measure_name,
        ours.median,
        reference_name,
        reference.median,
        value,
        f"≤ {limit}×",
        value <= limit,
    )


def generate(records: int, path: Path, scenario: str = "dossier") -> Path:
    if not path.exists():
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "benchmarks" / "generate.py"),
                "--records",
                str(records),
                "--scenario",
                scenario,
                "-o",
                str(path),
            ],
            check=True,
        )
    return path


def file_export_row(
    work: Path,
    data: Path,
    export: list[str],
    env: dict[str, str],
    *,
    runs: int,
    row: tuple[str, str, str, float],
) -> Row:
    """A file format against the JSON export of the same data: what the format adds beyond
    reading the data. P3s: the SQLite database (tables, indexes, full-text search, views);
    P3x: the workbook (a sheet per kind, every cell typed text)."""
    name, fmt, suffix, limit = row
    target = work / f"{data.stem}.{suffix}"
    ours = [*DOSSIER, "--data", str(data), "export", "-o", str(target), "--force"]
    times = measure({"ours": (ours, env), "json": (export, env)}, runs=runs, cwd=work)
    count = f"{int(data.stem[1:]):,}" if data.stem[1:].isdigit() else data.stem
    return ratio_row(
        name, f"export {fmt}, {count} records", times["ours"], "export json", times["json"], limit
    )


def against(
    work: Path,
    data: Path,
    env: dict[str, str],
    row: tuple[str, str, list[str], float],
    reference: tuple[str, list[str]],
    *,
    runs: int,
) -> Row:
    """One command on `data` (its name, what it does, its arguments after `--data FILE`, its
    budget) timed against a reference command on the same file."""
    name, label, args, limit = row
    reference_name, reference_args = reference
    ours = [*DOSSIER, "--data", str(data), *args]
    theirs = [*DOSSIER, "--data", str(data), *reference_args]
    times = measure({"ours": (ours, env), "ref": (theirs, env)}, runs=runs, cwd=work)
    count = f"{int(data.stem[1:]):,}" if data.stem[1:].isdigit() else data.stem
    return ratio_row(
        name, f"{label}, {count} records", times["ours"], reference_name, times["ref"], limit
    )


def new_command_rows(work: Path, data: Path, env: dict[str, str], *, runs: int) -> list[Row]:
    """P19-P21: the yearly report, the relationship graph and the map read every record once
    more after loading them: at most half as long again as validating, or as the JSON
    export, of the same file."""
    validate = ("validate", ["validate"])
    json_export = ("export json", ["export", "--format", "json"])
    return [
        against(
            work,
            data,
            env,
            ("P19", "report", ["report", "--year", "2020"], 1.5),
            validate,
            runs=runs,
        ),
        against(
            work,
            data,
            env,
            ("P20", "graph, depth 2", ["graph", "cluster-0", "--depth", "2"], 1.5),
            validate,
            runs=runs,
        ),
        against(
            work,
            data,
            env,
            ("P21", "export geojson", ["export", "--format", "geojson"], 1.5),
            json_export,
            runs=runs,
        ),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small data, one run each")
    parser.add_argument("--runs", type=int, help="runs per measure (default 7, quick 1)")
    parser.add_argument(
        "--scaling-only", action="store_true", help="only the scaling table (1k, 10k, 100k)"
    )
    args = parser.parse_args(argv)
    quick = args.quick
    runs = args.runs or (1 if quick else 7)
    small, large = (500, 5_000) if quick else (10_000, 100_000)
    sizes = (1_000, 10_000) if quick else (1_000, 10_000, 100_000)

    work = Path(tempfile.mkdtemp(prefix="dossier-bench-"))
    env = {
        **os.environ,
        "DOSSIER_TODAY": "2026-11-25",
        "DOSSIER_CACHE_DIR": str(work / "cache"),
        "NO_COLOR": "1",
        "COLUMNS": "100",
    }
    cold = {**env, "DOSSIER_NO_CACHE": "1"}
    byte_compile_package()
    if args.scaling_only:
        return _scaling_table(work, cold, sizes, runs=1 if quick else 3)
    startup_runs = 3 if quick else max(runs, 21)
    show = [*DOSSIER, "--data", str(SAMPLE), "show", "kawasaki"]
    startup = measure(
        {
            "pass": ([sys.executable, "-c", "pass"], env),
            # The libraries any view needs set a floor, printed for comparison.
            "floor": ([sys.executable, "-c", "import typer, rich.console, rich.table"], env),
            # A lookup in the terminal, with the cache warm as in daily use; cold too.
            "show": (show, env),
            "show cold": (show, cold),
            # The version, which needs none of the libraries.
            "version": ([*DOSSIER, "--version"], env),
        },
        runs=startup_runs,
        cwd=work,
    )
    python_pass = startup["pass"]
    rows: list[Row] = []
    floor_row = ratio_row(
        "P1f", "import typer, rich", startup["floor"], "python -c pass", python_pass, 15
    )
    rows.append(replace(floor_row, budget="info", passed=None))
    rows.append(
        ratio_row(
            "P1", "show kawasaki (sample)", startup["show"], "python -c pass", python_pass, 15
        )
    )
    cold_row = ratio_row(
        "P1c", "show, cache off", startup["show cold"], "python -c pass", python_pass, 15
    )
    rows.append(replace(cold_row, budget="info", passed=None))
    rows.append(ratio_row("P2", "--version", startup["version"], "python -c pass", python_pass, 6))

    # P3: JSON export against Debian's yq converting the same YAML to JSON.
    small_file = generate(small, work / f"d{small}.yaml")
    export = [*DOSSIER, "--data", str(small_file), "export", "--format", "json"]
    yq = shutil.which("yq")
    p3 = measure(
        {"ours": (export, cold)} | ({"yq": ([yq, ".", str(small_file)], env)} if yq else {}),
        runs=runs,
        cwd=work,
    )
    rows.append(
        ratio_row(
            "P3", f"export json, {small:,} records", p3["ours"], "yq . FILE", p3.get("yq"), 0.5
        )
    )

    for file_row in (("P3s", "sqlite", "db", 2.0), ("P3x", "xlsx", "xlsx", 5.0)):
        rows.append(file_export_row(work, small_file, export, cold, runs=runs, row=file_row))
    rows.extend(new_command_rows(work, small_file, cold, runs=runs))

    # P4: validation is linear: ten times the records, at most eleven times the time.
    large_file = generate(large, work / f"d{large}.yaml")
    p4 = measure(
        {
            "small": ([*DOSSIER, "validate", str(small_file)], cold),
            "large": ([*DOSSIER, "validate", str(large_file)], cold),
        },
        runs=max(1, runs // 2),
        cwd=work,
    )
    validate_small, validate_large = p4["small"], p4["large"]
    rows.append(
        ratio_row(
            "P4",
            f"validate, {large:,} records",
            validate_large,
            f"validate, {small:,} records",
            validate_small,
            11,
        )
    )
    size_mb = large_file.stat().st_size / 1024 / 1024
    memory_ratio = validate_large.peak_mb / size_mb
    rows.append(
        Row(
            "P4m",
            f"validate peak memory, {large:,} records",
            validate_large.peak_mb,
            f"file size {size_mb:.1f} MB",
            size_mb,
            memory_ratio,
            "≤ 10×",
            memory_ratio <= 10,
        )
    )

    # P5: a long briefing against pandoc writing the same briefing's Markdown as .docx.
    brief_file = generate(0, work / "brief.yaml", scenario="brief")
    markdown = work / "brief.md"
    subprocess.run(
        [
            *DOSSIER,
            "--data",
            str(brief_file),
            "brief",
            "partner",
            "--format",
            "md",
            "-o",
            str(markdown),
            "--force",
        ],
        check=True,
        env=cold,
        cwd=work,
        capture_output=True,
    )
    rows += brief_rows(work, brief_file, markdown, env, cold, runs=runs)

    rows += [
        bomb_row(cold, runs=runs, cwd=work),
        *problems_and_search_rows(work, small_file, cold, runs=runs, quick=quick),
        *history_rows(work, DOSSIER, generate, measure, ratio_row, env, runs=runs, quick=quick),
        *pdf_rows(work, DOSSIER, generate, measure, ratio_row, env, runs=runs),
        *edit_rows(work, DOSSIER, generate, measure, ratio_row, env, runs=runs, quick=quick),
        *import_rows(work, DOSSIER, generate, measure, ratio_row, env, runs=runs, quick=quick),
    ]

    print_table(rows, quick=quick)
    failed = [r for r in rows if r.passed is False]
    # The scaling check holds in the smoke run too: linear commands grow far less than 12×
    # from 1,000 to 10,000 records, where start-up is most of the time. It runs in a process
    # of its own: a process started from this one, which has grown with the rows above,
    # would report this one's peak memory as its own.
    shutil.rmtree(work, ignore_errors=True)
    sys.stdout.flush()
    scaled = subprocess.run(
        [sys.executable, __file__, "--scaling-only", *(["--quick"] if quick else [])], check=False
    ).returncode
    return 0 if (quick or not failed) and not scaled else 1


def _scaling_table(work: Path, env: dict[str, str], sizes: Sequence[int], *, runs: int) -> int:
    """Print the scaling table; 1 if a command grows too fast or takes too much memory."""
    results = scaling(work, DOSSIER, generate, run_once, env, sizes=sizes, runs=runs)
    print_scaling(results, sizes)
    shutil.rmtree(work, ignore_errors=True)
    return 0 if all(r.passed for r in results) else 1


def brief_rows(
    work: Path,
    brief_file: Path,
    markdown: Path,
    env: dict[str, str],
    cold: dict[str, str],
    *,
    runs: int,
) -> list[Row]:
    """P5, P5c, P5g: the briefing against pandoc writing a .docx of the same size."""
    found: list[Row] = []
    # P5 is the document itself, as pandoc writes one; P5g adds the picture of connections,
    # which Graphviz draws (its PNG renderer alone starts in about 0.25 s).
    brief = [*DOSSIER, "--data", str(brief_file), "brief", "partner", "-o", "b.docx", "--force"]
    pandoc = shutil.which("pandoc")
    p5 = measure(
        {
            "warm": ([*brief, "--no-graph"], env),
            "cold": ([*brief, "--no-graph"], cold),
            **({"graph": ([*brief, "--graph"], env)} if shutil.which("dot") else {}),
        }
        | ({"pandoc": ([pandoc, str(markdown), "-o", "p.docx"], env)} if pandoc else {}),
        runs=runs,
        cwd=work,
    )
    reference = p5.get("pandoc")
    found.append(
        ratio_row(
            "P5", "brief, 500 events, 100 people", p5["warm"], "pandoc md → docx", reference, 2
        )
    )
    cold_row = ratio_row("P5c", "brief, cache off", p5["cold"], "pandoc md → docx", reference, 2)
    found.append(replace(cold_row, budget="info", passed=None))
    if "graph" in p5:
        found.append(
            ratio_row("P5g", "brief with its picture", p5["graph"], "brief", p5["warm"], 2.5)
        )

    return found


def bomb_row(env: dict[str, str], *, runs: int, cwd: Path) -> Row:
    """P6: the alias bomb is refused fast and with flat memory."""
    bomb = measure(
        {"bomb": ([*DOSSIER, "validate", str(BILLION_LAUGHS)], env)}, runs=max(runs, 3), cwd=cwd
    )["bomb"]
    return Row(
        "P6",
        "validate billion laughs",
        bomb.median,
        "1 s, 100 MB",
        None,
        bomb.peak_mb,
        "< 1 s, < 100 MB",
        bomb.median < 1 and bomb.peak_mb < 100,
    )


def many_problems(count: int, path: Path) -> Path:
    """One record with `count` unknown fields: as many problems, all in one place."""
    lines = ["clusters:", "  - id: a", "    name: A", "    sources: [s]"]
    lines += [f"    unknown{i}: {i}" for i in range(count)]
    path.write_text("\n".join([*lines, "sources: [{id: s, title: S}]", ""]), encoding="utf-8")
    return path


def problems_and_search_rows(
    work: Path, records_file: Path, env: dict[str, str], *, runs: int, quick: bool
) -> list[Row]:
    """P7: problems in one record cost what valid records do (each is located without
    reading its record again); P8: a pasted 1,000-word query against a one-word search;
    P9, P10: the commands that read the whole dossier for what is owed and what is old cost
    about what listing its people does (all as JSON: the data work, not Rich's tables)."""
    count = 500 if quick else 5_000
    valid = generate(count, work / f"valid{count}.yaml")
    p7 = measure(
        {
            "problems": ([*DOSSIER, "validate", str(many_problems(count, work / "p.yaml"))], env),
            "valid": ([*DOSSIER, "validate", str(valid)], env),
        },
        runs=runs,
        cwd=work,
    )
    words = " ".join(f"word{i}" for i in range(1_000))
    search = [*DOSSIER, "--data", str(records_file), "search"]
    p8 = measure(
        {"many": ([*search, f"Kawasaki {words}"], env), "one": ([*search, "Kawasaki"], env)},
        runs=runs,
        cwd=work,
    )
    listing = [*DOSSIER, "--data", str(records_file)]
    p9 = measure(
        {
            "follow-ups": ([*listing, "follow-ups", "--all", "--format", "json"], env),
            "stale": ([*listing, "stale", "--format", "json"], env),
            "list": ([*listing, "list", "people", "--format", "json"], env),
        },
        runs=runs,
        cwd=work,
    )
    return [
        ratio_row(
            "P9", "follow-ups --all, json", p9["follow-ups"], "list people, json", p9["list"], 1.5
        ),
        ratio_row("P10", "stale, json", p9["stale"], "list people, json", p9["list"], 1.5),
        ratio_row(
            "P7",
            f"validate, {count:,} problems in one record",
            p7["problems"],
            f"validate, {count:,} valid records",
            p7["valid"],
            2,
        ),
        ratio_row("P8", "search, 1,000 words", p8["many"], "search, one word", p8["one"], 2),
    ]


def print_table(rows: list[Row], *, quick: bool) -> None:
    print(
        f"Python {sys.version.split()[0]} on {os.cpu_count()} cores{' (quick run)' if quick else ''}"
    )
    header = ("#", "measure", "median", "reference", "ref. median", "ratio", "budget", "result")
    lines = [header]
    for row in rows:
        if row.name == "P4m":
            median, ref_median, ratio = (
                f"{row.median:.0f} MB",
                f"{row.reference_median:.1f} MB",
                f"{row.value:.1f}×",
            )
        elif row.name == "P6":
            median, ref_median, ratio = f"{row.median:.3f} s", "", f"{row.value:.0f} MB peak"
        else:
            median = f"{row.median:.3f} s"
            ref_median = f"{row.reference_median:.3f} s" if row.reference_median else "—"
            ratio = f"{row.value:.2f}×" if row.reference_median else "—"
        result = {True: "PASS", False: "FAIL", None: "SKIP" if row.budget != "info" else "info"}[
            row.passed
        ]
        if quick and row.passed is not None:
            result = "smoke"  # small data and few runs: the ratio says nothing of the budget
        lines.append(
            (row.name, row.measure, median, row.reference, ref_median, ratio, row.budget, result)
        )
    widths = [max(len(str(line[i])) for line in lines) for i in range(len(header))]
    for index, line in enumerate(lines):
        print(
            "  ".join(
                str(cell).ljust(width) for cell, width in zip(line, widths, strict=True)
            ).rstrip()
        )
        if index == 0:
            print("  ".join("-" * width for width in widths))


if __name__ == "__main__":
    sys.exit(main())
