"""ME311: a GRADE-CERQual assessment leaves out a component or the overall explanation."""

from __future__ import annotations

from collections.abc import Iterator

from metaethno.review.diagnostics import Diagnostic, Severity
from metaethno.review.instruments import CERQUAL_COMPONENTS
from metaethno.review.loaded import Review
from metaethno.review.rules import Rule

RULE = Rule(
    "ME311",
    "incomplete-confidence",
    Severity.WARNING,
    "A GRADE-CERQual assessment judges all four components (methodological limitations, "
    "coherence, adequacy, relevance), each as a level of concern, and explains the overall "
    "assessment; a Summary of Qualitative Findings with a component or the explanation "
    "missing cannot be read as a CERQual assessment.",
    bad="confidence:\n  coherence: minor\n  overall: moderate",
    good="confidence:\n  methodological_limitations: minor\n  coherence: minor\n"
    "  adequacy: no_or_very_minor\n  relevance: minor\n  overall: moderate\n"
    "  explanation: Minor concerns about coherence and relevance.",
)


def check(review: Review) -> Iterator[Diagnostic]:
    for concept in review.concepts.values():
        confidence = concept.confidence
        if confidence is None:
            continue
        missing = [field for field, _ in CERQUAL_COMPONENTS if getattr(confidence, field) is None]
        if confidence.explanation is None:
            missing.append("explanation")
        if missing:
            listed = ", ".join(f"`{field}`" for field in missing)
            yield RULE.at(
                concept.where_key("confidence"),
                f"the GRADE-CERQual assessment of `{concept.id}` has no {listed}; judge every "
                "component (no_or_very_minor, minor, moderate or serious) and explain the "
                "overall assessment",
            )
