"""The commands about the data file itself: validate, export, schema, init."""

import datetime as dt
import os
import stat
from pathlib import Path
from typing import Annotated

import typer

from dossier.cli.app import (
    AudienceOption,
    Language,
    command,
    emit,
    language_of,
    load_data,
    load_valid,
    output_format,
    say,
    today,
    write_file,
)
from dossier.cli.completion import warning_kinds
from dossier.cli.database import data_commit, database_options, write_datasette_config
from dossier.errors import UsageError
from dossier.export.formats import ExportFormat, ReportFormat, VCardVersion
from dossier.files import write_stdout, write_stdout_bytes
from dossier.model.languages import spoken
from dossier.model.vocabulary import (
    Audience,
    RecordKind,
)
from dossier.model.warning_kinds import CLOCK_DRIVEN, WarningKind

# No `from __future__ import annotations`: Typer reads every command's signature at each
# start, and annotations kept as text would be evaluated anew each time.


@command()
def validate(
    ctx: typer.Context,
    paths: Annotated[
        list[str] | None,
        typer.Argument(metavar="[PATH]...", help="Files or folders (default: the data)."),
    ] = None,
    fmt: Annotated[
        ReportFormat,
        typer.Option("--format", metavar="FORMAT", help="text, json or github (annotations)."),
    ] = ReportFormat.TEXT,
    strict_mode: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Fail on every warning (--fail-on all), clock-driven ones included.",
        ),
    ] = False,
    fail_on: Annotated[
        list[str] | None,
        typer.Option(
            "--fail-on",
            metavar="KIND",
            autocompletion=warning_kinds,
            help=(
                "Fail on warnings of these kinds (repeat, or separate with commas): "
                f"{', '.join(WarningKind)}; or the groups steady (all but the clock-driven), "
                f"clock ({', '.join(k for k in WarningKind if k in CLOCK_DRIVEN)}: the passing"
                " of time brings them about) and all."
            ),
        ),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option(
            "--ignore",
            metavar="KIND",
            help="Leave warnings of these kinds out.",
            autocompletion=warning_kinds,
        ),
    ] = None,
) -> None:
    """Check the data and report every problem at once.

    Errors always fail (exit 1); warnings fail only with --fail-on or --strict. A CI that
    must not turn red as days pass fails on kinds that are not clock-driven, such as
    `dossier validate --fail-on zone-name,agenda-zone`.

    Example: dossier validate data/ --format github --fail-on zone-name,agenda-zone
    """
    from dossier.export.problems import apply_policy, render, summary
    from dossier.model.warning_kinds import expand

    try:
        failing = expand(["all"] if strict_mode else fail_on or [])
        ignored = expand(ignore or [])
    except ValueError as error:
        raise UsageError(str(error)) from None
    result = load_data(ctx, paths, sample=False)
    problems = apply_policy(result.problems, failing, ignored)
    write_stdout(render(problems, fmt))
    say(summary(problems, len(result.files)))
    if any(p.is_error for p in problems):
        raise typer.Exit(1)


