"""`dossier graph`: the relationship around one record, as a picture or for other programs."""

from pathlib import Path
from typing import Annotated

import typer

from dossier.briefing.formats import PICTURES, GraphFormat
from dossier.cli.app import (
    AudienceOption,
    Language,
    command,
    emit,
    language_of,
    load_valid,
    output_format,
    partial_date,
    today,
    write_file,
)
from dossier.cli.completion import records
from dossier.errors import UsageError
from dossier.model.languages import spoken
from dossier.model.vocabulary import Audience

# No `from __future__ import annotations`: Typer reads every command's signature at each
# start, and annotations kept as text would be evaluated anew each time.

KINDS_HELP = "Edges to draw, comma-separated: role, agreement, event, member (default: all)."


def _kinds(text: str | None) -> list[str]:
    from dossier.model.graph import EdgeKind
    from dossier.model.suggest import did_you_mean

    if text is None:
        return list(EdgeKind)
    chosen = [word.strip() for word in text.split(",") if word.strip()]
    for word in chosen:
        if word not in set(EdgeKind):
            hint = did_you_mean(word, list(EdgeKind)) or "write role, agreement, event or member"
            raise UsageError(f"--kinds: '{word}' is not a kind of edge; {hint}")
    return chosen


@command()
def graph(
    ctx: typer.Context,
    ref: Annotated[
        str, typer.Argument(metavar="REF", help="The record at the centre.", autocompletion=records)
    ],
    depth: Annotated[
        int, typer.Option(min=1, max=2, help="Steps out from the centre: 1 or 2.")
    ] = 1,
    as_of: Annotated[
        str | None,
        typer.Option(metavar="DATE", help="The network as it stood then (default: today)."),
    ] = None,
    kinds: Annotated[str | None, typer.Option(metavar="KINDS", help=KINDS_HELP)] = None,
    format_option: Annotated[
        GraphFormat | None,
        typer.Option(
            "--format",
            metavar="FORMAT",
            help="svg, png, pdf (drawn by Graphviz), dot, mermaid or gexf "
            "(default: from the -o name, else dot).",
        ),
    ] = None,
    output: Annotated[
        str | None, typer.Option("-o", "--output", metavar="PATH", help="File to write, or - .")
    ] = None,
    lang: Annotated[Language | None, typer.Option(metavar="LANG", help=f"{spoken()}.")] = None,
    audience: AudienceOption = Audience.INTERNAL,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Draw who is connected to whom around one record: roles, agreements, meetings and
    membership, a step or two out, as it stood on a day.

    Example: dossier graph kawasaki --depth 2 -o kawasaki.svg
    """
    from dossier.i18n import Translator
    from dossier.model.audience import for_audience
    from dossier.model.graph import EdgeKind, relationship_graph
    from dossier.model.lookup import Finder

    fmt = output_format(format_option, output, GraphFormat, GraphFormat.DOT)
    chosen = _kinds(kinds)
    if fmt in (GraphFormat.PNG, GraphFormat.PDF) and output in (None, "-"):
        raise UsageError(f"--format {fmt.value} writes a file: name it with -o")
    if output not in (None, "-"):
        from dossier.files import check_writable

        check_writable(Path(output), force=force)
    day = today()
    stood = partial_date(as_of, "--as-of")
    dossier = for_audience(load_valid(ctx).dossier, audience, today=day)
    centre = Finder(dossier).find(ref)
    t = Translator(language_of(lang, dossier))
    drawn = relationship_graph(
        dossier,
        centre.id,
        depth=depth,
        as_of=stood.end() if stood else day,
        kinds=[EdgeKind(kind) for kind in chosen],
        lang=t.lang,
        translate=t,
    )
    if fmt is GraphFormat.MERMAID:
        from dossier.export.to_mermaid import graph_mermaid

        emit(graph_mermaid(drawn), output, force=force)
    elif fmt is GraphFormat.GEXF:
        from dossier.export.to_gexf import graph_gexf

        emit(graph_gexf(drawn, dossier.label(centre.id, t.lang)), output, force=force)
    else:
        from dossier.briefing.graph_picture import graph_dot, render_dot

        dot = graph_dot(drawn, t)
        if fmt not in PICTURES:
            emit(dot, output, force=force)
        elif output in (None, "-"):
            emit(render_dot(dot, fmt.value).decode("utf-8"), output, force=force)
        else:
            write_file(output, render_dot(dot, fmt.value), force=force)
