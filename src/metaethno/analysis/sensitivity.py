"""Sensitivity analysis: the synthesis again without some studies, and what that changes.

Leaving out the studies rated low in the appraisal shows which findings lean on them: the
evidence a GRADE-CERQual judgement of methodological limitations needs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from metaethno.analysis.translation import Named, StudyColumn
from metaethno.review.hints import did_you_mean
from metaethno.review.loaded import Review, studies_behind


class ExclusionError(ValueError):
    """A study asked to be left out does not exist."""


def excluded_studies(
    review: Review, ratings: Iterable[str] = (), study_ids: Iterable[str] = ()
) -> tuple[str, ...]:
    """The ids of the studies rated one of `ratings` and those of `study_ids`, in id order.

    Raises `ExclusionError` for an id that names no study.
    """
    wanted = set(ratings)
    chosen = set(study_ids)
    for study_id in sorted(chosen):
        if study_id not in review.studies:
            raise ExclusionError(
                f"no study `{study_id}` to leave out{did_you_mean(study_id, review.studies)}"
            )
    for study_id, study in review.studies.items():
        if study.appraisal is not None and study.appraisal.rating in wanted:
            chosen.add(study_id)
    return tuple(sorted(chosen))


def without_studies(review: Review, study_ids: Iterable[str]) -> Review:
    """`review` as if the studies of `study_ids` had not been included: their files and every
    translation of their concepts left out; everything else as it was."""
    left_out = set(study_ids)
    concepts = {
        concept_id: concept.model_copy(
            update={"translations": [t for t in concept.translations if t.study not in left_out]}
        )
        for concept_id, concept in review.concepts.items()
    }
    studies = {s: study for s, study in review.studies.items() if s not in left_out}
    return replace(review, studies=studies, concepts=concepts)


@dataclass(frozen=True)
class SupportChange:
    """A concept whose evidence changes when studies are left out: the number of studies
    behind it before and after."""

    concept: Named
    before: int
    after: int

    @property
    def outcome(self) -> str:
        """What happens to the concept: it disappears, rests on one study, or loses support."""
        if self.after == 0:
            return "disappears"
        if self.after == 1:
            return "rests on one study"
        return "loses support"


def support_changes(
    review: Review, study_ids: Iterable[str], concept_ids: Sequence[str]
) -> tuple[SupportChange, ...]:
    """Each concept of `concept_ids` (in that order) that fewer studies support without
    `study_ids`."""
    reduced = without_studies(review, study_ids)
    changes = []
    for concept_id in concept_ids:
        before = len(studies_behind(review, concept_id))
        after = len(studies_behind(reduced, concept_id))
        if after < before:
            label = review.concepts[concept_id].label
            changes.append(SupportChange(Named(concept_id, label), before, after))
    return tuple(changes)


@dataclass(frozen=True)
class Sensitivity:
    """The studies left out, in translation order, and the concepts that lose support."""

    left_out: tuple[StudyColumn, ...]
    changes: tuple[SupportChange, ...]


def sensitivity(
    review: Review,
    study_ids: Iterable[str],
    columns: Sequence[StudyColumn],
    concept_ids: Sequence[str],
) -> Sensitivity:
    """What leaving out `study_ids` changes; `columns` gives the studies' keys and order."""
    left = set(study_ids)
    return Sensitivity(
        tuple(column for column in columns if column.id in left),
        support_changes(review, left, concept_ids),
    )
