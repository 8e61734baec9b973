"""The line-of-argument flowchart: labels that cannot break the chart or its code block."""

from __future__ import annotations

from hypothesis import given

import hostile
from conftest import TESTS
from metaethno.analysis.synthesis import analyse
from metaethno.checks.run import check_review
from metaethno.render.mermaid import flowchart, label, node_ids


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
