"""The commands that edit the data: set and done. Each changes only the lines it must and
writes nothing the data would not validate with."""

from pathlib import Path
from typing import Annotated

import typer

from dossier.cli.app import command, say, today, user_data
from dossier.errors import UsageError
from dossier.files import write_stdout

# No `from __future__ import annotations`: Typer reads every command's signature at each
# start, and annotations kept as text would be evaluated anew each time.

DRY_RUN = typer.Option("--dry-run", help="Show the change as a diff; write nothing.")


def _apply(
    ctx: typer.Context, ref: str, field: tuple[str | int, ...], value: object, dry_run: bool
) -> None:
    from dossier.cli.app import load_data
    from dossier.datafile.editing import edit_record
    from dossier.errors import format_field_path
    from dossier.model.lookup import Finder

    data = user_data(ctx)
    record = Finder(load_data(ctx, use_cache=True, sample=False).dossier).find(ref)
    change = edit_record(data, record.id, field, value, today())
    if change.after == change.before:
        say(f"dossier: {record.id} {format_field_path(field)} is already so; nothing to write")
        return
    if dry_run:
        write_stdout(change.diff())
        return
    change.write()
    say(f"dossier: {record.id} {format_field_path(field)} set in {change.path}")


KINDS = {
    "cluster": "clusters",
    "organisation": "organisations",
    "organization": "organisations",
    "person": "people",
    "agreement": "agreements",
    "event": "events",
    "source": "sources",
}


@command()
def add(
    ctx: typer.Context,
    kind: Annotated[
        str,
        typer.Argument(
            metavar="KIND", help="person, organisation, cluster, agreement, event or source."
        ),
    ],
    record_id: Annotated[str, typer.Argument(metavar="ID", help="The new record's id.")],
    fields: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="FIELD=VALUE...",
            help="Its fields: name=…, roles[0].title=…; values read as YAML.",
        ),
    ] = None,
    dry_run: Annotated[bool, DRY_RUN] = False,
) -> None:
    """Add a record at the end of its section, laid out as the records around it.

    The data is validated with it first: a record that would make the data invalid (a
    missing required field, an id already used) is not written (exit 1).

    Example: dossier add person jane-roe "name=Jane Roe" roles[0].organisation=biom
    """
    from dossier.datafile.editing import add_record, build_record, read_value
    from dossier.datafile.yaml_edit import parse_field_path

    section = KINDS.get(kind.lower(), kind.lower())
    if section not in KINDS.values():
        raise UsageError(
            f"'{kind}' is not a kind of record: {', '.join(sorted(set(KINDS) - {'organization'}))}"
        )
    assignments = []
    for item in fields or []:
        name, equals, value = item.partition("=")
        if not equals:
            raise UsageError(f"'{item}' is not FIELD=VALUE")
        assignments.append((parse_field_path(name), read_value(value)))
    change = add_record(user_data(ctx), section, build_record(record_id, assignments), today())
    if dry_run:
        write_stdout(change.diff())
        return
    change.write()
    say(f"dossier: added {record_id} to {section} in {change.path}")


@command("set")
def set_command(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(metavar="REF", help="The record: id or name.")],
    field: Annotated[
        str, typer.Argument(metavar="FIELD", help="A field path: honorific, roles[0].until.")
    ],
    value: Annotated[
        str, typer.Argument(metavar="VALUE", help="Read as YAML: Mayor, true, {en: …, de: …}.")
    ],
    dry_run: Annotated[bool, DRY_RUN] = False,
) -> None:
    """Set one field of one record, changing only the lines it must.

    Comments, key order, quoting and every other record stay as written. The data is
    validated with the change first: if it would have an error, nothing is written (exit 1).

    Example: dossier set norihiko-fukuda honorific Mayor
    """
    from dossier.datafile.editing import read_value
    from dossier.datafile.yaml_edit import parse_field_path

    if field.split(".")[0].split("[")[0] == "id":
        raise UsageError("set cannot change an id: references would break")
    _apply(ctx, ref, parse_field_path(field), read_value(value), dry_run)


