"""ME310: a translated study concept has no first-order data behind it."""

from __future__ import annotations

from collections.abc import Iterator

from metaethno.review.diagnostics import Diagnostic, Severity
from metaethno.review.loaded import Review, translated_study_concepts
from metaethno.review.rules import Rule

RULE = Rule(
    "ME310",
    "no-first-order-data",
    Severity.WARNING,
    "A second-order concept translated into the synthesis should show the first-order data it "
    "rests on, participants' words or field observations, so that readers can judge the "
    "translation. Add a quote or an observation under `quotes`.",
    bad="  - id: unheard\n    label: Not being heard\n    quotes: []",
    good="  - id: unheard\n    label: Not being heard\n    quotes:\n"
    "      - text: Nobody listened.\n        source: Participant 1\n"
    "      - text: Staff wrote while the patient spoke.\n        kind: observation",
)


def check(review: Review) -> Iterator[Diagnostic]:
    translated = translated_study_concepts(review)
    for study in review.studies.values():
        for index, concept in enumerate(study.concepts):
            if not concept.quotes and (study.id, concept.id) in translated:
                yield RULE.at(
                    study.where("concepts", index, "id"),
                    f"`{study.id}/{concept.id}` is translated into the synthesis but has no "
                    "first-order data; add a participant's quote or a field observation under "
                    "`quotes`",
                )
