"""translate's tables as rich tables for a terminal, split to its width.

Builds on the wording of `render.translation`; nothing here writes.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from metaethno.analysis.translation import (
    CellEntry,
    LongRow,
    Named,
    TranslationTables,
    entry_text,
    group_text,
)
from metaethno.render import terminal
from metaethno.render.tables import Table as PlainTable
from metaethno.render.translation import (
    GRID_LEGEND,
    REFUTATION_HEADERS,
    View,
    cumulative_legend,
    left_out_sentence,
    names,
    order_sentence,
    refutation_cells,
)
from metaethno.render.translation_layouts import LAYOUT_LEGENDS, layout_table

if TYPE_CHECKING:
    from rich.table import Table
    from rich.text import Text

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
    if view.left_out:
        console.print(Text(left_out_sentence(view.left_out)), style="bold")
    console.print(Text(order_sentence(tables.order, tables.studies)), style="dim")
    console.print()
    if view.layout == "long":
        console.print(_rich_long(tables.long_rows))
    elif view.layout in ("third-order", "studies"):
        console.print(_rich_plain(layout_table(tables, view.layout)))
        console.print(Text(LAYOUT_LEGENDS[view.layout]), style="dim")
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
        console.print(Text(cumulative_legend(tables.cumulative)), style="dim")
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
        title = "Translation grid"
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


def _rich_plain(table: PlainTable) -> Table:
    """A table of plain values as a rich table."""
    from rich.text import Text

    numeric = [i for i, header in enumerate(table.headers) if header == "n"]
    rich = terminal.table(table.title, list(table.headers), numeric)
    for row in table.rows:
        rich.add_row(*(Text("" if value is None else str(value)) for value in row))
    return rich


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

    table = terminal.table("Refutational translations", REFUTATION_HEADERS)
    for row in tables.refutations:
        cells = [Text(cell) for cell in refutation_cells(row)]
        cells[2].stylize("red")
        table.add_row(*cells)
    return table


def _rich_cumulative(tables: TranslationTables) -> Table:
    from rich.text import Text

    headers = ["#", "Study", "Introduced", "Matched", "Refuted", "Concepts so far"]
    table = terminal.table("Cumulative translation", headers, numeric=[0, 5])
    for position, row in enumerate(tables.cumulative, start=1):
        table.add_row(
            Text(str(position)),
            Text(row.study.key),
            Text(names(row.introduced), style="green"),
            Text(names(row.matched)),
            Text(names(row.refuted), style="red"),
            Text(str(row.total)),
        )
    return table
