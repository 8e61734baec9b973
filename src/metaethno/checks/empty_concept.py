"""ME211: a synthesised concept has neither translations nor includes."""

from __future__ import annotations

from collections.abc import Iterator

from metaethno.review.diagnostics import Diagnostic, Severity
from metaethno.review.loaded import Review
from metaethno.review.rules import Rule

RULE = Rule(
    "ME211",
    "empty-concept",
    Severity.ERROR,
    "A synthesised concept rests on evidence: study concepts translated into it (`translations`), "
    "other concepts it synthesises (`includes`), or both.",
    bad="id: mistrust\nlabel: Mistrust",
    good="id: mistrust\nlabel: Mistrust\ntranslations:\n  - study: ahmed2014\n    concept: wary\n    relation: reciprocal",
)


def check(review: Review) -> Iterator[Diagnostic]:
    for concept in review.concepts.values():
        if not concept.translations and not concept.includes:
            yield RULE.at(
                concept.where("id"),
                f"concept `{concept.id}` has no translations and includes no concepts; "
                "add `translations` or `includes`",
            )
