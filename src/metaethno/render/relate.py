"""Render relate's tables as Markdown, CSV, JSON or rich terminal tables, chosen by name.

Each renderer takes the `Relatedness` and a `RelateView` and returns a string; nothing
here writes. The Markdown sections are shared with the report, so both say the same
thing in the same words. docs/relate.md describes every format, and the JSON shape.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from metaethno.analysis.relatedness import (
    DIGITS,
    RESOLUTION,
    SEED,
    ArgumentAnalysis,
    Cluster,
    Presence,
    RefutationalPair,
    Relatedness,
    loop_sentence,
)
from metaethno.analysis.translation import REFUTED_MARK, Named, StudyColumn
from metaethno.render import markdown as md
from metaethno.render import terminal
from metaethno.render.tables import Table
from metaethno.render.tables import render_csv as table_csv
from metaethno.review.hints import plural

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table as RichTable
    from rich.text import Text

CsvTable = Literal["grid", "pairs", "clusters", "refutations"]
JSON_FORMAT_VERSION = 1
SUPPORTED_MARK = "●"

GRID_LEGEND = (
    f"{SUPPORTED_MARK} the study supports the concept (a reciprocal translation); "
    f"{REFUTED_MARK} it refutes it (a refutational translation). Studies are listed cluster by "
    "cluster, each cluster in translation order, then the studies that share no concept "
    "with another."
)
JACCARD_SENTENCE = (
    "Two studies are related by the synthesised concepts they both support; their "
    "similarity is the Jaccard index, the number of concepts they both support divided by "
    "the number either supports (1 when they support the same concepts)."
)


@dataclass(frozen=True)
class RelateView:
    """How to show the tables: the review's title, the table `csv` writes, and for the
    terminal its width and whether to use colour."""

    title: str = ""
    table: CsvTable = "grid"
    width: int = 100
    color: bool = False


# -- shared wording ----------------------------------------------------------------------


def mark(presence: Presence) -> str:
    """A grid cell as plain text: ● supports, † refutes, both, or nothing."""
    marks = [SUPPORTED_MARK] if presence.reciprocal else []
    marks += [REFUTED_MARK] if presence.refutational else []
    return " ".join(marks)


def pairs_sentence(relatedness: Relatedness) -> str:
    """How many pairs of studies have something in common, after how similarity is measured."""
    shared, possible = len(relatedness.pairs), relatedness.possible_pairs
    return (
        f"{JACCARD_SENTENCE} {shared} of {possible} {'pair' if possible == 1 else 'pairs'} of "
        f"studies {'supports' if shared == 1 else 'support'} at least one concept in common."
    )


def clustering_sentence(relatedness: Relatedness) -> str:
    """How the studies were grouped, in plain words (nothing a reviewer wrote)."""
    if relatedness.modularity is None:
        return "No two studies support a concept in common, so there are no clusters."
    method = (
        "The studies are grouped by Louvain community detection on the graph of these "
        f"similarities (networkx, weighted by the Jaccard index, resolution {RESOLUTION:g}, "
        f"seed {SEED}, so the grouping is the same on every run)"
    )
    if len(relatedness.clusters) == 1:
        method += "; it finds one cluster"
    else:
        method += (
            f"; modularity {relatedness.modularity:.3f} (0 when studies in a cluster are no "
            "more alike than chance would make them; above 0.3 is usually read as clear "
            "structure)"
        )
    return method + (
        ". A cluster's defining concepts are those supported by more than half of its "
        "studies, with how many of them support each and how many studies in the whole review."
    )


def _keys(studies: Sequence[StudyColumn]) -> str:
    return ", ".join(study.key for study in studies)


def _defining_text(cluster: Cluster) -> str:
    size = len(cluster.studies)
    return "; ".join(
        f"{d.concept.label} ({d.in_cluster} of {size}; {d.in_review} in the review)"
        for d in cluster.defining
    )


def _refutation_groups(
    pairs: Sequence[RefutationalPair],
) -> Iterator[tuple[StudyColumn, Named, list[StudyColumn]]]:
    """(refuting study, concept, the studies supporting it), in the pairs' order."""
    groups: dict[tuple[str, str], tuple[StudyColumn, Named, list[StudyColumn]]] = {}
    for pair in pairs:
        for concept in pair.concepts:
            key = (pair.refuting.id, concept.id)
            groups.setdefault(key, (pair.refuting, concept, []))[2].append(pair.supporting)
    yield from groups.values()


