"""ME306: a reference names no authors."""

from __future__ import annotations

from collections.abc import Iterator

from metaethno.review.diagnostics import Diagnostic, Severity
from metaethno.review.loaded import Review
from metaethno.review.rules import Rule

RULE = Rule(
    "ME306",
    "no-authors",
    Severity.WARNING,
    "A reference without `authors` (an empty list, or none given) is cited without a name: the "
    "study's short name in the tables falls back to its id, and its entry in the report's list "
    "of references starts with the year. List the authors as the citation gives them; an organisation "
    "that wrote a report is its author.",
    bad="references:\n  - authors: []\n    year: 2014\n    title: Talking to a wall",
    good='references:\n  - authors: ["Ahmed, S."]\n    year: 2014\n    title: Talking to a wall',
)


def check(review: Review) -> Iterator[Diagnostic]:
    for study in review.studies.values():
        for index, reference in enumerate(study.references):
            if not reference.authors:
                yield RULE.at(
                    study.where("references", index, "authors"),
                    f"reference {index + 1} of `{study.id}` names no authors; "
                    "list them as the citation gives them",
                )
