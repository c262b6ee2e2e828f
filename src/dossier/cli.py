"""The `dossier` command line: parse, make one library call, present the result."""

import datetime as dt
import enum
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple, NoReturn, TypeVar

import typer
from rich.console import Console
from rich.text import Text
from typer.core import TyperGroup

from dossier import __version__
from dossier.errors import DataError, DossierError, NotFoundError, UsageError
from dossier.formats import BriefFormat, ExportFormat, ListFormat, ReportFormat
from dossier.model.languages import LANGUAGES
from dossier.model.vocabulary import (
    AgreementKind,
    AgreementStatus,
    EventKind,
    OrganisationKind,
    RecordKind,
)
from dossier.model.warning_kinds import CLOCK_DRIVEN, WarningKind

# No `from __future__ import annotations` here: Typer reads every command's signature at each
# start, and annotations kept as text would be evaluated anew each time (twice, in fact).
# Everything else is imported inside the command that needs it: `dossier show` should not
# pay for YAML parsing it can skip, nor any command for python-docx, Babel or iCalendar.
if TYPE_CHECKING:
    from dossier.datafile.loaded import LoadResult
    from dossier.model.dossier import Dossier
    from dossier.model.values import PartialDate

MAX_ERRORS_SHOWN = 20

Language = enum.StrEnum("Language", {code.upper(): code for code in LANGUAGES})  # type: ignore[misc]
"""The languages offered on the command line: exactly those of `LANGUAGES`."""


class _PipedStdout:
    """Standard output written in pieces, each flushed at once.

    One large write into a pipe whose reader has gone away can end short without an error
    (the kernel reports the part it took, and the rest is dropped); written in pieces, the
    next piece meets the closed pipe, and `dossier export | head -1` exits 1 as promised.
    Everything else (isatty, encoding, fileno) is the real standard output's.
    """

    PIECE = 8192  # characters; at most 32 KiB of UTF-8, below a pipe's capacity

    def write(self, text: str) -> int:
        out = sys.stdout
        for start in range(0, len(text), self.PIECE):
            out.write(text[start : start + self.PIECE])
            out.flush()
        return len(text)

    def flush(self) -> None:
        sys.stdout.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(sys.stdout, name)


_LINE_END_PADDING = re.compile(r"(?:[ ]|\x1b\[[0-9;]*m)+(?=\n|\Z)")
_STYLE_CODE = re.compile(r"\x1b\[[0-9;]*m")


class _ViewStdout(_PipedStdout):
    """Views without the spaces Rich pads every line with to the terminal's width (noise in
    pipes and diffs); style codes at a line's end are kept, so colours still end."""

    def write(self, text: str) -> int:
        def unpadded(match: re.Match[str]) -> str:
            return "".join(_STYLE_CODE.findall(match.group(0)))

        return super().write(_LINE_END_PADDING.sub(unpadded, text))


def write_stdout(text: str) -> None:
    _PipedStdout().write(text)


def stdout_console() -> Console:
    return Console(file=_ViewStdout(), highlight=False, soft_wrap=False)  # type: ignore[arg-type]


def stderr_console() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def fail(message: str, code: int, details: list[str] | None = None) -> NoReturn:
    err = stderr_console()
    err.print(Text(f"dossier: {message}"))
    for line in details or []:
        err.print(Text(f"  {line}"))
    raise typer.Exit(code)


def _report_error(error: DossierError) -> NoReturn:
    if isinstance(error, DataError):
        from dossier.export.problems import render

        errors = [p for p in error.problems if p.is_error]
        lines = render(errors[:MAX_ERRORS_SHOWN], ReportFormat.TEXT).splitlines()
        more = len(errors) - MAX_ERRORS_SHOWN
        if more > 0:
            lines.append(f"… and {more} more; `dossier validate` lists them all")
        err = stderr_console()
        for line in lines:
            err.print(Text(line))
        fail(f"stopped: {error}", error.exit_code)
    if isinstance(error, NotFoundError):
        fail(str(error), error.exit_code, error.candidates)
    fail(str(error), error.exit_code)


