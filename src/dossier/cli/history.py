"""The commands about the dossier's history in git: diff and log."""

import re
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from dossier.cli.app import command, emit, say, today, user_data
from dossier.cli.completion import records
from dossier.errors import NotFoundError, Problem, UsageError
from dossier.files import printable
from dossier.history.formats import DiffFormat, LogFormat
from dossier.model.vocabulary import Audience

if TYPE_CHECKING:
    from dossier.history.snapshot import Snapshot

# No `from __future__ import annotations`: Typer reads every command's signature at each
# start, and annotations kept as text would be evaluated anew each time.


SHALLOW_NOTE = (
    "dossier: the clone is shallow: commits before the oldest one fetched are not known, "
    "nor what they changed; git fetch --unshallow fetches them"
)


def _report(problems: list[Problem], consequence: str) -> None:
    from dossier.export.problems import problem_line

    for problem in problems:
        say(problem_line(problem))
    if problems:
        say(f"dossier: {consequence}")


@command()
def diff(
    ctx: typer.Context,
    revisions: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[OLD [NEW]]",
            help="Commits to compare (default: HEAD and the working tree), or two paths.",
        ),
    ] = None,
    fmt: Annotated[
        DiffFormat,
        typer.Option(
            "--format",
            metavar="FORMAT",
            help="text, json, markdown (for a pull request) or github.",
        ),
    ] = DiffFormat.TEXT,
    output: Annotated[
        str | None, typer.Option("-o", "--output", metavar="FILE", help="Write to FILE.")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE.")] = False,
    audience: Annotated[
        Audience | None,
        typer.Option(
            metavar="AUDIENCE",
            help="internal, partner or public: only what they may read (default: public for"
            " markdown and github, which a pull request may show to anyone; else internal).",
        ),
    ] = None,
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="Exit 1 if a record changed (as git diff).")
    ] = False,
) -> None:
    """Records added, removed and changed, field by field, between two versions of the data.

    With no OLD, compares the last commit with the working tree; with OLD alone, that commit
    with the working tree. Records keep their identity by id across files and renames. Two
    paths that exist compare those files or folders, without git. Exit 0 whatever changed;
    with --exit-code, 1 when a record changed.

    Example: dossier diff HEAD~1 HEAD --format markdown
    """
    from dossier.history.compare import compare
    from dossier.history.reading import changed_only, whole
    from dossier.history.render import render_diff
    from dossier.history.versions import at_commit, in_working_tree, of_path

    given = revisions or []
    if len(given) > 2:
        raise UsageError("diff takes at most two revisions (OLD and NEW)")
    present = [Path(p).exists() for p in given]
    if len(given) == 2 and any(present):
        if not all(present):  # one file given, the other mistyped or gone: name it
            missing = given[present.index(False)]
            raise UsageError(
                f"{printable(missing, one_line=True)}: no such file or folder"
                " (two paths are compared only when both exist)"
            )
        old, new = of_path(Path(given[0])), of_path(Path(given[1]))
    else:
        from dossier.history.git import Repository

        data = user_data(ctx)
        repository = Repository.containing(data)
        try:
            old = at_commit(repository, given[0] if given else "HEAD")
            new = (
                at_commit(repository, given[1])
                if len(given) == 2
                else in_working_tree(repository, data)
            )
        finally:
            repository.close()
    reader = audience or DIFF_AUDIENCE[fmt]
    # What an audience may read of a record is judged against the whole version (its
    # references, what it is kept from): only the internal diff reads just what changed.
    before, after = (
        changed_only(old, new) if reader is Audience.INTERNAL else (whole(old), whole(new))
    )
    unreadable = before.problems + after.problems
    _report(
        unreadable,
        "records of files that could not be read in one version are left out of the comparison",
    )
    if reader is not Audience.INTERNAL:
        before, after = _as_read_by(before, reader), _as_read_by(after, reader)
    changes = compare(before, after)
    emit(render_diff(changes, fmt, before.label, after.label, unreadable), output, force=force)
    if exit_code and changes:
        raise typer.Exit(1)


DIFF_AUDIENCE = {
    DiffFormat.TEXT: Audience.INTERNAL,
    DiffFormat.JSON: Audience.INTERNAL,
    DiffFormat.MARKDOWN: Audience.PUBLIC,
    DiffFormat.GITHUB: Audience.PUBLIC,
}
"""Who reads a diff unless told: Markdown goes on a pull request, annotations on the
repository's checks, both shown to whoever may see the repository."""


def _as_read_by(snapshot: "Snapshot", reader: Audience) -> "Snapshot":
    from dossier.history.audience import as_read_by

    view = as_read_by(snapshot, reader, today())
    if view.unjudged:
        names = ", ".join(printable(key[1], one_line=True) for key in view.unjudged[:5])
        more = f" and {len(view.unjudged) - 5} more" if len(view.unjudged) > 5 else ""
        say(
            f"dossier: {len(view.unjudged)} record(s) of {printable(snapshot.label, one_line=True)}"
            f" do not validate, so what {reader.value} readers may read of them is not known:"
            f" left out ({names}{more})"
        )
    return view.snapshot


@command()
def log(
    ctx: typer.Context,
    ref: Annotated[
        str, typer.Argument(metavar="REF", help="A record: id or name.", autocompletion=records)
    ],
    fmt: Annotated[
        LogFormat, typer.Option("--format", metavar="FORMAT", help="text or json.")
    ] = LogFormat.TEXT,
    start: Annotated[
        str, typer.Option("--rev", metavar="REV", help="Follow history from this commit.")
    ] = "HEAD",
) -> None:
    """The commits that changed one record, newest first: date, author, subject, fields.

    REF is looked up in the data as it is now; a record since removed is found by its id.

    Example: dossier log norihiko-fukuda
    """
    from dossier.history.git import Repository
    from dossier.history.log import record_log
    from dossier.history.render import render_log

    data = user_data(ctx)
    repository = Repository.containing(data)
    try:
        record_id, unknown = _record_id(ctx, ref)
        entries, problems = record_log(repository, record_id, repository.commit(start))
    finally:
        repository.close()
    if unknown is not None and not entries:
        raise unknown  # no record has it now, and no commit ever had it: a typo
    _report(problems, "the record counts as absent from versions that could not be read")
    if not entries and fmt is LogFormat.TEXT:
        say(f"dossier: no commit reachable from {start} changed {record_id}")
    if repository.shallow_commits():
        say(SHALLOW_NOTE)
    emit(render_log(entries, fmt), None, force=False)


def _record_id(ctx: typer.Context, ref: str) -> tuple[str, NotFoundError | None]:
    """The id of the record REF names now; else REF itself when it may be the id of a record
    since removed, with the error to raise (a did-you-mean) if no commit ever had it."""
    from dossier.cli.app import load_data
    from dossier.model.lookup import Finder
    from dossier.model.values import SLUG_PATTERN

    result = load_data(ctx, use_cache=True, sample=False)
    try:
        return Finder(result.dossier).find(ref).id, None
    except NotFoundError as error:
        if re.fullmatch(SLUG_PATTERN, ref):
            return ref, error
        raise
