"""ME202: a translation names a concept that its study does not have."""

from __future__ import annotations

from collections.abc import Iterator

from metaethno.review.diagnostics import Diagnostic, Severity
from metaethno.review.hints import did_you_mean
from metaethno.review.loaded import Review
from metaethno.review.rules import Rule

RULE = Rule(
    "ME202",
    "unknown-study-concept",
    Severity.ERROR,
    "A translation's `concept` must be the id of one of the `concepts` in the named study's file. "
    "Correct the id, or add the concept to the study.",
    bad="translations:\n  - study: ahmed2014\n    concept: unhread\n    relation: reciprocal",
    good="translations:\n  - study: ahmed2014\n    concept: unheard\n    relation: reciprocal",
)


def check(review: Review) -> Iterator[Diagnostic]:
    for concept in review.concepts.values():
        for index, translation in enumerate(concept.translations):
            study = review.studies.get(translation.study)
            if study is None or study.concept(translation.concept) is not None:
                continue
            known = list(dict.fromkeys(c.id for c in study.concepts))
            hint = did_you_mean(translation.concept, known) or "; its concepts are " + ", ".join(
                f"`{c}`" for c in known
            )
            yield RULE.at(
                concept.where("translations", index, "concept"),
                f"study `{study.id}` has no concept `{translation.concept}`{hint}",
            )