# -- Markdown -----------------------------------------------------------------------------


def render_markdown(relatedness: Relatedness, view: RelateView) -> str:
    """A Markdown document: the review's title, then every table of relate."""
    parts = [
        md.heading(1, view.title),
        md.heading(2, "Juxtaposition grid"),
        grid_markdown(relatedness) or "No synthesised concept has translations yet.\n\n",
        md.heading(2, "Clusters of studies"),
        md.paragraph(md.escape(pairs_sentence(relatedness))),
        md.paragraph(md.escape(clustering_sentence(relatedness))),
        clusters_markdown(relatedness),
        isolated_markdown(relatedness),
        md.heading(2, "Pairs of studies"),
        pairs_markdown(relatedness) or "No two studies support a concept in common.\n\n",
        md.heading(2, "Refutational pairs"),
        refutational_markdown(relatedness)
        or "No study refutes a concept that another supports.\n\n",
        md.heading(2, "Line of argument"),
        argument_markdown(relatedness.argument)
        or "No synthesised concept has a line-of-argument link yet.\n\n",
    ]
    return "".join(parts).rstrip("\n") + "\n"


def grid_markdown(relatedness: Relatedness) -> str:
    grid = relatedness.grid
    if not grid.concepts:
        return ""
    headers = ["Study", "Cluster", *(md.escape(c.label) for c in grid.concepts)]
    rows = [
        [
            md.escape(row.study.key),
            str(row.cluster) if row.cluster is not None else "—",
            *(mark(cell) for cell in row.cells),
        ]
        for row in grid.rows
    ]
    return md.table(headers, rows, numeric=[1]) + md.paragraph(md.escape(GRID_LEGEND))


def clusters_markdown(relatedness: Relatedness) -> str:
    """The clusters as a table: number, studies, defining concepts."""
    if not relatedness.clusters:
        return ""
    headers = ["Cluster", "Studies", "Concepts supported by most of its studies"]
    rows = [
        [
            str(cluster.number),
            f"{md.escape(_keys(cluster.studies))} ({len(cluster.studies)})",
            md.escape(_defining_text(cluster)) or "None",
        ]
        for cluster in relatedness.clusters
    ]
    return md.table(headers, rows, numeric=[0])


def isolated_markdown(relatedness: Relatedness) -> str:
    """The studies that share no concept with any other, or a sentence saying there are none."""
    if not relatedness.studies:
        return ""
    if not relatedness.isolated:
        return md.paragraph("Every study supports at least one concept that another supports.")
    return md.paragraph(
        "**Studies that share no concept with any other:** "
        + md.escape(_keys(relatedness.isolated))
        + "."
    )


def pairs_markdown(relatedness: Relatedness) -> str:
    if not relatedness.pairs:
        return ""
    headers = ["Study", "Study", "Shared", "Jaccard", "Concepts both support"]
    rows = [
        [
            md.escape(pair.first.key),
            md.escape(pair.second.key),
            str(len(pair.shared)),
            f"{pair.jaccard:.2f}",
            md.escape("; ".join(c.label for c in pair.shared)),
        ]
        for pair in relatedness.pairs
    ]
    return md.paragraph("The most similar pairs first.") + md.table(headers, rows, numeric=[2, 3])


def refutational_markdown(relatedness: Relatedness) -> str:
    """One row per study and concept it refutes, with the studies that support the concept."""
    if not relatedness.refutational_pairs:
        return ""
    count = len(relatedness.refutational_pairs)
    headers = ["Refuting study", "Concept it refutes", "Studies that support the concept"]
    rows = [
        [
            md.escape(refuting.key),
            md.escape(concept.label),
            f"{md.escape(_keys(supporting))} ({len(supporting)})",
        ]
        for refuting, concept, supporting in _refutation_groups(relatedness.refutational_pairs)
    ]
    return md.paragraph(
        f"{plural(count, 'pair')} of studies stand in refutational "
        "relation: one supports a concept that the other refutes."
    ) + md.table(headers, rows)


