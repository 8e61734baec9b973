"""relate's tables as CSV (one table, chosen by `RelateView.table`) and as one JSON document.

docs/relate.md describes every column and the JSON shape; nothing here writes.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from metaethno.analysis.argument import DIGITS
from metaethno.analysis.juxtaposition import Presence
from metaethno.analysis.relatedness import RESOLUTION, SEED, Relatedness
from metaethno.render.tables import Table
from metaethno.render.tables import render_csv as table_csv

if TYPE_CHECKING:
    pass

from metaethno.render.relate import (
    JSON_FORMAT_VERSION,
    RelateView,
    defining_text,
)

# -- CSV ---------------------------------------------------------------------------------


def render_csv(relatedness: Relatedness, view: RelateView) -> str:
    """One table, chosen by `view.table`, as CSV."""
    return table_csv(CSV_TABLES[view.table](relatedness))


def _relation(presence: Presence) -> str | None:
    return presence.relation or None


def grid_table(relatedness: Relatedness) -> Table:
    """The juxtaposition grid: one row per study, a column per concept holding
    "reciprocal", "refutational", "both" or nothing."""
    grid = relatedness.grid
    rows = tuple(
        (row.study.id, row.study.key, row.cluster, *row.cell_texts(_relation, None))
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
            defining_text(cluster),
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
    """One row per refutation: the concept, the refuting study, whether it supports the concept
    too (mixed), and the other studies that support it with their number."""
    rows = tuple(
        (
            r.concept.id,
            r.concept.label,
            r.refuting.id,
            r.refuting.key,
            "yes" if r.mixed else "no",
            "; ".join(study.id for study in r.supporting),
            "; ".join(study.key for study in r.supporting),
            len(r.supporting),
        )
        for r in relatedness.refutations
    )
    headers = (
        "Concept ID",
        "Concept",
        "Refuting study ID",
        "Refuting study",
        "Mixed",
        "Supporting study IDs",
        "Studies supporting it",
        "Number of studies supporting it",
    )
    return Table("Refutations", "refutations.csv", headers, rows, frozen_columns=4)


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
        "judgement": (
            {"judgement": judgement.judgement, "reasons": judgement.reasons}
            if (judgement := relatedness.judgement)
            else None
        ),
        "juxtaposition": [
            {"study": item.study.id, "concepts": [c.id for c in item.concepts]}
            for item in relatedness.own_concepts
        ],
        "grid": [
            {
                "study": row.study.id,
                "cluster": row.cluster,
                "supports": [concepts[i].id for i, p in row.present.items() if p.reciprocal],
                "refutes": [concepts[i].id for i, p in row.present.items() if p.refutational],
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
        "refutations": [
            {
                "concept": r.concept.id,
                "refuting": r.refuting.id,
                "mixed": r.mixed,
                "supporting": [study.id for study in r.supporting],
            }
            for r in relatedness.refutations
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
