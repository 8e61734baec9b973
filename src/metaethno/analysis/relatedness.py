"""How the studies are related (Noblit & Hare's phase 4), and how the line of argument hangs
together, as data for `metaethno relate` and the report.

Pure functions from a checked review to frozen rows, computed on the graphs of
`metaethno.analysis.graphs`:

- the reviewers' own judgement of how the studies relate (metaethno.yaml), and each study's
  key concepts in its authors' terms, juxtaposed as the study files give them, before any
  translation: the view phase 4 works from;
- the presence matrix, computed after translation: studies by synthesised concepts, the
  studies ordered so that related studies sit together (cluster by cluster, in translation
  order within each, then the isolated studies);
- pairs of studies with the concepts they both support and their Jaccard similarity;
- clusters of studies found by Louvain community detection on the similarity graph, with
  a fixed seed (`SEED`) so that the same review always gives the same clusters, and the
  concepts that define each cluster;
- studies that share no concept with any other;
- refutations: each study that contradicts a concept, with the studies on the other side;
- the analysis of the line of argument (`metaethno.analysis.argument`), carried along.

docs/relate.md explains each of them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

from metaethno.analysis.argument import DIGITS, ArgumentAnalysis
from metaethno.analysis.graphs import Graph, build_study_graph, supported_concepts
from metaethno.analysis.juxtaposition import Juxtaposition, build_juxtaposition
from metaethno.analysis.ordering import StudyOrder
from metaethno.analysis.translation import Named, StudyColumn, study_columns
from metaethno.review.loaded import Review, supporting_studies
from metaethno.review.models import StudyRelations

SEED = 1988
"""The seed of the Louvain community detection: Noblit and Hare's year. Louvain visits the
studies in a random order; a fixed seed fixes that order, so the clusters are the same on
every run (for the same networkx version)."""
RESOLUTION = 1.0
"""Louvain's resolution: networkx's default. Above 1 favours smaller clusters."""


@dataclass(frozen=True)
class StudyPair:
    """Two studies that support at least one concept in common.

    `first` comes before `second` in translation order; `union` counts the concepts either
    supports and `jaccard` is `len(shared) / union`, rounded to `DIGITS`.
    """

    first: StudyColumn
    second: StudyColumn
    shared: tuple[Named, ...]
    union: int
    jaccard: float


@dataclass(frozen=True)
class DefiningConcept:
    """A concept supported by most of a cluster's studies: by `in_cluster` of them, and by
    `in_review` studies in the whole review."""

    concept: Named
    in_cluster: int
    in_review: int


@dataclass(frozen=True)
class Cluster:
    """A group of related studies, numbered from 1, largest first."""

    number: int
    studies: tuple[StudyColumn, ...]
    defining: tuple[DefiningConcept, ...]


@dataclass(frozen=True)
class Refutation:
    """A study contradicting a concept: one however many of the study's concepts do.

    `supporting`: the other studies that support the concept, in translation order;
    `mixed`: the refuting study supports the concept too, through another of its concepts.
    """

    concept: Named
    refuting: StudyColumn
    supporting: tuple[StudyColumn, ...]
    mixed: bool = False


@dataclass(frozen=True)
class OwnConcepts:
    """A study's key concepts in its authors' terms, as the study file lists them: what phase 4
    juxtaposes before any translation."""

    study: StudyColumn
    concepts: tuple[Named, ...]


@dataclass(frozen=True, eq=False)
class Relatedness:
    """Everything `metaethno relate` shows, built once from the review.

    `studies` are in translation order; `modularity` is that of the clusters on the
    similarity graph (None when no two studies share a concept).
    """

    review: Review
    concept_ids: tuple[str, ...]
    order: StudyOrder
    studies: tuple[StudyColumn, ...]
    pairs: tuple[StudyPair, ...]
    clusters: tuple[Cluster, ...]
    modularity: float | None
    isolated: tuple[StudyColumn, ...]
    refutations: tuple[Refutation, ...]
    argument: ArgumentAnalysis
    own_concepts: tuple[OwnConcepts, ...] = ()
    judgement: StudyRelations | None = None

    @cached_property
    def grid(self) -> Juxtaposition:
        """The presence matrix, a cell per study and concept: built only for an output that
        shows it (the report does not)."""
        ordered: list[tuple[int | None, StudyColumn]] = [
            (cluster.number, study) for cluster in self.clusters for study in cluster.studies
        ]
        ordered += [(None, study) for study in self.isolated]
        placed = {study.id for _, study in ordered}
        # a study in neither (none, unless the graph and the columns disagree) is not dropped
        ordered += [(None, study) for study in self.studies if study.id not in placed]
        return build_juxtaposition(self.review, self.concept_ids, ordered)

    @property
    def possible_pairs(self) -> int:
        count = len(self.studies)
        return count * (count - 1) // 2

    def cluster_of(self) -> dict[str, int]:
        """Each clustered study's id with its cluster's number."""
        return {study.id: cluster.number for cluster in self.clusters for study in cluster.studies}


def build_relatedness(
    review: Review, order: StudyOrder, concept_ids: Sequence[str], argument: ArgumentAnalysis
) -> Relatedness:
    """All of relate's tables, studies in `order` and concepts in the order of `concept_ids`
    (the line of argument's); `argument` is the analysis of its links."""
    columns = study_columns(review, order.study_ids)
    names = {c.id: Named(c.id, c.label) for c in review.concepts.values()}
    similarity = build_study_graph(review)
    clusters, modularity = _clusters(review, similarity, columns, concept_ids, names)
    isolated = tuple(column for column in columns if similarity.degree(column.id) == 0)
    return Relatedness(
        review=review,
        concept_ids=tuple(concept_ids),
        order=order,
        studies=columns,
        pairs=_pairs(similarity, columns, concept_ids, names),
        clusters=clusters,
        modularity=modularity,
        isolated=isolated,
        refutations=_refutations(review, columns, concept_ids),
        argument=argument,
        own_concepts=tuple(
            OwnConcepts(
                column, tuple(Named(c.id, c.label) for c in review.studies[column.id].concepts)
            )
            for column in columns
        ),
        judgement=review.config.how_studies_relate if review.config else None,
    )


# -- pairs and clusters ------------------------------------------------------------------


def _pairs(
    similarity: Graph,
    columns: Sequence[StudyColumn],
    concept_ids: Sequence[str],
    names: Mapping[str, Named],
) -> tuple[StudyPair, ...]:
    """Every pair of studies with a concept in common, the most similar first (then the
    most concepts shared, then translation order)."""
    position = {column.id: index for index, column in enumerate(columns)}
    by_id = {column.id: column for column in columns}
    concept_position = {c: index for index, c in enumerate(concept_ids)}
    pairs = []
    for a, b, data in similarity.edges(data=True):
        if a not in position or b not in position:
            continue
        first, second = sorted((a, b), key=position.__getitem__)
        shared = sorted(data["shared"], key=concept_position.__getitem__)
        pairs.append(
            StudyPair(
                by_id[first],
                by_id[second],
                tuple(names[c] for c in shared),
                data["union"],
                round(data["weight"], DIGITS),
            )
        )
    pairs.sort(
        key=lambda p: (-p.jaccard, -len(p.shared), position[p.first.id], position[p.second.id])
    )
    return tuple(pairs)


def _clusters(
    review: Review,
    similarity: Graph,
    columns: Sequence[StudyColumn],
    concept_ids: Sequence[str],
    names: Mapping[str, Named],
) -> tuple[tuple[Cluster, ...], float | None]:
    """Louvain communities of the similarity graph, leaving out the isolated studies.

    Clusters are numbered largest first, ties by the translation order of their first
    study; studies within a cluster follow the translation order.
    """
    from networkx.algorithms.community import modularity  # type: ignore[import-untyped]

    connected, communities = _communities(similarity)
    if not communities:
        return (), None
    score = round(
        modularity(connected, communities, weight="weight", resolution=RESOLUTION), DIGITS
    )
    by_id = {column.id: column for column in columns}
    groups = _numbered(communities, [column.id for column in columns])
    supported = supported_concepts(review)
    in_review = Counter(c for concepts in supported.values() for c in concepts)
    position = {c: index for index, c in enumerate(concept_ids)}
    clusters = []
    for number, group in enumerate(groups, start=1):
        counts = Counter(c for s in group for c in supported[s])
        shared = sorted(
            (c for c in counts if 2 * counts[c] > len(group) and c in position),
            key=position.__getitem__,
        )
        defining = [DefiningConcept(names[c], counts[c], in_review[c]) for c in shared]
        # the most widely shared first; ties keep the line of argument's order (sort is stable)
        defining.sort(key=lambda d: -d.in_cluster)
        clusters.append(Cluster(number, tuple(by_id[s] for s in group), tuple(defining)))
    return tuple(clusters), score


def study_clusters(review: Review, order: StudyOrder) -> dict[str, int]:
    """Each clustered study's id with its cluster's number: `build_relatedness`'s clusters,
    without the rest of relate's tables."""
    study_ids = [s for s in order.study_ids if s in review.studies]
    _, communities = _communities(build_study_graph(review))
    groups = _numbered(communities, study_ids)
    return {study: number for number, group in enumerate(groups, start=1) for study in group}


def _communities(similarity: Graph) -> tuple[Graph, list[set[str]]]:
    """The similarity graph without its isolated studies, and its Louvain communities (none
    when no two studies share a concept)."""
    from networkx.algorithms.community import louvain_communities

    connected = similarity.subgraph(n for n in similarity if similarity.degree(n) > 0)
    if connected.number_of_edges() == 0:
        return connected, []
    communities = louvain_communities(connected, weight="weight", resolution=RESOLUTION, seed=SEED)
    return connected, communities


def _numbered(communities: Sequence[set[str]], study_ids: Sequence[str]) -> list[list[str]]:
    """The communities' studies of `study_ids`, each in that order, the largest community
    first (ties by the order of their first study): cluster 1, 2, ..."""
    position = {study_id: index for index, study_id in enumerate(study_ids)}
    groups = [
        sorted((s for s in community if s in position), key=position.__getitem__)
        for community in communities
    ]
    groups = [group for group in groups if group]
    groups.sort(key=lambda group: (-len(group), position[group[0]]))
    return groups


# -- refutations ---------------------------------------------------------------------------


def _refutations(
    review: Review, columns: Sequence[StudyColumn], concept_ids: Sequence[str]
) -> tuple[Refutation, ...]:
    """One per study and concept it refutes: concepts in the order of `concept_ids`, then
    refuting studies in translation order. A study is never on both sides: where it supports
    the concept too, it is marked mixed."""
    position = {column.id: index for index, column in enumerate(columns)}
    by_id = {column.id: column for column in columns}
    found: list[Refutation] = []
    for concept_id in concept_ids:
        concept = review.concepts[concept_id]
        supporting = set(supporting_studies(concept)) & position.keys()
        refuting = {t.study for t in concept.translations if t.relation == "refutational"}
        for refuter in sorted(refuting & position.keys(), key=position.__getitem__):
            others = sorted(supporting - {refuter}, key=position.__getitem__)
            found.append(
                Refutation(
                    Named(concept.id, concept.label),
                    by_id[refuter],
                    tuple(by_id[s] for s in others),
                    mixed=refuter in supporting,
                )
            )
    return tuple(found)
