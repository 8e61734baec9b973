"""relate's wording and its tables as Markdown, shared with the report, so both say the same
thing in the same words.

`relate_data` renders the same tables as CSV and JSON and `relate_terminal` as rich tables;
each renderer takes the `Relatedness` and a `RelateView` and returns a string, and nothing
here writes. docs/relate.md describes every format, and the JSON shape.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from metaethno.analysis.argument import ArgumentAnalysis, loop_sentence
from metaethno.analysis.juxtaposition import Presence
from metaethno.analysis.relatedness import (
    RESOLUTION,
    SEED,
    Cluster,
    Refutation,
    Relatedness,
)
from metaethno.analysis.translation import REFUTED_MARK, StudyColumn
from metaethno.render import markdown as md
from metaethno.render.terminal import WHOLE, Screen
from metaethno.render.translation import MIXED
from metaethno.review.hints import plural

if TYPE_CHECKING:
    pass

CLUSTERS_TITLE = "Clusters of studies (computed aids)"
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
    terminal its width, whether to use colour and the screen its tables are cut to."""

    title: str = ""
    table: CsvTable = "grid"
    width: int = 100
    color: bool = False
    screen: Screen = WHOLE


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
        "A computed aid, not the reviewers' judgement: the studies are grouped by Louvain "
        "community detection on the graph of these "
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


def keys(studies: Sequence[StudyColumn]) -> str:
    return ", ".join(study.key for study in studies)


def defining_text(cluster: Cluster) -> str:
    size = len(cluster.studies)
    return "; ".join(
        f"{d.concept.label} ({d.in_cluster} of {size}; {d.in_review} in the review)"
        for d in cluster.defining
    )


def other_side(refutation: Refutation) -> str:
    """The studies on the other side of a refutation, with their number (plain text)."""
    supporting = keys(refutation.supporting)
    return f"{supporting} ({len(refutation.supporting)})" if supporting else "none (0)"


def refuting_text(refutation: Refutation) -> str:
    """The refuting study, marked mixed where it supports the concept too (plain text)."""
    return refutation.refuting.key + (MIXED if refutation.mixed else "")


REFUTATION_HEADERS = ["Concept", "Refuting study", "Studies that support the concept"]


# -- Markdown -----------------------------------------------------------------------------


def render_markdown(relatedness: Relatedness, view: RelateView) -> str:
    """A Markdown document: the review's title, the reviewers' judgement and the studies'
    concepts juxtaposed (phase 4, before translation), then the tables computed after it."""
    parts = [
        md.heading(1, view.title),
        judgement_markdown(relatedness, level=2),
        md.heading(2, JUXTAPOSITION_TITLE),
        juxtaposition_markdown(relatedness),
        md.heading(2, PRESENCE_TITLE),
        grid_markdown(relatedness) or "No synthesised concept has translations yet.\n\n",
        md.heading(2, CLUSTERS_TITLE),
        md.paragraph(md.escape(pairs_sentence(relatedness))),
        md.paragraph(md.escape(clustering_sentence(relatedness))),
        clusters_markdown(relatedness),
        isolated_markdown(relatedness),
        md.heading(2, "Pairs of studies"),
        pairs_markdown(relatedness) or "No two studies support a concept in common.\n\n",
        md.heading(2, "Refutations"),
        refutational_markdown(relatedness) or "No translation is refutational.\n\n",
        md.heading(2, "Line of argument"),
        argument_markdown(relatedness.argument)
        or "No synthesised concept has a line-of-argument link yet.\n\n",
    ]
    return md.document(parts)


JUXTAPOSITION_TITLE = "Juxtaposition: each study's key concepts, before translation"
PRESENCE_TITLE = "Presence matrix: studies by synthesised concepts, after translation"
JUXTAPOSITION_LEGEND = (
    "Each study's second-order concepts in its authors' own terms, as the study files list "
    "them, side by side: the view from which the reviewers judge how the studies relate "
    "(Noblit & Hare's phase 4), before translating them."
)
MAX_STUDY_COLUMNS = 8
"""Up to this many studies, the juxtaposition puts each study in a column; with more, each in a
row, as most papers print a wide table."""


