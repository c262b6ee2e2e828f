"""The commands that edit the data in bulk: import (rows of a spreadsheet), merge (two
records into one) and fmt (the canonical layout of lines)."""

from pathlib import Path
from typing import Annotated

import typer

from dossier.cli.app import command, say, today, user_data
from dossier.cli.completion import records
from dossier.cli.edit import APPLY, DRY_RUN, dry_run_said, workspace_for, writes
from dossier.errors import UsageError
from dossier.files import write_stdout

# No `from __future__ import annotations`: Typer reads every command's signature at each
# start, and annotations kept as text would be evaluated anew each time.


@command("import")
def import_command(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(metavar="FILE", help="A .csv (UTF-8), .xlsx or .ods file.")
    ],
    kind: Annotated[
        str,
        typer.Option(
            metavar="KIND",
            help="people, organisations, clusters, events, agreements or sources.",
        ),
    ] = "people",
    mapping: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            metavar="COLUMN=FIELD",
            help="Read a column as this field (COLUMN= reads it as nothing).",
        ),
    ] = None,
    clear_empty: Annotated[
        bool, typer.Option("--clear-empty", help="An empty cell clears the stored value.")
    ] = False,
    apply: Annotated[bool, APPLY] = False,
    dry_run: Annotated[bool, DRY_RUN] = False,
    lang: Annotated[
        str, typer.Option(metavar="LANG", help="The language of the file's texts.")
    ] = "en",
) -> None:
    """Merge the rows of a spreadsheet or CSV file into the dossier: a dry run unless
    --apply, checked exactly as --apply checks it.

    Columns are matched by header (the CSV export's, or Name, Surname, E-mail…; for people
    Organisation and Position make a role). A row finds its record by id, else by name or
    native name, else it is added with an id made from its name. An empty cell changes
    nothing, a list cell ("a; b") adds what the list lacks; a row that fits several
    records is reported, never guessed. Importing the export of the same records changes
    nothing.

    Example: dossier import delegation.xlsx --kind people --map "Kanji=native_name" --apply
    """
    from dossier.datafile.load import display_name
    from dossier.errors import EditRefused
    from dossier.export.table_apply import (
        ImportRefused,
        apply_plan,
        at_rows,
        describe,
        row_problems,
    )
    from dossier.export.table_columns import read_columns
    from dossier.export.table_import import Options, plan_import
    from dossier.export.table_read import read_table
    from dossier.model.records import section_named

    section = section_named(kind)
    if section is None:
        raise UsageError("--kind: people, organisations, clusters, events, agreements or sources")
    table = read_table(file, display_name(file))
    columns = read_columns(table.header, section, _columns(mapping or []))
    apply = writes(apply, dry_run)
    with workspace_for(ctx, not apply) as workspace:
        options = Options(today(), lang=lang, clear_empty=clear_empty)
        plans = plan_import(workspace.dossier, columns, table, options)
        listing, summary = describe(plans)
        write_stdout(listing)
        unread = columns.unread()
        if unread:
            names = ", ".join(unread)
            say(f"dossier: columns not read: {names} (--map COLUMN=FIELD reads one)")
        problems = row_problems(table, plans)
        apply_plan(workspace, section, plans)
        try:
            edits = workspace.changes(today())
        except EditRefused as refused:
            problems += at_rows(refused.problems, table, plans)
        if problems:
            raise ImportRefused(problems)
        if not apply:
            dry_run_said(summary)
            return
        workspace.write(edits)
    say(f"dossier: {summary}; written")


def _columns(items: list[str]) -> dict[str, str]:
    columns: dict[str, str] = {}
    for item in items:
        column, equals, name = item.partition("=")
        if not equals or not column:
            raise UsageError(f"--map {item}: write COLUMN=FIELD (or COLUMN= to read nothing)")
        columns[column] = name
    return columns


@command()
def fmt(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(metavar="[PATH]...", help="Files or folders (default: the data)."),
    ] = None,
    check: Annotated[
        bool, typer.Option("--check", help="Change nothing; exit 1 if a file is not in layout.")
    ] = False,
) -> None:
    """Bring data files to the canonical layout: LF line ends, no blanks at line ends, at
    most one blank line in a row, one line end at the end. Keys, values, quoting,
    indentation and comments stay as written.

    Example: dossier fmt --check
    """
    from dossier.datafile.layout import canonical, differences, same_data
    from dossier.datafile.load import find_yaml_files
    from dossier.files import write_atomic

    files = [f for p in (paths or [user_data(ctx)]) for f in find_yaml_files(p)]
    off = 0
    for file in files:
        try:
            text = file.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError):
            raise UsageError(
                f"{file}: not a readable UTF-8 file; `dossier validate` says why"
            ) from None
        found = differences(text)
        if not found:
            continue
        off += 1
        if check:
            write_stdout(f"{file}: not in layout: {', '.join(found)}\n")
        else:
            laid_out = canonical(text)
            if not same_data(text, laid_out):  # pragma: no cover - a safeguard
                raise UsageError(
                    f"{file}: its layout cannot be changed without a value; not written"
                )
            write_atomic(file, laid_out.encode("utf-8"), force=True)
            say(f"dossier: laid out {file} ({', '.join(found)})")
    noun = "file" if len(files) == 1 else "files"
    if check and off:
        say(f"dossier: {off} of {len(files)} {noun} not in layout; `dossier fmt` lays them out")
        raise typer.Exit(1)
    if check:
        say(f"dossier: {len(files)} {noun} in layout")


@command()
def merge(
    ctx: typer.Context,
    keep: Annotated[
        str, typer.Argument(metavar="KEEP", help="The record that stays.", autocompletion=records)
    ],
    drop: Annotated[
        str,
        typer.Argument(metavar="DROP", help="The record folded into it.", autocompletion=records),
    ],
    prefer: Annotated[
        str | None,
        typer.Option(metavar="keep|drop", help="Whose value wins where the two disagree."),
    ] = None,
    apply: Annotated[bool, APPLY] = False,
    dry_run: Annotated[bool, DRY_RUN] = False,
) -> None:
    """Fold DROP into KEEP: fields, roles, sources, notes; every reference rewritten; DROP's
    id kept as an alias of KEEP. A dry run (the diff) unless --apply.

    Example: dossier merge norihiko-fukuda fukuda-norihiko --apply
    """
    from dossier.datafile.merging import describe
    from dossier.datafile.merging import merge as merge_records

    if prefer not in (None, "keep", "drop"):
        raise UsageError("--prefer: keep or drop")
    apply = writes(apply, dry_run)
    with workspace_for(ctx, not apply) as workspace:
        kept, dropped = workspace.find(keep).id, workspace.find(drop).id
        plan, edits = merge_records(workspace, kept, dropped, prefer, today())
        if not apply:
            write_stdout("".join(edit.diff() for edit in edits))
            dry_run_said(f"would fold {describe(plan)}")
            return
        workspace.write(edits)
    say(f"dossier: folded {describe(plan)}")
