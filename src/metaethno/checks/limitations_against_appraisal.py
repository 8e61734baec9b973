"""ME313: the methodological-limitations judgement disagrees with the studies' appraisal."""

from __future__ import annotations

from collections.abc import Iterator

from metaethno.review.diagnostics import Diagnostic, Severity
from metaethno.review.loaded import Review, studies_behind
from metaethno.review.rules import Rule

RULE = Rule(
    "ME313",
    "limitations-against-appraisal",
    Severity.WARNING,
    "GRADE-CERQual's methodological limitations are those of the studies contributing to the "
    "finding, as their appraisal found them. `no_or_very_minor` concerns while a contributing "
    "study is rated low, or a judgement about studies that have no appraisal rating, does not "
    "rest on the appraisal. Revise the judgement, appraise the studies, or explain the "
    "judgement in `methodological_limitations_explanation`: an explanation is the reviewers' "
    "account of how the appraisal bears on the finding, and no warning is given where there "
    "is one.",
    bad="# a contributing study: appraisal: {rating: low}\n"
    "confidence:\n  methodological_limitations: no_or_very_minor",
    good="# a contributing study: appraisal: {rating: low}\n"
    "confidence:\n  methodological_limitations: no_or_very_minor\n"
    "  methodological_limitations_explanation: The low rating is for its reporting; "
    "its data on this finding are rich.",
)


def check(review: Review) -> Iterator[Diagnostic]:
    for concept in review.concepts.values():
        confidence = concept.confidence
        if confidence is None or confidence.methodological_limitations is None:
            continue
        if confidence.methodological_limitations_explanation:
            continue
        ratings = {
            study_id: study.appraisal.rating if study.appraisal else None
            for study_id in studies_behind(review, concept.id)
            if (study := review.studies.get(study_id)) is not None
        }
        where = concept.where("confidence", "methodological_limitations")
        unrated = [study_id for study_id, rating in ratings.items() if rating is None]
        low = [study_id for study_id, rating in ratings.items() if rating == "low"]
        if unrated:
            yield RULE.at(
                where,
                f"methodological limitations of `{concept.id}` are judged, but contributing "
                f"{_studies(unrated)} {'has' if len(unrated) == 1 else 'have'} no appraisal "
                f"rating; appraise {_them(unrated)}, or explain the judgement without "
                f"{_them(unrated)}",
            )
        if confidence.methodological_limitations == "no_or_very_minor" and low:
            yield RULE.at(
                where,
                f"methodological limitations of `{concept.id}` raise no or very minor concerns, "
                f"but contributing {_studies(low)} {'is' if len(low) == 1 else 'are'} rated "
                "low; revise the "
                f"judgement or explain why {'it does' if len(low) == 1 else 'they do'} not weaken "
                "the finding",
            )


def _studies(ids: list[str]) -> str:
    return f"{'study' if len(ids) == 1 else 'studies'} {', '.join(ids)}"


def _them(ids: list[str]) -> str:
    return "it" if len(ids) == 1 else "them"
