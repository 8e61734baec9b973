"""ME201: a translation names a study that has no file."""

from __future__ import annotations

from collections.abc import Iterator

from metaethno.review.diagnostics import Diagnostic, Severity
from metaethno.review.hints import did_you_mean
from metaethno.review.loaded import Review
from metaethno.review.rules import Rule

RULE = Rule(
    "ME201",
    "unknown-study",
    Severity.ERROR,
    "A translation's `study` must be the id of a file in the studies folder. Correct the id, "
    "or add the study's file.",
    bad="translations:\n  - study: ahmed2041   # no studies/ahmed2041.yaml\n    concept: unheard\n    relation: reciprocal",
    good="translations:\n  - study: ahmed2014\n    concept: unheard\n    relation: reciprocal",
)


def check(review: Review) -> Iterator[Diagnostic]:
    for concept in review.concepts.values():
        for index, translation in enumerate(concept.translations):
            if not review.has_study(translation.study):
                yield RULE.at(
                    concept.where("translations", index, "study"),
                    f"unknown study `{translation.study}`: there is no {review.studies_folder}/{translation.study}.yaml"
                    f"{did_you_mean(translation.study, review.studies)}",
                )