def judgement_markdown(relatedness: Relatedness, level: int) -> str:
    """The reviewers' own phase-4 judgement from metaethno.yaml, or a sentence saying it is
    not recorded."""
    judgement = relatedness.judgement
    heading = md.heading(level, "How the reviewers judged the studies to be related")
    if judgement is None:
        return heading + md.paragraph(
            "Not recorded: `how_studies_relate` in metaethno.yaml holds the reviewers' "
            "judgement. The clusters below are computed aids, not that judgement."
        )
    text = md.paragraph(md.escape(judgement.judgement))
    if judgement.reasons:
        text += md.paragraph(f"**Why:** {md.escape(judgement.reasons)}")
    return heading + text


def juxtaposition_markdown(relatedness: Relatedness) -> str:
    """The studies' own concepts side by side: studies as columns, or as rows when there are
    more than `MAX_STUDY_COLUMNS`."""
    own = relatedness.own_concepts
    if not own:
        return "No studies.\n\n"
    if len(own) <= MAX_STUDY_COLUMNS:
        depth = max(len(item.concepts) for item in own)
        headers = [md.escape(item.study.key) for item in own]
        rows = [
            [md.escape(item.concepts[i].label) if i < len(item.concepts) else "" for item in own]
            for i in range(depth)
        ]
    else:
        headers = ["Study", "Its key concepts, in the authors' terms"]
        rows = [
            [md.escape(item.study.key), md.escape("; ".join(c.label for c in item.concepts))]
            for item in own
        ]
    return md.table(headers, rows) + md.paragraph(md.escape(JUXTAPOSITION_LEGEND))


def grid_markdown(relatedness: Relatedness) -> str:
    grid = relatedness.grid
    if not grid.concepts:
        return ""
    headers = ["Study", "Cluster", *(md.escape(c.label) for c in grid.concepts)]
    # rows made as the table is written: a grid of thousands of studies is never held whole
    rows = (
        [
            md.escape(row.study.key),
            str(row.cluster) if row.cluster is not None else "—",
            *row.cell_texts(mark, ""),
        ]
        for row in grid.rows
    )
    return md.table(headers, rows, numeric=[1]) + md.paragraph(md.escape(GRID_LEGEND))


def clusters_markdown(relatedness: Relatedness) -> str:
    """The clusters as a table: number, studies, defining concepts."""
    if not relatedness.clusters:
        return ""
    headers = ["Cluster", "Studies", "Concepts supported by most of its studies"]
    rows = [
        [
            str(cluster.number),
            f"{md.escape(keys(cluster.studies))} ({len(cluster.studies)})",
            md.escape(defining_text(cluster)) or "None",
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
        + md.escape(keys(relatedness.isolated))
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
    """One row per refutation: the concept, the refuting study (marked mixed where it supports
    the concept too) and the studies on the other side."""
    if not relatedness.refutations:
        return ""
    rows = [
        [md.escape(r.concept.label), md.escape(refuting_text(r)), md.escape(other_side(r))]
        for r in relatedness.refutations
    ]
    return md.paragraph(md.escape(refutations_sentence(len(rows)))) + md.table(
        REFUTATION_HEADERS, rows
    )


def refutations_sentence(count: int) -> str:
    """How many refutations there are: one per study and concept it contradicts, however many
    studies stand on the other side."""
    return (
        f"{plural(count, 'refutation')}: a study contradicts a concept; the last column names "
        "the other studies that support it and gives their number."
    )


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
                f"**Loops among the links.** The links form {count} "
                f"{'loop' if count == 1 else 'loops'}{more}: concepts that lead back to "
                "themselves. A computed aid for reading the argument, not an error; whether a "
                "loop is a reinforcing cycle is the reviewers' reading."
            )
        )
        parts.append(md.bullets([md.escape(loop_sentence(loop)) + "." for loop in analysis.loops]))
    if analysis.central:
        parts.append(
            md.paragraph(
                "**Most central concepts**, a computed aid (betweenness centrality: the share "
                "of the shortest paths between two other concepts that pass through the "
                "concept):"
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
        parts.append(
            md.paragraph(
                f"**Concepts with no link** (neither a link nor a place in an `includes`): "
                f"{md.escape(labels)}."
            )
        )
    return "".join(parts)


def _links(count: int, direction: str) -> str:
    return f"{plural(count, 'link')} {direction}"
