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
        widths = [_width([h, *(row[i] for row in table.rows)]) for i, h in enumerate(table.headers)]
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width + 2
        sheet.freeze_panes = f"{get_column_letter(table.frozen_columns + 1)}2"
        # a write-only sheet has these of Worksheet's too, which openpyxl's type hints omit
        printed = cast("Worksheet", sheet)
        _print_setup(printed, sum(width + 2 for width in widths))
        _fit_height(printed, 1, table.headers, widths)
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
            _fit_height(printed, number, row, widths)
            cells: list[object] = []
            for width, value in zip(widths, row, strict=True):
                if value is None:
                    cells.append(None)
                    continue
                cell = WriteOnlyCell(sheet, _cell(value, ILLEGAL_CHARACTERS_RE))
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"  # text that looks like a formula stays text
                long = isinstance(cell.value, str) and (
                    "\n" in cell.value or len(cell.value) > width
                )
                cell.alignment = wrapped if long else top
                cells.append(cell)
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


def _fit_height(
    sheet: Worksheet, number: int, values: Sequence[Value], widths: Sequence[int]
) -> None:
    """Row `number` as tall as the most lines a cell of it wraps to, at its column's width;
    set before the row is written, as a write-only sheet needs."""
    lines = max(
        (
            sum(max(1, math.ceil(len(line) / width)) for line in value.split("\n"))
            for value, width in zip(values, widths, strict=True)
            if isinstance(value, str)
        ),
        default=1,
    )
    if lines > 1:
        sheet.row_dimensions[number].height = min(MAX_HEIGHT, lines * LINE_HEIGHT)


def _cell(value: Value, illegal: re.Pattern[str]) -> Value:
    """A value as a cell can hold it: without the control characters Excel refuses."""
    return illegal.sub("", value) if isinstance(value, str) else value


def _width(values: Sequence[Value]) -> int:
    longest = max(
        (len(line) for value in values if value is not None for line in str(value).split("\n")),
        default=0,
    )
    return max(MIN_WIDTH, min(MAX_WIDTH, longest))
