"""The review as networkx graphs: the one place graphs are built.

Four pure functions of a review, each a fresh graph whose nodes and edges are added in a
sorted order, so that everything computed or written from them is deterministic:

- `build_argument_graph`: the synthesised concepts and their line-of-argument links;
- `build_synthesis_graph`: the `includes` hierarchy down to the study concepts translated
  into each concept;
- `build_study_concept_graph`: the studies and the synthesised concepts they translate
  into, a bipartite graph;
- `build_study_graph`: the studies, joined where they support a concept in common and
  weighted by their Jaccard similarity, the graph the clustering of `relatedness` runs on.

Node ids: a synthesised concept is its own id (`trust`), a study concept is
`<study>/<concept>` and a study `study:<id>`; ids never hold `/` or `:`, so the kinds
cannot clash. Every attribute is a plain str, int or float (never None: a missing level
is ""), so GraphML and GEXF can hold them. docs/relate.md lists them.

networkx is imported here at module level: `check` never imports this module, and the
modules that do (ordering, relatedness, report) load it only when a table is built.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeAlias

# networkx ships no type hints; types-networkx is not among the dev dependencies
import networkx as nx  # type: ignore[import-untyped]

from metaethno.review.citations import study_keys
from metaethno.review.loaded import Review, studies_behind, supporting_studies

Graph: TypeAlias = Any
"""A networkx graph (networkx has no type hints)."""

CONCEPT = "concept"
HIGHER_ORDER = "higher-order concept"
STUDY_CONCEPT = "study concept"
STUDY = "study"


def study_node(study_id: str) -> str:
    """The node id of a study in the study-concept graph."""
    return f"study:{study_id}"


def study_concept_node(study_id: str, concept_id: str) -> str:
    """The node id of a study's concept in the synthesis graph."""
    return f"{study_id}/{concept_id}"


def build_argument_graph(review: Review) -> Graph:
    """Every synthesised concept, and a directed edge for each line-of-argument link.

    Edges: `kind` "link", `relation` (the link's verb phrase; two links between the same
    concepts are joined by "; "), `label` (the same). A link to an unknown concept is
    left out; a link from a concept to itself is kept (a loop of one).
    """
    graph = nx.DiGraph(view="argument")
    for concept_id in sorted(review.concepts):
        graph.add_node(concept_id, **_concept_attributes(review, concept_id))
    relations: dict[tuple[str, str], list[str]] = {}
    for concept_id in sorted(review.concepts):
        for link in review.concepts[concept_id].links:
            if link.to in review.concepts:
                relations.setdefault((concept_id, link.to), []).append(link.relation)
    for (source, target), phrases in sorted(relations.items()):
        _add_edge(graph, source, target, "link", _joined(phrases))
    return graph


def build_synthesis_graph(review: Review) -> Graph:
    """The synthesis from the top down: each concept to the concepts it `includes`, and to
    the study concepts translated into it.

    Nodes: every synthesised concept, and every study concept that a translation names.
    Edges: `kind` "includes" (`relation` "includes") or "translation" (`relation`
    "reciprocal" or "refutational").
    """
    keys = study_keys(review.studies)
    graph = nx.DiGraph(view="synthesis")
    for concept_id in sorted(review.concepts):
        graph.add_node(concept_id, **_concept_attributes(review, concept_id))
    edges: dict[tuple[str, str], tuple[str, list[str]]] = {}
    study_concepts: dict[str, dict[str, Any]] = {}
    for concept_id in sorted(review.concepts):
        concept = review.concepts[concept_id]
        for child in concept.includes:
            if child in review.concepts and child != concept_id:
                edges[(concept_id, child)] = ("includes", ["includes"])
        for translation in concept.translations:
            study = review.studies.get(translation.study)
            study_concept = study.concept(translation.concept) if study else None
            if study is None or study_concept is None:
                continue
            node = study_concept_node(study.id, study_concept.id)
            study_concepts[node] = {
                "label": f"{study_concept.label} ({keys[study.id]})",
                "kind": STUDY_CONCEPT,
                "study": study.id,
                "level": study_concept.level or "",
            }
            edges.setdefault((concept_id, node), ("translation", []))[1].append(
                translation.relation
            )
    for node, attributes in sorted(study_concepts.items()):
        graph.add_node(node, **attributes)
    for (source, target), (kind, relations) in sorted(edges.items()):
        _add_edge(graph, source, target, kind, _joined(sorted(set(relations))))
    return graph


