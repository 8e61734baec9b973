"""The synthesis as a REFI-QDA codebook (.qdc), which NVivo, ATLAS.ti, MAXQDA and QualCoder
import.

Each synthesised concept becomes a code, nested under the concepts that include it, with its
interpretation as the code's description; each framework level becomes a set of codes. A
code may have one parent only, so a concept that several concepts include is nested under
the first of them by id, and its description names the others (docs/import-export.md).

GUIDs are uuid5 of the concept's id (or the level's name) in a fixed namespace, so
exporting the same review again gives the same bytes and importing tools see the same
codes. The XML follows the REFI-QDA Codebook schema 1.0 (namespace
`urn:QDA-XML:codebook:1.0`).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence

from metaethno.analysis.ordering import included_by
from metaethno.analysis.synthesis import Synthesis
from metaethno.render.xml_text import replace_non_xml
from metaethno.review.loaded import Review
from metaethno.review.models import Concept

NAMESPACE = "urn:QDA-XML:codebook:1.0"
# uuid5(NAMESPACE_URL, "https://github.com/metaethno/metaethno#refi-qda"): fixed for good,
# since every GUID metaethno has exported is derived from it.
GUID_NAMESPACE = uuid.UUID("3367a334-2ec6-5c6b-b029-f5f9097375a6")
ORIGIN = "metaethno"
_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTRIBUTE_ESCAPES = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "\r": "&#13;",
        "\n": "&#10;",
        "\t": "&#09;",
    }
)


class EmptyCodebookError(ValueError):
    """The review has no synthesised concepts; a codebook needs at least one code."""


def concept_guid(concept_id: str) -> str:
    """The GUID of a concept's code: the same for the same id, in every export."""
    return str(uuid.uuid5(GUID_NAMESPACE, f"concept/{concept_id}"))


def level_guid(level: str) -> str:
    """The GUID of a framework level's set."""
    return str(uuid.uuid5(GUID_NAMESPACE, f"level/{level}"))


def render_codebook(synthesis: Synthesis) -> str:
    """The codebook as XML text, deterministic for a given review."""
    review = synthesis.review
    ordered = [review.concepts[c] for c in synthesis.concept_ids]
    if not ordered:
        raise EmptyCodebookError(
            "the review has no synthesised concepts, and a codebook needs at least one code; "
            "add a concept (metaethno new concept ID) and export again"
        )
    parents = _parents(review, [concept.id for concept in ordered])
    tops, children = _code_tree(review, ordered, parents)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f"<CodeBook{_attributes(xmlns=NAMESPACE, origin=ORIGIN)}>",
    ]
    lines.append("  <Codes>")
    lines.extend(_code_lines(review, tops, children, parents))
    lines.append("  </Codes>")
    lines.extend(_level_set_lines(review, ordered))
    lines.append("</CodeBook>")
    return "\n".join(lines) + "\n"


def _parents(review: Review, concept_ids: Sequence[str]) -> dict[str, list[str]]:
    """For each included concept, the ids of the other concepts including it, once each and
    sorted by id (a concept including itself, which check refuses, does not count)."""
    parents: dict[str, list[str]] = {}
    for child, parent_ids in included_by(review, concept_ids).items():
        others = sorted(set(parent_ids) - {child})
        if others:
            parents[child] = others
    return parents


