"""translate's tables as rich tables for a terminal, split to its width.

Builds on the wording of `render.translation`; nothing here writes.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from metaethno.analysis.translation import (
    CellEntry,
    CumulativeRow,
    LongRow,
    Named,
    RefutationRow,
    StudyColumn,
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
    names,
    refutation_cells,
)
from metaethno.render.translation_layouts import LAYOUT_LEGENDS, layout_table
from metaethno.render.translation_wording import (
    cumulative_legend,
    left_out_sentence,
    order_sentence,
)

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

STUDY_COLUMN_WIDTH = 14
CONCEPT_COLUMN_WIDTH = 22


# The file each layout's table is written whole to, with --format csv; the other tables are
# written whole by --format markdown.
WHOLE_CSV = {
    "grid": "translation-grid.csv",
    "long": "translations.csv",
    "third-order": "third-order.csv",
    "studies": "translation-grid-studies.csv",
}
WHOLE_MARKDOWN = "--format markdown -o translation.md"
# The concept columns the studies layout shows of a wide grid, after the study column.
PLAIN_CONCEPT_COLUMNS = 4


def render_table(tables: TranslationTables, view: View) -> str:
    """Tables for a terminal of `view.width` columns, in colour or plain.

    A grid wider than the terminal is split into several tables of as many
    studies as fit, each repeating the concept column, so no cell is squeezed
    to a letter a line. Each table is cut to the view's screen, with a line
    naming the command that writes it whole.
    """
    from rich.padding import Padding
    from rich.text import Text

    screen = view.screen
    console = terminal.buffered_console(view.width, view.color)
    console.print(Text(view.title, style="bold"))
    if view.left_out:
        console.print(Text(left_out_sentence(view.left_out)), style="bold")
    console.print(Text(order_sentence(tables.order, tables.studies)), style="dim")
    console.print()
    csv = f"--format csv -o {WHOLE_CSV[view.layout]}"
    studies: Sequence[StudyColumn] = tables.studies[: screen.shown(len(tables.studies))]
    if view.layout == "long":
        rows = tables.long_rows
        console.print(_rich_long(rows[: screen.shown(len(rows))]))
        screen.print_left_out(console, [_rows(screen, len(rows))], "table", csv)
    elif view.layout in ("third-order", "studies"):
        plain = layout_table(tables, view.layout)
        columns = len(plain.headers)
        if view.layout == "studies" and not screen.whole:
            columns = min(columns, 1 + PLAIN_CONCEPT_COLUMNS)
        console.print(_rich_plain(plain, screen.shown(len(plain.rows)), columns))
        counts = [
            _rows(screen, len(plain.rows)),
            (len(plain.headers) - columns, "column", "columns"),
        ]
        screen.print_left_out(console, counts, "table", csv)
        console.print(Text(LAYOUT_LEGENDS[view.layout]), style="dim")
    else:
        studies = _print_grids(console, tables, view.width, screen)
        console.print(Text(GRID_LEGEND), style="dim")
    console.print()
    for study in studies:
        console.print(Text.assemble((study.key, "bold"), "  ", study.id))
        for paper in study.references:
            console.print(Padding(Text(paper), (0, 0, 0, 4)))
    more = len(tables.studies) - len(studies)
    screen.print_left_out(console, [(more, "study", "studies")], "list of studies", WHOLE_MARKDOWN)
    if tables.refutations:
        console.print()
        refutations = tables.refutations
        console.print(_rich_refutations(refutations[: screen.shown(len(refutations))]))
        screen.print_left_out(console, [_rows(screen, len(refutations))], "table", WHOLE_MARKDOWN)
    if tables.cumulative:
        console.print()
        cumulative = tables.cumulative
        console.print(_rich_cumulative(cumulative[: screen.shown(len(cumulative))]))
        screen.print_left_out(console, [_rows(screen, len(cumulative))], "table", WHOLE_MARKDOWN)
        console.print(Text(cumulative_legend(tables.cumulative)), style="dim")
    return terminal.printed_text(console)


def _rows(screen: terminal.Screen, total: int) -> tuple[int, str, str]:
    """The rows of a table of `total` that the screen leaves out, as a count for `Screen.print_left_out`."""
    return (total - screen.shown(total), "row", "rows")


def _per_table(width: int) -> int:
    """The studies a block of the grid holds at `width`."""
    # borders and padding: 3 characters a column, plus the concept and n columns
    fixed = CONCEPT_COLUMN_WIDTH + 3 + 4 + 3
    return max(1, (width - fixed) // (STUDY_COLUMN_WIDTH + 3))


def _print_grids(
    console: Console, tables: TranslationTables, width: int, screen: terminal.Screen
) -> Sequence[StudyColumn]:
    """The grid in blocks of as many studies as fit, cut to the screen; the studies shown."""
    grid = tables.grid
    per_table = _per_table(width)
    blocks = screen.blocks_shown(max(1, -(-len(grid.studies) // per_table)))
    for done, table in enumerate(_rich_grids(tables, per_table, blocks, screen)):
        console.print(table)
        screen.advance(done + 1, blocks)
    shown = grid.studies[: blocks * per_table]
    counts = [
        (len(grid.studies) - len(shown), "study", "studies"),
        (len(grid.rows) - screen.shown(len(grid.rows)), "concept", "concepts"),
    ]
    screen.print_left_out(console, counts, "grid", f"--format csv -o {WHOLE_CSV['grid']}")
    return shown


def _rich_grids(
    tables: TranslationTables, per_table: int, blocks: int, screen: terminal.Screen
) -> Iterator[Table]:
    """The grid's first `blocks` tables of `per_table` studies, and the rows the screen
    shows; each group of rows is headed by the higher-order concept(s) including it, in
    bold, and set apart from the next."""
    from rich.padding import Padding
    from rich.text import Text

    grid = tables.grid
    chunks = [grid.studies[i : i + per_table] for i in range(0, len(grid.studies), per_table)]
    rows = grid.rows[: screen.shown(len(grid.rows))]
    for number, chunk in enumerate((chunks or [()])[:blocks]):
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
        for row in rows:
            if row.groups != previous:
                if previous is not None:
                    table.add_section()
                if row.groups:
                    table.add_row(Text(group_text(row), style="bold"))
            previous = row.groups
            cells = [_rich_cell(row.cell(index)) for index in range(start, start + len(chunk))]
            label = Padding(Text(row.concept.label), (0, 0, 0, 2 if row.groups else 0))
            table.add_row(label, *cells, Text(str(row.supporting)))
        yield table


def _rich_plain(table: PlainTable, rows: int, columns: int) -> Table:
    """The first `rows` rows and `columns` columns of a table of plain values as a rich table."""
    from rich.text import Text

    headers = table.headers[:columns]
    numeric = [i for i, header in enumerate(headers) if header == "n"]
    rich = terminal.table(table.title, list(headers), numeric)
    for row in table.rows[:rows]:
        rich.add_row(*(Text("" if value is None else str(value)) for value in row[:columns]))
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


def _rich_refutations(rows: Sequence[RefutationRow]) -> Table:
    from rich.text import Text

    table = terminal.table("Refutational translations", REFUTATION_HEADERS)
    for row in rows:
        cells = [Text(cell) for cell in refutation_cells(row)]
        cells[2].stylize("red")
        table.add_row(*cells)
    return table


def _rich_cumulative(rows: Sequence[CumulativeRow]) -> Table:
    from rich.text import Text

    headers = ["#", "Study", "Introduced", "Matched", "Refuted", "Concepts so far"]
    table = terminal.table("Cumulative translation", headers, numeric=[0, 5])
    for position, row in enumerate(rows, start=1):
        table.add_row(
            Text(str(position)),
            Text(row.study.key),
            Text(names(row.introduced), style="green"),
            Text(names(row.matched)),
            Text(names(row.refuted), style="red"),
            Text(str(row.total)),
        )
    return table
