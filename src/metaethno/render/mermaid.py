"""The line of argument as a Mermaid flowchart, which GitHub and GitLab draw in Markdown.

Reviewers' labels go inside double quotes with Mermaid's entity codes for every
character Mermaid or the surrounding Markdown could read as syntax, and node ids
are made from concept ids, so no label can end a node, an edge or the code block.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from metaethno.review.loaded import Review

# Mermaid writes entities as `#name;` or `#code;`, in place of the HTML `&name;`.
_ENTITIES = {
    "#": "#35;",
    '"': "#quot;",
    "&": "#amp;",
    "<": "#lt;",
    ">": "#gt;",
    "`": "#96;",
    "|": "#124;",
    "\\": "#92;",
    "*": "#42;",
    "_": "#95;",
    "~": "#126;",
    "$": "#36;",
    "[": "#91;",
    "]": "#93;",
}
_SPECIAL = re.compile("[" + re.escape("".join(_ENTITIES)) + "]")
_NOT_ID = re.compile(r"[^A-Za-z0-9]")


def label(text: str) -> str:
    """A label in double quotes, on one line, with every special character as an entity."""
    flat = " ".join(text.split())
    return '"' + _SPECIAL.sub(lambda match: _ENTITIES[match.group()], flat) + '"'


def node_ids(concept_ids: Sequence[str]) -> dict[str, str]:
    """A Mermaid node id for each concept: `c_` and the id with other characters as `_`.

    The prefix keeps clear of Mermaid's keywords (`end`, `graph`...); ids that
    clash once cleaned get a number, in the order given.
    """
    ids: dict[str, str] = {}
    used: set[str] = set()
    for concept_id in concept_ids:
        base = "c_" + _NOT_ID.sub("_", concept_id)
        candidate, number = base, 1
        while candidate in used:
            number += 1
            candidate = f"{base}_{number}"
        used.add(candidate)
        ids[concept_id] = candidate
    return ids


def flowchart(review: Review, concept_ids: Sequence[str]) -> str:
    """The concepts as nodes, their links as labelled arrows, `includes` as dotted arrows.

    Higher-order concepts (those that include others) are drawn with rounded ends.
    Returns the chart's text without the Markdown fence; empty if nothing is linked.
    """
    concepts = [review.concepts[c] for c in concept_ids if c in review.concepts]
    nodes = node_ids([concept.id for concept in concepts])
    edges: list[str] = []
    for concept in concepts:
        for child in concept.includes:
            if child in nodes:
                edges.append(f"  {nodes[concept.id]} -.->|includes| {nodes[child]}")
        for link in concept.links:
            if link.to in nodes:
                edges.append(f"  {nodes[concept.id]} -->|{label(link.relation)}| {nodes[link.to]}")
    if not edges:
        return ""
    lines = ["flowchart TD"]
    for concept in concepts:
        shape = ("([", "])") if concept.includes else ("[", "]")
        lines.append(f"  {nodes[concept.id]}{shape[0]}{label(concept.label)}{shape[1]}")
    return "\n".join([*lines, *edges]) + "\n"


# Mermaid refuses to draw a chart whose text is longer than this (its `maxTextSize` default).
MAX_TEXT = 50_000


def markdown_block(review: Review, concept_ids: Sequence[str]) -> str:
    """The flowchart as a fenced `mermaid` block, followed by a blank line; empty if nothing
    is linked.

    A chart over Mermaid's limit would not be drawn at all: then only the higher-order
    concepts (those that include others) are drawn, and a note says so; if even that is
    too long, the note says where the whole chart is.
    """
    chart = flowchart(review, concept_ids)
    if len(chart) <= MAX_TEXT:
        return f"```mermaid\n{chart}```\n\n" if chart else ""
    higher = [c for c in concept_ids if c in review.concepts and review.concepts[c].includes]
    chart = flowchart(review, higher)
    whole = "`metaethno graph --view argument --format dot` writes the whole graph."
    if chart and len(chart) <= MAX_TEXT:
        note = (
            f"The diagram shows the {len(higher)} higher-order concepts only: the whole line "
            f"of argument is over Mermaid's limit of {MAX_TEXT:,} characters. {whole}"
        )
        return f"```mermaid\n{chart}```\n\n{note}\n\n"
    return f"The line of argument is too large for a Mermaid diagram. {whole}\n\n"
