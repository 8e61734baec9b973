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
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from metaethno.models import Concept
from metaethno.ordering import concept_order
from metaethno.review import Review
from metaethno.translation import included_by
from metaethno.xml_text import replace_non_xml

NAMESPACE = "urn:QDA-XML:codebook:1.0"
# uuid5(NAMESPACE_URL, "https://github.com/metaethno/metaethno#refi-qda"): fixed for good,
# since every GUID metaethno has exported is derived from it.
GUID_NAMESPACE = uuid.UUID("3367a334-2ec6-5c6b-b029-f5f9097375a6")
ORIGIN = "metaethno"


class EmptyCodebookError(ValueError):
    """The review has no synthesised concepts; a codebook needs at least one code."""


def concept_guid(concept_id: str) -> str:
    """The GUID of a concept's code: the same for the same id, in every export."""
    return str(uuid.uuid5(GUID_NAMESPACE, f"concept/{concept_id}"))


def level_guid(level: str) -> str:
    """The GUID of a framework level's set."""
    return str(uuid.uuid5(GUID_NAMESPACE, f"level/{level}"))


def render_codebook(review: Review) -> str:
    """The codebook as XML text, deterministic for a given review."""
    ordered = [review.concepts[c] for c in concept_order(review)]
    if not ordered:
        raise EmptyCodebookError(
            "the review has no synthesised concepts, and a codebook needs at least one code; "
            "add a concept (metaethno new concept ID) and export again"
        )
    parents = _parents(review, [concept.id for concept in ordered])
    primary = {child: names[0] for child, names in parents.items()}
    # unqualified tags under a default namespace declared by hand: ElementTree's own
    # default_namespace refuses the schema's unqualified attributes
    root = ET.Element("CodeBook", {"xmlns": NAMESPACE, "origin": ORIGIN})
    codes = ET.SubElement(root, "Codes")
    placed: set[str] = set()
    for concept in ordered:
        if concept.id not in primary:
            _add_code(codes, concept, review, primary, parents, placed)
    for concept in ordered:  # any left over sit in an `includes` loop, which check refuses
        if concept.id not in placed:
            _add_code(codes, concept, review, primary, parents, placed)
    sets = _level_sets(review, ordered)
    if len(sets):
        root.append(sets)
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="utf-8"?>\n{body}\n'


def _parents(review: Review, concept_ids: Sequence[str]) -> dict[str, list[str]]:
    """For each included concept, the ids of the other concepts including it, once each and
    sorted by id (a concept including itself, which check refuses, does not count)."""
    parents: dict[str, list[str]] = {}
    for child, parent_ids in included_by(review, concept_ids).items():
        others = sorted(set(parent_ids) - {child})
        if others:
            parents[child] = others
    return parents


def _add_code(
    parent: ET.Element,
    concept: Concept,
    review: Review,
    primary: dict[str, str],
    parents: dict[str, list[str]],
    placed: set[str],
) -> None:
    placed.add(concept.id)
    code = ET.SubElement(
        parent,
        "Code",
        {
            "guid": concept_guid(concept.id),
            "name": _name(concept.label) or concept.id,
            "isCodable": "true",
        },
    )
    description = _description(concept, review, parents.get(concept.id, [])[1:])
    if description:
        ET.SubElement(code, "Description").text = description
    for child_id in concept.includes:
        child = review.concepts.get(child_id)
        if child is not None and primary.get(child_id) == concept.id and child_id not in placed:
            _add_code(code, child, review, primary, parents, placed)


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


def _level_sets(review: Review, ordered: Sequence[Concept]) -> ET.Element:
    """A `Sets` element with a set per framework level that has concepts (maybe none)."""
    sets = ET.Element("Sets")
    framework = review.config.framework if review.config else None
    if framework is None:
        return sets
    for level in framework.levels:
        members = [c for c in ordered if c.level == level]
        if not members:
            continue
        level_set = ET.SubElement(sets, "Set", {"guid": level_guid(level), "name": _name(level)})
        ET.SubElement(level_set, "Description").text = xml_text(
            f"Concepts at the {level} level of the {framework.name}."
        )
        for member in members:
            ET.SubElement(level_set, "MemberCode", {"guid": concept_guid(member.id)})
    return sets
