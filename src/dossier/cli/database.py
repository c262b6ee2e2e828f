"""`dossier export --format sqlite`: the options only a database takes, and Datasette's
configuration beside it."""

import json
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from dossier.cli.app import write_file
from dossier.errors import UsageError
from dossier.export.formats import ExportFormat

if TYPE_CHECKING:  # the export wing is imported only by the commands that export
    from dossier.export.writers import ExportRequest

CONFIG_FILES = ("metadata.json", "metadata.yaml", "datasette.yaml")
"""Datasette 0.65's one file, then Datasette 1.0's two."""


class DatasetteTarget(NamedTuple):
    folder: Path
    licence: str | None
    source_url: str | None
    force: bool


def database_options(
    fmt: ExportFormat,
    output: str | None,
    config: str | None,
    licence: str | None,
    source_url: str | None,
    *,
    force: bool,
) -> DatasetteTarget | None:
    """Refuse, before any data is read, what a database cannot do or what only it can."""
    if fmt is ExportFormat.XLSX and output in (None, "-"):
        raise UsageError(
            "--format xlsx writes a workbook file: name it with -o, such as -o dossier.xlsx"
        )
    if fmt is not ExportFormat.SQLITE:
        if config is not None or licence is not None or source_url is not None:
            raise UsageError(
                "--datasette-config, --licence and --source-url go with --format sqlite"
            )
        return None
    if output in (None, "-"):
        raise UsageError(
            "--format sqlite writes a database file: name it with -o, such as -o dossier.db"
        )
    if config is None:
        if licence is not None or source_url is not None:
            raise UsageError(
                "--licence and --source-url go into Datasette's metadata: "
                "add --datasette-config DIR"
            )
        return None
    from dossier.files import check_writable

    folder = Path(config)
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"--datasette-config {config}: not a folder")
    try:
        folder.mkdir(exist_ok=True)
    except OSError as error:
        raise UsageError(
            f"--datasette-config {config}: cannot make the folder ({error.strerror})"
        ) from None
    for name in CONFIG_FILES:
        check_writable(folder / name, force=force)
    return DatasetteTarget(folder, licence, source_url, force)


def data_commit(files: list[str]) -> str | None:
    from dossier.history.git import data_commit as commit_of

    return commit_of([Path(file) for file in files])


def write_datasette_config(
    target: DatasetteTarget, request: "ExportRequest", database: str, files: list[str]
) -> None:
    """Datasette's metadata and configuration for the database named `database`."""
    from dossier.datafile.schema import build_schema
    from dossier.datafile.yaml_core import dump_yaml
    from dossier.export.datasette_meta import About, config_10, metadata_065, metadata_10

    dossier = request.dossier
    # The files' names only: where they lie on this machine is no one else's business.
    files = [Path(file).name for file in files]
    home = dossier.label(dossier.home, request.lang) if dossier.home else None
    audience = request.audience.value
    built = f" at commit {request.commit[:12]}" if request.commit else ""
    about = About(
        title=f"{home}: dossier ({audience})" if home else f"Dossier ({audience})",
        description=f"What the {audience} may read, from {', '.join(files)}{built}, "
        f"as of {request.stamp.date().isoformat()}. The _build table says what it was made from.",
        source=", ".join(files),
        source_url=target.source_url,
        licence=target.licence,
    )
    schema = build_schema()
    single = metadata_065(database, about, schema)
    texts = {
        "metadata.json": json.dumps(single, ensure_ascii=False, indent=2) + "\n",
        "metadata.yaml": dump_yaml(metadata_10(database, about, schema)),
        "datasette.yaml": dump_yaml(config_10(database)),
    }
    target.folder.mkdir(parents=True, exist_ok=True)
    for name in CONFIG_FILES:
        write_file(str(target.folder / name), texts[name].encode("utf-8"), force=target.force)