def argument_markdown(analysis: ArgumentAnalysis) -> str:
    """Loops, the most central concepts and the unlinked concepts, as paragraphs and lists;
    empty when no concept has a link."""
    if not analysis.linked:
        return ""
    parts = []
    if analysis.loops:
        count = len(analysis.loops)
        more = f" (the first {count} found)" if analysis.loops_truncated else ""
        parts.append(
            md.paragraph(
                f"**Reinforcing loops.** The links form {count} "
                f"{'loop' if count == 1 else 'loops'}{more}, concepts that lead back to "
                "themselves: factors that reinforce one another, a finding of the synthesis "
                "rather than an error."
            )
        )
        parts.append(md.bullets([md.escape(loop_sentence(loop)) + "." for loop in analysis.loops]))
    if analysis.central:
        parts.append(
            md.paragraph(
                "**Most central concepts** (betweenness centrality: the share of the shortest "
                "paths between two other concepts that pass through the concept):"
            )
        )
        parts.append(
            md.bullets(
                [
                    f"{md.escape(c.concept.label)}: {c.betweenness:.3f} "
                    f"({_links(c.links_in, 'in')}, {_links(c.links_out, 'out')})"
                    for c in analysis.central
                ]
            )
        )
    if analysis.unlinked:
        labels = "; ".join(concept.label for concept in analysis.unlinked)
        parts.append(md.paragraph(f"**Concepts with no link:** {md.escape(labels)}."))
    return "".join(parts)


def _links(count: int, direction: str) -> str:
    return f"{plural(count, 'link')} {direction}"


# -- CSV ---------------------------------------------------------------------------------


def render_csv(relatedness: Relatedness, view: RelateView) -> str:
    """One table, chosen by `view.table`, as CSV."""
    return table_csv(CSV_TABLES[view.table](relatedness))


def grid_table(relatedness: Relatedness) -> Table:
    """The juxtaposition grid: one row per study, a column per concept holding
    "reciprocal", "refutational", "both" or nothing."""
    grid = relatedness.grid
    rows = tuple(
        (row.study.id, row.study.key, row.cluster, *(cell.relation or None for cell in row.cells))
        for row in grid.rows
    )
    headers = ("Study ID", "Study", "Cluster", *(c.label for c in grid.concepts))
    return Table("Juxtaposition grid", "juxtaposition.csv", headers, rows, frozen_columns=2)


def pairs_table(relatedness: Relatedness) -> Table:
    """Every pair of studies with a concept in common, the most similar first."""
    rows = tuple(
        (
            pair.first.id,
            pair.first.key,
            pair.second.id,
            pair.second.key,
            len(pair.shared),
            pair.union,
            f"{pair.jaccard:.{DIGITS}f}",
            "; ".join(c.id for c in pair.shared),
            "; ".join(c.label for c in pair.shared),
        )
        for pair in relatedness.pairs
    )
    headers = (
        "Study ID",
        "Study",
        "Other study ID",
        "Other study",
        "Shared",
        "Union",
        "Jaccard",
        "Shared concept IDs",
        "Shared concepts",
    )
    return Table("Study pairs", "pairs.csv", headers, rows, frozen_columns=4)


def clusters_table(relatedness: Relatedness) -> Table:
    """One row per cluster: its studies and defining concepts."""
    rows = tuple(
        (
            cluster.number,
            len(cluster.studies),
            "; ".join(s.id for s in cluster.studies),
            "; ".join(s.key for s in cluster.studies),
            "; ".join(d.concept.id for d in cluster.defining),
            _defining_text(cluster),
        )
        for cluster in relatedness.clusters
    )
    headers = (
        "Cluster",
        "Studies (n)",
        "Study IDs",
        "Studies",
        "Defining concept IDs",
        "Defining concepts",
    )
    return Table("Clusters", "clusters.csv", headers, rows, frozen_columns=1)


def refutations_table(relatedness: Relatedness) -> Table:
    """One row per refutational pair: the supporting study, the refuting one, the concepts."""
    rows = tuple(
        (
            pair.supporting.id,
            pair.supporting.key,
            pair.refuting.id,
            pair.refuting.key,
            "; ".join(c.id for c in pair.concepts),
            "; ".join(c.label for c in pair.concepts),
        )
        for pair in relatedness.refutational_pairs
    )
    headers = (
        "Supporting study ID",
        "Supporting study",
        "Refuting study ID",
        "Refuting study",
        "Concept IDs",
        "Concepts",
    )
    return Table("Refutational pairs", "refutational-pairs.csv", headers, rows, frozen_columns=4)


