"""ME204: a line-of-argument link points at a concept that has no file."""

from __future__ import annotations

from collections.abc import Iterator

from metaethno.review.diagnostics import Diagnostic, Severity
from metaethno.review.hints import did_you_mean
from metaethno.review.loaded import Review
from metaethno.review.rules import Rule

RULE = Rule(
    "ME204",
    "unknown-linked-concept",
    Severity.ERROR,
    "A link's `to` must be the id of a file in the concepts folder.",
    bad="links:\n  - to: mistrsut\n    relation: feeds",
    good="links:\n  - to: mistrust\n    relation: feeds",
)


def check(review: Review) -> Iterator[Diagnostic]:
    for concept in review.concepts.values():
        for index, link in enumerate(concept.links):
            if not review.has_concept(link.to):
                yield RULE.at(
                    concept.where("links", index, "to"),
                    f"unknown concept `{link.to}` in links: there is no {review.concepts_folder}/{link.to}.yaml"
                    f"{did_you_mean(link.to, review.concepts)}",
                )
