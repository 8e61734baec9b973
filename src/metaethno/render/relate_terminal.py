"""relate's tables as rich tables for a terminal; nothing here writes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from metaethno.analysis.argument import ArgumentAnalysis, loop_sentence
from metaethno.analysis.relatedness import Presence, Relatedness
from metaethno.analysis.translation import REFUTED_MARK
from metaethno.render import terminal

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table as RichTable
    from rich.text import Text

from metaethno.render.relate import (
    GRID_LEGEND,
    SUPPORTED_MARK,
    RelateView,
    clustering_sentence,
    defining_text,
    keys,
    pairs_sentence,
    refutation_groups,
)

# -- rich tables on the terminal ----------------------------------------------------------

CONCEPT_COLUMN_WIDTH = 3


def render_table(relatedness: Relatedness, view: RelateView) -> str:
    """Tables for a terminal of `view.width` columns, in colour or plain.

    The grid's concept columns are numbered, with the numbers' key below it, and split
    into several tables when they do not fit.
    """
    from rich.text import Text

    console = terminal.buffered_console(view.width, view.color)
    console.print(Text(view.title, style="bold"))
    console.print()
    _rich_grid(console, relatedness, view.width)
    console.print()
    console.print(Text(pairs_sentence(relatedness)), style="dim")
    console.print()
    console.print(Text(clustering_sentence(relatedness)), style="dim")
    if relatedness.clusters:
        console.print()
        console.print(_rich_clusters(relatedness))
    if relatedness.isolated:
        console.print(
            Text.assemble(
                ("Studies that share no concept with any other: ", "bold"),
                keys(relatedness.isolated),
            )
        )
    if relatedness.pairs:
        console.print()
        console.print(_rich_pairs(relatedness))
    if relatedness.refutational_pairs:
        console.print()
        console.print(_rich_refutations(relatedness))
    _rich_argument(console, relatedness.argument)
    return terminal.printed_text(console)


def _rich_grid(console: Console, relatedness: Relatedness, width: int) -> None:
    from rich.text import Text

    grid = relatedness.grid
    if not grid.concepts:
        console.print("No synthesised concept has translations yet.")
        return
    # the study and cluster columns, then 3 characters of padding and border a column
    fixed = max((len(row.study.key) for row in grid.rows), default=5) + 3 + 7 + 3
    per_table = max(1, (width - fixed) // (CONCEPT_COLUMN_WIDTH + 3))
    numbers = range(len(grid.concepts))
    chunks = [numbers[i : i + per_table] for i in range(0, len(grid.concepts), per_table)]
    for chunk in chunks:
        title = "Juxtaposition grid"
        if len(chunks) > 1:
            title += f" (concepts {chunk[0] + 1}-{chunk[-1] + 1} of {len(grid.concepts)})"
        table = terminal.table(title, ["Study", "Cluster", *(str(i + 1) for i in chunk)], [1])
        for row in grid.rows:
            cells = [_rich_mark(row.cells[i]) for i in chunk]
            cluster = str(row.cluster) if row.cluster is not None else "—"
            table.add_row(Text(row.study.key), Text(cluster), *cells)
        console.print(table)
    for number, concept in enumerate(grid.concepts, start=1):
        console.print(Text.assemble((f"{number:>3}", "bold"), "  ", concept.label))
    console.print()
    console.print(Text(GRID_LEGEND), style="dim")


def _rich_mark(presence: Presence) -> Text:
    from rich.text import Text

    text = Text()
    if presence.reciprocal:
        text.append(SUPPORTED_MARK, style="green")
    if presence.refutational:
        text.append((" " if presence.reciprocal else "") + REFUTED_MARK, style="red")
    return text


def _rich_clusters(relatedness: Relatedness) -> RichTable:
    from rich.text import Text

    headers = ["Cluster", "Studies", "Concepts supported by most of its studies"]
    table = terminal.table("Clusters of studies", headers, numeric=[0])
    for cluster in relatedness.clusters:
        table.add_row(
            Text(str(cluster.number)),
            Text(f"{keys(cluster.studies)} ({len(cluster.studies)})"),
            Text(defining_text(cluster) or "None"),
        )
    return table


def _rich_pairs(relatedness: Relatedness) -> RichTable:
    from rich.text import Text

    headers = ["Study", "Study", "Shared", "Jaccard", "Concepts both support"]
    table = terminal.table("Pairs of studies, the most similar first", headers, numeric=[2, 3])
    for pair in relatedness.pairs:
        table.add_row(
            Text(pair.first.key),
            Text(pair.second.key),
            Text(str(len(pair.shared))),
            Text(f"{pair.jaccard:.2f}"),
            Text("; ".join(c.label for c in pair.shared)),
        )
    return table


def _rich_refutations(relatedness: Relatedness) -> RichTable:
    from rich.text import Text

    headers = ["Refuting study", "Concept it refutes", "Studies that support the concept"]
    table = terminal.table("Refutations", headers)
    for refuting, concept, supporting in refutation_groups(relatedness.refutational_pairs):
        table.add_row(
            Text(refuting.key, style="red"),
            Text(concept.label),
            Text(f"{keys(supporting)} ({len(supporting)})"),
        )
    return table


def _rich_argument(console: Console, analysis: ArgumentAnalysis) -> None:
    from rich.padding import Padding
    from rich.text import Text

    if not analysis.linked:
        return
    if analysis.loops:
        console.print()
        more = f" (the first {len(analysis.loops)} found)" if analysis.loops_truncated else ""
        console.print(Text(f"Loops among the links{more} (a computed aid)", style="bold"))
        for loop in analysis.loops:
            console.print(Padding(Text(loop_sentence(loop) + "."), (0, 0, 0, 2)))
    if analysis.central:
        console.print()
        table = terminal.table(
            "Most central concepts (betweenness, a computed aid)",
            ["Concept", "Betweenness", "Links in", "Links out"],
            numeric=[1, 2, 3],
        )
        for c in analysis.central:
            table.add_row(
                Text(c.concept.label),
                Text(f"{c.betweenness:.3f}"),
                Text(str(c.links_in)),
                Text(str(c.links_out)),
            )
        console.print(table)
    if analysis.unlinked:
        console.print()
        console.print(
            Text.assemble(
                ("Concepts with no link: ", "bold"),
                "; ".join(c.label for c in analysis.unlinked),
            )
        )
