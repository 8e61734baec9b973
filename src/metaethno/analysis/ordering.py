"""The orders things are shown in: studies as they are translated, concepts as they are argued.

Both are computed once from the review (and the command's options) and then
shared by every table, so the grid, the cumulative translation and the report
never disagree about which study comes first.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from metaethno.review.hints import did_you_mean
from metaethno.review.loaded import Review

if TYPE_CHECKING:
    from metaethno.analysis.graphs import Graph

OrderMethod = Literal["chronological", "index", "alphabetical"]


class OrderError(ValueError):
    """The requested translation order cannot be built (an unknown or missing index study)."""


@dataclass(frozen=True)
class StudyOrder:
    """The order studies are translated into one another, how it was chosen, and why.

    `rationale` is metaethno.yaml's `order_rationale`, kept only when the order is
    the one it explains, not one chosen on the command line. `left_out`: the studies a
    sensitivity analysis leaves out, in the order they would have had; `index_left_out`: the
    index study asked for, when it is one of them and the order fell back to chronological.
    """

    method: OrderMethod
    index_study: str | None
    study_ids: tuple[str, ...]
    rationale: str | None = None
    left_out: tuple[str, ...] = ()
    index_left_out: str | None = None


def study_order(
    review: Review,
    method: OrderMethod | None = None,
    index_study: str | None = None,
    left_out: Collection[str] = (),
) -> StudyOrder:
    """The translation order: the options where given, otherwise metaethno.yaml's, without the
    studies `left_out`.

    chronological: by the year of each study's first paper, then id; index: the index
    study first, then chronological; alphabetical: by id. Giving only an index study
    asks for the index order. An index study that is left out leaves nothing to translate
    the others into: the order falls back to chronological, and says so.
    """
    order = _full_order(review, method, index_study)
    kept = tuple(s for s in order.study_ids if s not in left_out)
    dropped = tuple(s for s in order.study_ids if s in left_out)
    if order.index_study is not None and order.index_study in left_out:
        chronological = _ordered(review, "chronological")
        return StudyOrder(
            "chronological",
            None,
            tuple(s for s in chronological if s not in left_out),
            left_out=dropped,
            index_left_out=order.index_study,
        )
    return replace(order, study_ids=kept, left_out=dropped)


def _full_order(review: Review, method: OrderMethod | None, index_study: str | None) -> StudyOrder:
    """The translation order of every study of the review."""
    config = review.config
    if method is None:
        if index_study is not None:
            method = "index"
        else:
            method = config.translation_order if config else "chronological"
    if method != "index":
        if index_study is not None:
            raise OrderError(
                f"--index-study applies only to the index order, not `{method}`; "
                "drop --index-study or use --order index"
            )
        return StudyOrder(method, None, _ordered(review, method), _rationale(review, method, None))
    index = index_study if index_study is not None else config.index_study if config else None
    if index is None:
        raise OrderError(
            "the index order needs an index study; pass --index-study ID "
            "or set `index_study` in metaethno.yaml"
        )
    if index not in review.studies:
        raise OrderError(
            f"no study `{index}` to use as the index study{did_you_mean(index, review.studies)}"
        )
    rest = tuple(s for s in _ordered(review, "chronological") if s != index)
    return StudyOrder(method, index, (index, *rest), _rationale(review, method, index))


def _rationale(review: Review, method: OrderMethod, index: str | None) -> str | None:
    config = review.config
    if config is None or config.translation_order != method:
        return None
    if method == "index" and config.index_study != index:
        return None
    return config.order_rationale


def _ordered(review: Review, method: OrderMethod) -> tuple[str, ...]:
    if method == "alphabetical":
        return tuple(sorted(review.studies))
    return tuple(sorted(review.studies, key=lambda s: (review.studies[s].year, s)))


def concept_order(review: Review, argument_graph: Graph) -> tuple[str, ...]:
    """Every synthesised concept in the order the line of argument presents them.

    The reviewers' `line_of_argument.sequence` comes first; concepts it leaves out
    follow in a topological order of the links (`argument_graph`: a concept before
    those it leads to), ties broken by id. Links may form loops ("mistrust undermines
    listening, which confirms mistrust"): each loop is placed as one block, its
    concepts by id.
    """
    config = review.config
    sequence = config.line_of_argument.sequence if config and config.line_of_argument else []
    first = [c for c in sequence if c in review.concepts]
    placed = set(first)
    rest = [c for c in linked_order(argument_graph) if c not in placed]
    return (*first, *rest)


def linked_order(argument_graph: Graph) -> list[str]:
    """A topological order of the concepts by their links, loops kept together, ties by id."""
    # imported here, not at the top: networkx is heavy, and `check` never needs it
    import networkx as nx  # type: ignore[import-untyped]

    condensed = nx.condensation(argument_graph)
    members: dict[int, Sequence[str]] = {
        node: sorted(condensed.nodes[node]["members"]) for node in condensed.nodes
    }
    blocks = nx.lexicographical_topological_sort(condensed, key=lambda node: members[node][0])
    return [concept for block in blocks for concept in members[block]]


def row_order(review: Review, concept_ids: Sequence[str]) -> tuple[str, ...]:
    """The concepts of `concept_ids` as every translation table lists them, in groups.

    A group is the concepts one higher-order concept includes, placed where that concept
    stands in `concept_ids` (the line of argument's order), its concepts in the order of
    its `includes`, the concept including them right after them. A concept no concept
    includes stands where it is in `concept_ids`; one included by several stands with the
    first of them, after that one's own group.
    """
    position = {concept_id: index for index, concept_id in enumerate(concept_ids)}
    parents = {child: _unique(ids) for child, ids in included_by(review, concept_ids).items()}

    def key(concept_id: str) -> tuple[tuple[int, ...], int]:
        groups = parents.get(concept_id)
        if not groups:
            return (position[concept_id],), len(review.concepts[concept_id].includes)
        first = review.concepts[groups[0]].includes
        return tuple(position[p] for p in groups), first.index(concept_id)

    return tuple(sorted(concept_ids, key=key))


def included_by(review: Review, concept_ids: Sequence[str]) -> dict[str, list[str]]:
    """The reverse of `includes`: for each concept that some concept of `concept_ids` includes,
    the ids of the concepts including it, in the order of `concept_ids` (a concept listed twice
    in one `includes`, which is an error, is named twice)."""
    parents: dict[str, list[str]] = {}
    for parent_id in concept_ids:
        for child in review.concepts[parent_id].includes:
            parents.setdefault(child, []).append(parent_id)
    return parents


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