def _closed_pipe() -> NoReturn:
    """The reader went away before all output was written (`dossier export | head -1`):
    stop quietly with exit code 1, as the README promises. Click would exit 0 here."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())  # what is still buffered goes nowhere, silently
    raise typer.Exit(1)


class _Commands(TyperGroup):
    """Turns the project's errors into messages and exit codes at one place."""

    def invoke(self, ctx: Any) -> Any:  # Any: Typer's own Context class is private
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()  # a closed pipe shows here, not in the flush at exit
            return result
        except DossierError as error:
            _report_error(error)
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise
        except BrokenPipeError:
            _closed_pipe()
        except Exception as error:
            if os.environ.get("DOSSIER_DEBUG") or (ctx.obj and ctx.obj.debug):
                raise
            fail(
                f"internal error ({type(error).__name__}: {error}). This is a bug; "
                "run again with --debug for the details",
                1,
            )


app = typer.Typer(
    name="dossier",
    cls=_Commands,
    help="Dossiers and delegation briefings for life-science cluster partnerships.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Options(NamedTuple):
    """The options given before the command, for every command."""

    data: str | None
    debug: bool


def _print_version(value: bool) -> None:
    if value:
        print(f"dossier {__version__}")
        raise typer.Exit(0)


@app.callback()
def main_options(
    ctx: typer.Context,
    data: Annotated[
        str | None,
        typer.Option(
            "--data",
            metavar="PATH",
            help="Data file or folder (default: $DOSSIER_DATA, ./data/clusters.yaml, the sample).",
        ),
    ] = None,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show tracebacks of internal errors.")
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_print_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Keep cluster partnerships as YAML; look them up, validate them, brief delegations."""
    ctx.obj = Options(data=data, debug=debug)


def _today() -> dt.date:
    from dossier.phrases import today_from

    value = os.environ.get("DOSSIER_TODAY")
    try:
        return today_from(value)
    except ValueError:
        raise UsageError(f"DOSSIER_TODAY={value!r} is not a date (YYYY-MM-DD)") from None


def _load(
    ctx: typer.Context,
    paths: list[str] | None = None,
    *,
    use_cache: bool = False,
    sample: bool = True,
) -> "LoadResult":
    """Read the data the command names, else the user's data, else (if `sample`, and said on
    standard error) the sample shipped in the package."""
    from dossier.datafile.load import LOOKED_AT, SAMPLE_NOTICE, bundled_sample, find_data, load

    options: Options = ctx.obj
    for path in paths or ():
        if not path.strip():
            raise UsageError("an empty path was given")
    chosen = [Path(p) for p in paths] if paths else [find_data(options.data)]
    if chosen == [None]:
        if not sample:
            raise UsageError(f"no data found; looked at {LOOKED_AT}")
        stderr_console().print(Text(SAMPLE_NOTICE))
        chosen = [bundled_sample()]
    return load([p for p in chosen if p is not None], _today(), use_cache=use_cache)


def _load_valid(ctx: typer.Context) -> "LoadResult":
    """The data for a command that needs it free of errors; warnings are `validate`'s job."""
    result = _load(ctx, use_cache=True)
    if result.has_errors:
        raise DataError(result.problems)
    return result


def _language(option: Language | None, dossier: "Dossier") -> str:
    """`--lang`, else the data's `lang:`, else English."""
    return option or dossier.lang or "en"


FormatChoice = TypeVar("FormatChoice", bound=enum.StrEnum)

_SUFFIX_ALIASES = {".yml": ".yaml", ".markdown": ".md"}


def _output_format(
    option: FormatChoice | None, output: str | None, choices: type[FormatChoice], default: str
) -> FormatChoice:
    """`--format`, else the format the `-o` file name ends in, else `default`.

    A file name ending in another known format is refused (exit 2) before anything is
    written, as is one whose format cannot be told when `--format` is not given.
    """
    suffix = Path(output).suffix.lower() if output not in (None, "-") else ""
    suffix = _SUFFIX_ALIASES.get(suffix, suffix)
    by_suffix = {f".{choice.value}": choice for choice in choices}
    named = by_suffix.get(suffix)
    if option is not None:
        if named is not None and named is not option:
            raise UsageError(
                f"-o {output}: the name ends in {suffix} but --format is {option.value}; "
                "make them agree"
            )
        return option
    if named is not None:
        return named
    if suffix:
        known = ", ".join(list(by_suffix)[:-1]) + " or " + list(by_suffix)[-1]
        raise UsageError(
            f"-o {output}: cannot write {suffix} files; name a {known} file, or give --format"
        )
    return choices(default)


def _partial_date(value: str | None, option: str) -> "PartialDate | None":
    if value is None:
        return None
    from dossier.model.values import PartialDate

    try:
        return PartialDate.parse(value)
    except ValueError as error:  # PydanticCustomError is a ValueError
        raise UsageError(f"{option}: {error}") from None


@app.command()
def show(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(help="An id, name, native name or alias.")],
    lang: Annotated[Language | None, typer.Option(help="en, de or ja.")] = None,
) -> None:
    """Show one record: a cluster's profile, people, agreements, events and follow-ups."""
    from dossier.i18n import Translator
    from dossier.model.lookup import Finder
    from dossier.views.blocks import translated
    from dossier.views.records import record_view

    result = _load_valid(ctx)
    record = Finder(result.dossier).find(ref)
    with translated(Translator(_language(lang, result.dossier))):
        stdout_console().print(record_view(result.dossier, record, _today()))


