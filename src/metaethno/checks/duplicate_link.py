"""ME215: a concept gives the same line-of-argument link twice."""

from __future__ import annotations

from collections.abc import Iterator

from metaethno.checks.duplicate_id import repeats
from metaethno.review.diagnostics import Diagnostic, Severity
from metaethno.review.loaded import Review
from metaethno.review.models import text_key
from metaethno.review.rules import Rule

RULE = Rule(
    "ME215",
    "duplicate-link",
    Severity.ERROR,
    "A concept links to the same concept with the same relation (ignoring case and spaces) "
    "twice, which would count and draw the link twice. Remove one; links with different "
    "relations to one concept are fine.",
    bad="links:\n  - to: trust\n    relation: builds\n  - to: trust\n    relation: Builds",
    good="links:\n  - to: trust\n    relation: builds",
)


def check(review: Review) -> Iterator[Diagnostic]:
    for concept in review.concepts.values():
        yield from repeats(
            concept,
            ("links",),
            None,
            [(link.to, text_key(link.relation)) for link in concept.links],
            "{} is given twice (first at line {}); remove one",
            rule=RULE,
            shown=[
                f"the link `{' '.join(link.relation.split())}` to `{link.to}`"
                for link in concept.links
            ],
        )
