"""Translating studies into one another: the grid, the refutations and the cumulative order.

Pure functions from a checked review to frozen rows. Every table takes the
studies as `StudyColumn`s in translation order and the concepts in the line of
argument's order, so all tables and formats agree. The functions assume a review
without errors (`metaethno check` passes) and skip a reference they cannot resolve
rather than fail on it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TypeVar

from metaethno.analysis.ordering import StudyOrder, included_by
from metaethno.review.citations import reference, study_keys
from metaethno.review.loaded import Review, studies_behind, supporting_studies
from metaethno.review.models import Concept, Relation, StudyConcept, Translation

T = TypeVar("T")


@dataclass(frozen=True)
class StudyColumn:
    """A study as tables show it: its id, its short key, and its papers as references."""

    id: str
    key: str
    references: tuple[str, ...]


@dataclass(frozen=True)
class Named:
    """A concept (synthesised, or a study's own) by id and label."""

    id: str
    label: str


@dataclass(frozen=True)
class CellEntry:
    """One study concept translated into the row's concept."""

    concept: Named
    relation: Relation

    @property
    def refutational(self) -> bool:
        return self.relation == "refutational"


@dataclass(frozen=True)
class GridRow:
    """One synthesised concept: the higher-order concepts including it, and a cell per study.

    Only the cells that hold something are kept (`filled`, by the study's position, in
    translation order): a grid of thousands of studies is nearly all empty cells.
    """

    concept: Named
    groups: tuple[Named, ...]
    filled: Mapping[int, tuple[CellEntry, ...]]
    width: int
    """How many studies, so how many cells, the row has."""
    supporting: int

    def cell(self, index: int) -> tuple[CellEntry, ...]:
        """The study concepts in the cell of the study at `index`; none for an empty cell."""
        return self.filled.get(index, ())

    def cell_texts(self, text: Callable[[tuple[CellEntry, ...]], T], empty: T) -> list[T]:
        """Each cell as `text` makes it, an empty one as `empty`."""
        texts = [empty] * self.width
        for index, entries in self.filled.items():
            texts[index] = text(entries)
        return texts


@dataclass(frozen=True)
class ThirdOrderRow:
    """A third-order construct as Frost et al. 2014 print it: the higher-order constructs
    including it, the constructs it includes, its second-order constructs each with its study,
    the reviewers' interpretation, and every study behind it (through what it includes, and
    the refutations it accounts for), in translation order."""

    concept: Named
    groups: tuple[Named, ...]
    includes: tuple[Named, ...]
    constructs: tuple[tuple[StudyColumn, CellEntry], ...]
    interpretation: str | None
    studies: tuple[StudyColumn, ...]


@dataclass(frozen=True)
class TranslationGrid:
    """The translation grid: rows of concepts by columns of studies, refutations marked."""

    studies: tuple[StudyColumn, ...]
    rows: tuple[GridRow, ...]


@dataclass(frozen=True)
class RefutationRow:
    """One refutational translation, with the other studies that support what it refutes.

    `mixed`: the refuting study also supports the concept through another of its concepts;
    `accounted_for_by`: the higher-order concept that accounts for the contradiction.
    """

    concept: Named
    supporting: tuple[StudyColumn, ...]
    study: StudyColumn
    study_concept: Named
    note: str
    mixed: bool = False
    accounted_for_by: Named | None = None


@dataclass(frozen=True)
class CumulativeRow:
    """One step of translating the studies into one another, in order.

    `introduced`: concepts this study is the first to support; `matched`: concepts
    it supports that an earlier study introduced; `refuted`: concepts it contradicts;
    `total`: concepts introduced so far. The steps are a reconstruction from the final
    concepts in the chosen order, not a record of how the reviewers worked.
    """

    study: StudyColumn
    introduced: tuple[Named, ...]
    matched: tuple[Named, ...]
    refuted: tuple[Named, ...]
    total: int


@dataclass(frozen=True)
class LongRow:
    """One translation: a synthesised concept, a study and its concept, the relation, the note."""

    concept: Named
    study: StudyColumn
    study_concept: Named
    relation: Relation
    note: str | None


@dataclass(frozen=True, eq=False)
class TranslationTables:
    """Everything `metaethno translate` shows: each table built the first time it is asked
    for, and kept (the report never shows the long rows, and a CSV export no grid layout)."""

    review: Review
    order: StudyOrder
    studies: tuple[StudyColumn, ...]
    """The studies in `order`, with their keys and references."""
    concept_ids: tuple[str, ...]

    @cached_property
    def grid(self) -> TranslationGrid:
        return build_translation_grid(self.review, self.studies, self.concept_ids)

    @cached_property
    def refutations(self) -> tuple[RefutationRow, ...]:
        return build_refutation_table(self.review, self.studies, self.concept_ids)

    @cached_property
    def cumulative(self) -> tuple[CumulativeRow, ...]:
        return build_cumulative_translation(self.review, self.studies, self.concept_ids)

    @cached_property
    def long_rows(self) -> tuple[LongRow, ...]:
        return build_long_rows(self.review, self.studies, self.concept_ids)

    @cached_property
    def third_order(self) -> tuple[ThirdOrderRow, ...]:
        return build_third_order(self.review, self.studies, self.concept_ids)


def build_translation(
    review: Review, order: StudyOrder, concepts: Sequence[str]
) -> TranslationTables:
    """All of translate's tables for the studies in `order`, concepts in the order given (the
    synthesis gives them grouped, as `row_order` groups them)."""
    return TranslationTables(review, order, study_columns(review, order.study_ids), tuple(concepts))


def study_columns(review: Review, study_ids: Sequence[str]) -> tuple[StudyColumn, ...]:
    """The studies of `study_ids`, in that order, with their keys and references."""
    keys = study_keys(review.studies)
    return tuple(
        StudyColumn(
            study_id,
            keys[study_id],
            tuple(reference(paper) for paper in review.studies[study_id].references),
        )
        for study_id in study_ids
        if study_id in review.studies
    )


def build_translation_grid(
    review: Review, columns: Sequence[StudyColumn], concept_ids: Sequence[str]
) -> TranslationGrid:
    """One row per translated concept, grouped under the concepts that include it.

    `concept_ids` gives the rows' order (`row_order`). A concept included by two
    higher-order concepts forms a group of its own, named after both.
    """
    parents = _parents(review, concept_ids)
    position = {column.id: index for index, column in enumerate(columns)}
    rows = []
    for concept in _translated(review, concept_ids):
        filled: dict[int, tuple[CellEntry, ...]] = {}
        for translation, study_concept in _resolved(review, concept):
            index = position.get(translation.study)
            if index is not None:
                entry = CellEntry(
                    Named(study_concept.id, study_concept.label), translation.relation
                )
                filled[index] = (*filled.get(index, ()), entry)
        rows.append(
            GridRow(
                concept=Named(concept.id, concept.label),
                groups=parents.get(concept.id, ()),
                filled=dict(sorted(filled.items())),
                width=len(columns),
                supporting=len(supporting_studies(concept)),
            )
        )
    return TranslationGrid(tuple(columns), tuple(rows))


def _translated(review: Review, concept_ids: Sequence[str]) -> Iterator[Concept]:
    """The synthesised concepts that have translations, in the order of `concept_ids`."""
    for concept_id in concept_ids:
        concept = review.concepts.get(concept_id)
        if concept is not None and concept.translations:
            yield concept


def _resolved(review: Review, concept: Concept) -> Iterator[tuple[Translation, StudyConcept]]:
    """The concept's translations with the study concepts they name, skipping unknown ones."""
    for translation in concept.translations:
        study = review.studies.get(translation.study)
        study_concept = study.concept(translation.concept) if study else None
        if study_concept is not None:
            yield translation, study_concept


def _parents(review: Review, concept_ids: Sequence[str]) -> dict[str, tuple[Named, ...]]:
    """For each concept, the concepts whose `includes` list it, in the order of `concept_ids`."""
    return {
        child: tuple(Named(p, review.concepts[p].label) for p in parent_ids)
        for child, parent_ids in included_by(review, concept_ids).items()
    }


def _in_order(
    review: Review, concept: Concept, position: Mapping[str, int]
) -> list[tuple[Translation, StudyConcept]]:
    """The concept's resolved translations of the studies in `position`, in translation order."""
    resolved = [(t, c) for t, c in _resolved(review, concept) if t.study in position]
    return sorted(resolved, key=lambda pair: position[pair[0].study])


def build_refutation_table(
    review: Review, columns: Sequence[StudyColumn], concept_ids: Sequence[str]
) -> tuple[RefutationRow, ...]:
    """One row per refutational translation, concepts in the order of `concept_ids`.

    The refuting study is left out of the studies on the other side: where it supports the
    concept too, the row is marked mixed instead.
    """
    by_id = {column.id: column for column in columns}
    position = {column.id: index for index, column in enumerate(columns)}
    rows: list[RefutationRow] = []
    for concept in _translated(review, concept_ids):
        known = [s for s in supporting_studies(concept) if s in position]
        supporting = tuple(by_id[s] for s in sorted(known, key=position.__getitem__))
        for translation, study_concept in _in_order(review, concept, position):
            if translation.relation == "refutational":
                accounting = review.concepts.get(translation.accounted_for_by or "")
                rows.append(
                    RefutationRow(
                        concept=Named(concept.id, concept.label),
                        supporting=tuple(s for s in supporting if s.id != translation.study),
                        study=by_id[translation.study],
                        study_concept=Named(study_concept.id, study_concept.label),
                        note=translation.note or "",
                        mixed=translation.study in known,
                        accounted_for_by=Named(accounting.id, accounting.label)
                        if accounting
                        else None,
                    )
                )
    return tuple(rows)


def build_cumulative_translation(
    review: Review, columns: Sequence[StudyColumn], concept_ids: Sequence[str]
) -> tuple[CumulativeRow, ...]:
    """Translate the studies into one another in order, counting concepts as they appear.

    A concept is introduced by the first study that supports it; a refutation alone
    does not introduce it, since nothing yet stands to be refuted.
    """
    relations: dict[str, list[tuple[Named, Relation]]] = {}
    for concept in _translated(review, concept_ids):
        named = Named(concept.id, concept.label)
        for translation in concept.translations:
            pair = (named, translation.relation)
            study_relations = relations.setdefault(translation.study, [])
            if pair not in study_relations:
                study_relations.append(pair)
    introduced: set[str] = set()
    rows: list[CumulativeRow] = []
    for column in columns:
        pairs = relations.get(column.id, [])
        supported = [named for named, relation in pairs if relation == "reciprocal"]
        new = tuple(named for named in supported if named.id not in introduced)
        matched = tuple(named for named in supported if named.id in introduced)
        refuted = tuple(named for named, relation in pairs if relation == "refutational")
        introduced.update(named.id for named in new)
        rows.append(CumulativeRow(column, new, matched, refuted, len(introduced)))
    return tuple(rows)


def build_long_rows(
    review: Review, columns: Sequence[StudyColumn], concept_ids: Sequence[str]
) -> tuple[LongRow, ...]:
    """One row per translation: concepts in the order of `concept_ids`, then studies in order."""
    by_id = {column.id: column for column in columns}
    position = {column.id: index for index, column in enumerate(columns)}
    return tuple(
        LongRow(
            concept=Named(concept.id, concept.label),
            study=by_id[translation.study],
            study_concept=Named(study_concept.id, study_concept.label),
            relation=translation.relation,
            note=translation.note,
        )
        for concept in _translated(review, concept_ids)
        for translation, study_concept in _in_order(review, concept, position)
    )


def build_third_order(
    review: Review, columns: Sequence[StudyColumn], concept_ids: Sequence[str]
) -> tuple[ThirdOrderRow, ...]:
    """One row per concept of `concept_ids` (in that order) with translations or included
    concepts: a higher-order concept gets a row of its own, with its interpretation."""
    by_id = {column.id: column for column in columns}
    position = {column.id: index for index, column in enumerate(columns)}
    parents = _parents(review, concept_ids)
    rows = []
    for concept_id in concept_ids:
        concept = review.concepts[concept_id]
        if not concept.translations and not concept.includes:
            continue
        behind = [s for s in studies_behind(review, concept_id) if s in position]
        rows.append(
            ThirdOrderRow(
                concept=Named(concept.id, concept.label),
                groups=parents.get(concept.id, ()),
                includes=tuple(
                    Named(c, review.concepts[c].label)
                    for c in concept.includes
                    if c in review.concepts
                ),
                constructs=tuple(
                    (by_id[t.study], CellEntry(Named(c.id, c.label), t.relation))
                    for t, c in _in_order(review, concept, position)
                ),
                interpretation=concept.interpretation,
                studies=tuple(by_id[s] for s in sorted(behind, key=position.__getitem__)),
            )
        )
    return tuple(rows)


# -- the grid as plain text, shared by every renderer ---------------------------------

REFUTED_MARK = "†"


def cell_text(entries: Sequence[CellEntry]) -> str:
    """A grid cell as plain text: the study's labels, refutational ones marked."""
    return "; ".join(entry_text(entry) for entry in entries)


def entry_text(entry: CellEntry) -> str:
    """One study concept in a cell, marked where it refutes the row's concept."""
    return f"{entry.concept.label} {REFUTED_MARK}" if entry.refutational else entry.concept.label


def group_text(row: GridRow) -> str:
    """The higher-order concepts a grid row sits under, as plain text."""
    return "; ".join(group.label for group in row.groups)
