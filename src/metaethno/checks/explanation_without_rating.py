"""ME307: a GRADE-CERQual component is explained but not rated."""

from __future__ import annotations

from collections.abc import Iterator

from metaethno.review.diagnostics import Diagnostic, Severity
from metaethno.review.instruments import CERQUAL_COMPONENTS
from metaethno.review.loaded import Review
from metaethno.review.rules import Rule

RULE = Rule(
    "ME307",
    "explanation-without-rating",
    Severity.WARNING,
    "A `<component>_explanation` in `confidence` explains a GRADE-CERQual rating, but the "
    "component itself is not rated: the report leaves such an explanation out, and the tables "
    "show it beside an empty rating. Add the rating (no_or_very_minor, minor, moderate or serious), or remove "
    "the explanation.",
    bad="confidence:\n  coherence_explanation: Findings agree across settings.\n  overall: high",
    good="confidence:\n  coherence: no_or_very_minor\n"
    "  coherence_explanation: Findings agree across settings.\n  overall: high",
)


def check(review: Review) -> Iterator[Diagnostic]:
    for concept in review.concepts.values():
        confidence = concept.confidence
        if confidence is None:
            continue
        for component, _ in CERQUAL_COMPONENTS:
            explanation = f"{component}_explanation"
            if (
                getattr(confidence, explanation) is not None
                and getattr(confidence, component) is None
            ):
                yield RULE.at(
                    concept.where_key("confidence", explanation),
                    f"`{explanation}` explains a rating that is not given; add `{component}: ...` "
                    "(no_or_very_minor, minor, moderate or serious) or remove the explanation",
                )
