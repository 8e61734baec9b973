"""`metaethno relate` and `metaethno graph`: how the studies are related, and the review as a
graph."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from metaethno.cli.core import (
    Force,
    HelpCommand,
    OutputFile,
    ReviewDir,
    ShowAll,
    app,
    checked_review,
    fail,
    handles_errors,
)
from metaethno.cli.outputs import output_format, prepare_output, write_result
from metaethno.cli.progress import step
from metaethno.cli.terminal import table_screen, terminal_for


class RelateFormat(StrEnum):
    table = "table"
    markdown = "markdown"
    csv = "csv"
    json = "json"


# the format of an output file named with one of these suffixes, unless --format says otherwise
RELATE_SUFFIXES = {
    ".txt": RelateFormat.table,
    ".md": RelateFormat.markdown,
    ".markdown": RelateFormat.markdown,
    ".csv": RelateFormat.csv,
    ".json": RelateFormat.json,
}


class CsvTableOption(StrEnum):
    grid = "grid"
    pairs = "pairs"
    clusters = "clusters"
    refutations = "refutations"


class GraphFormat(StrEnum):
    mermaid = "mermaid"
    dot = "dot"
    graphml = "graphml"
    gexf = "gexf"
    json = "json"


class GraphViewOption(StrEnum):
    argument = "argument"
    synthesis = "synthesis"
    studies = "studies"


@app.command(cls=HelpCommand)
@handles_errors
def relate(
    ctx: typer.Context,
    review_dir: ReviewDir = Path(),
    given_format: Annotated[
        RelateFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="table (rich tables; the default on a terminal), markdown (GitHub-flavoured; "
            "the default otherwise), csv (one table, see --table) or json (every table). By "
            "default the format of --output's suffix (.txt, .md, .csv, .json).",
            show_default=False,
        ),
    ] = None,
    table: Annotated[
        CsvTableOption | None,
        typer.Option(
            "--table",
            help="The table --format csv writes: grid (studies by concepts, the default), "
            "pairs (pairs of studies and their similarity), clusters, or refutations "
            "(one row per study and concept it refutes).",
            show_default=False,
        ),
    ] = None,
    output: OutputFile = None,
    force: Force = False,
    show_all: ShowAll = False,
) -> None:
    """Show how the studies are related (Noblit & Hare's phase 4).

    The reviewers' own judgement and each study's concepts side by side,
    before translation; then, computed after it, the presence matrix of
    studies by synthesised concepts, pairs of studies with the concepts they
    share and their Jaccard similarity, clusters of related studies (Louvain,
    with a fixed seed), isolated studies, refutations, and the line of
    argument's loops, central concepts and unlinked concepts.

    Refuses a review with errors (exit 1, with check's diagnostics). Exits 2
    on a bad option or an output file that exists without --force.
    The documentation (docs/relate.md in the source) describes every table and
    format.
    """

    from metaethno.analysis.synthesis import analyse
    from metaethno.render import relate, relate_data, relate_terminal

    protected = prepare_output(review_dir, output, force)
    terminal = terminal_for(output)
    default = RelateFormat.table if terminal.is_terminal else RelateFormat.markdown
    chosen = output_format(given_format, output, RELATE_SUFFIXES, default)
    if table is not None and chosen is not RelateFormat.csv:
        raise fail("--table chooses the table of --format csv; add --format csv or drop --table")
    review = checked_review(review_dir, "relate")
    view = relate.RelateView(
        title=review.config.title if review.config else "",
        table=(table or CsvTableOption.grid).value,
        width=terminal.width,
        color=terminal.color,
        screen=table_screen(ctx, terminal, show_all),
    )
    render = {
        RelateFormat.table: relate_terminal.render_table,
        RelateFormat.markdown: relate.render_markdown,
        RelateFormat.csv: relate_data.render_csv,
        RelateFormat.json: relate_data.render_json,
    }[chosen]
    with step("Building the tables"):
        text = render(analyse(review).relatedness, view)
    write_result(output, text, force, protected)


@app.command(cls=HelpCommand)
@handles_errors
def graph(
    ctx: typer.Context,  # noqa: ARG001 - read by handles_errors for --debug
    review_dir: ReviewDir = Path(),
    given_format: Annotated[
        GraphFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="mermaid (a flowchart for Markdown), dot (Graphviz), graphml or gexf (Gephi, "
            "Cytoscape, yEd) or json (node-link). By default the format of --output's suffix "
            "(.mmd, .dot, .gv, .graphml, .gexf, .json), else mermaid.",
            show_default=False,
        ),
    ] = None,
    view: Annotated[
        GraphViewOption,
        typer.Option(
            "--view",
            help="argument: the synthesised concepts and their line-of-argument links; "
            "synthesis: the includes hierarchy down to the study concepts; studies: the "
            "studies and the concepts they share.",
        ),
    ] = GraphViewOption.argument,
    output: OutputFile = None,
    force: Force = False,
) -> None:
    """Write the review as a graph, for Gephi, Cytoscape, yEd, Graphviz or Mermaid.

    Nodes and edges carry their attributes (kind, label, study, relation,
    level, number of supporting studies). The same review gives the same
    bytes.

    Refuses a review with errors (exit 1, with check's diagnostics). Exits 2
    on a bad option or an output file that exists without --force.
    The documentation (docs/relate.md in the source) describes the views,
    attributes and formats.
    """
    from metaethno.analysis.synthesis import analyse
    from metaethno.render.graph import RENDERERS, SUFFIXES, view_graph

    protected = prepare_output(review_dir, output, force)
    suffixes = {suffix: GraphFormat(name) for suffix, name in SUFFIXES.items()}
    chosen = output_format(given_format, output, suffixes, GraphFormat.mermaid)
    review = checked_review(review_dir, "graph")
    with step("Building the graph"):
        text = RENDERERS[chosen.value](view_graph(analyse(review), view.value))
    write_result(output, text, force, protected)
