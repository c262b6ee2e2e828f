"""The commands that edit records: set, unset, add, remove and done. Each changes only the
lines it must, through one `Workspace`, and writes nothing the data would not validate
with. Like `import` and `merge`, each shows its change as a diff unless `--apply`."""

from typing import TYPE_CHECKING, Annotated, Any

import typer

from dossier.cli.app import command, say, today, user_data
from dossier.cli.completion import events, follow_up_numbers, records
from dossier.errors import UsageError
from dossier.files import write_stdout

if TYPE_CHECKING:
    from dossier.datafile.workspace import Workspace

# No `from __future__ import annotations`: Typer reads every command's signature at each
# start, and annotations kept as text would be evaluated anew each time.

APPLY = typer.Option("--apply", help="Write the change (default: show it as a diff).")
DRY_RUN = typer.Option(
    "--dry-run", hidden=True, help="Deprecated: showing the change is the default now."
)
"""`--dry-run`: how set, unset, add, remove and done were told to show rather than write,
until every editing command showed by default. Kept for a release, with a notice."""
DRY_RUN_NOTICE = (
    "dossier: --dry-run is the default now and goes in the next release;"
    " leave it out to see the change, add --apply to write it"
)


def writes(apply: bool, dry_run: bool) -> bool:
    """Whether an editing command writes: with --apply; --dry-run still shows, with notice."""
    if dry_run:
        if apply:
            raise UsageError("--apply and --dry-run contradict each other: give one")
        say(DRY_RUN_NOTICE)
    return apply


def dry_run_said(summary: str) -> None:
    """The last line of every dry run, the same for every editing command."""
    say(f"dossier: {summary} (a dry run: --apply writes)")


def workspace_for(ctx: typer.Context, preview: bool) -> "Workspace":
    """The user's data, read once; locked against other editing commands unless a dry run."""
    from dossier.datafile.workspace import Workspace, open_for_edit

    data = user_data(ctx)
    return Workspace.open(data, today()) if preview else open_for_edit(data, today())


def _finish(workspace: "Workspace", preview: bool, done: str, unchanged: str) -> None:
    """Check and write the workspace's edits (or show them), then say what was done."""
    edits = workspace.changes(today())
    if not edits:
        say(f"dossier: {unchanged}; nothing to write")
        return
    if preview:
        write_stdout("".join(edit.diff() for edit in edits))
        dry_run_said(done)
        return
    workspace.write(edits)
    say(f"dossier: {done} in {', '.join(str(edit.path) for edit in edits)}")


def _assignments(items: list[str]) -> list[tuple[tuple[str | int, ...], object]]:
    from dossier.datafile.editing import read_value
    from dossier.datafile.yaml_edit import parse_field_path

    pairs = []
    for item in items:
        name, equals, value = item.partition("=")
        if not equals:
            raise UsageError(f"'{item}' is not FIELD=VALUE")
        pairs.append((parse_field_path(name), read_value(value)))
    return pairs


def _field(text: str) -> tuple[str | int, ...]:
    from dossier.datafile.yaml_edit import parse_field_path

    path = parse_field_path(text)
    if path[0] == "id":
        raise UsageError("an id cannot be changed here: references would break")
    return path