@command()
def export(
    ctx: typer.Context,
    format_option: Annotated[
        ExportFormat | None,
        typer.Option(
            "--format",
            metavar="FORMAT",
            help="json, yaml, csv, xlsx, ics, vcf, sqlite, geojson or kml "
            "(default: from the -o name, else json).",
        ),
    ] = None,
    kind: Annotated[
        RecordKind | None,
        typer.Option(
            metavar="KIND",
            help=f"Only this kind of record (required for csv): {', '.join(RecordKind)}.",
        ),
    ] = None,
    output: Annotated[
        str | None, typer.Option("-o", "--output", metavar="PATH", help="File to write, or - .")
    ] = None,
    lang: Annotated[
        Language | None,
        typer.Option(
            metavar="LANG",
            help=f"{spoken()}: texts in csv, ics and vcf (json and yaml keep every language).",
        ),
    ] = None,
    audience: AudienceOption = Audience.INTERNAL,
    datasette_config: Annotated[
        str | None,
        typer.Option(
            metavar="DIR",
            help="With sqlite: write Datasette's metadata.json (0.65), metadata.yaml and "
            "datasette.yaml (1.0) into DIR.",
        ),
    ] = None,
    licence: Annotated[
        str | None, typer.Option(metavar="TEXT", help="With sqlite: the data's licence.")
    ] = None,
    source_url: Annotated[
        str | None,
        typer.Option(metavar="URL", help="With sqlite: where the data is kept (a repository)."),
    ] = None,
    vcard: Annotated[
        VCardVersion | None,
        typer.Option(
            metavar="VERSION",
            help="With vcf: 4.0 (the default) or 3.0, which many phones import best.",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Export the validated dossier for other programs; the same data gives the same bytes.

    Example: dossier export --format csv --kind people -o people.csv
    """
    from dossier.export.writers import ExportRequest, check_request, export_text

    fmt = output_format(format_option, output, ExportFormat, ExportFormat.JSON)
    check_request(fmt, kind)
    if vcard is not None and fmt is not ExportFormat.VCF:
        raise UsageError(f"--vcard goes with --format vcf, not {fmt.value}")
    about = database_options(fmt, output, datasette_config, licence, source_url, force=force)
    if output not in (None, "-"):
        from dossier.files import check_writable

        check_writable(Path(output), force=force)
    result = load_valid(ctx)
    dossier = result.dossier
    commit = data_commit(result.files) if fmt is ExportFormat.SQLITE else None
    request = ExportRequest(
        dossier,
        kind,
        language_of(lang, dossier),
        _export_stamp(),
        audience,
        today(),
        commit,
        vcard or VCardVersion.V4,
    )
    exported = export_text(fmt, request)
    for note in exported.left_out:
        say(f"dossier: {note}")
    if exported.data is not None and output in (None, "-"):
        write_stdout_bytes(exported.data)  # a database never gets here: database_options
    elif exported.data is not None:
        assert output is not None
        write_file(output, exported.data, force=force)
    else:
        emit(exported.text, output, force=force, bom=exported.spreadsheet)
    if about is not None:
        write_datasette_config(about, request, Path(str(output)).stem, result.files)


def _export_stamp() -> dt.datetime:
    """The time of an export: `SOURCE_DATE_EPOCH`, else the start of today (`DOSSIER_TODAY`)."""
    from dossier.export.writers import export_stamp

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    try:
        return export_stamp(today(), epoch)
    except (ValueError, OverflowError, OSError):
        raise UsageError(
            f"SOURCE_DATE_EPOCH={epoch!r} is not a time (whole seconds since 1970)"
        ) from None


@command()
def schema(
    output: Annotated[
        str | None, typer.Option("-o", "--output", metavar="PATH", help="File to write, or - .")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Print the JSON Schema of the data file (for editors and check-jsonschema).

    Example: dossier schema -o schema/dossier.schema.json --force
    """
    from dossier.datafile.schema import schema_text

    emit(schema_text(), output, force=force)


STARTER_NAME = "clusters.yaml"
"""The file `init` writes into a folder it is given."""


@command()
def init(
    given: Annotated[
        str,
        typer.Argument(
            metavar="[PATH]",
            help="The new data file; a folder (an existing one, or a name ending in /) gets"
            f" {STARTER_NAME} in it.",
        ),
    ] = f"data/{STARTER_NAME}",
) -> None:
    """Start a new data file with one example of each record kind; never overwrites.

    Example: dossier init partners/dossier.yaml
    """
    from dossier.datafile.schema import schema_text
    from dossier.datafile.starter import STARTER
    from dossier.files import path_status, write_atomic

    if not given:
        raise UsageError("init: the path is empty")
    path = Path(given)
    status = path_status(path)
    if given.endswith(("/", os.sep)) or (status is not None and stat.S_ISDIR(status.st_mode)):
        path = path / STARTER_NAME
        status = path_status(path)
    if status is not None:
        raise UsageError(f"{path}: already exists; init never overwrites a file")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(f"{path.parent}: cannot create the folder ({error.strerror})") from None
    write_atomic(path, STARTER.encode("utf-8"))
    say(f"dossier: wrote {path}")
    schema_path = path.parent / "dossier.schema.json"
    if not schema_path.exists():
        write_atomic(schema_path, schema_text().encode("utf-8"))
        say(f"dossier: wrote {schema_path} (for editor completion)")
