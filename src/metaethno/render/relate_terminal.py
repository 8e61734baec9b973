"""relate's tables as rich tables for a terminal; nothing here writes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from metaethno.analysis.argument import ArgumentAnalysis, loop_sentence
from metaethno.analysis.juxtaposition import Presence
from metaethno.analysis.relatedness import Cluster, Refutation, Relatedness, StudyPair
from metaethno.analysis.translation import REFUTED_MARK, StudyColumn
from metaethno.render import terminal

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table as RichTable
    from rich.text import Text

from metaethno.render.relate import (
    GRID_LEGEND,
    REFUTATION_HEADERS,
    SUPPORTED_MARK,
    RelateView,
    clustering_sentence,
    defining_text,
    keys,
    pairs_sentence,
    refuting_text,
)

# -- rich tables on the terminal ----------------------------------------------------------

CONCEPT_COLUMN_WIDTH = 3


def render_table(relatedness: Relatedness, view: RelateView) -> str:
    """Tables for a terminal of `view.width` columns, in colour or plain.

    The grid's concept columns are numbered, with the numbers' key below it, and split
    into several tables when they do not fit. Each table is cut to the view's screen, with
    a line naming the command that writes it whole.
    """
    from rich.text import Text

    screen = view.screen
    console = terminal.buffered_console(view.width, view.color)
    console.print(Text(view.title, style="bold"))
    console.print()
    _rich_phase_four(console, relatedness, screen)
    _rich_grid(console, relatedness, view.width, screen)
    console.print()
    console.print(Text(pairs_sentence(relatedness)), style="dim")
    console.print()
    console.print(Text(clustering_sentence(relatedness)), style="dim")
    if relatedness.clusters:
        console.print()
        clusters = relatedness.clusters
        table = _rich_clusters(clusters[: screen.shown(len(clusters))])
        _print_cut(console, table, len(clusters), "clusters", screen)
    if relatedness.isolated:
        console.print(
            Text.assemble(
                ("Studies that share no concept with any other: ", "bold"),
                keys(relatedness.isolated),
            )
        )
    if relatedness.pairs:
        console.print()
        pairs = relatedness.pairs
        table = _rich_pairs(pairs[: screen.shown(len(pairs))])
        _print_cut(console, table, len(pairs), "pairs", screen)
    if relatedness.refutations:
        console.print()
        refutations = relatedness.refutations
        table = _rich_refutations(refutations[: screen.shown(len(refutations))])
        _print_cut(console, table, len(refutations), "refutations", screen)
    _rich_argument(console, relatedness.argument)
    return terminal.printed_text(console)


def _rich_phase_four(console: Console, relatedness: Relatedness, screen: terminal.Screen) -> None:
    """The reviewers' own judgement, then each study's key concepts side by side, before
    anything computed after translation."""
    from rich.text import Text

    judgement = relatedness.judgement
    console.print(Text("How the reviewers judged the studies to be related", style="bold"))
    if judgement is None:
        console.print(Text("Not recorded (how_studies_relate in metaethno.yaml)."), style="dim")
    else:
        console.print(Text(judgement.judgement))
        if judgement.reasons:
            console.print(Text.assemble(("Why: ", "bold"), judgement.reasons))
    console.print()
    table = terminal.table(
        "Juxtaposition: each study's key concepts, before translation",
        ["Study", "Its key concepts, in the authors' terms"],
    )
    own = relatedness.own_concepts
    for item in own[: screen.shown(len(own))]:
        table.add_row(Text(item.study.key), Text("; ".join(c.label for c in item.concepts)))
    _print_cut(console, table, len(own), "juxtaposition", screen)
    console.print()


# The command's options that write each table whole, after `metaethno relate REVIEW`.
WHOLE_TABLES = {
    "juxtaposition": "--format markdown -o relate.md",
    "grid": "--format csv -o relate-grid.csv",
    "pairs": "--format csv --table pairs -o relate-pairs.csv",
    "clusters": "--format csv --table clusters -o relate-clusters.csv",
    "refutations": "--format csv --table refutations -o relate-refutations.csv",
}
# The studies a cell of the clusters or refutations table names before it says how many more.
KEYS_IN_A_CELL = 12


def _rich_grid(
    console: Console, relatedness: Relatedness, width: int, screen: terminal.Screen
) -> None:
    from rich.text import Text

    grid = relatedness.grid
    if not grid.concepts:
        console.print("No synthesised concept has translations yet.")
        return
    rows = grid.rows[: screen.shown(len(grid.rows))]
    # the study and cluster columns, then 3 characters of padding and border a column
    fixed = max((len(row.study.key) for row in rows), default=5) + 3 + 7 + 3
    per_table = max(1, (width - fixed) // (CONCEPT_COLUMN_WIDTH + 3))
    numbers = range(len(grid.concepts))
    chunks = [numbers[i : i + per_table] for i in range(0, len(grid.concepts), per_table)]
    shown = chunks[: screen.blocks_shown(len(chunks))]
    for done, chunk in enumerate(shown):
        title = "Presence matrix"
        if len(chunks) > 1:
            title += f" (concepts {chunk[0] + 1}-{chunk[-1] + 1} of {len(grid.concepts)})"
        table = terminal.table(title, ["Study", "Cluster", *(str(i + 1) for i in chunk)], [1])
        for row in rows:
            cells = [_rich_mark(row.cell(i)) for i in chunk]
            cluster = str(row.cluster) if row.cluster is not None else "—"
            table.add_row(Text(row.study.key), Text(cluster), *cells)
        console.print(table)
        screen.advance(done + 1, len(shown))
    concepts = sum(len(chunk) for chunk in shown)
    counts = [
        (len(grid.rows) - len(rows), "study", "studies"),
        (len(grid.concepts) - concepts, "concept", "concepts"),
    ]
    screen.print_left_out(console, counts, "grid", WHOLE_TABLES["grid"])
    for number, concept in enumerate(grid.concepts[:concepts], start=1):
        console.print(Text.assemble((f"{number:>3}", "bold"), "  ", concept.label))
    console.print()
    console.print(Text(GRID_LEGEND), style="dim")


def _print_cut(
    console: Console, table: RichTable, total: int, name: str, screen: terminal.Screen
) -> None:
    """A table of `total` rows, then what it leaves out, if anything."""
    console.print(table)
    counts = [(total - table.row_count, "row", "rows")]
    screen.print_left_out(console, counts, f"{name} table", WHOLE_TABLES[name])


def _keys(studies: Sequence[StudyColumn]) -> str:
    """The studies' keys, the first few of a long list, and how many there are."""
    shown = keys(studies[:KEYS_IN_A_CELL])
    more = ", …" if len(studies) > KEYS_IN_A_CELL else ""
    return f"{shown}{more} ({len(studies)})"


