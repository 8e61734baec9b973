"""The translation tables of the third-order and the studies layouts, as plain tables that
Markdown, CSV and the terminal render alike, with the legend of each."""

from __future__ import annotations

from typing import Literal

from metaethno.analysis.translation import REFUTED_MARK, TranslationTables
from metaethno.render import markdown as md
from metaethno.render.tables import Table, studies_grid_table, third_order_table

TableLayout = Literal["third-order", "studies"]

THIRD_ORDER_LEGEND = (
    "Each third-order construct, the reviewers' interpretation, with the second-order "
    f"constructs translated into it, each followed by its study; {REFUTED_MARK} marks one that "
    "contradicts it. A higher-order construct follows those it includes, with its own "
    "interpretation. Studies: every study behind the construct, through those it includes and "
    "the contradictions it accounts for, with their number."
)
STUDIES_LEGEND = (
    "Each row is a study, each column a synthesised concept (after its higher-order concept); "
    f"a cell holds the study's own concepts translated into it, {REFUTED_MARK} marking a "
    "refutational translation."
)
LAYOUT_LEGENDS = {"third-order": THIRD_ORDER_LEGEND, "studies": STUDIES_LEGEND}


def layout_table(tables: TranslationTables, layout: TableLayout) -> Table:
    """The plain table of the third-order or the studies layout."""
    return third_order_table(tables) if layout == "third-order" else studies_grid_table(tables)


def plain_table_markdown(table: Table) -> str:
    """A table of plain values as Markdown, every value escaped, numbers aligned right."""
    numeric = [i for i, h in enumerate(table.headers) if h == "n"]
    rows = [["" if v is None else md.escape(str(v)) for v in row] for row in table.rows]
    return md.table([md.escape(h) for h in table.headers], rows, numeric=numeric)


def third_order_markdown(tables: TranslationTables, level: int) -> str:
    """The third-order constructs under a heading at `level`, as the report shows them; empty
    when no concept has translations."""
    table = third_order_table(tables)
    if not table.rows:
        return ""
    return (
        md.heading(level, table.title)
        + plain_table_markdown(table)
        + md.paragraph(md.escape(THIRD_ORDER_LEGEND))
    )
