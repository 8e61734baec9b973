"""ME314: a concept of the line of argument has no GRADE-CERQual assessment."""

from __future__ import annotations

from collections.abc import Iterator

from metaethno.review.diagnostics import Diagnostic, Severity
from metaethno.review.loaded import Review
from metaethno.review.rules import Rule

RULE = Rule(
    "ME314",
    "argument-without-confidence",
    Severity.WARNING,
    "Each finding the line of argument presents (`line_of_argument.sequence`) belongs in the "
    "Summary of Qualitative Findings with a GRADE-CERQual assessment of confidence in it.",
    bad="# metaethno.yaml\nline_of_argument:\n  sequence: [trust]\n"
    "# concepts/trust.yaml has no confidence",
    good="# concepts/trust.yaml\nconfidence:\n  methodological_limitations: minor\n  ...\n"
    "  overall: moderate\n  explanation: ...",
)


def check(review: Review) -> Iterator[Diagnostic]:
    config = review.config
    if config is None or config.line_of_argument is None:
        return
    for index, concept_id in enumerate(config.line_of_argument.sequence):
        concept = review.concepts.get(concept_id)
        if concept is not None and concept.confidence is None:
            yield RULE.at(
                config.where("line_of_argument", "sequence", index),
                f"`{concept_id}` is in the line of argument but has no `confidence`; add its "
                "GRADE-CERQual assessment so it appears in the Summary of Qualitative Findings",
            )