@command()
def done(
    ctx: typer.Context,
    event: Annotated[str, typer.Argument(metavar="EVENT", help="The event the follow-up is in.")],
    number: Annotated[
        int, typer.Argument(metavar="N", help="Its place in the event's list, from 1.")
    ],
    on: Annotated[
        str | None, typer.Option(metavar="DATE", help="The day it was done (sets done_on).")
    ] = None,
    dry_run: Annotated[bool, DRY_RUN] = False,
) -> None:
    """Mark the N-th follow-up of an event done (done: true, or done_on: DATE).

    Example: dossier done munich-delegation-kawasaki-2027 1 --on 2026-11-20
    """
    if number < 1:
        raise UsageError("N counts from 1")
    if on is not None:
        from dossier.cli.app import partial_date

        partial_date(on, "--on")
        _apply(ctx, event, ("follow_ups", number - 1, "done_on"), on, dry_run)
    else:
        _apply(ctx, event, ("follow_ups", number - 1, "done"), True, dry_run)


@command("import")
def import_command(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A .csv (UTF-8) or .xlsx file.")],
    kind: Annotated[
        str, typer.Option(metavar="KIND", help="people, organisations or events.")
    ] = "people",
    mapping: Annotated[
        list[str] | None,
        typer.Option("--map", metavar="COLUMN=FIELD", help="Read a column as this field."),
    ] = None,
    apply: Annotated[
        bool, typer.Option("--apply", help="Write the changes (default: show them).")
    ] = False,
    lang: Annotated[
        str, typer.Option(metavar="LANG", help="The language of the file's texts.")
    ] = "en",
) -> None:
    """Add and update records from a spreadsheet or CSV file: a dry run unless --apply.

    Columns are matched by header (the CSV export's, or Name, Surname, E-mail…); a row finds
    its record by id, else by name or native name; a row that fits several is reported,
    never guessed. Importing the export of the same records changes nothing.

    Example: dossier import delegation.xlsx --kind people --map "Kanji=native_name" --apply
    """
    from dossier.cli.app import load_data
    from dossier.datafile.editing import Batch
    from dossier.export.table_import import apply_import, describe, plan_import, read_table

    section = KINDS.get(kind.lower(), kind.lower())
    if section not in ("people", "organisations", "events"):
        raise UsageError("--kind: people, organisations or events")
    columns = _columns(mapping or [])
    header, rows = read_table(file)
    data = user_data(ctx)
    dossier = load_data(ctx, use_cache=True, sample=False).dossier
    results = plan_import(dossier, section, header, rows, columns, lang)
    listing, summary = describe(results)
    write_stdout(listing)
    if not apply:
        say(f"dossier: {summary} (a dry run: --apply writes)")
        return
    batch = Batch(data)
    apply_import(batch, dossier, section, (header, rows), results, columns, lang)
    for change in batch.finish(today()):
        change.write()
    say(f"dossier: {summary}; written")


def _columns(items: list[str]) -> dict[str, str]:
    columns: dict[str, str] = {}
    for item in items:
        column, equals, name = item.partition("=")
        if not equals or not column or not name:
            raise UsageError(f"--map {item}: write COLUMN=FIELD")
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
    from dossier.datafile.layout import canonical, differences
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
            write_atomic(file, canonical(text).encode("utf-8"), force=True)
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
    keep: Annotated[str, typer.Argument(metavar="KEEP", help="The record that stays.")],
    drop: Annotated[str, typer.Argument(metavar="DROP", help="The record folded into it.")],
    prefer: Annotated[
        str | None,
        typer.Option(metavar="keep|drop", help="Whose value wins where the two disagree."),
    ] = None,
    apply: Annotated[bool, typer.Option("--apply", help="Write (default: show the diff).")] = False,
) -> None:
    """Fold DROP into KEEP: fields, roles, sources, notes; every reference rewritten; DROP's
    id kept as an alias of KEEP. A dry run (the diff) unless --apply.

    Example: dossier merge norihiko-fukuda fukuda-norihiko --apply
    """
    from dossier.cli.app import load_data
    from dossier.datafile.merging import describe
    from dossier.datafile.merging import merge as merge_records
    from dossier.model.lookup import Finder

    if prefer not in (None, "keep", "drop"):
        raise UsageError("--prefer: keep or drop")
    data = user_data(ctx)
    dossier = load_data(ctx, use_cache=True, sample=False).dossier
    finder = Finder(dossier)
    kept, dropped = finder.find(keep).id, finder.find(drop).id
    plan, edits = merge_records(data, dossier, kept, dropped, prefer, today())
    if not apply:
        write_stdout("".join(edit.diff() for edit in edits))
        say(f"dossier: would fold {describe(plan)} (a dry run: --apply writes)")
        return
    for edit in edits:
        edit.write()
    say(f"dossier: folded {describe(plan)}")