@app.command("list")
def list_(
    ctx: typer.Context,
    kind: Annotated[RecordKind, typer.Argument(help="What to list.")] = RecordKind.CLUSTERS,
    country: Annotated[str | None, typer.Option(help="Only this country (ISO code).")] = None,
    focus: Annotated[str | None, typer.Option(help="Only clusters with this focus.")] = None,
    status: Annotated[
        str | None,
        typer.Option(
            metavar="STATUS",
            help=f"Only agreements with this status: {', '.join(AgreementStatus)}.",
        ),
    ] = None,
    of_kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            metavar="KIND",
            help=(
                f"Only records of this kind. Organisations: {', '.join(OrganisationKind)}."
                f" Agreements: {', '.join(AgreementKind)}. Events: {', '.join(EventKind)}."
            ),
        ),
    ] = None,
    fmt: Annotated[
        ListFormat, typer.Option("--format", help="table, json or csv.")
    ] = ListFormat.TABLE,
) -> None:
    """List records of one kind, with filters."""
    from dossier.export.rows import rows_csv, rows_json
    from dossier.views.blocks import table
    from dossier.views.listing import Filters, build_rows, select

    result = _load_valid(ctx)
    today = _today()
    records = select(result.dossier, kind, Filters(country, focus, status, of_kind))
    rows = build_rows(result.dossier, kind, records, today)
    if fmt is ListFormat.JSON:
        write_stdout(rows_json(rows))
    elif fmt is ListFormat.CSV:
        write_stdout(rows_csv(rows))
    else:
        stdout_console().print(table(rows.columns, rows.rows))


@app.command("search")
def search_command(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="Words to look for, in any field.")],
) -> None:
    """Find every record whose text matches, best matches first."""
    from dossier.model.search import search, snippet
    from dossier.views.blocks import table

    result = _load_valid(ctx)
    hits = search(result.dossier, text)
    if not hits:
        stderr_console().print(Text(f"dossier: nothing matches '{text}'"))
        raise typer.Exit(1)
    rows = [
        (h.record.id, result.dossier.kind(h.record.id) or "", h.field, snippet(h.text, text))
        for h in hits
    ]
    stdout_console().print(table(("Record", "Kind", "Field", "Match"), rows))


@app.command()
def timeline(
    ctx: typer.Context,
    ref: Annotated[str | None, typer.Argument(help="Only events of this record.")] = None,
    since: Annotated[
        str | None, typer.Option(help="From this date (2017, 2017-02, 2017-02-14).")
    ] = None,
    until: Annotated[str | None, typer.Option(help="Up to this date.")] = None,
    lang: Annotated[Language | None, typer.Option(help="en, de or ja.")] = None,
) -> None:
    """Events in date order; upcoming ones are marked."""
    from dossier.i18n import Translator
    from dossier.model.lookup import Finder
    from dossier.views.blocks import events_table, heading, translated

    start, end = _partial_date(since, "--since"), _partial_date(until, "--until")
    result = _load_valid(ctx)
    dossier = result.dossier
    record_id = Finder(dossier).find(ref).id if ref else None
    events = dossier.timeline(record_id, since=start, until=end)
    console = stdout_console()
    translator = Translator(_language(lang, dossier))
    with translated(translator):
        if record_id:
            title = translator("Timeline: {name}", name=dossier.label(record_id, translator.lang))
            console.print(heading(title, record_id))
        console.print(events_table(dossier, events, _today()))


