"""A small review built in memory in which the test chooses every piece of reviewer text.

Ids stay valid (the format forbids anything else in them); everything a reviewer
writes freely (titles, labels, interpretations, quotes, notes, authors, levels)
comes from the list of texts given, in order, so property tests can fill it with
hostile strings and renderers can be checked for structure that text must not change.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from metaethno.review.loaded import Review
from metaethno.review.models import Concept, ReviewConfig, Study

FRAGMENTS = [
    "|",
    "\\|",
    "\\",
    "\n",
    "\r\n",
    "<script>alert(1)</script>",
    "<br>",
    "&amp;",
    "`",
    "```",
    "# ",
    "## heading",
    "> ",
    "- ",
    "1. ",
    "---",
    "===",
    "**",
    "_",
    "[x](https://example.com)",
    '"',
    "#quot;",
    "end",
    "-->",
    "%%",
    "{}",
]
# Whitespace-only text is left out: the format refuses it (ME104), so no review holds it.
hostile_text = (
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=4)), min_size=1, max_size=6)
    .map("".join)
    .filter(lambda text: text.strip() != "")
)
TEXTS = 47
texts_for_a_review = st.lists(hostile_text, min_size=TEXTS, max_size=TEXTS)


def review(texts: Sequence[str]) -> Review:
    """The review, with `texts` (at least `TEXTS` of them) as all of its free text."""
    assert len(texts) >= TEXTS
    t: Iterator[str] = iter(texts)
    levels = [next(t), next(t)]
    config = ReviewConfig.model_validate(
        {
            "title": next(t),
            "question": next(t),
            "authors": [next(t), next(t)],
            "translation_order": "chronological",
            "order_rationale": next(t),
            "framework": {"name": next(t), "levels": levels},
            "line_of_argument": {"summary": next(t), "sequence": ["heard", "trust", "care"]},
        }
    )
    alpha = _study(
        {
            "id": "alpha2010",
            "references": [
                {
                    "authors": [next(t), next(t)],
                    "year": 2010,
                    "title": next(t),
                    "journal": next(t),
                    # a DOI holds no spaces; the rest of it is the test's text
                    "doi": "10.5555/" + "".join(next(t).split()),
                }
            ],
            "context": {
                "country": next(t),
                "setting": next(t),
                "population": next(t),
                "sample_size": 10,
                "methods": next(t),
            },
            "appraisal": {
                "tool": next(t),
                "answers": {1: "yes", 2: "cant_tell"},
                "rating": "high",
                "notes": next(t),
            },
            "concepts": [
                {
                    "id": "a",
                    "label": next(t),
                    "interpretation": next(t),
                    "level": levels[0],
                    "quotes": [{"text": next(t), "source": next(t), "page": next(t)}],
                },
                {"id": "b", "label": next(t), "interpretation": next(t)},
                {"id": "left-out", "label": next(t), "interpretation": next(t)},
            ],
        }
    )
    beta = _study(
        {
            "id": "beta2012",
            "references": [{"authors": [next(t)], "year": 2012, "title": next(t)}],
            "concepts": [
                {"id": "x", "label": next(t), "quotes": [{"text": next(t), "page": 3}]},
                {"id": "y", "label": next(t), "interpretation": next(t)},
            ],
        }
    )
    heard = _concept(
        {
            "id": "heard",
            "label": next(t),
            "interpretation": next(t),
            "level": levels[0],
            "translations": [
                {"study": "alpha2010", "concept": "a", "relation": "reciprocal", "note": next(t)},
                {"study": "beta2012", "concept": "x", "relation": "reciprocal"},
            ],
            "links": [{"to": "trust", "relation": next(t)}],
            "confidence": {
                "methodological_limitations": "minor",
                "methodological_limitations_explanation": next(t),
                "overall": "moderate",
                "explanation": next(t),
            },
        }
    )
    trust = _concept(
        {
            "id": "trust",
            "label": next(t),
            "interpretation": next(t),
            "level": levels[1],
            "translations": [
                {"study": "alpha2010", "concept": "b", "relation": "reciprocal"},
                {"study": "beta2012", "concept": "y", "relation": "refutational", "note": next(t)},
            ],
        }
    )
    care = _concept(
        {
            "id": "care",
            "label": next(t),
            "interpretation": next(t),
            "includes": ["heard", "trust"],
            "links": [{"to": "heard", "relation": next(t)}],
        }
    )
    return Review(
        root=Path(),
        config=config,
        studies={s.id: s for s in (alpha, beta)},
        concepts={c.id: c for c in (heard, trust, care)},
    )


def _study(data: dict[str, Any]) -> Study:
    return Study.model_validate(data)


def _concept(data: dict[str, Any]) -> Concept:
    return Concept.model_validate(data)


PLAIN = review(["x"] * TEXTS)
"""The same review with harmless text: the structure every hostile version must keep."""
