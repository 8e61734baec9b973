"""Render translate's tables as Markdown, CSV, JSON or rich terminal tables, chosen by name.

Each renderer takes the `TranslationTables` and returns a string; nothing here
writes. docs/translate.md describes every format, and the JSON shape in full.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from metaethno.analysis.ordering import StudyOrder
from metaethno.analysis.translation import (
    REFUTED_MARK,
    CellEntry,
    GridRow,
    LongRow,
    Named,
    StudyColumn,
    TranslationTables,
    cell_text,
    entry_text,
    group_text,
)
from metaethno.render import markdown as md
from metaethno.render import terminal
from metaethno.render.tables import grid_table, translations_table
from metaethno.render.tables import render_csv as table_csv

if TYPE_CHECKING:
    from rich.table import Table
    from rich.text import Text

Layout = Literal["grid", "long"]
JSON_FORMAT_VERSION = 1
NO_GROUP = "—"

GRID_LEGEND = (
    "Each cell holds the study's own concepts translated into the row's concept; "
    f"{REFUTED_MARK} marks a refutational translation, one that contradicts the concept. "
    "An empty cell means the study does not express the concept. "
    "n counts the studies that support it."
)


@dataclass(frozen=True)
class View:
    """How to show the tables: the layout, the review's title, and for the terminal its width
    and whether to use colour."""

    layout: Layout = "grid"
    title: str = ""
    width: int = 100
    color: bool = False


# -- shared wording ----------------------------------------------------------------------


def order_sentence(order: StudyOrder, studies: Sequence[StudyColumn]) -> str:
    """How the studies were ordered, in plain words (not yet escaped)."""
    if order.method == "index":
        key = next((s.key for s in studies if s.id == order.index_study), order.index_study)
        text = (
            f"Studies are translated into one another in index order: {key} is the index "
            "study, and the others follow by the year of their first paper."
        )
    elif order.method == "alphabetical":
        text = "Studies are translated into one another in alphabetical order of their ids."
    else:
        text = (
            "Studies are translated into one another in chronological order, by the year "
            "of their first paper, then id."
        )
    return f"{text} {order.rationale}" if order.rationale else text


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


def _names(items: Sequence[Named]) -> str:
    return "; ".join(item.label for item in items)


# -- Markdown -----------------------------------------------------------------------------


def render_markdown(tables: TranslationTables, view: View) -> str:
    """A Markdown document: the review's title, then translate's sections."""
    return md.heading(1, view.title) + render_markdown_sections(tables, view.layout, level=2)


def render_markdown_sections(
    tables: TranslationTables, layout: Layout, level: int, omit_empty: bool = False
) -> str:
    """The grid (or long rows), refutations and cumulative translation, headed at `level`.

    The report includes these at a deeper level and leaves out an empty table
    (`omit_empty`); translate says in a sentence that it is empty.
    """
    parts = [md.paragraph(md.escape(order_sentence(tables.order, tables.studies)))]
    if layout == "long":
        parts.append(md.heading(level, "Translations"))
        parts.append(_long_markdown(tables.long_rows) or "No translations yet.\n\n")
    else:
        parts.append(md.heading(level, "Reciprocal translation grid"))
        parts.append(_grid_markdown(tables) or "No synthesised concept has translations yet.\n\n")
    parts.append(_key_markdown(tables.studies))
    if tables.refutations or not omit_empty:
        parts.append(md.heading(level, "Refutational translations"))
        parts.append(_refutations_markdown(tables) or "No translation is refutational.\n\n")
    if tables.cumulative or not omit_empty:
        parts.append(md.heading(level, "Cumulative translation"))
        parts.append(_cumulative_markdown(tables) or "No studies.\n\n")
    return "".join(parts)


def _grid_markdown(tables: TranslationTables) -> str:
    grid = tables.grid
    if not grid.rows:
        return ""
    grouped = any(row.groups for row in grid.rows)
    headers = [*(["Higher-order concept"] if grouped else []), "Concept"]
    headers += [md.escape(study.key) for study in grid.studies] + ["n"]
    rows = []
    for row, group in group_cells(grid.rows):
        cells = [md.escape(group)] if grouped else []
        cells.append(md.escape(row.concept.label))
        cells += [md.escape(cell_text(entries)) for entries in row.cells]
        cells.append(str(row.supporting))
        rows.append(cells)
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
    headers = ["Concept", "Supported by", "Refuting study", "Its concept", "Why it refutes"]
    rows = [
        [
            md.escape(row.concept.label),
            md.escape(", ".join(study.key for study in row.supporting)),
            md.escape(row.study.key),
            md.escape(row.study_concept.label),
            md.escape(row.note),
        ]
        for row in tables.refutations
    ]
    return md.table(headers, rows)


def _cumulative_markdown(tables: TranslationTables) -> str:
    if not tables.cumulative:
        return ""
    headers = ["#", "Study", "Introduced", "Matched", "Refuted", "Concepts so far"]
    rows = [
        [
            str(position),
            md.escape(row.study.key),
            md.escape(_names(row.introduced)),
            md.escape(_names(row.matched)),
            md.escape(_names(row.refuted)),
            str(row.total),
        ]
        for position, row in enumerate(tables.cumulative, start=1)
    ]
    return md.table(headers, rows, numeric=[0, 5]) + md.paragraph(
        "Introduced: concepts the study is the first to support. Matched: concepts an "
        "earlier study introduced that it supports too. Concepts so far levels off as "
        "the synthesis saturates."
    )


# -- CSV ---------------------------------------------------------------------------------


def render_csv(tables: TranslationTables, view: View) -> str:
    """The grid, or with the long layout one row per translation, as one CSV table.

    The same tables, cell for cell, as `metaethno export csv` writes.
    """
    table = translations_table(tables) if view.layout == "long" else grid_table(tables)
    return table_csv(table)


# -- JSON --------------------------------------------------------------------------------


def render_json(tables: TranslationTables, view: View) -> str:  # noqa: ARG001 - one signature
    """Every table at once, whatever the layout: a stable object with a `version` key."""
    return json.dumps(translation_json(tables), indent=2, ensure_ascii=False) + "\n"


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
                    study.id: [
                        {
                            "concept": entry.concept.id,
                            "label": entry.concept.label,
                            "relation": entry.relation,
                        }
                        for entry in entries
                    ]
                    for study, entries in zip(tables.grid.studies, row.cells, strict=True)
                    if entries
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


# -- rich tables on the terminal ----------------------------------------------------------

STUDY_COLUMN_WIDTH = 14
CONCEPT_COLUMN_WIDTH = 22


def render_table(tables: TranslationTables, view: View) -> str:
    """Tables for a terminal of `view.width` columns, in colour or plain.

    A grid wider than the terminal is split into several tables of as many
    studies as fit, each repeating the concept column, so no cell is squeezed
    to a letter a line.
    """
    from rich.padding import Padding
    from rich.text import Text

    console = terminal.buffered_console(view.width, view.color)
    console.print(Text(view.title, style="bold"))
    console.print(Text(order_sentence(tables.order, tables.studies)), style="dim")
    console.print()
    if view.layout == "long":
        console.print(_rich_long(tables.long_rows))
    else:
        for table in _rich_grids(tables, view.width):
            console.print(table)
        console.print(Text(GRID_LEGEND), style="dim")
    console.print()
    for study in tables.studies:
        console.print(Text.assemble((study.key, "bold"), "  ", study.id))
        for paper in study.references:
            console.print(Padding(Text(paper), (0, 0, 0, 4)))
    if tables.refutations:
        console.print()
        console.print(_rich_refutations(tables))
    if tables.cumulative:
        console.print()
        console.print(_rich_cumulative(tables))
    return terminal.printed_text(console)


def _rich_grids(tables: TranslationTables, width: int) -> Iterator[Table]:
    """The grid in tables of as many studies as fit; each group of rows is headed by the
    higher-order concept(s) including it, in bold, and set apart from the next."""
    from rich.padding import Padding
    from rich.text import Text

    grid = tables.grid
    # borders and padding: 3 characters a column, plus the concept and n columns
    fixed = CONCEPT_COLUMN_WIDTH + 3 + 4 + 3
    per_table = max(1, (width - fixed) // (STUDY_COLUMN_WIDTH + 3))
    chunks = [grid.studies[i : i + per_table] for i in range(0, len(grid.studies), per_table)]
    for number, chunk in enumerate(chunks or [()]):
        start = number * per_table
        title = "Reciprocal translation grid"
        if len(chunks) > 1:
            title += f" (studies {start + 1}-{start + len(chunk)} of {len(grid.studies)})"
        table = terminal.table(title, ["Concept", *(s.key for s in chunk), "n"], [len(chunk) + 1])
        if len(chunks) > 1:  # narrow columns only where they buy room for more studies
            table.columns[0].max_width = CONCEPT_COLUMN_WIDTH
            for column in table.columns[1:-1]:
                column.max_width = STUDY_COLUMN_WIDTH
        previous: tuple[Named, ...] | None = None
        for row in grid.rows:
            if row.groups != previous:
                if previous is not None:
                    table.add_section()
                if row.groups:
                    table.add_row(Text(group_text(row), style="bold"))
            previous = row.groups
            cells = [_rich_cell(entries) for entries in row.cells[start : start + len(chunk)]]
            label = Padding(Text(row.concept.label), (0, 0, 0, 2 if row.groups else 0))
            table.add_row(label, *cells, Text(str(row.supporting)))
        yield table


def _rich_cell(entries: Sequence[CellEntry]) -> Text:
    from rich.text import Text

    text = Text()
    for position, entry in enumerate(entries):
        if position:
            text.append("; ")
        text.append(entry_text(entry), style="red" if entry.refutational else "")
    return text


def _rich_long(rows: Sequence[LongRow]) -> Table:
    from rich.text import Text

    table = terminal.table(
        "Translations", ["Concept", "Study", "Study concept", "Relation", "Note"]
    )
    for row in rows:
        style = "red" if row.relation == "refutational" else ""
        table.add_row(
            Text(row.concept.label),
            Text(row.study.key),
            Text(row.study_concept.label),
            Text(row.relation, style=style),
            Text(row.note or ""),
        )
    return table


def _rich_refutations(tables: TranslationTables) -> Table:
    from rich.text import Text

    headers = ["Concept", "Supported by", "Refuting study", "Its concept", "Why it refutes"]
    table = terminal.table("Refutational translations", headers)
    for row in tables.refutations:
        table.add_row(
            Text(row.concept.label),
            Text(", ".join(study.key for study in row.supporting)),
            Text(row.study.key, style="red"),
            Text(row.study_concept.label),
            Text(row.note),
        )
    return table


def _rich_cumulative(tables: TranslationTables) -> Table:
    from rich.text import Text

    headers = ["#", "Study", "Introduced", "Matched", "Refuted", "Concepts so far"]
    table = terminal.table("Cumulative translation", headers, numeric=[0, 5])
    for position, row in enumerate(tables.cumulative, start=1):
        table.add_row(
            Text(str(position)),
            Text(row.study.key),
            Text(_names(row.introduced), style="green"),
            Text(_names(row.matched)),
            Text(_names(row.refuted), style="red"),
            Text(str(row.total)),
        )
    return table


Renderer = Callable[[TranslationTables, View], str]

RENDERERS: dict[str, Renderer] = {
    "table": render_table,
    "markdown": render_markdown,
    "csv": render_csv,
    "json": render_json,
}
