"""Orders: studies as they are translated, concepts as the line of argument presents them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import TESTS
from metaethno.analysis.ordering import (
    OrderError,
    OrderMethod,
    linked_order,
    study_order,
)
from metaethno.analysis.synthesis import analyse
from metaethno.checks.run import check_review
from metaethno.review.loaded import Review
from metaethno.review.models import Concept, ReviewConfig, Study

REVIEW = check_review(TESTS / "golden" / "review").review


def test_configured_index_order_with_its_rationale() -> None:
    order = study_order(REVIEW)
    assert order.method == "index"
    assert order.study_ids == ("beta2012", "alpha2010a", "alpha2010b")
    assert (
        order.rationale == "Beta 2012 is the richest study, so the others are translated into it."
    )


def test_chronological_breaks_ties_by_id_and_drops_the_rationale() -> None:
    order = study_order(REVIEW, "chronological")
    assert order.study_ids == ("alpha2010a", "alpha2010b", "beta2012")
    assert order.rationale is None


def test_an_index_study_alone_asks_for_the_index_order() -> None:
    order = study_order(REVIEW, index_study="alpha2010b")
    assert (order.method, order.study_ids) == ("index", ("alpha2010b", "alpha2010a", "beta2012"))


@pytest.mark.parametrize(
    ("method", "index", "message"),
    [
        ("index", "nope", "no study `nope` to use as the index study"),
        ("alphabetical", "beta2012", "--index-study applies only to the index order"),
    ],
)
def test_bad_choices_raise(method: OrderMethod, index: str, message: str) -> None:
    with pytest.raises(OrderError, match=message):
        study_order(REVIEW, method, index)


def review_of(concepts: list[dict[str, Any]], sequence: list[str] | None = None) -> Review:
    """A review of one study and the given concepts, each labelled with its id."""
    config: dict[str, Any] = {"title": "t"}
    if sequence is not None:
        config["line_of_argument"] = {"sequence": sequence}
    study = Study.model_validate(
        {
            "id": "s",
            "references": [{"year": 2000, "title": "t"}],
            "concepts": [{"id": "c", "label": "c"}],
        }
    )
    return Review(
        root=Path(),
        config=ReviewConfig.model_validate(config),
        studies={"s": study},
        concepts={c["id"]: Concept.model_validate({"label": c["id"], **c}) for c in concepts},
    )


def test_without_a_sequence_concepts_follow_their_links_ties_by_id() -> None:
    review = review_of(
        [
            {"id": "trust", "links": []},
            {"id": "barriers", "links": [{"to": "mistrust", "relation": "feeds"}]},
            {"id": "mistrust", "links": [{"to": "trust", "relation": "erodes"}]},
            {"id": "access", "links": []},
        ]
    )
    assert analyse(review).concept_ids == ("access", "barriers", "mistrust", "trust")


def test_a_loop_of_links_is_kept_together_in_id_order() -> None:
    review = review_of(
        [
            {"id": "z-start", "links": [{"to": "mistrust", "relation": "feeds"}]},
            {"id": "mistrust", "links": [{"to": "hiding", "relation": "drives"}]},
            {"id": "hiding", "links": [{"to": "mistrust", "relation": "confirms"}]},
            {"id": "after", "links": []},
        ]
    )
    # `after` and `z-start` have nothing before them; the loop follows `z-start`, by id inside
    assert linked_order(analyse(review).argument_graph) == [
        "after",
        "z-start",
        "hiding",
        "mistrust",
    ]


def test_a_partial_sequence_comes_first_and_nothing_is_dropped() -> None:
    review = review_of(
        [
            {"id": "a", "links": [{"to": "b", "relation": "leads to"}]},
            {"id": "b", "links": []},
            {"id": "c", "links": []},
        ],
        sequence=["c", "unknown"],
    )
    assert analyse(review).concept_ids == ("c", "a", "b")
