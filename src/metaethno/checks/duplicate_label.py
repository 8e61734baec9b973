"""ME213: two synthesised concepts have the same label."""

from __future__ import annotations

from collections.abc import Iterator

from metaethno.review.diagnostics import Diagnostic, Severity
from metaethno.review.loaded import Review
from metaethno.review.models import Concept, text_key
from metaethno.review.rules import Rule

RULE = Rule(
    "ME213",
    "duplicate-label",
    Severity.ERROR,
    "Two synthesised concepts have the same label (ignoring case and spaces), so no reader of "
    "the tables, the report or the graph can tell them apart. Merge the two concepts, or give "
    "each a label of its own.",
    bad="# concepts/trust.yaml\nlabel: Trust\n# concepts/trust-in-staff.yaml\nlabel: trust",
    good="# concepts/trust.yaml\nlabel: Trust\n# concepts/trust-in-staff.yaml\nlabel: Trust in staff",
)


def check(review: Review) -> Iterator[Diagnostic]:
    first: dict[str, Concept] = {}
    for concept in review.concepts.values():
        earlier = first.setdefault(text_key(concept.label), concept)
        if earlier is not concept:
            where = earlier.where("label")
            yield RULE.at(
                concept.where("label"),
                f"concept `{earlier.id}` ({where.path}:{where.line}) has this label too, as "
                f"`{earlier.label}`; merge the two concepts or give each its own label",
            )
