"""ME302: a study contributes to no synthesised concept."""

from __future__ import annotations

from collections.abc import Iterator

from metaethno.review.diagnostics import Diagnostic, Severity
from metaethno.review.loaded import Review
from metaethno.review.rules import Rule

RULE = Rule(
    "ME302",
    "study-without-contribution",
    Severity.WARNING,
    "An included study none of whose concepts is translated does not take part in the synthesis. "
    "Translate its concepts, or reconsider its inclusion. Not reported while a concept file has "
    "errors.",
    bad="# no concept file has a translation with study: ahmed2014",
    good="translations:\n  - study: ahmed2014\n    concept: unheard\n    relation: reciprocal",
)


def check(review: Review) -> Iterator[Diagnostic]:
    if not review.all_concepts_read:
        return
    contributing = {t.study for concept in review.concepts.values() for t in concept.translations}
    for study in review.studies.values():
        if study.id not in contributing:
            yield RULE.at(
                study.where("id"),
                f"study `{study.id}` contributes to no synthesised concept; "
                "translate its concepts or reconsider its inclusion",
            )
