"""ME214: a concept's line-of-argument link points at the concept itself."""

from __future__ import annotations

from collections.abc import Iterator

from metaethno.review.diagnostics import Diagnostic, Severity
from metaethno.review.loaded import Review
from metaethno.review.rules import Rule

RULE = Rule(
    "ME214",
    "self-link",
    Severity.ERROR,
    "A line-of-argument link relates two concepts; a link from a concept to itself says "
    "nothing and draws a loop in the graph. Point it at the concept you meant, or remove it.",
    bad="# concepts/mistrust.yaml\nid: mistrust\nlinks:\n  - to: mistrust\n    relation: feeds",
    good="# concepts/mistrust.yaml\nid: mistrust\nlinks:\n  - to: disengagement\n    relation: feeds",
)


def check(review: Review) -> Iterator[Diagnostic]:
    for concept in review.concepts.values():
        for index, link in enumerate(concept.links):
            if link.to == concept.id:
                yield RULE.at(
                    concept.where("links", index, "to"),
                    f"`{concept.id}` links to itself; point the link at another concept "
                    "or remove it",
                )