def _code_tree(
    review: Review, ordered: Sequence[Concept], parents: dict[str, list[str]]
) -> tuple[list[str], dict[str, list[str]]]:
    """The codes at the top, and the codes nested in each code, in document order.

    A code sits under the first of its parents by id. Walked with a stack rather than by
    recursion, so a chain of `includes` of any depth exports.
    """
    primary = {child: names[0] for child, names in parents.items()}
    tops: list[str] = []
    children: dict[str, list[str]] = {}
    placed: set[str] = set()
    starts = [c.id for c in ordered if c.id not in primary]
    # any left over sit in an `includes` loop, which check refuses
    for start in [*starts, *(c.id for c in ordered)]:
        if start in placed:
            continue
        tops.append(start)
        placed.add(start)
        stack = [(start, iter(review.concepts[start].includes))]
        while stack:
            concept_id, includes = stack[-1]
            child = next(includes, None)
            if child is None:
                stack.pop()
            elif (
                child in review.concepts
                and primary.get(child) == concept_id
                and child not in placed
            ):
                placed.add(child)
                children.setdefault(concept_id, []).append(child)
                stack.append((child, iter(review.concepts[child].includes)))
    return tops, children


def _code_lines(
    review: Review,
    tops: Sequence[str],
    children: dict[str, list[str]],
    parents: dict[str, list[str]],
) -> Iterator[str]:
    """The `Code` elements, indented two spaces a level, nested without recursion."""
    stack: list[tuple[str, Iterator[str]]] = [("", iter(tops))]
    while stack:
        parent_id, remaining = stack[-1]
        concept_id = next(remaining, None)
        indent = "  " * (len(stack) + 1)
        if concept_id is None:
            stack.pop()
            if parent_id:
                yield f"{indent[:-2]}</Code>"
            continue
        concept = review.concepts[concept_id]
        tag = "Code" + _attributes(
            guid=concept_guid(concept_id),
            name=_name(concept.label) or concept_id,
            isCodable="true",
        )
        description = _description(concept, review, parents.get(concept_id, [])[1:])
        nested = children.get(concept_id, [])
        if not description and not nested:
            yield f"{indent}<{tag} />"
            continue
        yield f"{indent}<{tag}>"
        if description:
            yield f"{indent}  <Description>{_escape_text(description)}</Description>"
        stack.append((concept_id, iter(nested)))


def _description(concept: Concept, review: Review, other_parents: Sequence[str]) -> str:
    parts = []
    if concept.interpretation:
        parts.append(xml_text(concept.interpretation).strip())
    if other_parents:
        names = "; ".join(
            f"{_name(review.concepts[p].label)} ({p})"
            for p in other_parents
            if p in review.concepts
        )
        parts.append(f"Also included in: {names}.")
    return "\n\n".join(parts)


def _name(label: str) -> str:
    """A code's name: the label on one line."""
    return " ".join(xml_text(label).split())


def xml_text(text: str) -> str:
    """`text` as XML 1.0 carries it: without the characters it cannot represent (most
    control characters), and with line breaks as `\\n`, which is what a parser reads back."""
    return replace_non_xml(text.replace("\r\n", "\n").replace("\r", "\n"), replacement="")


def _level_set_lines(review: Review, ordered: Sequence[Concept]) -> list[str]:
    """A `Sets` element with a set per framework level that has concepts, or nothing."""
    framework = review.config.framework if review.config else None
    if framework is None:
        return []
    lines = []
    for level in framework.levels:
        members = [c for c in ordered if c.level == level]
        if not members:
            continue
        lines.append(f"    <Set{_attributes(guid=level_guid(level), name=_name(level))}>")
        text = xml_text(f"Concepts at the {level} level of the {framework.name}.")
        lines.append(f"      <Description>{_escape_text(text)}</Description>")
        lines.extend(f"      <MemberCode{_attributes(guid=concept_guid(m.id))} />" for m in members)
        lines.append("    </Set>")
    return ["  <Sets>", *lines, "  </Sets>"] if lines else []


def _escape_text(text: str) -> str:
    """Character data as ElementTree writes it."""
    return text.translate(_TEXT_ESCAPES)


def _attributes(**values: str) -> str:
    """` name="value"` for each attribute, in order, escaped as ElementTree escapes them
    (line breaks and tabs as character references, so a parser reads them back)."""
    return "".join(
        f' {name}="{value.translate(_ATTRIBUTE_ESCAPES)}"' for name, value in values.items()
    )
