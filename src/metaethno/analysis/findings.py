"""What the report says beyond the translation tables, as data: counts, the line of argument
concept by concept, the framework matrix, and the study concepts left out of the synthesis."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from metaethno.analysis.translation import Named, StudyColumn
from metaethno.review.loaded import (
    Review,
    accounted_for,
    studies_behind,
    translated_study_concepts,
)
from metaethno.review.models import Concept, StudyConcept, Translation


@dataclass(frozen=True)
class Counts:
    """The size of the review, for the report's summary line."""

    studies: int
    papers: int
    study_concepts: int
    quotes: int
    concepts: int
    reciprocal: int
    refutational: int


def count(review: Review) -> Counts:
    """Count studies, papers, second-order concepts, quotes, concepts and translations."""
    studies = review.studies.values()
    relations = [t.relation for c in review.concepts.values() for t in c.translations]
    return Counts(
        studies=len(review.studies),
        papers=sum(len(s.references) for s in studies),
        study_concepts=sum(len(s.concepts) for s in studies),
        quotes=sum(len(c.quotes) for s in studies for c in s.concepts),
        concepts=len(review.concepts),
        reciprocal=relations.count("reciprocal"),
        refutational=relations.count("refutational"),
    )


@dataclass(frozen=True)
class Evidence:
    """A study concept translated into a synthesised concept, with the translation's note.

    `refutes`: the translation is refutational; `contradicts`: for a contradiction a
    higher-order concept accounts for, the concept it contradicts; `accounted_for_by`: for a
    refutation, the higher-order concept that accounts for it.
    """

    study: StudyColumn
    concept: StudyConcept
    note: str | None
    refutes: bool = False
    contradicts: Named | None = None
    accounted_for_by: Named | None = None


@dataclass(frozen=True)
class Finding:
    """One synthesised concept as the line of argument presents it.

    `studies` are the studies behind the concept and the concepts it includes, with the
    refuting studies whose contradiction it accounts for; `supporting` and `refuting` are its
    own translations, in translation order, leaving out those of `mixed`: the studies that
    both support and refute it, each with both its concepts; `accounted` are the
    contradictions of concepts it includes that it accounts for.
    """

    concept: Concept
    includes: tuple[Named, ...]
    links: tuple[tuple[str, Named], ...]
    studies: tuple[StudyColumn, ...]
    supporting: tuple[Evidence, ...]
    refuting: tuple[Evidence, ...]
    mixed: tuple[Evidence, ...] = ()
    accounted: tuple[Evidence, ...] = ()


def build_findings(
    review: Review, columns: Sequence[StudyColumn], concept_ids: Sequence[str]
) -> tuple[Finding, ...]:
    """Every concept in the order of `concept_ids`, with the evidence behind it."""
    by_id = {column.id: column for column in columns}
    position = {column.id: index for index, column in enumerate(columns)}
    names = {c.id: Named(c.id, c.label) for c in review.concepts.values()}
    result = []
    for concept_id in concept_ids:
        concept = review.concepts[concept_id]
        behind = [by_id[s] for s in studies_behind(review, concept_id) if s in by_id]
        own = [
            _evidence(review, by_id, names, translation)
            for translation in sorted(
                (t for t in concept.translations if t.study in by_id),
                key=lambda t: position[t.study],
            )
        ]
        own_evidence = [item for item in own if item is not None]
        both = {e.study.id for e in own_evidence if e.refutes} & {
            e.study.id for e in own_evidence if not e.refutes
        }
        accounted = [
            _evidence(review, by_id, names, translation, contradicts=names.get(refuted.id))
            for refuted, translation in accounted_for(review, concept_id)
            if translation.study in by_id
        ]
        result.append(
            Finding(
                concept=concept,
                includes=tuple(names[c] for c in concept.includes if c in names),
                links=tuple(
                    (link.relation, names[link.to]) for link in concept.links if link.to in names
                ),
                studies=tuple(sorted(behind, key=lambda column: position[column.id])),
                supporting=tuple(
                    e for e in own_evidence if not e.refutes and e.study.id not in both
                ),
                refuting=tuple(e for e in own_evidence if e.refutes and e.study.id not in both),
                mixed=tuple(e for e in own_evidence if e.study.id in both),
                accounted=tuple(
                    sorted(
                        (e for e in accounted if e is not None),
                        key=lambda e: position[e.study.id],
                    )
                ),
            )
        )
    return tuple(result)


def _evidence(
    review: Review,
    by_id: Mapping[str, StudyColumn],
    names: Mapping[str, Named],
    translation: Translation,
    contradicts: Named | None = None,
) -> Evidence | None:
    """A translation as evidence, or None where its study concept is unknown."""
    study_concept = review.studies[translation.study].concept(translation.concept)
    if study_concept is None:
        return None
    return Evidence(
        by_id[translation.study],
        study_concept,
        translation.note,
        refutes=translation.relation == "refutational",
        contradicts=contradicts,
        accounted_for_by=names.get(translation.accounted_for_by or ""),
    )


@dataclass(frozen=True)
class LevelRow:
    """One level of the framework: its concepts and the number of studies behind each.

    `level` is None for the row of concepts given no level.
    """

    level: str | None
    concepts: tuple[tuple[Named, int], ...]


def framework_matrix(
    review: Review, concept_ids: Sequence[str], behind: Mapping[str, int]
) -> tuple[LevelRow, ...]:
    """One row per framework level in the framework's order, then concepts without a level.

    `behind` gives the number of studies behind each concept. Empty without a framework.
    """
    levels = review.levels
    if levels is None:
        return ()
    concepts = [review.concepts[c] for c in concept_ids]
    rows = [LevelRow(level, tuple(_at_level(concepts, level, behind))) for level in levels]
    unplaced = tuple(_at_level(concepts, None, behind))
    return tuple(rows + ([LevelRow(None, unplaced)] if unplaced else []))


def _at_level(
    concepts: Sequence[Concept], level: str | None, behind: Mapping[str, int]
) -> list[tuple[Named, int]]:
    return [(Named(c.id, c.label), behind.get(c.id, 0)) for c in concepts if c.level == level]


@dataclass(frozen=True)
class Untranslated:
    """A study concept that no synthesised concept translates."""

    study: StudyColumn
    concept: StudyConcept


def untranslated(review: Review, columns: Sequence[StudyColumn]) -> tuple[Untranslated, ...]:
    """Study concepts translated into no concept, in translation order and file order, so the
    report shows everything a reviewer extracted, used or not."""
    translated = translated_study_concepts(review)
    return tuple(
        Untranslated(column, study_concept)
        for column in columns
        for study_concept in review.studies[column.id].concepts
        if (column.id, study_concept.id) not in translated
    )
