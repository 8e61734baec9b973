"""ME301: a study concept is translated into no synthesised concept."""

from __future__ import annotations

from collections.abc import Iterator

from metaethno.review.diagnostics import Diagnostic, Severity
from metaethno.review.loaded import Review, translated_study_concepts
from metaethno.review.rules import Rule

RULE = Rule(
    "ME301",
    "untranslated-study-concept",
    Severity.WARNING,
    "Each second-order concept a reviewer extracted should be translated into a synthesised "
    "concept, or knowingly left out; the report's audit appendix lists those left out. Add a "
    "translation, or leave it if the omission is deliberate. Not reported while a concept file "
    "has errors, since its translations are unknown.",
    bad="# no concept file translates ahmed2014/unheard",
    good="translations:\n  - study: ahmed2014\n    concept: unheard\n    relation: reciprocal",
)


def check(review: Review) -> Iterator[Diagnostic]:
    if not review.all_concepts_read:
        return
    translated = translated_study_concepts(review)
    for study in review.studies.values():
        for index, study_concept in enumerate(study.concepts):
            if (study.id, study_concept.id) not in translated:
                yield RULE.at(
                    study.where("concepts", index, "id"),
                    f"`{study.id}/{study_concept.id}` is not translated into any synthesised "
                    "concept; add a translation or leave it out on purpose",
                )
