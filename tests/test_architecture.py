"""The floor plan holds: few modules at the top, none too long, one writer per format, and
the traps of a move (the cache fingerprint, the bundled sample) covered."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import dossier
from dossier.briefing.formats import BriefFormat
from dossier.briefing.output import RENDERERS
from dossier.datafile import cache
from dossier.datafile.load import bundled_sample
from dossier.export.formats import ExportFormat
from dossier.export.writers import WRITERS
from tests.conftest import ROOT

PACKAGE = Path(dossier.__file__).resolve().parent
MAX_LOOSE_MODULES = 6
MAX_LINES = 400


def test_few_loose_modules_at_the_top_and_every_wing_on_the_map() -> None:
    loose = [p.name for p in PACKAGE.iterdir() if p.suffix == ".py"]
    assert len(loose) <= MAX_LOOSE_MODULES, sorted(loose)
    wings = [p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()]
    floor_plan = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    for wing in wings:
        assert f"| `{wing}/` |" in floor_plan, f"{wing}/ is not in docs/architecture.md"


def test_no_module_is_over_four_hundred_lines() -> None:
    for module in PACKAGE.rglob("*.py"):
        lines = module.read_text(encoding="utf-8").count("\n")
        assert lines <= MAX_LINES, f"{module.relative_to(PACKAGE)}: {lines} lines"


def test_every_export_format_has_its_writer() -> None:
    assert set(WRITERS) == set(ExportFormat)


def test_every_briefing_format_has_its_writer() -> None:
    assert set(RENDERERS) == set(BriefFormat)


def test_the_cache_fingerprint_covers_every_wing() -> None:
    before = cache._code_fingerprint()
    for module in ("views/blocks.py", "briefing/build.py", "cli/app.py", "model/records.py"):
        path = PACKAGE / module
        info = path.stat()
        try:
            os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000))
            assert cache._code_fingerprint() != before, module
        finally:
            os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))


def test_the_bundled_sample_is_found_where_the_wheel_puts_it() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    include = config["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert include == {"data/clusters.yaml": "dossier/sample/clusters.yaml"}
    # In a checkout the packaged copy is absent and the repository's is used; installed, the
    # loader looks beside the package's own __init__.py, not beside its own module.
    assert bundled_sample() == ROOT / "data" / "clusters.yaml"
    assert not (PACKAGE / "datafile" / "sample").exists()
