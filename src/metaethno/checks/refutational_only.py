"""ME304: a synthesised concept has only refutational translations."""

from __future__ import annotations

from collections.abc import Iterator

from metaethno.review.diagnostics import Diagnostic, Severity
from metaethno.review.loaded import Review
from metaethno.review.rules import Rule

RULE = Rule(
    "ME304",
    "refutational-only",
    Severity.WARNING,
    "A concept that every translation refutes has no study supporting it. Check the relations, "
    "or add the studies that support it.",
    bad="translations:\n  - study: begum2016\n    concept: pressure\n    relation: refutational\n    note: ...",
    good="translations:\n  - study: ahmed2014\n    concept: networks\n    relation: reciprocal\n"
    "  - study: chen2019\n    concept: elders\n    relation: reciprocal\n"
    "  - study: begum2016\n    concept: pressure\n    relation: refutational\n    note: ...",
)


def check(review: Review) -> Iterator[Diagnostic]:
    for concept in review.concepts.values():
        relations = {t.relation for t in concept.translations}
        if relations == {"refutational"}:
            yield RULE.at(
                concept.where_key("translations"),
                f"every translation into `{concept.id}` is refutational, so no study supports it; "
                "check the relations or add supporting studies",
            )