@command()
def add(
    ctx: typer.Context,
    kind: Annotated[
        str,
        typer.Argument(
            metavar="KIND",
            help="A record: person, organisation, cluster, agreement, event, source; or an"
            " item of one: role, follow-up, agenda, participant, figure, former-name.",
        ),
    ],
    name: Annotated[
        str,
        typer.Argument(
            metavar="ID|NAME|REF",
            help="The new record's id or name (its id made from it), or the record the item joins.",
        ),
    ],
    fields: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="FIELD=VALUE...",
            help="Its fields: name=…, roles[0].title=…; values read as YAML.",
        ),
    ] = None,
    apply: Annotated[bool, APPLY] = False,
    dry_run: Annotated[bool, DRY_RUN] = False,
) -> None:
    """Add a record at the end of its section, or an item at the end of a record's list,
    laid out as its neighbours.

    The data is validated with it first: what would make the data invalid (a missing
    required field, an id already used or an alias of another record) is not written (exit 1).

    Example: dossier add person jane-roe "name=Jane Roe" --apply

    Example: dossier add person "Jörg Müller" --apply (its id: joerg-mueller)

    Example: dossier add role jane-roe "title=Director" organisation=biom since=2024-04 --apply
    """
    from dossier.datafile.editing import build_record
    from dossier.model.records import LIST_ITEMS, SECTION_OF_KIND, section_named

    word = kind.lower()
    pairs = _assignments(fields or [])
    preview = not writes(apply, dry_run)
    with workspace_for(ctx, preview) as workspace:
        if word in LIST_ITEMS:
            model, list_field = LIST_ITEMS[word]
            record = workspace.find(name)
            if not isinstance(record, model):
                raise UsageError(
                    f"a {word} belongs to a {model.__name__.lower()}: '{name}' is not one"
                )
            item = build_record(None, pairs)
            number = workspace.append(record.id, (list_field,), item) + 1
            _finish(workspace, preview, f"added {word} {number} to {record.id}", "no change")
            return
        section = section_named(word)
        if section is None:
            kinds = sorted({*SECTION_OF_KIND, *LIST_ITEMS} - {"organization"})
            raise UsageError(f"'{kind}' is not a kind of record or item: {', '.join(kinds)}")
        new = _new_record(section, name, pairs)
        workspace.add(section, new)
        _finish(workspace, preview, f"added {new['id']} to {section}", "no change")


def _new_record(
    section: str, ref: str, pairs: list[tuple[tuple[str | int, ...], object]]
) -> dict[str, Any]:
    """The record `add` makes: REF is its id, or its name, and its id is made from the name
    as `dossier import` makes ids (`"Jörg Müller"` → `joerg-mueller`)."""
    from dossier.datafile.editing import build_record
    from dossier.model.ids import id_from, new_record_id

    if id_from(ref) == ref:
        return build_record(ref, pairs)
    label = "title" if section in ("events", "agreements", "sources") else "name"
    fields = build_record(None, pairs)
    fields.setdefault(label, ref)
    made = new_record_id(section, fields)
    if not made:
        raise UsageError(f"'{ref}' has no Latin letter to make an id from: give the id first")
    return {"id": made, **fields}


@command("set")
def set_command(
    ctx: typer.Context,
    ref: Annotated[
        str, typer.Argument(metavar="REF", help="The record: id or name.", autocompletion=records)
    ],
    field: Annotated[
        str, typer.Argument(metavar="FIELD", help="A field path: honorific, roles[0].until.")
    ],
    value: Annotated[
        str, typer.Argument(metavar="VALUE", help="Read as YAML: Mayor, true, {en: …, de: …}.")
    ],
    apply: Annotated[bool, APPLY] = False,
    dry_run: Annotated[bool, DRY_RUN] = False,
) -> None:
    """Set one field of one record, changing only the lines it must.

    Comments, key order, quoting and every other record stay as written. Text is stored as
    typed (a # in it is text). The data is validated with the change first: if it would have
    an error, nothing is written (exit 1). `dossier unset` takes a field out.

    Example: dossier set norihiko-fukuda honorific Mayor --apply
    """
    from dossier.datafile.editing import read_value
    from dossier.errors import format_field_path

    path = _field(field)
    preview = not writes(apply, dry_run)
    with workspace_for(ctx, preview) as workspace:
        record = workspace.find(ref)
        shown = f"{record.id} {format_field_path(path)}"
        workspace.set(record.id, path, read_value(value))
        _finish(workspace, preview, f"{shown} set", f"{shown} is already so")


