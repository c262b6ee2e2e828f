"""The command group, its global options, and what every command shares: loading the data,
today's date, the consoles, and the one place where errors become messages and exit codes."""

import datetime as dt
import enum
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple, NoReturn, TypeVar

import typer
from rich.console import Console
from rich.text import Text
from typer.core import TyperCommand, TyperGroup

from dossier import version_line
from dossier.errors import DataError, DossierError, NotFoundError, UsageError
from dossier.export.formats import ReportFormat
from dossier.files import ViewStdout, flush_stdout, printable, write_stdout
from dossier.model.languages import LANGUAGES
from dossier.model.vocabulary import Audience

# No `from __future__ import annotations` here: Typer reads every command's signature at each
# start, and annotations kept as text would be evaluated anew each time (twice, in fact).
# Everything else is imported inside the command that needs it: `dossier show` should not
# pay for YAML parsing it can skip, nor any command for python-docx, Babel or iCalendar.
if TYPE_CHECKING:
    from dossier.briefing.document import Briefing
    from dossier.datafile.loaded import LoadResult
    from dossier.model.dossier import Dossier
    from dossier.model.values import PartialDate

MAX_ERRORS_SHOWN = 20

AudienceOption = Annotated[
    Audience,
    typer.Option(
        metavar="AUDIENCE",
        help="internal (everything), partner or public: only what the data lets them read.",
    ),
]
"""`--audience`, the same for every command that writes for others."""

Language = enum.StrEnum("Language", {code.upper(): code for code in LANGUAGES})  # type: ignore[misc]
"""The languages offered on the command line: exactly those of `LANGUAGES`."""


UNWRAPPED_WIDTH = 100_000
"""The width views are laid out in when standard output is not a terminal: no line wraps."""


def stdout_console() -> Console:
    """The console views are printed on. Not a terminal (a pipe, a file): lines are never
    wrapped, so `grep` finds what it looks for. A dumb terminal with `COLUMNS` set (the shell
    inside an editor) gets that width, which Rich would ignore for 80."""
    console = Console(file=ViewStdout(), highlight=False, soft_wrap=False)  # type: ignore[arg-type]
    if not console.is_terminal:
        console.width = UNWRAPPED_WIDTH
    elif console.is_dumb_terminal and (columns := os.environ.get("COLUMNS", "")).isdigit():
        console.size = (int(columns), console.height)
    return console


def stderr_console() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def say(message: str) -> None:
    """One line on standard error, shown as written (never as terminal control codes)."""
    stderr_console().print(Text(printable(message)))


def fail(message: str, code: int, details: list[str] | None = None) -> NoReturn:
    say(f"dossier: {message}")
    for line in details or []:
        say(f"  {line}")
    raise typer.Exit(code)


def _report_error(error: DossierError) -> NoReturn:
    if isinstance(error, DataError):
        from dossier.export.problems import render

        errors = [p for p in error.problems if p.is_error]
        lines = render(errors[:MAX_ERRORS_SHOWN], ReportFormat.TEXT).splitlines()
        more = len(errors) - MAX_ERRORS_SHOWN
        if more > 0:
            lines.append(f"… and {more} more; `dossier validate` lists them all")
        for line in lines:
            say(line)
        fail(f"stopped: {error}", error.exit_code)
    if isinstance(error, NotFoundError):
        fail(str(error), error.exit_code, error.candidates)
    fail(str(error), error.exit_code)


def _suggest_a_choice(error: Exception) -> None:
    """`list peple`, `--lang fr`: the closest choice, in the words of every did-you-mean.

    The choices are read from the message itself (`'peple' is not one of 'clusters', …`),
    which every Typer release words alike; Typer 0.29 prefixes pydantic's "Value error, "."""
    message = getattr(error, "message", None)
    if not isinstance(message, str):
        return
    message = message.removeprefix("Value error, ")
    given, _, listed = message.partition(" is not one of ")
    if not listed or not given.startswith("'"):
        return
    from dossier.model.suggest import did_you_mean

    hint = did_you_mean(given.strip("'"), re.findall(r"'([^']*)'", listed))
    error.message = f"{message.rstrip('.')}; {hint}" if hint else message  # type: ignore[attr-defined]


def _place_a_main_option(error: Exception, ctx: Any) -> None:
    """`dossier show a --data f.yaml`: an option of `dossier` itself given after the command
    is unknown to the command; say where it goes, rather than that it does not exist."""
    given = getattr(error, "option_name", None)
    main_options = {name for param in ctx.command.params for name in getattr(param, "opts", ())}
    if given in main_options and given not in {"--help", "-h"}:
        command = ctx.invoked_subcommand or "COMMAND"
        error.message = (  # type: ignore[attr-defined]
            f"{given} is an option of dossier itself: write it before the command"
            f" (dossier {given} … {command} …)"
        )


def _closed_pipe() -> NoReturn:
    """The reader went away before all output was written (`dossier export | head -1`):
    stop quietly with exit code 1, as the README promises. Click would exit 0 here."""
    from dossier.files import silence_stdout

    silence_stdout()
    raise typer.Exit(1)


