"""ME203: `includes` names a concept that has no file."""

from __future__ import annotations

from collections.abc import Iterator

from metaethno.review.diagnostics import Diagnostic, Severity
from metaethno.review.hints import did_you_mean
from metaethno.review.loaded import Review
from metaethno.review.rules import Rule

RULE = Rule(
    "ME203",
    "unknown-included-concept",
    Severity.ERROR,
    "Every id in a concept's `includes` must be the id of a file in the concepts folder.",
    bad="includes: [being-listend-to]",
    good="includes: [being-listened-to]",
)


def check(review: Review) -> Iterator[Diagnostic]:
    for concept in review.concepts.values():
        for index, included in enumerate(concept.includes):
            if not review.has_concept(included):
                yield RULE.at(
                    concept.where("includes", index),
                    f"unknown concept `{included}` in includes: there is no {review.concepts_folder}/{included}.yaml"
                    f"{did_you_mean(included, review.concepts)}",
                )
