"""The presence matrix of phase 4: studies by synthesised concepts, each cell whether the study
supports the concept, refutes it, both or neither. `relatedness` orders its studies (cluster by
cluster) and builds it when an output shows it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, TypeVar

from metaethno.analysis.translation import Named, StudyColumn
from metaethno.review.loaded import Review

T = TypeVar("T")


@dataclass(frozen=True)
class Presence:
    """How a study expresses a concept: it supports it, refutes it, both, or neither."""

    reciprocal: bool = False
    refutational: bool = False

    @property
    def relation(self) -> Literal["", "reciprocal", "refutational", "both"]:
        if self.reciprocal and self.refutational:
            return "both"
        if self.reciprocal:
            return "reciprocal"
        return "refutational" if self.refutational else ""


# A concept the study neither supports nor refutes: the cell of the grid that holds nothing.
ABSENT = Presence()


@dataclass(frozen=True)
class JuxtapositionRow:
    """One study of the juxtaposition grid: its cluster (None if isolated) and a cell per
    concept.

    Only the concepts the study supports or refutes are kept (`present`, by the concept's
    position, in order): a grid of thousands of studies is nearly all empty cells.
    """

    study: StudyColumn
    cluster: int | None
    present: Mapping[int, Presence]
    width: int
    """How many concepts, so how many cells, the row has."""

    def cell(self, index: int) -> Presence:
        """How the study expresses the concept at `index`."""
        return self.present.get(index, ABSENT)

    def cell_texts(self, text: Callable[[Presence], T], empty: T) -> list[T]:
        """Each cell as `text` makes it, a concept the study neither supports nor refutes
        as `empty`."""
        texts = [empty] * self.width
        for index, presence in self.present.items():
            texts[index] = text(presence)
        return texts


@dataclass(frozen=True)
class Juxtaposition:
    """Studies by synthesised concepts: the concepts in the line of argument's order."""

    concepts: tuple[Named, ...]
    rows: tuple[JuxtapositionRow, ...]


def build_juxtaposition(
    review: Review,
    concept_ids: Sequence[str],
    ordered: Sequence[tuple[int | None, StudyColumn]],
) -> Juxtaposition:
    """A row per study of `ordered`, each with its cluster's number (None if isolated), in
    that order; columns the concepts that have translations, in the order of `concept_ids`."""
    translated = [c for c in concept_ids if review.concepts[c].translations]
    # each study's marks by the concept's position: added concept by concept, so in order
    marks: dict[str, dict[int, Presence]] = {}
    for position, concept_id in enumerate(translated):
        for translation in review.concepts[concept_id].translations:
            study_marks = marks.setdefault(translation.study, {})
            previous = study_marks.get(position, ABSENT)
            study_marks[position] = Presence(
                previous.reciprocal or translation.relation == "reciprocal",
                previous.refutational or translation.relation == "refutational",
            )
    rows = [
        JuxtapositionRow(study, number, marks.get(study.id, {}), len(translated))
        for number, study in ordered
    ]
    concepts = tuple(Named(c, review.concepts[c].label) for c in translated)
    return Juxtaposition(concepts, tuple(rows))
