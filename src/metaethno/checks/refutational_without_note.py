"""ME210: a refutational translation does not say how it contradicts the concept."""

from __future__ import annotations

from collections.abc import Iterator

from metaethno.review.diagnostics import Diagnostic, Severity
from metaethno.review.loaded import Review
from metaethno.review.rules import Rule

RULE = Rule(
    "ME210",
    "refutational-without-note",
    Severity.ERROR,
    "A refutational translation records a contradiction between studies; its `note` says how "
    "and why the study concept contradicts the synthesised concept, which readers need to judge it.",
    bad="  - study: begum2016\n    concept: community-pressure\n    relation: refutational",
    good="  - study: begum2016\n    concept: community-pressure\n    relation: refutational\n"
    "    note: Community ties here kept people away from services rather than bringing them in.",
)


def check(review: Review) -> Iterator[Diagnostic]:
    for concept in review.concepts.values():
        for index, translation in enumerate(concept.translations):
            if translation.relation == "refutational" and translation.note is None:
                yield RULE.at(
                    concept.where("translations", index, "relation"),
                    f"refutational translation of `{translation.study}/{translation.concept}` "
                    "has no `note`; add one saying how and why it contradicts this concept",
                )
