"""The review's tables as one workbook (.xlsx): frozen headers, readable widths, and ready to
print: rows as tall as their wrapped text, the header row on every page, wide sheets landscape
and fitted to the page's width.

Needs openpyxl (the `xlsx` extra), imported only here.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Sequence
from itertools import compress, count, repeat
from operator import is_not
from typing import TYPE_CHECKING, cast

from metaethno.render.tables import Table, Value

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

# Column widths in characters: from the longest line of a column's cells, within these bounds.
MIN_WIDTH = 8
MAX_WIDTH = 60
# Points a line of Excel's default font (Calibri 11) takes, and Excel's tallest row.
LINE_HEIGHT = 15
MAX_HEIGHT = 409
# A sheet whose columns take more characters than this prints landscape.
PORTRAIT_CHARACTERS = 100


def render_xlsx(tables: Sequence[Table], title: str) -> bytes:
    """One workbook, a sheet per table: bold frozen headers with filters, columns as wide as
    their content (up to MAX_WIDTH characters) and long text wrapped.

    openpyxl's write-only mode streams the rows and writes no empty cell: a translation grid
    of thousands of studies by hundreds of concepts is mostly empty cells.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    workbook.properties.creator = "metaethno"
    workbook.properties.title = ILLEGAL_CHARACTERS_RE.sub("", title)[:255] or None
    bold = Font(bold=True)
    shaded = PatternFill("solid", fgColor="DDE4EE")
    top = Alignment(vertical="top")
    wrapped = Alignment(vertical="top", wrap_text=True)
    for table in tables:
        sheet = workbook.create_sheet(table.title[:31])  # Excel's limit on sheet names
        # the columns by transposing the rows: a grid's millions of cells without a Python loop
        widths = [_width(column) for column in zip(table.headers, *table.rows, strict=True)]
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width + 2
        sheet.freeze_panes = f"{get_column_letter(table.frozen_columns + 1)}2"
        # a write-only sheet has these of Worksheet's too, which openpyxl's type hints omit
        printed = cast("Worksheet", sheet)
        _print_setup(printed, sum(width + 2 for width in widths))
        _fit_height(printed, 1, _lines(table.headers, widths))
        if table.rows:
            sheet.auto_filter.ref = (
                f"A1:{get_column_letter(len(table.headers))}{len(table.rows) + 1}"
            )
        headers = []
        for header in table.headers:
            cell = WriteOnlyCell(sheet, ILLEGAL_CHARACTERS_RE.sub("", header))
            cell.font = bold
            cell.fill = shaded
            cell.alignment = wrapped
            note = table.notes.get(header)
            if note:
                cell.comment = Comment(note, "metaethno")
            headers.append(cell)
        sheet.append(headers)
        for number, row in enumerate(table.rows, start=2):
            lines = _lines(row, widths)
            _fit_height(printed, number, lines)
            cells: list[object] = list(row)
            # a grid's row is mostly empty cells: only the others are visited
            for index in compress(count(), map(is_not, row, repeat(None))):
                value = _cell(row[index], ILLEGAL_CHARACTERS_RE)
                long = isinstance(value, str) and ("\n" in value or len(value) > widths[index])
                # text a spreadsheet would read as a formula (=) or an error (#N/A)
                formula_like = isinstance(value, str) and value.startswith(("=", "#"))
                if not (long or formula_like or lines > 1):
                    cells[index] = value  # a plain value: the default cell, cheaper to write
                    continue
                cell = WriteOnlyCell(sheet, value)
                if formula_like:
                    cell.data_type = "s"  # stays the text it is
                # in a row taller than a line, every cell is aligned with the top of its text
                cell.alignment = wrapped if long else top
                cells[index] = cell
            sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _print_setup(sheet: Worksheet, characters: int) -> None:
    """The header row repeated on every printed page; a wide sheet landscape; every sheet as
    wide as one page, as many pages long as it takes."""
    sheet.print_title_rows = "1:1"
    if characters > PORTRAIT_CHARACTERS:
        sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    from openpyxl.worksheet.properties import PageSetupProperties

    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)


def _lines(values: Sequence[Value], widths: Sequence[int]) -> int:
    """The most lines a cell of the row wraps to, at its column's width (empty cells, most of
    a grid's, are skipped without a Python loop)."""
    return max(
        (
            sum(max(1, math.ceil(len(line) / widths[index])) for line in value.split("\n"))
            for index in compress(count(), values)
            if isinstance(value := values[index], str)
        ),
        default=1,
    )


def _fit_height(sheet: Worksheet, number: int, lines: int) -> None:
    """Row `number` as tall as its `lines`; set before the row is written, as a write-only
    sheet needs."""
    if lines > 1:
        sheet.row_dimensions[number].height = min(MAX_HEIGHT, lines * LINE_HEIGHT)


def _cell(value: Value, illegal: re.Pattern[str]) -> Value:
    """A value as a cell can hold it: without the control characters Excel refuses."""
    return illegal.sub("", value) if isinstance(value, str) else value


def _width(values: Sequence[Value]) -> int:
    """A column's width in characters: its longest line, within bounds. Empty cells, and
    zeros, which are narrower than the least width, are skipped without a Python loop."""
    longest = max(
        (len(line) for value in filter(None, values) for line in str(value).split("\n")),
        default=0,
    )
    return max(MIN_WIDTH, min(MAX_WIDTH, longest))
