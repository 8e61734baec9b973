"""ME303: a synthesised concept rests on a single study."""

from __future__ import annotations

from collections.abc import Iterator

from metaethno.review.diagnostics import Diagnostic, Severity
from metaethno.review.loaded import Review, evidence_studies
from metaethno.review.rules import Rule

RULE = Rule(
    "ME303",
    "single-study-concept",
    Severity.WARNING,
    "A concept that only one study supports is that study's finding rather than a synthesis. "
    "Look for reciprocal translations in other studies, or fold it into another concept. A "
    "refuting study whose contradiction the concept accounts for (`accounted_for_by`) counts "
    "as its evidence.",
    bad="translations:\n  - study: ahmed2014\n    concept: unheard\n    relation: reciprocal",
    good="translations:\n  - study: ahmed2014\n    concept: unheard\n    relation: reciprocal\n"
    "  - study: begum2016\n    concept: dismissed\n    relation: reciprocal",
)


def check(review: Review) -> Iterator[Diagnostic]:
    for concept in review.concepts.values():
        if not concept.translations:
            continue
        supporting = evidence_studies(review, concept)
        if len(supporting) == 1:
            yield RULE.at(
                concept.where_key("translations"),
                f"concept `{concept.id}` is supported by one study only ({supporting[0]}); "
                "look for reciprocal translations in other studies",
            )
