"""ME312: the overall GRADE-CERQual assessment does not follow from its components."""

from __future__ import annotations

from collections.abc import Iterator

from metaethno.review.diagnostics import Diagnostic, Severity
from metaethno.review.instruments import CERQUAL_COMPONENTS
from metaethno.review.loaded import Review
from metaethno.review.rules import Rule

RULE = Rule(
    "ME312",
    "inconsistent-confidence",
    Severity.WARNING,
    "GRADE-CERQual starts from high confidence and moves down for concerns: `high` overall "
    "with a serious concern about a component, or `low` or `very_low` when every component "
    "was judged to raise no or very minor concerns, contradicts its own components. Revise "
    "the overall assessment or the component, and explain it.",
    bad="confidence:\n  methodological_limitations: serious\n  coherence: no_or_very_minor\n"
    "  adequacy: no_or_very_minor\n  relevance: no_or_very_minor\n  overall: high",
    good="confidence:\n  methodological_limitations: serious\n  coherence: no_or_very_minor\n"
    "  adequacy: no_or_very_minor\n  relevance: no_or_very_minor\n  overall: moderate",
)


def check(review: Review) -> Iterator[Diagnostic]:
    for concept in review.concepts.values():
        confidence = concept.confidence
        if confidence is None:
            continue
        concerns = {
            field: concern
            for field, _ in CERQUAL_COMPONENTS
            if (concern := getattr(confidence, field)) is not None
        }
        serious = [field for field, concern in concerns.items() if concern == "serious"]
        where = concept.where("confidence", "overall")
        if confidence.overall == "high" and serious:
            yield RULE.at(
                where,
                f"overall confidence in `{concept.id}` is high, but `{serious[0]}` raises "
                "serious concerns; lower the overall assessment or revise the component",
            )
        elif (
            confidence.overall in ("low", "very_low")
            and len(concerns) == len(CERQUAL_COMPONENTS)
            and set(concerns.values()) == {"no_or_very_minor"}
        ):
            yield RULE.at(
                where,
                f"overall confidence in `{concept.id}` is {confidence.overall.replace('_', ' ')}, "
                "but no component raises more than very minor concerns; raise the overall "
                "assessment or say which component gives concern",
            )