def build_study_concept_graph(review: Review, clusters: Mapping[str, int] | None = None) -> Graph:
    """Studies and the synthesised concepts they translate into: an undirected bipartite graph.

    Nodes: every study (`kind` "study", `label` its short key, `year`, and `cluster`: its
    cluster's number from `clusters`, 0 for none) and every concept with a translation.
    Edges: `kind` "translation", `relation` "reciprocal", "refutational" or both joined by
    "; ", `translations` (how many of the study's concepts are translated into it).
    """
    keys = study_keys(review.studies)
    clusters = clusters or {}
    graph = nx.Graph(view="studies")
    for study_id in sorted(review.studies):
        graph.add_node(
            study_node(study_id),
            label=keys[study_id],
            kind=STUDY,
            study=study_id,
            year=review.studies[study_id].year,
            cluster=clusters.get(study_id, 0),
        )
    edges: dict[tuple[str, str], list[str]] = {}
    for concept_id in sorted(review.concepts):
        for translation in review.concepts[concept_id].translations:
            study = review.studies.get(translation.study)
            if study is not None and study.concept(translation.concept) is not None:
                edges.setdefault((study_node(study.id), concept_id), []).append(
                    translation.relation
                )
    for concept_id in sorted({concept for _, concept in edges}):
        graph.add_node(concept_id, **_concept_attributes(review, concept_id))
    for (source, target), relations in sorted(edges.items()):
        _add_edge(graph, source, target, "translation", _joined(sorted(set(relations))))
        graph.edges[source, target]["translations"] = len(relations)
    return graph


def supported_concepts(review: Review) -> dict[str, frozenset[str]]:
    """For each study (every one, by id), the synthesised concepts it supports: those it has
    a reciprocal translation into."""
    supported: dict[str, set[str]] = {study_id: set() for study_id in sorted(review.studies)}
    for concept in review.concepts.values():
        for study_id in supporting_studies(concept):
            if study_id in supported:
                supported[study_id].add(concept.id)
    return {study_id: frozenset(concepts) for study_id, concepts in supported.items()}


def build_study_graph(review: Review) -> Graph:
    """Studies joined by the concepts they both support, weighted by Jaccard similarity.

    Nodes: every study, by id. An edge joins two studies that support at least one
    concept in common: `weight` is the Jaccard index (concepts in common over concepts
    either supports), `shared` the sorted ids of the concepts in common and `union` the
    number of concepts either supports.
    """
    supported = supported_concepts(review)
    graph = nx.Graph(view="study similarity")
    graph.add_nodes_from(supported)
    # the pairs that share a concept, from the studies of each concept rather than every pair
    # of studies, added in the order of `combinations(supported, 2)`
    position = {study_id: index for index, study_id in enumerate(supported)}
    studies_of: dict[str, list[str]] = {}
    for study_id, concepts in supported.items():
        for concept_id in concepts:
            studies_of.setdefault(concept_id, []).append(study_id)
    for first, concepts in supported.items():
        later = {s for c in concepts for s in studies_of[c] if position[s] > position[first]}
        for second in sorted(later, key=position.__getitem__):
            shared = concepts & supported[second]
            union = len(supported[first] | supported[second])
            graph.add_edge(
                first, second, weight=len(shared) / union, shared=tuple(sorted(shared)), union=union
            )
    return graph


def _concept_attributes(review: Review, concept_id: str) -> dict[str, Any]:
    concept = review.concepts[concept_id]
    refuting = {t.study for t in concept.translations if t.relation == "refutational"}
    return {
        "label": concept.label,
        "kind": HIGHER_ORDER if concept.includes else CONCEPT,
        "level": concept.level or "",
        "supporting": len(studies_behind(review, concept_id)),
        "refuting": len(refuting),
    }


def _add_edge(graph: Graph, source: str, target: str, kind: str, relation: str) -> None:
    graph.add_edge(source, target, kind=kind, relation=relation, label=relation)


def _joined(phrases: Iterable[str]) -> str:
    return "; ".join(dict.fromkeys(phrases))