CSV_TABLES: dict[str, Callable[[Relatedness], Table]] = {
    "grid": grid_table,
    "pairs": pairs_table,
    "clusters": clusters_table,
    "refutations": refutations_table,
}


# -- JSON --------------------------------------------------------------------------------


def render_json(relatedness: Relatedness, view: RelateView) -> str:  # noqa: ARG001 - one signature
    """Every table at once: a stable object with a `version` key."""
    return json.dumps(relatedness_json(relatedness), indent=2, ensure_ascii=False) + "\n"


def relatedness_json(relatedness: Relatedness) -> dict[str, Any]:
    """The JSON object of docs/relate.md."""
    order = relatedness.order
    clusters = relatedness.cluster_of()
    concepts = relatedness.grid.concepts
    analysis = relatedness.argument
    return {
        "version": JSON_FORMAT_VERSION,
        "order": {"method": order.method, "index_study": order.index_study},
        "studies": [
            {"id": s.id, "key": s.key, "cluster": clusters.get(s.id)} for s in relatedness.studies
        ],
        "concepts": [{"id": c.id, "label": c.label} for c in concepts],
        "grid": [
            {
                "study": row.study.id,
                "cluster": row.cluster,
                "supports": [
                    c.id for c, p in zip(concepts, row.cells, strict=True) if p.reciprocal
                ],
                "refutes": [
                    c.id for c, p in zip(concepts, row.cells, strict=True) if p.refutational
                ],
            }
            for row in relatedness.grid.rows
        ],
        "pairs": [
            {
                "studies": [pair.first.id, pair.second.id],
                "shared": [c.id for c in pair.shared],
                "union": pair.union,
                "jaccard": pair.jaccard,
            }
            for pair in relatedness.pairs
        ],
        "clustering": {
            "method": "louvain",
            "weight": "jaccard",
            "resolution": RESOLUTION,
            "seed": SEED,
            "modularity": relatedness.modularity,
        },
        "clusters": [
            {
                "number": cluster.number,
                "studies": [s.id for s in cluster.studies],
                "defining_concepts": [
                    {
                        "concept": d.concept.id,
                        "in_cluster": d.in_cluster,
                        "in_review": d.in_review,
                    }
                    for d in cluster.defining
                ],
            }
            for cluster in relatedness.clusters
        ],
        "isolated": [s.id for s in relatedness.isolated],
        "refutational_pairs": [
            {
                "supporting": pair.supporting.id,
                "refuting": pair.refuting.id,
                "concepts": [c.id for c in pair.concepts],
            }
            for pair in relatedness.refutational_pairs
        ],
        "argument": {
            "loops": [
                {"concepts": [c.id for c in loop.concepts], "relations": list(loop.relations)}
                for loop in analysis.loops
            ],
            "loops_truncated": analysis.loops_truncated,
            "central": [
                {
                    "concept": c.concept.id,
                    "betweenness": c.betweenness,
                    "links_in": c.links_in,
                    "links_out": c.links_out,
                }
                for c in analysis.central
            ],
            "unlinked": [c.id for c in analysis.unlinked],
        },
    }


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
                _keys(relatedness.isolated),
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
            Text(f"{_keys(cluster.studies)} ({len(cluster.studies)})"),
            Text(_defining_text(cluster) or "None"),
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
    table = terminal.table("Refutational pairs", headers)
    for refuting, concept, supporting in _refutation_groups(relatedness.refutational_pairs):
        table.add_row(
            Text(refuting.key, style="red"),
            Text(concept.label),
            Text(f"{_keys(supporting)} ({len(supporting)})"),
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
        console.print(Text(f"Reinforcing loops among the links{more}", style="bold"))
        for loop in analysis.loops:
            console.print(Padding(Text(loop_sentence(loop) + "."), (0, 0, 0, 2)))
    if analysis.central:
        console.print()
        table = terminal.table(
            "Most central concepts (betweenness)",
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


Renderer = Callable[[Relatedness, RelateView], str]

RENDERERS: dict[str, Renderer] = {
    "table": render_table,
    "markdown": render_markdown,
    "csv": render_csv,
    "json": render_json,
}
