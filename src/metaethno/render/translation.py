"""translate's tables as Markdown, CSV and JSON, and the wording they share with
`translation_terminal`, which renders them as rich tables.

Each renderer takes the `TranslationTables` and a `View` and returns a string; nothing
here writes. docs/translate.md describes every format, and the JSON shape in full.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from metaethno.analysis.translation import (
    REFUTED_MARK,
    GridRow,
    LongRow,
    Named,
    RefutationRow,
    StudyColumn,
    TranslationTables,
    cell_text,
    group_text,
)
from metaethno.render import markdown as md
from metaethno.render.tables import grid_table, translations_table
from metaethno.render.tables import render_csv as table_csv
from metaethno.render.terminal import WHOLE, Screen
from metaethno.render.translation_layouts import (
    LAYOUT_LEGENDS,
    layout_table,
    plain_table_markdown,
)
from metaethno.render.translation_wording import (
    cumulative_legend,
    left_out_sentence,
    order_sentence,
)
from metaethno.review.hints import plural

if TYPE_CHECKING:
    pass

Layout = Literal["grid", "long", "third-order", "studies"]
JSON_FORMAT_VERSION = 1
NO_GROUP = "—"

GRID_LEGEND = (
    "Each row is a third-order construct, the reviewers' interpretation; each cell holds the "
    "study's own concepts, second-order constructs (the authors' interpretations), translated "
    "into it; "
    f"{REFUTED_MARK} marks a refutational translation, one that contradicts the concept. "
    "An empty cell means the study does not express the concept. "
    "n counts the studies that support it."
)


@dataclass(frozen=True)
class View:
    """How to show the tables: the layout, the review's title, for the terminal its width,
    whether to use colour and the screen its tables are cut to, and the studies left out
    for a sensitivity analysis."""

    layout: Layout = "grid"
    title: str = ""
    width: int = 100
    color: bool = False
    left_out: tuple[StudyColumn, ...] = ()
    screen: Screen = WHOLE


# -- shared wording ----------------------------------------------------------------------


def group_cells(rows: Sequence[GridRow]) -> Iterator[tuple[GridRow, str]]:
    """Each row with its group column: a group is named on its first row only, and a row no
    concept includes shows a dash, so it cannot be read as part of the group above it."""
    previous: tuple[Named, ...] | None = None
    for row in rows:
        if not row.groups:
            yield row, NO_GROUP
        else:
            yield row, group_text(row) if row.groups != previous else ""
        previous = row.groups


def names(items: Sequence[Named]) -> str:
    return "; ".join(item.label for item in items)


REFUTATION_HEADERS = [
    "Concept",
    "Studies supporting it",
    "Refuting study",
    "Its concept",
    "Why it refutes",
    "Accounted for by",
]


MIXED = " (mixed: it also supports the concept)"
"""After a refuting study that supports the concept too, through another of its concepts."""


def refutation_cells(row: RefutationRow) -> list[str]:
    """A refutation's cells as plain text, in the order of `REFUTATION_HEADERS`: the other
    side with its number of studies, and the refuting study marked mixed where it also
    supports the concept."""
    supporters = ", ".join(study.key for study in row.supporting)
    mixed = MIXED if row.mixed else ""
    return [
        row.concept.label,
        f"{supporters} ({len(row.supporting)})" if supporters else "none (0)",
        row.study.key + mixed,
        row.study_concept.label,
        row.note,
        row.accounted_for_by.label if row.accounted_for_by else "",
    ]


# -- Markdown -----------------------------------------------------------------------------


def render_markdown(tables: TranslationTables, view: View) -> str:
    """A Markdown document: the review's title, then translate's sections."""
    left_out = md.paragraph(md.escape(left_out_sentence(view.left_out))) if view.left_out else ""
    return (
        md.heading(1, view.title)
        + left_out
        + render_markdown_sections(tables, view.layout, level=2)
    )


def render_markdown_sections(
    tables: TranslationTables, layout: Layout, level: int, omit_empty: bool = False
) -> str:
    """The grid (or long rows), refutations and cumulative translation, headed at `level`.

    The report includes these at a deeper level and leaves out an empty table
    (`omit_empty`); translate says in a sentence that it is empty.
    """
    parts = [md.paragraph(md.escape(order_sentence(tables.order, tables.studies)))]
    kept = " of the studies kept" if tables.order.left_out else " yet"
    no_concept = f"No synthesised concept has translations{kept}.\n\n"
    if layout == "long":
        parts.append(md.heading(level, "Translations"))
        parts.append(_long_markdown(tables.long_rows) or f"No translations{kept}.\n\n")
    elif layout in ("third-order", "studies"):
        table = layout_table(tables, layout)
        parts.append(md.heading(level, table.title))
        parts.append(
            plain_table_markdown(table) + md.paragraph(md.escape(LAYOUT_LEGENDS[layout]))
            if table.rows and len(table.headers) > 1
            else no_concept
        )
    else:
        parts.append(md.heading(level, "Translation grid"))
        parts.append(_grid_markdown(tables) or no_concept)
    parts.append(_key_markdown(tables.studies))
    if tables.refutations or not omit_empty:
        parts.append(md.heading(level, "Refutational translations"))
        parts.append(_refutations_markdown(tables) or "No translation is refutational.\n\n")
    if tables.cumulative or not omit_empty:
        parts.append(md.heading(level, "Cumulative translation"))
        no_studies = "No studies are kept." if tables.order.left_out else "No studies."
        parts.append(_cumulative_markdown(tables) or md.paragraph(no_studies))
    return "".join(parts)


def _grid_markdown(tables: TranslationTables) -> str:
    grid = tables.grid
    if not grid.rows:
        return ""
    grouped = any(row.groups for row in grid.rows)
    headers = [*(["Higher-order concept"] if grouped else []), "Concept"]
    headers += [md.escape(study.key) for study in grid.studies] + ["n"]
    # rows made as the table is written: a grid of thousands of studies is never held whole
    rows = (
        [
            *([md.escape(group)] if grouped else []),
            md.escape(row.concept.label),
            *row.cell_texts(lambda entries: md.escape(cell_text(entries)), ""),
            str(row.supporting),
        ]
        for row, group in group_cells(grid.rows)
    )
    return md.table(headers, rows, numeric=[len(headers) - 1]) + md.paragraph(
        md.escape(GRID_LEGEND)
    )


def _key_markdown(studies: Sequence[StudyColumn]) -> str:
    if not studies:
        return ""
    items = []
    for study in studies:
        item = f"**{md.escape(study.key)}** {md.code(study.id)}:"
        if len(study.references) == 1:
            item += " " + md.escape(study.references[0])
        else:
            item += "".join(f"\n  - {md.escape(ref)}" for ref in study.references)
        items.append(item)
    return md.paragraph("Studies, in translation order:") + md.bullets(items)


def _long_markdown(rows: Sequence[LongRow]) -> str:
    if not rows:
        return ""
    headers = ["Concept", "Study", "Study concept", "Relation", "Note"]
    body = [
        [
            md.escape(row.concept.label),
            md.escape(row.study.key),
            md.escape(row.study_concept.label),
            row.relation,
            md.escape(row.note or ""),
        ]
        for row in rows
    ]
    return md.table(headers, body)


def _refutations_markdown(tables: TranslationTables) -> str:
    if not tables.refutations:
        return ""
    rows = [[md.escape(cell) for cell in refutation_cells(row)] for row in tables.refutations]
    accounted = sum(1 for row in tables.refutations if row.accounted_for_by)
    return md.table(REFUTATION_HEADERS, rows) + md.paragraph(
        f"{plural(len(rows), 'refutational translation')}, "
        f"{accounted} of them accounted for by a higher-order concept that includes the "
        "concept refuted."
    )


def _cumulative_markdown(tables: TranslationTables) -> str:
    if not tables.cumulative:
        return ""
    headers = ["#", "Study", "Introduced", "Matched", "Refuted", "Concepts so far"]
    rows = [
        [
            str(position),
            md.escape(row.study.key),
            md.escape(names(row.introduced)),
            md.escape(names(row.matched)),
            md.escape(names(row.refuted)),
            str(row.total),
        ]
        for position, row in enumerate(tables.cumulative, start=1)
    ]
    return md.table(headers, rows, numeric=[0, 5]) + md.paragraph(
        cumulative_legend(tables.cumulative)
    )


# -- CSV ---------------------------------------------------------------------------------


def render_csv(tables: TranslationTables, view: View) -> str:
    """The grid, or with another layout its table (one row per translation, per third-order
    construct, or per study), as one CSV table.

    The same tables, cell for cell, as `metaethno export csv` writes.
    """
    if view.layout in ("third-order", "studies"):
        return table_csv(layout_table(tables, view.layout))
    table = translations_table(tables) if view.layout == "long" else grid_table(tables)
    return table_csv(table)


# -- JSON --------------------------------------------------------------------------------


def render_json(tables: TranslationTables, view: View) -> str:
    """Every table at once, whatever the layout: a stable object with a `version` key, and
    `left_out` when studies are left out."""
    document = translation_json(tables)
    if view.left_out:
        document["left_out"] = [study.id for study in view.left_out]
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def translation_json(tables: TranslationTables) -> dict[str, Any]:
    """The JSON object of docs/translate.md."""
    order = tables.order
    return {
        "version": JSON_FORMAT_VERSION,
        "order": {"method": order.method, "index_study": order.index_study},
        "studies": [
            {"id": s.id, "key": s.key, "references": list(s.references)} for s in tables.studies
        ],
        "grid": [
            {
                "concept": row.concept.id,
                "label": row.concept.label,
                "groups": [group.id for group in row.groups],
                "cells": {
                    tables.grid.studies[index].id: [
                        {
                            "concept": entry.concept.id,
                            "label": entry.concept.label,
                            "relation": entry.relation,
                        }
                        for entry in entries
                    ]
                    for index, entries in row.filled.items()
                },
                "supporting_studies": row.supporting,
            }
            for row in tables.grid.rows
        ],
        "refutations": [
            {
                "concept": row.concept.id,
                "supporting_studies": [study.id for study in row.supporting],
                "study": row.study.id,
                "study_concept": row.study_concept.id,
                "note": row.note,
                "mixed": row.mixed,
                "accounted_for_by": row.accounted_for_by.id if row.accounted_for_by else None,
            }
            for row in tables.refutations
        ],
        "cumulative": [
            {
                "study": row.study.id,
                "introduced": [c.id for c in row.introduced],
                "matched": [c.id for c in row.matched],
                "refuted": [c.id for c in row.refuted],
                "total": row.total,
            }
            for row in tables.cumulative
        ],
        "translations": [
            {
                "concept": row.concept.id,
                "study": row.study.id,
                "study_concept": row.study_concept.id,
                "study_concept_label": row.study_concept.label,
                "relation": row.relation,
                "note": row.note,
            }
            for row in tables.long_rows
        ],
    }