@app.command()
def validate(
    ctx: typer.Context,
    paths: Annotated[
        list[str] | None, typer.Argument(help="Files or folders (default: the data).")
    ] = None,
    fmt: Annotated[
        ReportFormat, typer.Option("--format", help="text, json or github (annotations).")
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
        typer.Option("--ignore", metavar="KIND", help="Leave warnings of these kinds out."),
    ] = None,
) -> None:
    """Check the data and report every problem at once.

    Errors always fail (exit 1); warnings fail only with --fail-on or --strict. A CI that
    must not turn red as days pass fails on kinds that are not clock-driven, such as
    `dossier validate --fail-on zone-name,agenda-zone`.
    """
    from dossier.export.problems import apply_policy, render, summary
    from dossier.model.warning_kinds import expand

    try:
        failing = expand(["all"] if strict_mode else fail_on or [])
        ignored = expand(ignore or [])
    except ValueError as error:
        raise UsageError(str(error)) from None
    result = _load(ctx, paths, sample=False)
    problems = apply_policy(result.problems, failing, ignored)
    write_stdout(render(problems, fmt))
    stderr_console().print(Text(summary(problems, len(result.files))))
    if any(p.is_error for p in problems):
        raise typer.Exit(1)


@app.command()
def brief(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(help="A cluster, an organisation, or a visit event.")],
    visit_ref: Annotated[
        str | None, typer.Option("--visit", metavar="EVENT", help="The visit to brief for.")
    ] = None,
    home_ref: Annotated[
        str | None,
        typer.Option("--from", metavar="CLUSTER", help="Write from this side (default: home)."),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "-o",
            "--output",
            metavar="PATH",
            help="Where to write (default: briefing-<target>-<date>).",
        ),
    ] = None,
    format_option: Annotated[
        BriefFormat | None,
        typer.Option("--format", help="docx or md (default: from the -o name, else docx)."),
    ] = None,
    template: Annotated[
        Path | None,
        typer.Option(metavar="REF.docx", help="Take styles and page setup from this file."),
    ] = None,
    classification: Annotated[
        str | None,
        typer.Option(
            help="Classification line on the cover and in the header (default: Internal)."
        ),
    ] = None,
    lang: Annotated[
        Language | None, typer.Option(help="en, de or ja (default: the data's lang, else en).")
    ] = None,
    mark_fallbacks: Annotated[
        bool, typer.Option(help="Mark free text shown in another language, as [en].")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a briefing for a visit or a counterpart (Word, or Markdown with --format md)."""
    fmt = _output_format(format_option, output, BriefFormat, BriefFormat.DOCX)
    from dossier.briefing.build import build_briefing
    from dossier.files import check_writable, write_atomic
    from dossier.model.lookup import Finder
    from dossier.model.records import Event

    if template is not None and fmt is not BriefFormat.DOCX:
        raise UsageError("--template applies to --format docx only")
    if template is not None and not template.is_file():
        raise UsageError(f"{template}: no such file")
    result = _load_valid(ctx)
    dossier, today = result.dossier, _today()
    finder = Finder(dossier)
    target = finder.find(ref)
    visit = finder.find(visit_ref) if visit_ref else (target if isinstance(target, Event) else None)
    if visit is not None and not isinstance(visit, Event):
        raise UsageError(f"--visit: '{visit.id}' is not an event")
    name = visit.id if visit else target.id
    when = str(visit.date) if visit else today.isoformat()
    path = Path(output) if output else Path(f"briefing-{name}-{when}.{fmt.value}")
    to_stdout = output == "-"
    if to_stdout and fmt is BriefFormat.DOCX:
        raise UsageError("-o -: a Word document cannot go to standard output; use --format md")
    if not to_stdout:
        check_writable(path, force=force)
    from dossier.i18n import Translator

    translator = Translator(_language(lang, dossier), mark_fallbacks=mark_fallbacks)
    briefing = build_briefing(
        dossier,
        target,
        today=today,
        visit=visit,
        home_id=home_ref,
        classification=classification,
        translator=translator,
    )
    if fmt is BriefFormat.MD:
        from dossier.briefing.markdown import render_markdown

        data = render_markdown(briefing).encode("utf-8")
    else:
        from dossier.briefing.docx import render_docx

        data = render_docx(briefing, template=template)
    if to_stdout:
        write_stdout(data.decode("utf-8"))
        return
    write_atomic(path, data, force=force)
    stderr_console().print(Text(f"dossier: wrote {path} ({len(briefing.sections)} sections)"))


def _emit(text: str, output: str | None, *, force: bool, bom: bool = False) -> None:
    """Write to standard output (no `-o`, or `-o -`) or atomically to a file."""
    if output in (None, "-"):
        write_stdout(text)
        return
    from dossier.files import write_atomic

    # Excel reads a CSV file as UTF-8 only when it starts with a byte-order mark.
    write_atomic(Path(output), (("\ufeff" if bom else "") + text).encode("utf-8"), force=force)
    stderr_console().print(Text(f"dossier: wrote {output}"))


@app.command()
def export(
    ctx: typer.Context,
    format_option: Annotated[
        ExportFormat | None,
        typer.Option(
            "--format", help="json, yaml, csv or ics (default: from the -o name, else json)."
        ),
    ] = None,
    kind: Annotated[
        RecordKind | None, typer.Option(help="Only this kind of record (required for csv).")
    ] = None,
    output: Annotated[
        str | None, typer.Option("-o", "--output", metavar="PATH", help="File to write, or - .")
    ] = None,
    lang: Annotated[
        Language | None,
        typer.Option(help="Language of texts in csv and ics (json and yaml keep every language)."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Export the validated dossier for other programs; the same data gives the same bytes."""
    fmt = _output_format(format_option, output, ExportFormat, ExportFormat.JSON)
    if fmt is ExportFormat.CSV and kind is None:
        raise UsageError("--format csv needs --kind: a CSV file holds one kind of record")
    if fmt is ExportFormat.ICS and kind not in (None, RecordKind.EVENTS):
        raise UsageError("--format ics exports events only")
    if output not in (None, "-"):
        from dossier.files import check_writable

        check_writable(Path(output), force=force)
    dossier = _load_valid(ctx).dossier
    language = _language(lang, dossier)
    if fmt is ExportFormat.JSON:
        from dossier.export.to_json import export_json

        _emit(export_json(dossier, kind), output, force=force)
    elif fmt is ExportFormat.YAML:
        from dossier.export.to_yaml import export_yaml

        _emit(export_yaml(dossier, kind), output, force=force)
    elif fmt is ExportFormat.CSV and kind is not None:
        from dossier.export.to_csv import export_csv

        text = export_csv(dossier, kind, language)
        _emit(text, output, force=force, bom=output not in (None, "-"))
    else:
        from dossier.export.to_ics import export_ics, export_stamp

        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        try:
            stamp = export_stamp(_today(), epoch)
        except (ValueError, OverflowError, OSError):
            raise UsageError(
                f"SOURCE_DATE_EPOCH={epoch!r} is not a time (whole seconds since 1970)"
            ) from None
        result = export_ics(dossier, stamp, language)
        for skipped in result.skipped:
            stderr_console().print(Text(f"dossier: left out of the calendar: {skipped}"))
        _emit(result.text.decode("utf-8"), output, force=force)


@app.command()
def schema(
    output: Annotated[
        str | None, typer.Option("-o", "--output", metavar="PATH", help="File to write, or - .")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Print the JSON Schema of the data file (for editors and check-jsonschema)."""
    from dossier.datafile.schema import schema_text

    _emit(schema_text(), output, force=force)


@app.command()
def init(
    path: Annotated[Path, typer.Argument(help="The new data file.")] = Path("data/clusters.yaml"),
) -> None:
    """Start a new data file with one example of each record kind; never overwrites."""
    from dossier.datafile.schema import schema_text
    from dossier.datafile.starter import STARTER
    from dossier.files import write_atomic

    if path.exists():
        raise UsageError(f"{path}: already exists; init never overwrites a file")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(f"{path.parent}: cannot create the folder ({error.strerror})") from None
    write_atomic(path, STARTER.encode("utf-8"))
    err = stderr_console()
    err.print(Text(f"dossier: wrote {path}"))
    schema_path = path.parent / "dossier.schema.json"
    if not schema_path.exists():
        write_atomic(schema_path, schema_text().encode("utf-8"))
        err.print(Text(f"dossier: wrote {schema_path} (for editor completion)"))
