"""`dossier brief`: a briefing for a visit or a counterpart."""

from pathlib import Path
from typing import Annotated

import typer

from dossier.briefing.formats import BriefFormat, Paper
from dossier.cli.app import (
    AudienceOption,
    Language,
    command,
    language_of,
    load_valid,
    output_format,
    pictures_beside,
    say,
    today,
    write_pictures,
)
from dossier.cli.completion import counterparts, events, records
from dossier.errors import UsageError
from dossier.files import write_stdout
from dossier.model.languages import spoken
from dossier.model.vocabulary import Audience

# No `from __future__ import annotations`: Typer reads every command's signature at each
# start, and annotations kept as text would be evaluated anew each time.


@command()
def brief(
    ctx: typer.Context,
    ref: Annotated[
        str,
        typer.Argument(
            metavar="REF",
            help="A cluster, an organisation, or a visit event.",
            autocompletion=counterparts,
        ),
    ],
    visit_ref: Annotated[
        str | None,
        typer.Option(
            "--visit", metavar="EVENT", help="The visit to brief for.", autocompletion=events
        ),
    ] = None,
    home_ref: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="CLUSTER",
            help="Write from this side (default: home).",
            autocompletion=records,
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "-o",
            "--output",
            metavar="PATH",
            help="Where to write (default: briefing-TARGET-DATE.docx or .md).",
        ),
    ] = None,
    format_option: Annotated[
        BriefFormat | None,
        typer.Option(
            "--format",
            metavar="FORMAT",
            help="docx, pdf (by LibreOffice) or md (default: from the -o name, else docx).",
        ),
    ] = None,
    paper: Annotated[
        Paper | None,
        typer.Option(
            metavar="PAPER",
            help="a4 or letter (default: the template's, else the home country's paper).",
        ),
    ] = None,
    template: Annotated[
        Path | None,
        typer.Option(metavar="REF.docx", help="Take styles and page setup from this file."),
    ] = None,
    audience: AudienceOption = Audience.INTERNAL,
    classification: Annotated[
        str | None,
        typer.Option(
            metavar="TEXT",
            help=(
                "Classification line on the cover and in the header, as written (default:"
                " the audience's; '' for none)."
            ),
        ),
    ] = None,
    lang: Annotated[
        Language | None,
        typer.Option(metavar="LANG", help=f"{spoken()} (default: the data's lang, else en)."),
    ] = None,
    mark_fallbacks: Annotated[
        bool, typer.Option(help="Mark free text shown in another language, as [en].")
    ] = False,
    stale_after: Annotated[
        str,
        typer.Option(
            metavar="AGE",
            help="Mark facts last checked longer ago than this: 2y, 18m, 6w or 90d.",
        ),
    ] = "2y",
    graph: Annotated[
        bool | None,
        typer.Option(
            "--graph/--no-graph",
            help="A picture of the counterpart's connections after Who's who (default: where "
            "Graphviz is installed, for internal and partner readers).",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a briefing for a visit or a counterpart: Word, PDF or Markdown.

    Example: dossier brief munich-delegation-kawasaki-2027 --lang de -o besuch.docx
    """
    fmt = output_format(format_option, output, BriefFormat, BriefFormat.DOCX)
    from dossier.briefing.build import build_briefing
    from dossier.briefing.output import check_options, find_target, render_briefing
    from dossier.files import check_writable, write_atomic
    from dossier.i18n import Translator
    from dossier.model.lookup import Finder
    from dossier.model.stale import parse_age

    check_options(fmt, template, output)
    try:
        age = parse_age(stale_after)
    except ValueError as error:
        raise UsageError(f"--stale-after: {error}") from None
    dossier, day = load_valid(ctx).dossier, today()
    target = find_target(Finder(dossier), ref, visit_ref)
    path = Path(output) if output else target.default_path(day, fmt)
    if output != "-":
        check_writable(path, force=force)
    graph_file = _graph_file(graph, audience, fmt, path, output, force=force)
    translator = Translator(language_of(lang, dossier), mark_fallbacks=mark_fallbacks)
    briefing = build_briefing(
        dossier,
        target.record,
        today=day,
        visit=target.visit,
        home_id=home_ref,
        classification=classification,
        translator=translator,
        stale_after=age,
        audience=audience,
        paper=paper,
        template_paper=template is not None,
        graph_file=graph_file,
    )
    data = render_briefing(briefing, fmt, template)
    if output == "-":
        write_stdout(data.decode("utf-8"))
        return
    write_atomic(path, data, force=force)
    say(f"dossier: wrote {path} ({len(briefing.sections)} sections)")
    if fmt is BriefFormat.MD:
        write_pictures(str(path), briefing, force=force)


def _graph_file(
    graph: bool | None,
    audience: Audience,
    fmt: BriefFormat,
    path: Path,
    output: str | None,
    *,
    force: bool,
) -> str | None:
    """The SVG name of the connections picture, or None for none: asked for, or by default
    where Graphviz is installed; never for the public, nor for Markdown on standard output
    (there is no folder to put it beside)."""
    from dossier.briefing.graph_picture import has_dot

    if graph and audience is Audience.PUBLIC:
        raise UsageError("--graph: a briefing for the public has no picture of connections")
    drawn = (audience is not Audience.PUBLIC and has_dot()) if graph is None else graph
    if not drawn or (fmt is BriefFormat.MD and output == "-"):
        return None
    if fmt is not BriefFormat.MD:
        return f"{path.stem}-graph.png"  # inside the document: drawn as PNG
    name = f"{path.stem}-graph.svg"
    pictures_beside(str(path), [name], force=force)
    return name
