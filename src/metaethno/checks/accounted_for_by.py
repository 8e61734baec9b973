"""ME220: `accounted_for_by` names no higher-order concept that includes the refuted concept."""

from __future__ import annotations

from collections.abc import Iterator

from metaethno.review.diagnostics import Diagnostic, Severity
from metaethno.review.hints import did_you_mean
from metaethno.review.loaded import Review
from metaethno.review.rules import Rule

RULE = Rule(
    "ME220",
    "bad-accounted-for-by",
    Severity.ERROR,
    "`accounted_for_by` on a refutational translation names the higher-order concept that "
    "accounts for the contradiction; that concept must include the refuted concept (directly "
    "or through concepts it includes), and a reciprocal translation has nothing to account for.",
    bad="# concepts/networks-empower.yaml\n  - study: begum2016\n    concept: gossip\n"
    "    relation: refutational\n    note: ...\n    accounted_for_by: trust",
    good="# concepts/networks-empower.yaml\n  - study: begum2016\n    concept: gossip\n"
    "    relation: refutational\n    note: ...\n    accounted_for_by: community-double-edged\n"
    "# concepts/community-double-edged.yaml\nincludes: [networks-empower, attitudes]",
)


def check(review: Review) -> Iterator[Diagnostic]:
    for concept in review.concepts.values():
        for index, translation in enumerate(concept.translations):
            target = translation.accounted_for_by
            if target is None:
                continue
            where = concept.where("translations", index, "accounted_for_by")
            if translation.relation != "refutational":
                yield RULE.at(
                    where,
                    "`accounted_for_by` on a reciprocal translation: only a contradiction can be "
                    "accounted for; remove it or make the translation refutational",
                )
            elif not review.has_concept(target):
                yield RULE.at(
                    where,
                    f"unknown concept `{target}` in accounted_for_by: there is no "
                    f"{review.concepts_folder}/{target}.yaml{did_you_mean(target, review.concepts)}",
                )
            elif target in review.concepts and concept.id not in _included(review, target):
                yield RULE.at(
                    where,
                    f"`{target}` does not include `{concept.id}`, so it cannot account for this "
                    f"contradiction; add `{concept.id}` to its `includes` or name a concept "
                    "that includes it",
                )


def _included(review: Review, concept_id: str) -> set[str]:
    """The concepts `concept_id` includes, at any depth."""
    found: set[str] = set()
    pending = list(review.concepts[concept_id].includes)
    while pending:
        current = pending.pop()
        if current not in found:
            found.add(current)
            included = review.concepts.get(current)
            pending.extend(included.includes if included else ())
    return found