class _Commands(TyperGroup):
    """Turns the project's errors into messages and exit codes at one place."""

    def invoke(self, ctx: Any) -> Any:  # Any: Typer's own Context class is private
        try:
            result = super().invoke(ctx)
            flush_stdout()  # a closed pipe or a full disk shows here, not in the flush at exit
            return result
        except DossierError as error:
            _report_error(error)
        except typer.TyperException as error:
            _suggest_a_choice(error)
            _place_a_main_option(error, ctx)
            raise
        except (typer.Exit, typer.Abort):
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
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class _Command(TyperCommand):
    """A command whose usage line names its arguments plainly (`REF`, not Typer's `{REF}`)."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:  # Any: Typer's Context is private
        pieces: list[str] = super().collect_usage_pieces(ctx)
        return [p[1:-1] if p.startswith("{") and p.endswith("}") else p for p in pieces]


CommandFunction = TypeVar("CommandFunction", bound=Callable[..., None])


def command(name: str | None = None) -> Callable[[CommandFunction], CommandFunction]:
    """`@command()` registers a function as a `dossier` command."""
    register: Callable[[CommandFunction], CommandFunction] = app.command(name, cls=_Command)
    return register


class Options(NamedTuple):
    """The options given before the command, for every command."""

    data: str | None
    debug: bool


def _print_version(value: bool) -> None:
    if value:
        print(version_line())
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


def today() -> dt.date:
    from dossier.phrases import today_from

    value = os.environ.get("DOSSIER_TODAY")
    try:
        return today_from(value)
    except ValueError:
        raise UsageError(f"DOSSIER_TODAY={value!r} is not a date (YYYY-MM-DD)") from None


def load_data(
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
        say(SAMPLE_NOTICE)
        chosen = [bundled_sample()]
    return load([p for p in chosen if p is not None], today(), use_cache=use_cache)


def user_data(ctx: typer.Context) -> Path:
    """The user's data, for commands that read its history or write into it: the sample
    shipped in the package never stands in (exit 2 without data)."""
    from dossier.datafile.load import LOOKED_AT, find_data

    options: Options = ctx.obj
    found = find_data(options.data)
    if found is None:
        raise UsageError(f"no data found; looked at {LOOKED_AT}")
    return found


def load_valid(ctx: typer.Context) -> "LoadResult":
    """The data for a command that needs it free of errors; warnings are `validate`'s job."""
    result = load_data(ctx, use_cache=True)
    if result.has_errors:
        raise DataError(result.problems)
    return result


def language_of(option: Language | None, dossier: "Dossier") -> str:
    """`--lang`, else the data's `lang:`, else English."""
    return option or dossier.lang or "en"


FormatChoice = TypeVar("FormatChoice", bound=enum.StrEnum)

SUFFIX_ALIASES = {".yml": ".yaml", ".markdown": ".md", ".db": ".sqlite", ".sqlite3": ".sqlite"}


def output_format(
    option: FormatChoice | None, output: str | None, choices: type[FormatChoice], default: str
) -> FormatChoice:
    """`--format`, else the format the `-o` file name ends in, else `default`.

    A file name ending in another known format is refused (exit 2) before anything is
    written, as is one whose format cannot be told when `--format` is not given.
    """
    if output is not None and not output.strip():
        raise UsageError("-o: the path is empty")
    suffix = Path(output).suffix.lower() if output not in (None, "-") else ""
    suffix = SUFFIX_ALIASES.get(suffix, suffix)
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


def partial_date(value: str | None, option: str) -> "PartialDate | None":
    if value is None:
        return None
    from dossier.model.values import PartialDate

    try:
        return PartialDate.parse(value)
    except ValueError as error:  # PydanticCustomError is a ValueError
        raise UsageError(f"{option}: {error}") from None


def emit(text: str, output: str | None, *, force: bool, bom: bool = False) -> None:
    """Write to standard output (no `-o`, or `-o -`) or atomically to a file; `bom` starts
    a file (never standard output) with a byte-order mark."""
    if output is not None and not output.strip():
        raise UsageError("-o: the path is empty")
    if output in (None, "-"):
        write_stdout(text)
        return
    # Excel reads a CSV file as UTF-8 only when it starts with a byte-order mark.
    write_file(output, (("\ufeff" if bom else "") + text).encode("utf-8"), force=force)


def pictures_beside(markdown: str, names: list[str], *, force: bool) -> list[Path]:
    """The files of a Markdown document's pictures, beside it: each checked before anything
    is written, so that a picture never overwrites a file without `--force`."""
    from dossier.files import check_writable

    paths = [Path(markdown).with_name(name) for name in names]
    for path in paths:
        check_writable(path, force=force)
    return paths


def write_pictures(output: str, briefing: "Briefing", *, force: bool) -> None:
    """Write the SVG of every picture of a Markdown `briefing` beside the file `output`."""
    from dossier.briefing.document import Picture

    for section in briefing.sections:
        for block in section.blocks:
            if isinstance(block, Picture):
                target = str(Path(output).with_name(block.file_name))
                write_file(target, block.svg, force=force)


def write_file(output: str, data: bytes, *, force: bool) -> None:
    """Write `data` atomically to the file `output`, and say so on standard error."""
    from dossier.files import write_atomic

    write_atomic(Path(output), data, force=force)
    say(f"dossier: wrote {output}")
