"""The loaded review: what every check, table and report is computed from."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from metaethno.review.models import Concept, ReviewConfig, Study, Translation
from metaethno.review.paths import ReviewPath


@dataclass(frozen=True)
class Review:
    """A review's valid files, by id.

    Files that could not be read or validated are left out of `studies` and
    `concepts` but their ids are kept in `broken_studies` and `broken_concepts`,
    so references to them are not reported a second time as unknown. Where a
    whole folder is missing, no reference into it is reported as unknown either:
    the missing folder is the one problem to fix.
    """

    root: ReviewPath
    config: ReviewConfig | None
    studies: dict[str, Study] = field(default_factory=dict)
    concepts: dict[str, Concept] = field(default_factory=dict)
    broken_studies: frozenset[str] = frozenset()
    broken_concepts: frozenset[str] = frozenset()
    studies_folder: str = "studies"
    concepts_folder: str = "concepts"
    missing_folders: frozenset[str] = frozenset()
    method_texts: dict[str, str] = field(default_factory=dict)
    """The Markdown files that `methods` fields name with `file:`, by the path as written."""

    def has_study(self, study_id: str) -> bool:
        """Whether a study of this id may exist: it has a file, valid or not, or its folder is missing."""
        return (
            study_id in self.studies
            or study_id in self.broken_studies
            or self.studies_folder in self.missing_folders
        )

    def has_concept(self, concept_id: str) -> bool:
        """Whether a synthesised concept of this id may exist (see `has_study`)."""
        return (
            concept_id in self.concepts
            or concept_id in self.broken_concepts
            or self.concepts_folder in self.missing_folders
        )

    @property
    def all_concepts_read(self) -> bool:
        """Whether every concept file was read and is valid: only then can a study concept be
        called untranslated, rather than translated in a concept that could not be read."""
        return not self.broken_concepts and self.concepts_folder not in self.missing_folders

    @property
    def study_count(self) -> int:
        """Study files read, valid or not."""
        return len(self.studies) + len(self.broken_studies)

    @property
    def concept_count(self) -> int:
        """Concept files read, valid or not."""
        return len(self.concepts) + len(self.broken_concepts)

    @property
    def levels(self) -> list[str] | None:
        """The framework's levels, or None where no valid framework is configured."""
        if self.config is None or self.config.framework is None:
            return None
        return self.config.framework.levels

    @cached_property
    def accounted_refutations(self) -> dict[str, list[tuple[Concept, Translation]]]:
        """The refutational translations by the concept that accounts for them (their
        `accounted_for_by`), each with the concept it contradicts, in file order: indexed once,
        as every concept's evidence asks for its own."""
        index: dict[str, list[tuple[Concept, Translation]]] = {}
        for concept in self.concepts.values():
            for translation in concept.translations:
                if (
                    translation.relation == "refutational"
                    and translation.accounted_for_by is not None
                ):
                    index.setdefault(translation.accounted_for_by, []).append(
                        (concept, translation)
                    )
        return index


def translated_study_concepts(review: Review) -> set[tuple[str, str]]:
    """The (study id, study concept id) pairs that some synthesised concept translates, either
    way; the study concepts not among them are what ME301 reports and `suggest` works on."""
    return {(t.study, t.concept) for c in review.concepts.values() for t in c.translations}


def supporting_studies(concept: Concept) -> list[str]:
    """Ids of the studies with a reciprocal translation into `concept`, in file order."""
    return list(dict.fromkeys(t.study for t in concept.translations if t.relation == "reciprocal"))


def accounted_for(review: Review, concept_id: str) -> list[tuple[Concept, Translation]]:
    """The refutational translations whose contradiction `concept_id` accounts for (their
    `accounted_for_by`), each with the concept it contradicts, in file order."""
    return list(review.accounted_refutations.get(concept_id, ()))


def evidence_studies(review: Review, concept: Concept) -> list[str]:
    """Ids of the studies a concept's own evidence rests on: those supporting it, then those
    whose contradiction of a concept it includes it accounts for."""
    accounted = [t.study for _, t in accounted_for(review, concept.id)]
    return list(dict.fromkeys([*supporting_studies(concept), *accounted]))


def studies_behind(review: Review, concept_id: str) -> list[str]:
    """Ids of the studies supporting a concept or any concept it includes, at any depth, with
    the refuting studies whose contradiction one of them accounts for."""
    seen: set[str] = set()
    pending = [concept_id]
    found: list[str] = []
    while pending:
        current = pending.pop()
        concept = review.concepts.get(current)
        if current in seen or concept is None:
            continue
        seen.add(current)
        found.extend(evidence_studies(review, concept))
        pending.extend(reversed(concept.includes))
    return list(dict.fromkeys(found))
