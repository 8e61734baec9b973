"""ME207: a concept's `level` is not a level of the review's framework."""

from __future__ import annotations

from collections.abc import Iterator

from metaethno.review.diagnostics import Diagnostic, Location, Severity
from metaethno.review.hints import did_you_mean
from metaethno.review.loaded import Review
from metaethno.review.rules import Rule

RULE = Rule(
    "ME207",
    "unknown-level",
    Severity.ERROR,
    "A `level` must be one of the `framework.levels` in metaethno.yaml; a review without a "
    "framework cannot use levels.",
    bad="# metaethno.yaml: framework: {name: SEM, levels: [individual, community]}\nlevel: societal",
    good="level: community",
)


def check(review: Review) -> Iterator[Diagnostic]:
    if review.config is None:
        return
    levels = review.levels
    known = set(levels or ())
    for concept in review.concepts.values():
        if concept.level is not None and concept.level not in known:
            yield _unknown(concept.level, levels, concept.where("level"))
    for study in review.studies.values():
        for index, study_concept in enumerate(study.concepts):
            if study_concept.level is not None and study_concept.level not in known:
                yield _unknown(study_concept.level, levels, study.where("concepts", index, "level"))


def _unknown(level: str, levels: list[str] | None, location: Location) -> Diagnostic:
    if levels is None:
        return RULE.at(
            location,
            f"level `{level}` is used, but metaethno.yaml has no framework; "
            "add `framework: {name: ..., levels: [...]}` or remove the level",
        )
    hint = did_you_mean(level, levels) or "; the levels are " + ", ".join(levels)
    return RULE.at(location, f"level `{level}` is not a level of the framework{hint}")
