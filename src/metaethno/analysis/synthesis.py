"""One analysis pass: everything the outputs show, computed at most once from a checked review.

Every command that renders a review builds one `Synthesis` with `analyse` and hands it to
its renderer. Each part (the argument graph, the concept order, the translation tables,
how the studies are related, the findings) is computed the first time it is asked for and
kept, so the report, which uses them all, builds the argument graph once, and `translate`,
which needs no clustering, never clusters.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from metaethno.analysis.argument import ArgumentAnalysis, analyse_argument
from metaethno.analysis.findings import Finding, build_findings
from metaethno.analysis.graphs import Graph, build_argument_graph
from metaethno.analysis.ordering import (
    OrderMethod,
    StudyOrder,
    concept_order,
    row_order,
    study_order,
)
from metaethno.analysis.relatedness import Relatedness, build_relatedness, study_clusters
from metaethno.analysis.sensitivity import (
    Sensitivity,
    excluded_studies,
    sensitivity,
    without_studies,
)
from metaethno.analysis.translation import (
    StudyColumn,
    TranslationTables,
    build_translation,
)
from metaethno.review.loaded import Review


@dataclass(frozen=True)
class Synthesis:
    """A checked review, the order its studies are translated in, and what follows from them."""

    review: Review
    order: StudyOrder

    @cached_property
    def argument_graph(self) -> Graph:
        """The synthesised concepts and their line-of-argument links."""
        return build_argument_graph(self.review)

    @cached_property
    def concept_ids(self) -> tuple[str, ...]:
        """Every synthesised concept in the one order every output lists them: as the line of
        argument presents them, the concepts a higher-order concept includes grouped after it
        in its `includes` order (`row_order`)."""
        return row_order(self.review, concept_order(self.review, self.argument_graph))

    @cached_property
    def translation(self) -> TranslationTables:
        """The translation grid, the refutations and the cumulative translation."""
        return build_translation(self.review, self.order, self.concept_ids)

    @property
    def studies(self) -> tuple[StudyColumn, ...]:
        """The studies in translation order, with their keys and references."""
        return self.translation.studies

    @cached_property
    def findings(self) -> tuple[Finding, ...]:
        """Each synthesised concept as a finding, with its evidence and confidence."""
        return build_findings(self.review, self.studies, self.concept_ids)

    @cached_property
    def argument(self) -> ArgumentAnalysis:
        """The loops, the most central concepts and the unlinked concepts of the argument."""
        placed = {c for concept in self.review.concepts.values() for c in concept.includes}
        placed |= {c for c, concept in self.review.concepts.items() if concept.includes}
        return analyse_argument(self.argument_graph, placed)

    @cached_property
    def relatedness(self) -> Relatedness:
        """How the studies are related: the grid, the pairs, the clusters, the refutations."""
        return build_relatedness(self.review, self.order, self.concept_ids, self.argument)

    @cached_property
    def without_low_rated(self) -> Sensitivity:
        """The concepts that lose support when the studies rated low are left out."""
        low = excluded_studies(self.review, ratings=["low"])
        return sensitivity(self.review, low, self.studies, self.concept_ids)

    @cached_property
    def study_clusters(self) -> dict[str, int]:
        """Each clustered study's id with its cluster's number, without relate's tables."""
        return study_clusters(self.review, self.order)


def analyse(
    review: Review,
    order: OrderMethod | None = None,
    index_study: str | None = None,
    left_out: Sequence[str] = (),
) -> Synthesis:
    """The synthesis of `review`, its studies in the order given or in metaethno.yaml's; without
    the studies `left_out`, for a sensitivity analysis.

    Raises `OrderError` for an index order without a known index study.
    """
    chosen = study_order(review, order, index_study, left_out)
    return Synthesis(without_studies(review, left_out) if left_out else review, chosen)
