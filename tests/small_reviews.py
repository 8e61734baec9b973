"""Small reviews built in memory, for the tests of `relate` and `graph`.

`review_of` takes what the test cares about (which study supports or refutes which
concept, which concept links to which) and fills in the rest with plain, valid values,
so each test reads as the situation it checks.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from metaethno.review.loaded import Review
from metaethno.review.models import Concept, ReviewConfig, Study


def review_of(
    supports: Mapping[str, Sequence[str]],
    refutes: Mapping[str, Sequence[str]] | None = None,
    links: Sequence[tuple[str, str, str]] = (),
    includes: Mapping[str, Sequence[str]] | None = None,
    concepts: Sequence[str] = (),
    labels: Mapping[str, str] | None = None,
    sequence: Sequence[str] = (),
) -> Review:
    """A review whose studies, in the order of `supports`, are translated chronologically.

    `supports` and `refutes` map a study id to the concept ids it supports (a study
    concept named after the concept) or refutes (a study concept `not-<concept>`);
    `links` are (from, relation, to); `includes` maps a higher-order concept to the
    concepts it includes; `concepts` adds concepts without translations; `labels` gives
    labels (otherwise a concept's label is its id, capitalised); `sequence` is the line of
    argument's sequence.
    """
    refutes = refutes or {}
    includes = includes or {}
    labels = labels or {}
    studies = {}
    for year, study_id in enumerate(supports, start=2000):
        own = [{"id": c, "label": c.capitalize()} for c in supports[study_id]]
        own += [{"id": f"not-{c}", "label": f"Not {c}"} for c in refutes.get(study_id, ())]
        studies[study_id] = Study.model_validate(
            {
                "id": study_id,
                "references": [
                    {"authors": [f"{study_id.capitalize()}, A."], "year": year, "title": "A study"}
                ],
                "concepts": own or [{"id": "other", "label": "Other"}],
            }
        )
    translations: dict[str, list[dict[str, Any]]] = {}
    for study_id, supported in supports.items():
        for c in supported:
            translations.setdefault(c, []).append(
                {"study": study_id, "concept": c, "relation": "reciprocal"}
            )
    for study_id, refuted in refutes.items():
        for c in refuted:
            translations.setdefault(c, []).append(
                {
                    "study": study_id,
                    "concept": f"not-{c}",
                    "relation": "refutational",
                    "note": "It contradicts the concept.",
                }
            )
    ids = set(translations) | set(concepts) | set(includes)
    ids |= {c for included in includes.values() for c in included}
    ids |= {end for source, _, target in links for end in (source, target)}
    return Review(
        root=Path(),
        config=ReviewConfig.model_validate(
            {"title": "A small review", "line_of_argument": {"sequence": list(sequence)}}
        ),
        studies=studies,
        concepts={
            c: Concept.model_validate(
                {
                    "id": c,
                    "label": labels.get(c, c.capitalize()),
                    "translations": translations.get(c, []),
                    "includes": list(includes.get(c, [])),
                    "links": [
                        {"to": target, "relation": relation}
                        for source, relation, target in links
                        if source == c
                    ],
                }
            )
            for c in sorted(ids)
        },
    )
