"""ME205: the line of argument's `sequence` names a concept that has no file."""

from __future__ import annotations

from collections.abc import Iterator

from metaethno.review.diagnostics import Diagnostic, Severity
from metaethno.review.hints import did_you_mean
from metaethno.review.loaded import Review
from metaethno.review.rules import Rule

RULE = Rule(
    "ME205",
    "unknown-sequence-concept",
    Severity.ERROR,
    "Every id in `line_of_argument.sequence` in metaethno.yaml must be the id of a file in the "
    "concepts folder.",
    bad="line_of_argument:\n  sequence: [mistrsut]",
    good="line_of_argument:\n  sequence: [mistrust]",
)


def check(review: Review) -> Iterator[Diagnostic]:
    config = review.config
    if config is None or config.line_of_argument is None:
        return
    for index, concept_id in enumerate(config.line_of_argument.sequence):
        if not review.has_concept(concept_id):
            yield RULE.at(
                config.where("line_of_argument", "sequence", index),
                f"unknown concept `{concept_id}` in the sequence: there is no {review.concepts_folder}/{concept_id}.yaml"
                f"{did_you_mean(concept_id, review.concepts)}",
            )
