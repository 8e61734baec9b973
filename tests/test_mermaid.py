"""The line-of-argument flowchart: labels that cannot break the chart or its code block."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given

import hostile
from conftest import TESTS
from metaethno.analysis.synthesis import analyse
from metaethno.checks.run import check_review
from metaethno.render.mermaid import MAX_TEXT, flowchart, label, markdown_block, node_ids
from small_reviews import review_of


def test_flowchart_of_the_golden_review() -> None:
    review = check_review(TESTS / "golden" / "review").review
    assert flowchart(review, analyse(review).concept_ids) == (
        "flowchart TD\n"
        '  c_being_heard["Being heard"]\n'
        '  c_trust["Trust"]\n'
        '  c_relationships(["Relationships of care"])\n'
        '  c_being_heard -->|"builds"| c_trust\n'
        "  c_relationships -.->|includes| c_being_heard\n"
        "  c_relationships -.->|includes| c_trust\n"
    )


def test_label_uses_mermaid_entities() -> None:
    assert label('Say "no" | <b>#1</b>\n`x`') == (
        '"Say #quot;no#quot; #124; #lt;b#gt;#35;1#lt;/b#gt; #96;x#96;"'
    )


def test_node_ids_avoid_keywords_and_clashes() -> None:
    assert node_ids(["end", "a-b", "a_b", "a-b-2"]) == {
        "end": "c_end",
        "a-b": "c_a_b",
        "a_b": "c_a_b_2",
        "a-b-2": "c_a_b_2_2",
    }


@given(hostile.hostile_text)
def test_a_label_is_one_quoted_string(text: str) -> None:
    quoted = label(text)
    inner = quoted[1:-1]
    assert quoted[0] == quoted[-1] == '"'
    assert not any(char in inner for char in '"\n\r`|<>[]')
    assert "\\" not in inner


def test_a_chart_within_mermaids_limit_is_one_fenced_block() -> None:
    review = check_review(TESTS / "golden" / "review").review
    block = markdown_block(review, analyse(review).concept_ids)
    assert block.startswith("```mermaid\nflowchart TD\n") and block.endswith("```\n\n")


def test_a_chart_over_mermaids_limit_shows_the_higher_order_concepts_and_says_so() -> None:
    """Mermaid draws nothing at all over 50,000 characters, as on a review of 3,000 studies."""
    concepts = [f"concept-{n}" for n in range(600)]
    links = [(a, "leads to a long and winding consequence", b) for a, b in pairwise(concepts)]
    review = review_of(
        {"alpha": concepts},
        links=[*links, ("top-a", "shapes", "top-b")],
        includes={"top-a": concepts[:300], "top-b": concepts[300:]},
    )
    assert len(flowchart(review, [*concepts, "top-a", "top-b"])) > MAX_TEXT
    block = markdown_block(review, [*concepts, "top-a", "top-b"])
    assert block == (
        "```mermaid\n"
        "flowchart TD\n"
        '  c_top_a(["Top-a"])\n'
        '  c_top_b(["Top-b"])\n'
        '  c_top_a -->|"shapes"| c_top_b\n'
        "```\n\n"
        "The diagram shows the 2 higher-order concepts only: the whole line of argument is "
        "over Mermaid's limit of 50,000 characters. "
        "`metaethno graph --view argument --format dot` writes the whole graph.\n\n"
    )