@command()
def unset(
    ctx: typer.Context,
    ref: Annotated[
        str, typer.Argument(metavar="REF", help="The record: id or name.", autocompletion=records)
    ],
    field: Annotated[
        str, typer.Argument(metavar="FIELD", help="A field path: honorific, roles[0].until.")
    ],
    apply: Annotated[bool, APPLY] = False,
    dry_run: Annotated[bool, DRY_RUN] = False,
) -> None:
    """Take one field out of one record (or one item out of a list: roles[1]).

    Example: dossier unset norihiko-fukuda honorific --apply
    """
    from dossier.errors import format_field_path

    path = _field(field)
    preview = not writes(apply, dry_run)
    with workspace_for(ctx, preview) as workspace:
        record = workspace.find(ref)
        shown = f"{record.id} {format_field_path(path)}"
        if isinstance(path[-1], int):
            workspace.remove_item(record.id, path)
            _finish(workspace, preview, f"{shown} removed", f"{shown} is not there")
            return
        workspace.unset(record.id, path)
        _finish(
            workspace, preview, f"{shown} unset", f"{record.id} has no {format_field_path(path)}"
        )


@command()
def remove(
    ctx: typer.Context,
    ref: Annotated[
        str, typer.Argument(metavar="REF", help="The record: id or name.", autocompletion=records)
    ],
    force: Annotated[
        bool, typer.Option("--force", help="Remove it even while other records refer to it.")
    ] = False,
    apply: Annotated[bool, APPLY] = False,
    dry_run: Annotated[bool, DRY_RUN] = False,
) -> None:
    """Take a record out of the data. Refused while other records refer to it (they are
    listed), since those references would break; `dossier merge` folds a duplicate instead.

    Example: dossier remove jane-roe --apply
    """
    from dossier.errors import format_field_path
    from dossier.model.references import references

    preview = not writes(apply, dry_run)
    with workspace_for(ctx, preview) as workspace:
        record = workspace.find(ref)
        referring = [
            f"{other.id} {format_field_path(r.path)}"
            for other in workspace.dossier.records()
            if other.id != record.id
            for r in references(other)
            if r.target == record.id
        ]
        if referring and not force:
            raise UsageError(
                f"{record.id} is referred to by {', '.join(referring)};"
                " change those first, or --force"
            )
        workspace.remove(record.id)
        _finish(workspace, preview, f"removed {record.id}", "no change")


@command()
def done(
    ctx: typer.Context,
    event: Annotated[
        str,
        typer.Argument(
            metavar="EVENT", help="The event the follow-up is in.", autocompletion=events
        ),
    ],
    number: Annotated[
        int,
        typer.Argument(
            metavar="N",
            help="Its number, as `dossier follow-ups` shows it (from 1).",
            autocompletion=follow_up_numbers,
        ),
    ],
    on: Annotated[
        str | None, typer.Option(metavar="DATE", help="The day it was done (sets done_on).")
    ] = None,
    apply: Annotated[bool, APPLY] = False,
    dry_run: Annotated[bool, DRY_RUN] = False,
) -> None:
    """Mark follow-up N of an event done (done_on: DATE with --on, else done: true).

    Example: dossier done munich-delegation-kawasaki-2027 1 --on 2026-11-20 --apply
    """
    from dossier.model.records import Event

    day = None
    if on is not None:
        from dossier.cli.app import partial_date

        day = partial_date(on, "--on")
        if day is not None and day.start() > today():
            raise UsageError(f"--on {on}: a day still to come; a follow-up is done when it is")
    preview = not writes(apply, dry_run)
    with workspace_for(ctx, preview) as workspace:
        record = workspace.find(event)
        if not isinstance(record, Event):
            raise UsageError(f"'{event}' is not an event")
        if not 1 <= number <= len(record.follow_ups):
            count = len(record.follow_ups)
            raise UsageError(
                f"{record.id} has {count} follow-up{'s' * (count != 1)}; N is 1 to {count}"
            )
        item = record.follow_ups[number - 1]
        if item.is_done:
            when = f" on {item.done_on}" if item.done_on else ""
            say(f"dossier: follow-up {number} of {record.id} is done already{when}; nothing to do")
            return
        if on is not None:
            workspace.set(record.id, ("follow_ups", number - 1, "done_on"), on)
        else:
            workspace.set(record.id, ("follow_ups", number - 1, "done"), True)
        _finish(workspace, preview, f"follow-up {number} of {record.id} done", "no change")