def _rich_mark(presence: Presence) -> Text:
    from rich.text import Text

    text = Text()
    if presence.reciprocal:
        text.append(SUPPORTED_MARK, style="green")
    if presence.refutational:
        text.append((" " if presence.reciprocal else "") + REFUTED_MARK, style="red")
    return text


def _rich_clusters(clusters: Sequence[Cluster]) -> RichTable:
    from rich.text import Text

    headers = ["Cluster", "Studies", "Concepts supported by most of its studies"]
    table = terminal.table("Clusters of studies", headers, numeric=[0])
    for cluster in clusters:
        table.add_row(
            Text(str(cluster.number)),
            Text(_keys(cluster.studies)),
            Text(defining_text(cluster) or "None"),
        )
    return table


def _rich_pairs(pairs: Sequence[StudyPair]) -> RichTable:
    from rich.text import Text

    headers = ["Study", "Study", "Shared", "Jaccard", "Concepts both support"]
    table = terminal.table("Pairs of studies, the most similar first", headers, numeric=[2, 3])
    for pair in pairs:
        table.add_row(
            Text(pair.first.key),
            Text(pair.second.key),
            Text(str(len(pair.shared))),
            Text(f"{pair.jaccard:.2f}"),
            Text("; ".join(c.label for c in pair.shared)),
        )
    return table


def _rich_refutations(refutations: Sequence[Refutation]) -> RichTable:
    from rich.text import Text

    table = terminal.table("Refutations", REFUTATION_HEADERS)
    for refutation in refutations:
        table.add_row(
            Text(refutation.concept.label),
            Text(refuting_text(refutation), style="red"),
            Text(_keys(refutation.supporting) if refutation.supporting else "none (0)"),
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
